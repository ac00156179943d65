// title_zh: 各单位工作量（牵头、责任与涉及措施数）
// title_en: Workload per agency (lead, responsible and involved measures)
// description: 每个单位牵头、负责的措施数与涉及的不同措施数；可按文件辖区（含下级辖区）和单位行业筛选。 / For each agency, the measures it leads, is responsible for, and is involved in (distinct); filter by the document's place (places under it included) and the agency's sector.
// param: jurisdiction | place | all | 地方全称（如 福州市，含其下各县区），all 为全部 / a place's full name (e.g. 福州市, the places under it included); all = every one
// param: sector | string | all | 单位所属行业（如 市场监管），all 为全部 / the agency's sector (e.g. 市场监管); all = every one
// param: limit | integer | 100 | 返回的单位数（牵头措施最多者），0 为全部 / number of agencies returned (most measures led first); 0 = all
// columns: agency, name, kind, jurisdiction, sector, lead_count, responsible_count, measure_count
// limit: limit
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m:Measure)-[:FROM]->(d:Document)
WHERE ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
WITH a,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m.id END) AS lead_count,
     count(DISTINCT CASE WHEN type(r) = 'RESPONSIBLE_FOR' THEN m.id END) AS responsible_count,
     count(DISTINCT m.id) AS measure_count
WITH a, lead_count, responsible_count, measure_count,
     head([(a)-[:IN]->(j:Jurisdiction) | j.name]) AS jurisdiction,
     head([(a)-[:IN_SECTOR]->(s:Sector) | s.name]) AS sector
WHERE $p_sector = 'all' OR sector = $p_sector
RETURN a.id AS agency, a.name AS name,
       CASE WHEN a:Collective THEN 'collective' ELSE 'agency' END AS kind,
       jurisdiction, sector, lead_count, responsible_count, measure_count
ORDER BY lead_count DESC, measure_count DESC, agency
