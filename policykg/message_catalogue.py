"""The message catalogue: every text policykg shows a person, by key, in Chinese and English.

Sections are plain dicts (key → {"zh": …, "en": …}) merged into `MESSAGES`; add a
key to the section of the module that shows it. Templates take named values
(``{path}``, ``{count}``); a code stored in data (a row warning such as
``"seq_inferred:93"``) passes what follows its colon as ``{detail}`` and its
"|"-separated parts as ``{d0}``, ``{d1}``…. `policykg.messages.render` is the one
function that turns a key into text; tests check every key has both languages
and every placeholder in both.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "SECTIONS"]

# Reading: row warnings, rejects, document problems, command summaries (codes stored in rows; `{detail}` and `{d0}`… come after a colon).
READING: dict[str, dict[str, str]] = {
    # --- row warnings (loaders) -------------------------------------------------
    "seq_inferred": {
        "zh": "该行未印序号，按上下文推定为 {detail}",
        "en": "row printed without a number; numbered {detail} from its neighbours",
    },
    "seq_missing": {
        "zh": "该行未印序号，且上下文序号未留出空位",
        "en": "row printed without a number, and the numbering leaves no room for one",
    },
    "seq_duplicate": {
        "zh": "序号 {detail} 重复出现",
        "en": "number {detail} appears more than once",
    },
    "seq_gap": {
        "zh": "序号不连续：缺少 {detail}",
        "en": "numbering skips {detail}",
    },
    "shifted_cells": {
        "zh": "单元格错位，已按内容重新对齐（{detail}）",
        "en": "cells were shifted; realigned by content ({detail})",
    },
    "extra_cell_dropped": {
        "zh": "多余的单元格已忽略：{detail}",
        "en": "surplus cell ignored: {detail}",
    },
    "cells_merged": {
        "zh": "多个单元格合并为一栏（{detail}）",
        "en": "several cells merged into one column ({detail})",
    },
    "indicator_inherited": {
        "zh": "指标栏为空，沿用上一行（合并单元格）",
        "en": "indicator cell empty; inherited from the row above (merged cell)",
    },
    "lead_inherited": {
        "zh": "牵头单位为空，沿用上一行：{detail}",
        "en": "lead cell empty; inherited from the row above: {detail}",
    },
    "lead_inherited_across_indicator": {
        "zh": "牵头单位为空且指标已变化，仍沿用上一行（合并单元格跨指标）：{detail}",
        "en": "lead cell empty under a new indicator; inherited across it (merged cell): {detail}",
    },
    "responsible_inherited": {
        "zh": "责任单位为空，沿用上一行：{detail}",
        "en": "responsible cell empty; inherited from the row above: {detail}",
    },
    "deadline_inherited": {
        "zh": "完成时限为空，沿用上一行：{detail}",
        "en": "deadline cell empty; inherited from the row above: {detail}",
    },
    "item_inherited": {
        "zh": "改革事项为空，沿用上一行",
        "en": "item cell empty; inherited from the row above",
    },
    "lead_marked_in_cell": {
        "zh": "牵头单位取自单元格中标注“牵头”的单位",
        "en": "lead taken from the unit marked 牵头 in the cell",
    },
    "lead_from_first_listed": {
        "zh": "文件说明排在第一位的为牵头单位，据此取第一个单位为牵头",
        "en": "the document says the first unit listed leads; the first one was taken as lead",
    },
    "no_lead": {
        "zh": "未能确定牵头单位",
        "en": "no lead unit could be determined",
    },
    "deadline_unparsed": {
        "zh": "完成时限无法解析为日期：{detail}",
        "en": "deadline could not be read as a date: {detail}",
    },
    "deadline_no_year": {
        "zh": "完成时限未写年份，且文件未给出计划年度：{detail}",
        "en": "deadline gives no year and the document gives no plan year: {detail}",
    },
    "deadline_multiple": {
        "zh": "完成时限含多个日期，取最晚者：{detail}",
        "en": "deadline gives several dates; the latest was taken: {detail}",
    },
    "deadline_year_assumed": {
        "zh": "完成时限未写年份，按计划年度 {detail} 计",
        "en": "deadline gives no year; plan year {detail} assumed",
    },
    "indicator_unknown": {
        "zh": "类别不是评价指标，作为主题保留：{detail}",
        "en": "category is not an evaluation indicator; kept as a theme: {detail}",
    },
    "row_truncated": {
        "zh": "该行在文件末尾被截断，已读取现有内容",
        "en": "row cut off at the end of the file; what is there was read",
    },
    "duplicate_unit": {
        "zh": "同一单位在一栏中重复出现：{detail}",
        "en": "the same unit appears twice in one cell: {detail}",
    },
    "collective_dropped_after_deng": {
        "zh": "“等”后的集合名称已省略：{detail}",
        "en": "collective after 等 dropped: {detail}",
    },
    "row_continued_across_lines": {
        "zh": "该行跨多行书写，已拼接",
        "en": "row written across several lines; joined",
    },
    # --- rejects ----------------------------------------------------------------
    "reject_no_measure": {
        "zh": "具体措施为空，该行未解析",
        "en": "measure is empty; row not read",
    },
    "reject_unreadable": {
        "zh": "无法识别该行的内容，未解析",
        "en": "row content could not be recognised; not read",
    },
    # --- command summaries --------------------------------------------------------
    "nothing_read": {
        "zh": "没有读到任何任务行（见上方各文件的说明）",
        "en": "no task rows could be read (see the messages above for each file)",
    },
    "extract_total": {
        "zh": "合计：{rows} 行，{rejects} 行未解析",
        "en": "in all: {rows} rows, {rejects} rejected",
    },
    # --- document problems ------------------------------------------------------
    "doc_empty": {
        "zh": "文件为空",
        "en": "the file is empty",
    },
    "doc_binary": {
        "zh": "不是文本文件（含二进制内容），无法读取",
        "en": "not a text file (binary content); cannot be read",
    },
    "doc_no_table": {
        "zh": "未找到任务分工表或任务清单",
        "en": "no task table or task list found",
    },
    "doc_encoding": {
        "zh": "按 {detail} 编码读取",
        "en": "read as {detail}",
    },
    "doc_undecodable": {
        "zh": "无法识别文本编码",
        "en": "the text encoding could not be recognised",
    },
    "doc_truncated": {
        "zh": "任务表在文件末尾中断：第 {detail} 行不完整，已读取现有内容",
        "en": "the task table stops mid-row at the end of the file: line {detail} is incomplete; what is there was read",
    },
    "doc_not_found": {
        "zh": "文件不存在",
        "en": "file not found",
    },
    "doc_unsupported": {
        "zh": "不支持的文件格式：{detail}",
        "en": "unsupported file format: {detail}",
    },
}

# Property graph over Bolt.
BOLT: dict[str, dict[str, str]] = {
    "bolt_unreachable": {
        "zh": "无法连接 Bolt 服务器 {uri}（{reason}）；请确认服务器已启动、地址与端口正确（--uri 或 NEO4J_URI）",
        "en": "cannot reach the Bolt server at {uri} ({reason}); is it running, and are the host and port right "
              "(--uri or NEO4J_URI)?",
    },
    "bolt_auth": {
        "zh": "Bolt 服务器 {uri} 拒绝登录（用户 {user}）；请检查 --user / NEO4J_USERNAME 与 NEO4J_PASSWORD",
        "en": "the Bolt server at {uri} refused the login (user {user}); check --user / NEO4J_USERNAME and "
              "NEO4J_PASSWORD",
    },
    "bolt_bad_uri": {
        "zh": "无效的 Bolt 地址 {uri}；应形如 bolt://127.0.0.1:7687 或 neo4j://主机:7687",
        "en": "{uri} is not a Bolt address; use e.g. bolt://127.0.0.1:7687 or neo4j://host:7687",
    },
    "bolt_lost": {
        "zh": "与 Bolt 服务器 {uri} 的连接中断（{reason}）；已写入的文件完整，未写完的文件没有留下任何内容",
        "en": "lost the Bolt server at {uri} ({reason}); documents already written are complete, the one being "
              "written left nothing behind",
    },
    "bolt_refused": {
        "zh": "Bolt 服务器 {uri} 拒绝执行：{reason}",
        "en": "the Bolt server at {uri} refused the statement: {reason}",
    },
    "bolt_too_long": {
        "zh": "语句连同参数超过 {budget} 字节，FalkorDB（{uri}）的 Bolt 接口无法接收（超过 4 KB 会使服务器崩溃）；请缩短查询",
        "en": "the statement with its parameters exceeds {budget} bytes, more than FalkorDB's Bolt interface at {uri} "
              "can take (over 4 KB crashes the server); shorten the query",
    },
    "bolt_falkordb_unknown": {
        "zh": "FalkorDB 经 Bolt 不给出原因；请检查语法，并只用 docs/cypher.md 所列两者共有的 Cypher",
        "en": "FalkorDB gives no reason over Bolt; check the syntax and keep to the Cypher both servers run "
              "(docs/cypher.md)",
    },
    "bolt_database": {
        "zh": "Bolt 服务器 {uri} 上没有数据库 {database}（--database 或 NEO4J_DATABASE）",
        "en": "the Bolt server at {uri} has no database {database} (--database or NEO4J_DATABASE)",
    },
}

# RDF store commands: build, export, validate, serve, publish.
GRAPH_COMMANDS: dict[str, dict[str, str]] = {
    "graph_document_written": {"zh": "{source}：{measures} 条措施", "en": "{source}: {measures} measures"},
    "graph_built": {"zh": "已写入 {documents} 份文件、{measures} 条措施、{quads} 个四元组 → {store}（{seconds:.2f} 秒）",
                    "en": "wrote {documents} documents, {measures} measures, {quads} quads → {store} ({seconds:.2f} s)"},
    "graph_conforms": {"zh": "图符合约束：已检查 {triples} 条陈述，无违规",
                       "en": "the graph conforms to the shapes: {triples} statements checked, no violations"},
    "graph_violations": {"zh": "图不符合约束：{count} 处违规（见上表）",
                         "en": "the graph does not conform: {count} violations (see the table above)"},
    "graph_optimized": {"zh": "已压缩存储（{seconds:.2f} 秒）", "en": "store compacted ({seconds:.2f} s)"},
    "graph_validating": {"zh": "SHACL 校验：第 {done}/{total} 部分", "en": "SHACL validation: part {done}/{total}"},
    "graph_exported": {"zh": "已导出 {fmt} → {path}", "en": "exported {fmt} → {path}"},
    "serve_building": {"zh": "正在把文件构建到临时库 {path}", "en": "building the documents into a temporary store at {path}"},
    "serve_started": {"zh": "SPARQL 端点：{query}（查询页 {url}/，{mode}）。按 Ctrl-C 停止。",
                      "en": "SPARQL endpoint: {query} (query page {url}/, {mode}). Press Ctrl-C to stop."},
    "serve_read_only": {"zh": "只读", "en": "read-only"},
    "serve_writable": {"zh": "可写：更新 {update}，图存储 {store}", "en": "writable: update {update}, graph store {store}"},
    "serve_stopped": {"zh": "服务已停止", "en": "server stopped"},
    "publish_graph": {"zh": "<{graph}>：{triples} 个三元组（HTTP {status}）",
                      "en": "<{graph}>: {triples} triples (HTTP {status})"},
    "publish_done": {"zh": "已发布 {graphs} 个命名图、{triples} 个三元组 → {endpoint}",
                     "en": "published {graphs} named graphs, {triples} triples → {endpoint}"},
}

# Property-graph commands: neo4j push/export, cypher.
NEO4J_COMMANDS: dict[str, dict[str, str]] = {
    "neo4j_connected": {"zh": "已连接 {uri}（{server}）", "en": "connected to {uri} ({server})"},
    "neo4j_pushing": {"zh": "写入", "en": "pushing"},
    "neo4j_pushed": {
        "zh": "已写入 {documents} 份文件、{measures} 条措施（{statements} 条语句，{seconds:.2f} 秒，{rate:.0f} 行/秒）；"
              "图中共有 {nodes} 个节点、{relationships} 条关系",
        "en": "pushed {documents} documents, {measures} measures ({statements} statements, {seconds:.2f} s, "
              "{rate:.0f} rows/s); the graph holds {nodes} nodes and {relationships} relationships",
    },
    "neo4j_indexes": {"zh": "已建立 {count} 个索引/约束", "en": "created {count} indexes/constraints"},
    "neo4j_exported": {
        "zh": "已导出 {nodes} 个节点文件、{relationships} 个关系文件、import.args 与 load.cypher → {directory}",
        "en": "exported {nodes} node files, {relationships} relationship files, import.args and load.cypher → "
              "{directory}",
    },
}

# The report command.
REPORT_COMMAND: dict[str, dict[str, str]] = {
    "report_unknown_jurisdiction": {
        "zh": "没有辖区为“{jurisdiction}”的文件；可选：{choices}",
        "en": "no document has jurisdiction “{jurisdiction}”; choose one of: {choices}",
    },
    "report_written": {
        "zh": "报告已写入 {path}：{agencies} 个单位、{collectives} 个集合性单位，{measures} 项措施",
        "en": "report written to {path}: {agencies} agencies, {collectives} collectives, {measures} measures",
    },
    "report_progress": {
        "zh": "写入工作簿",
        "en": "writing workbook",
    },
}

# The viz command.
VIZ_COMMAND: dict[str, dict[str, str]] = {
    "viz_writing": {"zh": "正在写入 {name}", "en": "writing {name}"},
    "viz_done": {"zh": "已写入 {count} 个文件 → {path}（{seconds:.1f} 秒）；用浏览器打开 dashboard.html（无需联网）",
                 "en": "wrote {count} files → {path} ({seconds:.1f} s); open dashboard.html in a browser (no network needed)"},
}

# Labels of the offline HTML views and pictures.
VIEWS: dict[str, dict[str, str]] = {
    "viz_dashboard_title": {"zh": "营商环境任务分工 · 可视化总览", "en": "Business-environment task assignment · dashboard"},
    "viz_network_title": {"zh": "部门协作网络", "en": "Agency collaboration network"},
    "viz_heatmap_title": {"zh": "部门 × 指标 热力图", "en": "Agency × indicator heatmap"},
    "viz_timeline_title": {"zh": "完成时限时间轴（每月到期措施）", "en": "Deadline timeline (measures due per month)"},
    "viz_open_alone": {"zh": "单独打开", "en": "open on its own"},
    "viz_jurisdiction": {"zh": "辖区（文件）", "en": "Jurisdiction (document)"},
    "viz_indicator": {"zh": "指标", "en": "Indicator"},
    "viz_all": {"zh": "全部", "en": "all"},
    "viz_lead_only": {"zh": "仅牵头关系（箭头：牵头→配合）", "en": "lead links only (arrow: lead → partner)"},
    "viz_measure_nodes": {"zh": "显示措施节点", "en": "show measures as nodes"},
    "viz_too_many_measures": {"zh": "措施过多（{detail} 项），请先按辖区或指标筛选", "en": "too many measures ({detail}); filter by jurisdiction or indicator first"},
    "viz_status": {"zh": "显示 {d0} 个节点、{d1} 条连线、{d2} 项措施", "en": "{d0} nodes, {d1} links, {d2} measures shown"},
    "viz_legend": {"zh": "图例", "en": "Legend"},
    "viz_legend_size": {"zh": "节点大小：跨领域负荷；连线粗细：共同承担的措施数", "en": "Node size: cross-cutting load; link width: measures shared"},
    "viz_collapsed": {"zh": "其他{d0}单位（{d1} 个）", "en": "other {d0} units ({d1})"},
    "viz_collapsed_note": {"zh": "共 {d0} 个单位，按跨领域负荷显示前 {d1} 个，其余按领域合并", "en": "{d0} units; the top {d1} by cross-cutting load are shown, the rest merged by sector"},
    "viz_no_sector": {"zh": "未分类", "en": "unclassified"},
    "viz_measure": {"zh": "措施", "en": "Measure"},
    "viz_agency": {"zh": "单位", "en": "Agency"},
    "viz_sector": {"zh": "领域", "en": "Sector"},
    "viz_lead_count": {"zh": "牵头措施", "en": "Measures led"},
    "viz_responsible_count": {"zh": "配合措施", "en": "Measures as partner"},
    "viz_weighted_load": {"zh": "加权负荷", "en": "Weighted load"},
    "viz_indicator_breadth": {"zh": "涉及指标数", "en": "Indicators spanned"},
    "viz_partner_count": {"zh": "协作单位数", "en": "Partners"},
    "viz_betweenness": {"zh": "中介中心性", "en": "Betweenness"},
    "viz_cross_cutting": {"zh": "跨领域负荷", "en": "Cross-cutting load"},
    "viz_overdue": {"zh": "已逾期", "en": "Overdue"},
    "viz_ongoing_share": {"zh": "长期任务占比", "en": "Ongoing share"},
    "viz_in_filter": {"zh": "当前筛选下的措施", "en": "Measures in this filter"},
    "viz_deadline": {"zh": "完成时限", "en": "Deadline"},
    "viz_source": {"zh": "来源", "en": "Source"},
    "viz_lead": {"zh": "牵头", "en": "lead"},
    "viz_responsible": {"zh": "配合", "en": "partner"},
    "viz_filter_name": {"zh": "按单位名称筛选…", "en": "filter by agency name…"},
    "viz_total": {"zh": "合计", "en": "Total"},
    "viz_rows_shown": {"zh": "显示 {d0} / {d1} 个单位（按措施数排序），点击表头排序", "en": "{d0} of {d1} agencies shown (by measures); click a header to sort"},
    "viz_cell": {"zh": "{d0} × {d1}：{d2} 项措施（牵头 {d3}）", "en": "{d0} × {d1}: {d2} measures ({d3} led)"},
    "viz_due_cell": {"zh": "{d0}：{d1} 到期 {d2} 项", "en": "{d0}: {d2} due in {d1}"},
    "viz_due_total": {"zh": "{d0} 到期措施共 {d1} 项", "en": "{d1} measures due in {d0}"},
    "viz_month": {"zh": "月份", "en": "Month"},
    "viz_measures_due": {"zh": "到期措施数", "en": "Measures due"},
    "viz_unit_jurisdiction": {"zh": "单位所属辖区", "en": "Agency's jurisdiction"},
    "viz_ongoing": {"zh": "长期/持续", "en": "ongoing"},
    "viz_ongoing_cell": {"zh": "{d0}：长期/持续推进 {d1} 项", "en": "{d0}: {d1} ongoing"},
    "viz_heatmap_caption": {"zh": "单元格为该单位在该指标下承担的措施数（牵头与配合合计，悬停可见牵头数）；集体表述（各有关单位等）不计",
                            "en": "Each cell: measures of that agency under that indicator (lead and partner; hover for the led ones); collectives are left out"},
    "viz_timeline_caption": {"zh": "每月到期的措施数：上方合计行为全部措施（每项计一次），下方为各单位承担的到期措施",
                             "en": "Measures due per month: the total row counts every measure once; below, each agency's measures"},
    "viz_measure_count": {"zh": "措施数", "en": "Measures"},
    "viz_pruned": {"zh": "仅显示最强的 {detail} 条连线", "en": "only the {detail} strongest links are drawn"},
    "viz_no_dated": {"zh": "没有带具体日期的完成时限", "en": "no deadline with a date"},
}

# Headers, titles and value labels of the workload report (`report_data.LABELS` is this section).
REPORT_LABELS: dict[str, dict[str, str]] = {
    "report_title": {"zh": "各单位营商环境任务工作量报告", "en": "Business-environment task workload per agency"},
    "scope": {"zh": "范围", "en": "Scope"},
    "all_documents": {"zh": "全部文件", "en": "all documents"},
    "documents": {"zh": "文件数", "en": "Documents"},
    "measures_total": {"zh": "措施总数", "en": "Measures"},
    "as_of": {"zh": "逾期计算基准日", "en": "Overdue as of"},
    "weights": {"zh": "权重", "en": "Weights"},
    "rank": {"zh": "排名", "en": "Rank"},
    "agency": {"zh": "单位编号", "en": "Agency id"},
    "name": {"zh": "单位", "en": "Agency"},
    "jurisdiction": {"zh": "所属辖区", "en": "Jurisdiction"},
    "sector": {"zh": "行业", "en": "Sector"},
    "lead_count": {"zh": "牵头措施数", "en": "Measures led"},
    "responsible_count": {"zh": "责任措施数", "en": "Measures responsible"},
    "measure_count": {"zh": "涉及措施数", "en": "Measures involved"},
    "weighted_load": {"zh": "加权工作量", "en": "Weighted load"},
    "indicator_breadth": {"zh": "涉及指标数", "en": "Indicator breadth"},
    "participation": {"zh": "参与系数", "en": "Participation"},
    "partner_count": {"zh": "协同单位数", "en": "Partners"},
    "betweenness": {"zh": "中介中心性", "en": "Betweenness"},
    "ongoing_share": {"zh": "持续推进占比", "en": "Ongoing share"},
    "overdue": {"zh": "逾期措施数", "en": "Overdue"},
    "peak_month": {"zh": "到期最集中月份", "en": "Busiest month"},
    "peak_count": {"zh": "该月到期数", "en": "Due that month"},
    "cross_cutting": {"zh": "跨领域工作量", "en": "Cross-cutting load"},
    "total": {"zh": "合计", "en": "Total"},
    "place_measures": {"zh": "辖区措施总数", "en": "Measures in jurisdiction"},
    "sector_lead": {"zh": "行业牵头措施数", "en": "Measures led by the sector"},
    "lead_share": {"zh": "牵头占比", "en": "Lead share"},
    "sector_responsible": {"zh": "行业参与责任措施数", "en": "Measures with the sector responsible"},
    "period": {"zh": "时段", "en": "Period"},
    "due": {"zh": "到期措施数", "en": "Measures due"},
    "ongoing": {"zh": "持续推进", "en": "ongoing"},
    "conditional": {"zh": "视进度安排", "en": "conditional"},
    "undated": {"zh": "未定时限", "en": "no deadline"},
    "source": {"zh": "文件", "en": "Document"},
    "seq": {"zh": "序号", "en": "No."},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "item": {"zh": "改革事项", "en": "Item"},
    "measure": {"zh": "具体措施", "en": "Measure"},
    "role": {"zh": "角色", "en": "Role"},
    "deadline_raw": {"zh": "完成时限（原文）", "en": "Deadline as printed"},
    "deadline": {"zh": "完成时限", "en": "Deadline"},
    "lead_names": {"zh": "牵头单位", "en": "Lead units"},
    "responsible_names": {"zh": "责任单位", "en": "Responsible units"},
    "lead": {"zh": "牵头", "en": "lead"},
    "responsible": {"zh": "责任", "en": "responsible"},
    "both": {"zh": "牵头兼责任", "en": "lead and responsible"},
    "metric": {"zh": "指标项", "en": "Metric"},
    "formula": {"zh": "公式", "en": "Formula"},
    "meaning": {"zh": "含义", "en": "Meaning"},
    "table_summary": {"zh": "单位工作量汇总", "en": "Workload per agency"},
    "table_collectives": {"zh": "集合性单位（单列）", "en": "Collectives (listed apart)"},
    "table_matrix": {"zh": "单位×指标矩阵", "en": "Agency × indicator matrix"},
    "table_sectors": {"zh": "同类单位跨辖区对比", "en": "Sectors across jurisdictions"},
    "table_deadlines": {"zh": "完成时限分布", "en": "Deadlines"},
    "table_formulas": {"zh": "计算公式", "en": "Formulas"},
    "table_measures": {"zh": "牵头单位措施清单", "en": "Measures of leading agencies"},
    "other_leaders": {"zh": "其余牵头单位", "en": "Other leading agencies"},
}

# Progress of the pipeline (`policykg.pipeline.Step`) and of `policykg run`.
PIPELINE: dict[str, dict[str, str]] = {
    "document_read": {"zh": "[{index}/{total}] {summary}", "en": "[{index}/{total}] {summary}"},
    "document_skipped": {"zh": "[{index}/{total}] {error}", "en": "[{index}/{total}] {error}"},
    "document_summary": {
        "zh": "{source}: {rows} 行，{warned} 行有警告，{rejects} 行未解析",
        "en": "{source}: {rows} rows, {warned} with warnings, {rejects} rejected",
    },
    "run_stage_done": {"zh": "  {stage}: {seconds:.2f}s", "en": "  {stage}: {seconds:.2f}s"},
    "run_violation": {"zh": "  {focus}  {path}  {message}", "en": "  {focus}  {path}  {message}"},
    "run_no_png": {"zh": "  viz: {error}", "en": "  viz: {error}"},
    "run_summary": {
        "zh": "{documents} 份文件，{rows} 行任务，{rejects} 行未解析，{agencies} 个单位，{collectives} 个集合名称（{seconds:.1f} 秒）",
        "en": "{documents} documents, {rows} rows, {rejects} rejected, {agencies} agencies, {collectives} collectives "
              "({seconds:.1f}s)",
    },
    "run_written": {"zh": "  {label}: {path}", "en": "  {label}: {path}"},
    "run_out_rows": {"zh": "rows", "en": "rows"},
    "run_out_rows_csv": {"zh": "rows (CSV)", "en": "rows (CSV)"},
    "run_out_rejects": {"zh": "rejects", "en": "rejects"},
    "run_out_agencies": {"zh": "agencies", "en": "agencies"},
    "run_out_store": {"zh": "store", "en": "store"},
    "run_out_queries": {"zh": "queries", "en": "queries"},
    "run_out_validation": {"zh": "validation", "en": "validation"},
    "run_out_neo4j": {"zh": "neo4j import", "en": "neo4j import"},
    "run_out_report": {"zh": "report", "en": "report"},
    "run_out_report_markdown": {"zh": "report (Markdown)", "en": "report (Markdown)"},
    "run_out_dashboard": {"zh": "dashboard", "en": "dashboard"},
}

# Errors: a stage that cannot continue (`policykg.errors`); values are named. Texts that
# were English-only before the catalogue keep the English in "zh" too (tests pin them);
# translating them is a change of behaviour of its own.
ERRORS: dict[str, dict[str, str]] = {
    "inputs_files_and_store": {"zh": "give FILES or --store, not both", "en": "give FILES or --store, not both"},
    "inputs_endpoint_and_more": {
        "zh": "give --endpoint, FILES or --store, not several",
        "en": "give --endpoint, FILES or --store, not several",
    },
    "store_missing": {
        "zh": "{store}: no store here; build one with `policykg build --store {store}`",
        "en": "{store}: no store here; build one with `policykg build --store {store}`",
    },
    "store_not_directory": {
        "zh": "{store}: not a directory; --store needs a directory for the store",
        "en": "{store}: not a directory; --store needs a directory for the store",
    },
    "store_locked": {
        "zh": "{store}: cannot open the store ({reason}); if `policykg serve` is running on it, stop it first",
        "en": "{store}: cannot open the store ({reason}); if `policykg serve` is running on it, stop it first",
    },
    "store_quad_outside_graph": {
        "zh": "{graph}: a quad of this part is not in its own graph",
        "en": "{graph}: a quad of this part is not in its own graph",
    },
    "input_not_found": {"zh": "{path}: 文件不存在", "en": "{path}: file not found"},
    "input_folder_empty": {"zh": "{path}: 文件夹中没有可读的文件", "en": "{path}: a folder with no readable document"},
    "input_same_name": {
        "zh": "{path}: 与 {other} 同名，文件名即文件的标识，请改名",
        "en": "{path}: same file name as {other}; the name identifies a document, rename one",
    },
    "input_unreadable": {"zh": "{path}: {reason}", "en": "{path}: {reason}"},
    "run_no_store": {"zh": "内部错误：存储阶段尚未运行", "en": "internal error: the store stage has not run"},
    "query_unknown_place": {
        "zh": "{parameter}：图中没有地方“{value}”；已知地方（{count} 个）：{known}",
        "en": "{parameter}: no place {value} in the graph; known places ({count}): {known}",
    },
}

SECTIONS: dict[str, dict[str, dict[str, str]]] = {
    "errors": ERRORS,
    "pipeline": PIPELINE,
    "reading": READING,
    "bolt": BOLT,
    "graph_commands": GRAPH_COMMANDS,
    "neo4j_commands": NEO4J_COMMANDS,
    "report_command": REPORT_COMMAND,
    "viz_command": VIZ_COMMAND,
    "views": VIEWS,
    "report_labels": REPORT_LABELS,
}

MESSAGES: dict[str, dict[str, str]] = {}
for _section in SECTIONS.values():
    MESSAGES.update(_section)
