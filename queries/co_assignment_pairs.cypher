// title_zh: 共同承担措施的单位对
// title_en: Agency pairs sharing measures
// description: 同一措施中同时涉及（牵头或责任）的两个单位（仅 agency 类），及其共同措施数；agency_a 的标识小于 agency_b。 / Pairs of agencies (kind agency only) both involved (lead or responsible) in the same measures, with the number shared; agency_a's id sorts before agency_b's.
// param: limit | integer | 100 | 返回的单位对数（共同措施最多者），0 为全部 / number of pairs returned (most shared first); 0 = all
// param: min_shared | integer | 2 | 最少共同措施数 / minimum number of shared measures
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// columns: agency_a, name_a, agency_b, name_b, shared_count
// limit: limit
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(m:Measure)<-[:LEADS|RESPONSIBLE_FOR]-(b:Agency),
      (m)-[:FROM]->(d:Document)
WHERE a.id < b.id AND NOT a:Collective AND NOT b:Collective
  AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
WITH a, b, count(DISTINCT m.id) AS shared_count
WHERE shared_count >= $p_min_shared
RETURN a.id AS agency_a, a.name AS name_a, b.id AS agency_b, b.name AS name_b, shared_count
ORDER BY shared_count DESC, agency_a, agency_b
