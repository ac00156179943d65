// title_zh: 某行业在各辖区的牵头与责任情况
// title_en: One sector across jurisdictions
// description: 每个文件辖区的措施总数、由该行业单位牵头的措施数、由该行业单位负责的措施数，以及牵头占比（四位小数，四舍五入）。 / Per document jurisdiction: all measures, measures with a lead agency of the sector, measures with a responsible agency of the sector, and the lead share (4 decimals, half up).
// param: sector | string | 市场监管 | 行业名称 / sector name
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// columns: jurisdiction, measure_count, lead_count, responsible_count, lead_share
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:FROM]->(d:Document)
WHERE ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
OPTIONAL MATCH (l:Agency)-[:LEADS]->(m), (l)-[:IN_SECTOR]->(:Sector {name: $p_sector})
WITH d.jurisdiction AS jurisdiction, m, count(l) > 0 AS led
OPTIONAL MATCH (r:Agency)-[:RESPONSIBLE_FOR]->(m), (r)-[:IN_SECTOR]->(:Sector {name: $p_sector})
WITH jurisdiction, m, led, count(r) > 0 AS responsible
WITH jurisdiction,
     count(m) AS measure_count,
     count(CASE WHEN led THEN 1 END) AS lead_count,
     count(CASE WHEN responsible THEN 1 END) AS responsible_count
RETURN jurisdiction, measure_count, lead_count, responsible_count,
       round(10000.0 * lead_count / measure_count) / 10000.0 AS lead_share
ORDER BY jurisdiction IS NOT NULL, jurisdiction
