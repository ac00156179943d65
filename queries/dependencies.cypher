// title_zh: 单位间依赖关系（牵头→配合）
// title_en: Who depends on whom (lead → partner)
// description: 每个牵头单位须协调的单位（同一措施中的其他牵头或责任单位，仅 agency 类）及共同措施数；按共同措施数排序。 / For each lead agency, the agencies it must coordinate (the other lead or responsible agencies of the measures it leads; kind agency only) and the measures they share; heaviest first.
// param: limit | integer | 100 | 返回的依赖关系数（共同措施最多者），0 为全部 / number of dependencies returned (most shared first); 0 = all
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// param: indicator | string | all | 规范指标名称，all 为全部 / canonical indicator name; all = every one
// columns: lead, lead_name, partner, partner_name, shared_count
// limit: limit
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (a:Agency)-[:LEADS]->(m:Measure)-[:FROM]->(d:Document)
WHERE NOT a:Collective
  AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
OPTIONAL MATCH (m)-[:ADDRESSES]->(i:Indicator)
WITH a, m, i
WHERE $p_indicator = 'all' OR i.name = $p_indicator
MATCH (b:Agency)-[:LEADS|RESPONSIBLE_FOR]->(m)
WHERE b.id <> a.id AND NOT b:Collective
WITH a, b, count(DISTINCT m.id) AS shared_count
RETURN a.id AS lead, a.name AS lead_name, b.id AS partner, b.name AS partner_name, shared_count
ORDER BY shared_count DESC, lead, partner
