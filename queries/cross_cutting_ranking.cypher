// title_zh: 跨指标单位排名
// title_en: Cross-cutting agencies ranking
// description: 单位（仅 agency 类）所涉措施覆盖的不同规范指标数，按指标数、措施数排名。 / Agencies (kind agency only) ranked by the number of distinct canonical indicators their measures address, then by measures.
// param: limit | integer | 20 | 返回的单位数，0 为全部 / number of agencies returned; 0 = all
// param: jurisdiction | place | all | 地方全称（含其下各县区），all 为全部 / a place's full name (the places under it included); all = every one
// param: indicators | one of inferred, printed | inferred | 计入的指标：inferred 为印发指标，未印发时计置信度 ≥ 0.4 的推断指标；printed 只计印发指标 / indicators counted: inferred = the printed one, else the inferred one at confidence ≥ 0.4; printed = printed only
// columns: agency, name, jurisdiction, sector, indicator_count, measure_count, lead_count, indicators_counted
// limit: limit
// binding: parameter NAME is bound to $p_NAME by the driver (?p_NAME in the .rq twin)
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m:Measure)-[:FROM]->(d:Document)
WHERE NOT a:Collective AND ($p_jurisdiction = 'all' OR $p_jurisdiction IN [d.jurisdiction, d.parent, d.province])
// the one indicator a measure counts under (policykg.indicator_counting.counted_indicator):
// printed (one of the 18), else, with indicators=inferred, the inferred one at DEFAULT_THRESHOLD (0.4),
// else a printed local category; INFERRED exists only where none of the 18 is printed
OPTIONAL MATCH (m)-[:ADDRESSES]->(p:Indicator)
OPTIONAL MATCH (m)-[ri:INFERRED]->(q:Indicator)
WHERE $p_indicators = 'inferred' AND ri.confidence >= 0.4
WITH a, r, m, coalesce(q.name, p.name) AS indicator
WITH a,
     count(DISTINCT indicator) AS indicator_count,
     count(DISTINCT m.id) AS measure_count,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m.id END) AS lead_count
RETURN a.id AS agency, a.name AS name,
       head([(a)-[:IN]->(j:Jurisdiction) | j.name]) AS jurisdiction,
       head([(a)-[:IN_SECTOR]->(s:Sector) | s.name]) AS sector,
       indicator_count, measure_count, lead_count,
       CASE WHEN $p_indicators = 'inferred' THEN 'printed+inferred' ELSE 'printed' END AS indicators_counted
ORDER BY indicator_count DESC, measure_count DESC, agency
