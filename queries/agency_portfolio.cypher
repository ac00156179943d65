// title_zh: 单位任务清单
// title_en: Agency portfolio
// description: 一个单位牵头或负责的全部措施（既牵头又负责时各一行）。默认 top：涉及措施最多的单位（并列取标识最小者）；也可给单位标识或完整名称。 / Every measure an agency leads or is responsible for (two rows when both). Default top: the agency involved in most measures (ties: smallest id); or give an agency id or its exact name.
// param: agency | string | top | 单位标识或完整名称；top 为涉及措施最多的单位 / agency id or exact name; top = the agency involved in most measures
// param: jurisdiction | place | all | 地方全称（含其下各县区）：只看该地文件的措施，all 为全部 / a place's full name (the places under it included): only the measures of its documents; all = every one
// columns: agency, name, measure, source, seq, role, indicator, deadline, measure_text
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (ta:Agency)-[:LEADS|RESPONSIBLE_FOR]->(tm:Measure)-[:FROM]->(d:Document)
WHERE $p_agency = 'top' AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
WITH ta.id AS top_id, count(DISTINCT tm.id) AS involved
ORDER BY involved DESC, top_id
LIMIT 1
WITH collect(top_id) AS tops
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m:Measure)-[:FROM]->(d:Document)
WHERE CASE WHEN $p_agency = 'top' THEN a.id IN tops ELSE a.id = $p_agency OR a.name = $p_agency END
  AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
RETURN a.id AS agency, a.name AS name, m.id AS measure, d.source AS source, m.seq AS seq,
       CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'responsible' END AS role,
       head([(m)-[:ADDRESSES]->(i:Indicator) | i.name]) AS indicator,
       coalesce(m.deadline_date, m.deadline_kind) AS deadline, m.text AS measure_text
ORDER BY source, m.line, role
