// title_zh: 无牵头单位的措施
// title_en: Measures without a lead agency
// description: 没有任何牵头单位（未能对应到单位）的措施。 / Measures with no lead agency (none of their lead names resolved to an agency).
// param: jurisdiction | string | all | 文件所属辖区全称，all 为全部 / the document's jurisdiction, full name; all = every one
// columns: measure, source, seq, indicator, measure_text
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:FROM]->(d:Document)
WHERE NOT (m)<-[:LEADS]-(:Agency)
  AND ($p_jurisdiction = 'all' OR d.jurisdiction = $p_jurisdiction)
RETURN m.id AS measure, d.source AS source, m.seq AS seq,
       head([(m)-[:ADDRESSES]->(i:Indicator) | i.name]) AS indicator, m.text AS measure_text
ORDER BY source, m.line
