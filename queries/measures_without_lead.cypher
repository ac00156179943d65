// title_zh: 无牵头单位的措施
// title_en: Measures without a lead agency
// description: 没有任何牵头单位（未能对应到单位）的措施。 / Measures with no lead agency (none of their lead names resolved to an agency).
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// columns: measure, source, seq, indicator, measure_text
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:FROM]->(d:Document)
WHERE NOT (m)<-[:LEADS]-(:Agency)
  AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
RETURN m.id AS measure, d.source AS source, m.seq AS seq,
       head([(m)-[:ADDRESSES]->(i:Indicator) | i.name]) AS indicator, m.text AS measure_text
ORDER BY source, m.line
