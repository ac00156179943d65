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
    "agencies_total": {
        "zh": "合计：{agencies} 个单位、{collectives} 个集合性单位",
        "en": "in all: {agencies} agencies, {collectives} collectives",
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
        "zh": "Bolt 服务器 {uri} 拒绝执行语句 {statement}：{reason}",
        "en": "the Bolt server at {uri} refused the statement {statement}: {reason}",
    },
    "bolt_falkordb_database": {
        "zh": "{uri} 是 FalkorDB：一个 Bolt 端口只服务一个图（{graph}），无法使用 --database {database}；"
              "请去掉 --database（或 NEO4J_DATABASE），每个图用一个 FalkorDB 端口",
        "en": "{uri} is FalkorDB, where one Bolt port serves one graph ({graph}): --database {database} cannot be "
              "honoured; leave out --database (or NEO4J_DATABASE) and use one FalkorDB port per graph",
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
    "graph_conforms": {"zh": "图符合约束：{triples} 个三元组，无违规",
                       "en": "the graph conforms to the shapes: {triples} triples, no violations"},
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
    "serve_limits": {"zh": "限制：每个查询 {timeout:.0f} 秒，同时 {concurrent} 个查询，请求正文至多 {body_kb} KB；不执行 SERVICE",
                     "en": "limits: {timeout:.0f} s per query, {concurrent} queries at a time, request bodies up to "
                           "{body_kb} KB; no SERVICE"},
    "serve_port_taken": {"zh": "无法在 {host}:{port} 上监听（{reason}）；请换一个 --port",
                         "en": "cannot listen on {host}:{port} ({reason}); choose another --port"},
    "serve_signal": {"zh": "收到信号 {signal}，正在停止", "en": "received {signal}, stopping"},
    "serve_child_died": {"zh": "oxigraph 意外退出（状态 {status}）", "en": "oxigraph exited unexpectedly (status {status})"},
    "serve_busy": {"zh": "服务繁忙：{seconds:.0f} 秒内没有空闲的查询位置，请稍后再试",
                   "en": "busy: no free query slot within {seconds:.0f} s; try again later"},
    "serve_too_large": {"zh": "请求正文超过 {limit_kb} KB", "en": "the request body exceeds {limit_kb} KB"},
    "serve_no_query": {"zh": "缺少 query 参数", "en": "no query parameter"},
    "serve_not_found": {"zh": "没有这个地址：{path}（可用：/、/query、/named/名称）",
                        "en": "no such path: {path} (try /, /query, /named/NAME)"},
    "serve_read_only_refused": {"zh": "只读服务：不接受更新与写入（用 --writable 启动可写服务）",
                                "en": "a read-only server: no updates or writes (start it with --writable to allow them)"},
    "serve_timeout": {"zh": "查询超过 {seconds:.0f} 秒，已中止", "en": "the query took longer than {seconds:.0f} s and was stopped"},
    "serve_page_title": {"zh": "policykg 图查询", "en": "policykg graph queries"},
    "serve_page_named": {"zh": "命名查询（点击标题填写参数）", "en": "Named queries (click a title for its parameters)"},
    "serve_page_run": {"zh": "运行", "en": "Run"},
    "serve_page_editor": {"zh": "SPARQL 查询（已预先声明下列前缀，无需 PREFIX）",
                          "en": "SPARQL query (the prefixes listed are declared; no PREFIX needed)"},
    "serve_page_prefixes": {"zh": "前缀", "en": "Prefixes"},
    "serve_page_rows": {"zh": "{rows} 行", "en": "{rows} rows"},
    "serve_page_error": {"zh": "出错", "en": "Error"},
    "serve_page_busy": {"zh": "查询中…", "en": "running…"},
    "serve_page_example": {"zh": "# 各指标的措施数\nSELECT ?indicator (COUNT(?m) AS ?measures) WHERE {{\n  ?m a pkg:Measure ; pkg:addressesIndicator/skos:prefLabel ?indicator .\n}} GROUP BY ?indicator ORDER BY DESC(?measures)\n",
                           "en": "# measures per indicator\nSELECT ?indicator (COUNT(?m) AS ?measures) WHERE {{\n  ?m a pkg:Measure ; pkg:addressesIndicator/skos:prefLabel ?indicator .\n}} GROUP BY ?indicator ORDER BY DESC(?measures)\n"},
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
        "zh": "已导出 {nodes} 个节点文件、{relationships} 个关系文件、import.args、load.cypher 与 after_import.cypher → {directory}",
        "en": "exported {nodes} node files, {relationships} relationship files, import.args, load.cypher and "
              "after_import.cypher → {directory}",
    },
    "neo4j_export_delimiter": {
        "zh": "{where}：值 {value!r} 含有数组分隔符 {delimiter!r}（array delimiter），无法写入导入文件",
        "en": "{where}: value {value!r} contains the array delimiter {delimiter!r}",
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
        "zh": "{documents} 份文件，{rows} 行任务，{rejects} 行未解析，{agencies} 个单位，{collectives} 个集合性单位（{seconds:.1f} 秒）",
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

# Queries: named-query catalogue, SPARQL and Cypher runners and their read-only guards, serve.
# Texts that were English-only sentences in queries/ keep the English in "zh" too (tests pin them).
QUERIES: dict[str, dict[str, str]] = {
    "query_unknown": {"zh": "no named query {name!r}; known: {known}", "en": "no named query {name!r}; known: {known}"},
    "query_no_parameter": {
        "zh": "query {query} has no parameter {unknown} (parameters: {known})",
        "en": "query {query} has no parameter {unknown} (parameters: {known})",
    },
    "param_not_integer": {"zh": "parameter {name}: {text!r} is not an integer",
                          "en": "parameter {name}: {text!r} is not an integer"},
    "param_not_date": {"zh": "parameter {name}: {text!r} is not a date (YYYY-MM-DD)",
                       "en": "parameter {name}: {text!r} is not a date (YYYY-MM-DD)"},
    "header_no_key": {"zh": "{name}: header line {line} has no 'key:' ({text!r})",
                      "en": "{name}: header line {line} has no 'key:' ({text!r})"},
    "header_bad_param": {
        "zh": "{name}: bad param line {spec!r}; expected 'name | string|integer|date | default | description'",
        "en": "{name}: bad param line {spec!r}; expected 'name | string|integer|date | default | description'",
    },
    "header_missing": {"zh": "{name}: header has no {field}", "en": "{name}: header has no {field}"},
    "sparql_syntax": {"zh": "SPARQL 语法错误：{reason}", "en": "SPARQL syntax error: {reason}"},
    "sparql_failed": {"zh": "查询失败：{reason}", "en": "query failed: {reason}"},
    "sparql_no_where": {"zh": "cannot bind parameters: the query has no WHERE clause",
                        "en": "cannot bind parameters: the query has no WHERE clause"},
    "sparql_backend_unsupported": {
        "zh": "cannot run queries on {kind}; give a pyoxigraph Store or an HttpEndpoint",
        "en": "cannot run queries on {kind}; give a pyoxigraph Store or an HttpEndpoint",
    },
    "sparql_service_refused": {
        "zh": "不允许 SERVICE：查询只在本地图上运行，不得向网络发出请求",
        "en": "SERVICE is not allowed: queries run on the local graph only (a query must not reach the network)",
    },
    "sparql_update_refused": {
        "zh": "这是 SPARQL 更新（update）；此处只运行查询",
        "en": "this is a SPARQL update; only queries run here",
    },
    "sparql_load_refused": {
        "zh": "不允许 LOAD：更新不得从网络读取数据",
        "en": "LOAD is not allowed: an update must not fetch data from the network",
    },
    "sparql_unchecked": {
        "zh": "无法解析此查询，因而无法确认其中没有 SERVICE，拒绝执行（只支持 SPARQL 1.1 语法）",
        "en": "this query cannot be parsed, so it cannot be shown to hold no SERVICE; refused (SPARQL 1.1 syntax only)",
    },
    "endpoint_refused": {"zh": "{url} 拒绝了查询（HTTP {status}）：{detail}",
                         "en": "{url} refused the query (HTTP {status}): {detail}"},
    "endpoint_failed": {"zh": "{url} 出错（HTTP {status}）：{detail}", "en": "{url} failed (HTTP {status}): {detail}"},
    "endpoint_unreachable": {
        "zh": "{url}：无法连接 SPARQL 端点（{reason}）；服务是否在运行？",
        "en": "{url}: cannot reach the SPARQL endpoint ({reason}); is the server running?",
    },
    "cypher_write_refused": {
        "zh": "`policykg cypher` only reads; {clause} is not allowed (load data with `policykg neo4j push`)",
        "en": "`policykg cypher` only reads; {clause} is not allowed (load data with `policykg neo4j push`)",
    },
    "cypher_procedure_refused": {
        "zh": "`policykg cypher` 只调用只读过程；{procedure} 不在其列（可用：{known}）",
        "en": "`policykg cypher` calls read-only procedures only; {procedure} is not one of them ({known})",
    },
    "cypher_unreadable": {
        "zh": "Cypher 文本第 {line} 行：{problem}",
        "en": "Cypher text, line {line}: {problem}",
    },
    "oxigraph_missing": {
        "zh": "找不到 `oxigraph` 服务程序（已查找 {searched}）；请安装 `pip install \"policykg[serve]\"` 或设置 POLICYKG_OXIGRAPH",
        "en": "the `oxigraph` server binary was not found (looked in {searched}); install it with "
              "`pip install \"policykg[serve]\"` or set POLICYKG_OXIGRAPH to its path",
    },
    "oxigraph_needs_store": {
        "zh": "a read-only server needs a store directory (--store); an in-memory server must be writable",
        "en": "a read-only server needs a store directory (--store); an in-memory server must be writable",
    },
    "oxigraph_exited": {"zh": "oxigraph 退出，状态 {status}：{message}", "en": "oxigraph exited with status {status}: {message}"},
    "oxigraph_no_answer": {"zh": "oxigraph 在 {seconds:.0f} 秒内未在 {url} 应答",
                           "en": "oxigraph did not answer on {url} within {seconds:.0f} s"},
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
}

# Inferred indicators and their corrections (policykg.loaders.indicator_*, `policykg indicators`).
INDICATORS: dict[str, dict[str, str]] = {
    "correction_bad_value": {
        "zh": "{d0}:{d1}: 校正值“{d2}”不是 18 项评价指标之一，也不是“无”；该行已忽略",
        "en": "{d0}:{d1}: correction “{d2}” is neither one of the 18 indicators nor “none”; line ignored",
    },
    "correction_no_row": {
        "zh": "{d0}: 在 {d1} 中找不到这条措施（原第 {d2} 行）；该校正未应用",
        "en": "{d0}: no such measure in {d1} (was line {d2}); correction not applied",
    },
    "correction_printed": {
        "zh": "{d0}: 该行文件已印有指标“{d1}”，以印制的为准；该校正未应用",
        "en": "{d0}: the document prints the indicator “{d1}” for this row, which wins; correction not applied",
    },
    "corrections_applied": {
        "zh": "{path}：已应用 {count} 条校正",
        "en": "{path}: {count} corrections applied",
    },
    "corrections_read": {
        "zh": "人工校正的指标：{path}，{count} 条",
        "en": "corrected indicators: {path}, {count} corrections",
    },
    "corrections_kept": {
        "zh": "沿用库中保存的人工校正指标：{path}，{count} 条",
        "en": "using the corrected indicators kept with the store: {path}, {count} corrections",
    },
    "corrections_replaced": {
        "zh": "注意：{store} 原先按另一份指标校正表构建；库中本次未重建的 {count} 份文件仍按原校正，请一并重建",
        "en": "note: {store} was built with other corrections; {count} documents of the store not built now "
              "keep the old ones until built again",
    },
    "corrections_not_found": {"zh": "{path}: 文件不存在", "en": "{path}: file not found"},
    "corrections_unreadable": {
        "zh": "{path}: 无法读取校正表（{reason}）",
        "en": "{path}: cannot read the corrections table ({reason})",
    },
    "corrections_missing_columns": {
        "zh": "{path}: 缺少列：{columns}（请使用 policykg indicators 生成的表格）",
        "en": "{path}: missing columns: {columns} (use a table written by `policykg indicators`)",
    },
    "inputs_corrections_and_store": {
        "zh": "--corrections 只在读取文件时使用；库沿用构建时的校正（policykg build --store 库 --corrections 文件）",
        "en": "--corrections applies when documents are read; a store keeps the corrections it was built with "
              "(policykg build --store DIR --corrections FILE)",
    },
    "indicators_written": {
        "zh": "{d0} 条措施的指标为推断所得（{d1} 条达到阈值 {d2}），已写出供审核 → {d3}",
        "en": "{d0} measures have an inferred indicator ({d1} at or above the threshold {d2}); written for review → {d3}",
    },
}


# Reviewed agency names: the aliases file (--aliases) and the review workbook (agencies --review).
AGENCY_REVIEW: dict[str, dict[str, str]] = {
    "aliases_header": {
        "zh": "{path}:1: 首行应为 name,agency（实为 {found}）",
        "en": "{path}:1: the first line must be name,agency (found {found})",
    },
    "aliases_empty_cell": {
        "zh": "{path}:{line}: name 与 agency 两栏都须填写",
        "en": "{path}:{line}: both name and agency must be filled in",
    },
    "aliases_no_place": {
        "zh": "{path}:{line}: 「{agency}」没有写明所在地（或所写地名不在地名表中）：请写出单位全称，如 罗源县自然资源和规划局",
        "en": "{path}:{line}: “{agency}” names no place we know: write the agency with its place, "
              "e.g. 罗源县自然资源和规划局",
    },
    "aliases_two_agencies": {
        "zh": "{path}:{line}: 「{name}」在同一地方已由第 {other} 行定为「{earlier}」，本行又定为「{agency}」；请只保留一行",
        "en": "{path}:{line}: line {other} already gives “{name}” as “{earlier}” in the same place, this line as "
              "“{agency}”; keep one of them",
    },
    "aliases_chain": {
        "zh": "{path}:{line}: 第 {other} 行把名称归为「{agency}」，本行又把「{agency}」改归他处；请在第 {other} 行直接写最终单位",
        "en": "{path}:{line}: line {other} gives names as “{agency}”, and this line renames “{agency}”; "
              "give the final agency on line {other}",
    },
    "aliases_unreadable": {"zh": "{path}: 无法读取（{reason}）", "en": "{path}: cannot be read ({reason})"},
    "inputs_aliases_and_store": {
        "zh": "--aliases 只在读取文件时使用；库沿用构建时的 --aliases（policykg build --store 库 --aliases 文件）",
        "en": "--aliases applies when documents are read; a store keeps the aliases it was built with "
              "(policykg build --store DIR --aliases FILE)",
    },
    "aliases_read": {
        "zh": "人工审定的单位名称：{path}，{count} 条",
        "en": "reviewed agency names: {path}, {count} decisions",
    },
    "aliases_kept": {
        "zh": "沿用库中保存的人工审定单位名称：{path}，{count} 条",
        "en": "using the reviewed agency names kept with the store: {path}, {count} decisions",
    },
    "aliases_replaced": {
        "zh": "注意：{store} 原先按另一份审定名称构建；库中本次未重建的 {count} 份文件仍按原名称，请一并重建",
        "en": "note: {store} was built with other reviewed names; {count} documents of the store not built now "
              "keep the old ones until built again",
    },
    "aliases_unused": {
        "zh": "注意：{path} 第 {lines} 行没有对应任何文件中的名称（名称写法或所在地不符？）",
        "en": "note: {path} lines {lines} match no name in the documents (name as printed, or place?)",
    },
    "review_sheet_agencies": {"zh": "单位", "en": "agencies"},
    "review_sheet_proposals": {"zh": "待审建议", "en": "proposals"},
    "review_sheet_howto": {"zh": "填写说明", "en": "how to"},
    "review_col_agency": {"zh": "单位编号", "en": "agency id"},
    "review_col_agency_name": {"zh": "单位", "en": "agency"},
    "review_col_jurisdiction": {"zh": "所属辖区", "en": "jurisdiction"},
    "review_col_sector": {"zh": "行业", "en": "sector"},
    "review_col_kind": {"zh": "类别", "en": "kind"},
    "review_col_surface_names": {"zh": "文中写法", "en": "names as printed"},
    "review_col_lead_rows": {"zh": "牵头任务数", "en": "tasks led"},
    "review_col_responsible_rows": {"zh": "责任任务数", "en": "tasks responsible"},
    "review_col_documents": {"zh": "涉及文件数", "en": "documents"},
    "review_col_number": {"zh": "建议编号", "en": "proposal"},
    "review_col_proposal": {"zh": "建议", "en": "proposed"},
    "review_col_reason": {"zh": "依据", "en": "because"},
    "review_col_decision": {"zh": "决定（接受/拒绝）", "en": "decision (accept/reject)"},
    "review_col_now": {"zh": "现属单位", "en": "now part of"},
    "review_col_now_id": {"zh": "现属单位编号", "en": "now part of (id)"},
    "review_col_target_id": {"zh": "接受后单位编号", "en": "agency id if accepted"},
    "review_col_evidence": {"zh": "该写法出处（文件：行）", "en": "where the name stands (document: lines)"},
    "review_col_kept_evidence": {"zh": "保留单位的写法与出处", "en": "names and places of the agency kept"},
    "review_kind_agency": {"zh": "单位", "en": "agency"},
    "review_kind_collective": {"zh": "集合性单位", "en": "collective"},
    "review_merge": {"zh": "合并", "en": "merge"},
    "review_split": {"zh": "拆分", "en": "split"},
    "review_accept": {"zh": "接受", "en": "accept"},
    "review_reject": {"zh": "拒绝", "en": "reject"},
    "review_reason_variant": {"zh": "繁简或标点不同的同一名称", "en": "one name in another script or punctuation"},
    "review_reason_abbreviation": {"zh": "简称与全称（同类机构，字序相符）",
                                   "en": "a short form and a full form (same body type, characters in order)"},
    "review_reason_one_character": {"zh": "仅一字之差", "en": "one character apart"},
    "review_reason_same_stem": {"zh": "名称主干相同、机构类别不同（如 局/委）",
                                "en": "the same stem with another body type (e.g. 局 / 委)"},
    "review_reason_declared_alias": {"zh": "仅因某文件括注（如 县发改局（大数据局））而归入该单位",
                                     "en": "part of this agency only because a document's parenthetical says so "
                                           "(e.g. 县发改局（大数据局）)"},
    "review_reason_two_bodies": {"zh": "同一写法在同一辖区的文件中指两个单位",
                                 "en": "one name for two agencies in documents of one place"},
    "review_lines": {"zh": "{source} 第 {lines} 行", "en": "{source} lines {lines}"},
    "review_more": {"zh": "等 {count} 处", "en": "and {count} more"},
    "review_howto": {
        "zh": "“单位”表列出每个单位及其文中写法、辖区、行业与任务数。\n"
              "“待审建议”表列出规则无法确定的合并与拆分，每行是审定名称文件的一行：name 为文中写法，"
              "agency 为接受后它所指的单位全称（含所在地）。\n"
              "在“决定”栏填写 接受 或 拒绝；同一建议编号的各行一并决定。\n"
              "把决定为“接受”的行的 name、agency 两栏（含表头）另存为 CSV（UTF-8），例如 aliases.csv，"
              "也可自行增写行，再以 --aliases aliases.csv 运行 extract、agencies、build、run、report、viz、neo4j push。\n"
              "一条名称只在其所在地生效：县资规局,罗源县自然资源和规划局 只改罗源县文件中的 县资规局。"
              "审定结果优先于内置别名表。\n"
              "已由审定文件定下的单位不再提出建议；若拒绝某项合并且不想再见到它，可增写一行把该写法归为它自己的单位"
              "（如 县数字办,罗源县数字办）。\n"
              "用 --aliases 构建的库会保存这份文件，此后重建沿用；换用另一份文件时请重建库中全部文件。",
        "en": "The agencies sheet lists every agency with its names as printed, jurisdiction, sector and task counts.\n"
              "The proposals sheet lists the merges and splits the rules cannot settle; each row is a line of an "
              "aliases file: name is the name as printed, agency the full name (with its place) of the agency it "
              "denotes if the row is accepted.\n"
              "Write accept or reject in the decision column; decide the rows of one proposal number together.\n"
              "Save the name and agency columns of the accepted rows (with the header) as a CSV file (UTF-8), e.g. "
              "aliases.csv — you may add lines of your own — and run extract, agencies, build, run, report, viz or "
              "neo4j push with --aliases aliases.csv.\n"
              "A line holds only in its place: 县资规局,罗源县自然资源和规划局 changes 县资规局 in 罗源县's documents "
              "only. Reviewed lines win over the built-in alias table.\n"
              "Agencies an aliases file already settles are not proposed again; to keep a rejected merge from "
              "coming back, add a line giving the name its own agency (e.g. 县数字办,罗源县数字办).\n"
              "A store built with --aliases keeps the file and rebuilds with it; after changing the file, build "
              "every document of the store again.",
    },
    "review_written": {
        "zh": "审核表已写入 {path}：{agencies} 个单位、{collectives} 个集合性单位，{merges} 条建议合并，{splits} 条建议拆分",
        "en": "review workbook written to {path}: {agencies} agencies, {collectives} collectives, {merges} proposed "
              "merges, {splits} proposed splits",
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
    "queries": QUERIES,
    "viz_command": VIZ_COMMAND,
    "views": VIEWS,
    "report_labels": REPORT_LABELS,
    "indicators": INDICATORS,
    "agency_review": AGENCY_REVIEW,
}

MESSAGES: dict[str, dict[str, str]] = {}
for _section in SECTIONS.values():
    MESSAGES.update(_section)
