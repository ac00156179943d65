// title_zh: 期限内到期的措施
// title_en: Measures due in a period
// description: 完成日期在 start 与 end 之间（含两端）的措施及其牵头单位；只含有具体日期的措施。默认为 as_of（默认今天）起 90 天。 / Measures whose due date lies between start and end (inclusive), with their lead agencies; dated measures only. By default the 90 days from as_of (default today).
// param: as_of | date | today | 起算日，默认今天 / the day the period starts from; default today
// param: days | integer | 90 | 期限天数：start 之后的天数 / the period's length in days after start
// param: start | date | as_of | 起始日期（含），默认 as_of / first day (inclusive); default as_of
// param: end | date | start+days | 截止日期（含），默认 start 加 days 天 / last day (inclusive); default start plus days
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// columns: measure, source, seq, deadline, indicator, lead_names
// sorted-join: lead_names
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (m:Measure)-[:FROM]->(d:Document)
WHERE m.deadline_kind = 'date' AND m.deadline_date >= $p_start AND m.deadline_date <= $p_end
  AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
OPTIONAL MATCH (a:Agency)-[:LEADS]->(m)
WITH m, d, collect(a.name) AS lead_names
RETURN m.id AS measure, d.source AS source, m.seq AS seq, m.deadline_date AS deadline,
       head([(m)-[:ADDRESSES]->(i:Indicator) | i.name]) AS indicator, lead_names
ORDER BY deadline, source, m.line
