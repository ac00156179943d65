// title_zh: 各指标的措施数与参与单位数
// title_en: Measures and agencies per indicator
// description: 每个规范指标的措施数、涉及的不同单位数与牵头单位数（仅 agency 类；无指标的措施不计）。 / For each canonical indicator: measures, distinct involved agencies and distinct lead agencies (kind agency only; measures without an indicator are left out).
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// columns: indicator, measure_count, agency_count, lead_agency_count
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:ADDRESSES]->(i:Indicator), (m)-[:FROM]->(d:Document)
WHERE ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
OPTIONAL MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m)
WHERE NOT a:Collective
WITH i.name AS indicator,
     count(DISTINCT m.id) AS measure_count,
     count(DISTINCT a.id) AS agency_count,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN a.id END) AS lead_agency_count
RETURN indicator, measure_count, agency_count, lead_agency_count
ORDER BY measure_count DESC, indicator
