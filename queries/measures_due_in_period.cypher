// title_zh: 期限内到期的措施
// title_en: Measures due in a period
// description: 完成日期在 start 与 end 之间（含两端）的措施及其牵头单位；只含有具体日期的措施。 / Measures whose due date lies between start and end (inclusive), with their lead agencies; dated measures only.
// param: start | date | 1900-01-01 | 起始日期（含） / first day (inclusive)
// param: end | date | 2100-12-31 | 截止日期（含） / last day (inclusive)
// columns: measure, source, seq, deadline, indicator, lead_names
// sorted-join: lead_names
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:FROM]->(d:Document)
WHERE m.deadline_kind = 'date' AND m.deadline_date >= $p_start AND m.deadline_date <= $p_end
OPTIONAL MATCH (a:Agency)-[:LEADS]->(m)
WITH m, d, collect(a.name) AS lead_names
RETURN m.id AS measure, d.source AS source, m.seq AS seq, m.deadline_date AS deadline,
       head([(m)-[:ADDRESSES]->(i:Indicator) | i.name]) AS indicator, lead_names
ORDER BY deadline, source, m.line
