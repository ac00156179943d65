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
    "seq_path": {
        "zh": "各级标题下序号重新编号，序号写作各级序号的组合",
        "en": "numbering restarts under each heading; seq is the path of printed numbers",
    },
    "seq_continuation": {
        "zh": "合并单元格的续行，序号记为 {detail}",
        "en": "continuation row of a merged cell; numbered {detail}",
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
    "responsible_from_group_line": {
        "zh": "责任单位取自本组末尾的协同单位行",
        "en": "responsible units taken from the line closing the group",
    },
    "not_a_unit": {
        "zh": "读作日期、数量或语句的内容不作单位名称：{detail}",
        "en": "text that reads as a date, an amount or a sentence is not a unit name: {detail}",
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
    "inline_attribution_from_heading": {
        "zh": "任务未注明责任单位，沿用所属标题的分工：{detail}",
        "en": "task names no units; the attribution of its heading was used: {detail}",
    },
    "inline_attributions_joined": {
        "zh": "一段中有 {detail} 处分工说明，已合并",
        "en": "{detail} attributions in one paragraph; joined",
    },
    "inline_clause_ignored": {
        "zh": "分工说明中未能识别的部分已忽略：{detail}",
        "en": "part of the attribution not understood; ignored: {detail}",
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
    "reject_no_units": {
        "zh": "该项未注明牵头或责任单位，未解析",
        "en": "the item names no lead or responsible unit; not read",
    },
    "reject_truncated": {
        "zh": "该项的责任单位在文件末尾被截断，未解析",
        "en": "the item's units are cut off by the end of the file; not read",
    },
    "reject_cells_run_together": {
        "zh": "该行各栏连在一起，无法可靠地拆分出措施、单位和时限，未解析",
        "en": "the row's cells are run together and cannot be split into measure, units and deadline with confidence; not read",
    },
    # --- command summaries --------------------------------------------------------
    "nothing_read": {
        "zh": "没有读到任何任务行（见上方各文件的说明）",
        "en": "no task rows could be read (see the messages above for each file)",
    },
    "documents_left_out": {
        "zh": "{count} 份文件未写入：{names}（无法读取或没有任务行，见上方说明；此前为它们写入的内容保持不变）",
        "en": "{count} documents not written: {names} (unreadable or without task rows, see above; what was "
              "written for them before stays as it was)",
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
    "doc_encoding_mixed": {
        "zh": "文件编码中途改变：第 {detail} 行按 GB18030 读取，其余按 UTF-8，请核对这些行",
        "en": "the file's encoding changes part-way: lines {detail} were read as GB18030, the rest as UTF-8; check those lines",
    },
    "text_lines_ordinal": {
        "zh": "文本把多项任务印在同一行，行号改为任务段落在文中的序号",
        "en": "the text prints several tasks on one line; line numbers are the ordinals of the tasks' paragraphs",
    },
    "docx_entities": {
        "zh": "文件声明了实体引用（{detail}），为安全起见未展开，其前后文字已照常读取",
        "en": "the file declares entity references ({detail}); for safety they were not expanded, the text around them was read",
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
    "doc_corrupt": {
        "zh": "文件已损坏或不是有效的 {detail} 文件，无法读取；请用 Word/WPS/Excel 打开后另存一份再试",
        "en": "the file is damaged or not a valid {detail} file; open it in Word/WPS/Excel, save a new copy and try again",
    },
    "doc_too_large": {
        "zh": "文件解压后有 {d0} MB，超过单个文件的上限 {d1} MB（防止“压缩炸弹”），未读取；如确为正常文件，"
              "请拆分，或用环境变量 POLICYKG_MAX_EXPANDED_MB 提高上限",
        "en": "the file expands to {d0} MB, more than the {d1} MB one document may take (a guard against zip "
              "bombs), so it was not read; if it is a genuine document, split it or raise the limit with the "
              "environment variable POLICYKG_MAX_EXPANDED_MB",
    },
    "doc_legacy_word": {
        "zh": "旧版 Word 二进制文件（.doc/.wps）无法直接读取；请先转换：libreoffice --headless --convert-to docx {detail}",
        "en": "old binary Word file (.doc/.wps) cannot be read; convert it first: "
              "libreoffice --headless --convert-to docx {detail}",
    },
    "doc_legacy_excel": {
        "zh": "旧版 Excel 二进制文件（.xls/.et）无法直接读取；请先转换：libreoffice --headless --convert-to xlsx {detail}",
        "en": "old binary Excel file (.xls/.et) cannot be read; convert it first: "
              "libreoffice --headless --convert-to xlsx {detail}",
    },
    "doc_encrypted": {
        "zh": "文件有密码保护（已加密），无法读取；请在 Word/WPS/Excel 中取消密码后另存再试",
        "en": "the file is password-protected (encrypted); remove the password in Word/WPS/Excel, save a copy and try again",
    },
    "doc_pdf_image": {
        "zh": "PDF 只有扫描图像、没有文字层，需要先做文字识别（OCR）；最好取得原始 Word/Excel 文件",
        "en": "the PDF holds scanned images without a text layer and needs OCR first; better, get the original Word/Excel file",
    },
    "doc_pdf_text": {
        "zh": "不读取 PDF（表格单元格无法可靠还原）；请取得原始 Word/Excel 文件，或另存为 .docx 后再读",
        "en": "PDF is not read (its table cells cannot be recovered reliably); get the original Word/Excel file "
              "or save it as .docx",
    },
    "doc_rtf": {
        "zh": "RTF 文件无法直接读取；请先转换：libreoffice --headless --convert-to docx {detail}",
        "en": "RTF files cannot be read; convert it first: libreoffice --headless --convert-to docx {detail}",
    },
    "xlsx_sheet_lines": {
        "zh": "工作簿有多个工作表，行号按工作簿连续编号：{detail}",
        "en": "the workbook has several sheets; line numbers run on through the workbook: {detail}",
    },
    "html_lines_ordinal": {
        "zh": "网页源码多行并作一行，行号改为段落/表格行在文中的序号",
        "en": "the page's source puts many rows on one line; line numbers are the ordinals of paragraphs and rows",
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
        "zh": "无效的地址 {uri}；应形如 bolt://127.0.0.1:7687、neo4j://主机:7687，或 FalkorDB 的 redis://127.0.0.1:6379",
        "en": "{uri} is not a server address; use e.g. bolt://127.0.0.1:7687, neo4j://host:7687, or FalkorDB's "
              "redis://127.0.0.1:6379",
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

# FalkorDB over its Redis port (graph/property/falkordb_redis.py).
FALKORDB_REDIS: dict[str, dict[str, str]] = {
    "falkordb_unreachable": {
        "zh": "无法连接 FalkorDB {uri}（{reason}）；请确认服务器已启动、地址与 Redis 端口正确（--uri 或 NEO4J_URI）",
        "en": "cannot reach FalkorDB at {uri} ({reason}); is it running, and are the host and Redis port right "
              "(--uri or NEO4J_URI)?",
    },
    "falkordb_auth": {
        "zh": "FalkorDB {uri} 拒绝登录；请检查 NEO4J_PASSWORD（以及地址中的用户名）",
        "en": "FalkorDB at {uri} refused the login; check NEO4J_PASSWORD (and the user name in the address)",
    },
    "falkordb_no_graph_module": {
        "zh": "{uri} 是未加载 FalkorDB 模块的 Redis 服务器（没有 GRAPH.QUERY）",
        "en": "{uri} is a Redis server without the FalkorDB module (no GRAPH.QUERY)",
    },
    "falkordb_lost": {
        "zh": "与 FalkorDB {uri} 的连接中断（{reason}）；已写入的文件完整，未写完的文件没有留下任何内容",
        "en": "lost FalkorDB at {uri} ({reason}); documents already written are complete, the one being "
              "written left nothing behind",
    },
    "falkordb_refused": {
        "zh": "FalkorDB {uri} 拒绝执行语句 {statement}：{reason}",
        "en": "FalkorDB at {uri} refused the statement {statement}: {reason}",
    },
}

# RDF store commands: build, export, validate, serve, publish.
GRAPH_COMMANDS: dict[str, dict[str, str]] = {
    "graph_built": {"zh": "已写入 {documents} 份文件、{measures} 条措施、{quads} 个四元组 → {store}（{seconds:.2f} 秒）",
                    "en": "wrote {documents} documents, {measures} measures, {quads} quads → {store} ({seconds:.2f} s)"},
    "graph_conforms": {"zh": "图符合约束：已检查 {triples} 条陈述，无违规",
                       "en": "the graph conforms to the shapes: {triples} statements checked, no violations"},
    "graph_violations": {"zh": "图不符合约束：{count} 处违规（见上表）",
                         "en": "the graph does not conform: {count} violations (see the table above)"},
    "graph_optimized": {"zh": "已压缩存储（{seconds:.2f} 秒）", "en": "store compacted ({seconds:.2f} s)"},
    "graph_validating": {"zh": "SHACL 校验：第 {done}/{total} 部分", "en": "SHACL validation: part {done}/{total}"},
    "graph_exported": {"zh": "已导出 {fmt} → {path}", "en": "exported {fmt} → {path}"},
    "graph_network_exported": {"zh": "已导出 {fmt}：{nodes} 个节点、{edges} 条边 → {path}",
                               "en": "exported {fmt}: {nodes} nodes, {edges} edges → {path}"},
    "serve_building": {"zh": "正在把文件构建到临时库 {path}", "en": "building the documents into a temporary store at {path}"},
    "serve_started": {"zh": "SPARQL 端点：{query}（查询页 {url}/，{mode}）。按 Ctrl-C 停止。",
                      "en": "SPARQL endpoint: {query} (query page {url}/, {mode}). Press Ctrl-C to stop."},
    "serve_read_only": {"zh": "只读", "en": "read-only"},
    "serve_writable": {"zh": "可写：更新 {update}，图存储 {store}", "en": "writable: update {update}, graph store {store}"},
    "serve_stopped": {"zh": "服务已停止", "en": "server stopped"},
    "serve_limits": {"zh": "限制：每个查询 {timeout:.0f} 秒，同时 {concurrent} 个查询，请求正文至多 {body_kb} KB；不执行 SERVICE；"
                           "已给出的答案保留至多 {cache_mb} MB（再问即答）",
                     "en": "limits: {timeout:.0f} s per query, {concurrent} queries at a time, request bodies up to "
                           "{body_kb} KB; no SERVICE; answers given are kept, up to {cache_mb} MB (asked again, "
                           "answered at once)"},
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
    "neo4j_falkordb_over_bolt": {
        "zh": "FalkorDB 经 Bolt 每条语句至多 4 KB；改用其 Redis 端口（--uri redis://主机:6379）可用少得多的语句写入，约快三倍",
        "en": "FalkorDB takes at most 4 KB per statement over Bolt; its Redis port (--uri redis://HOST:6379) takes the "
              "same push in far fewer statements, about three times as fast",
    },
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
}

# The report command.
REPORT_COMMAND: dict[str, dict[str, str]] = {
    "report_unknown_jurisdiction": {
        "zh": "没有辖区为“{jurisdiction}”的文件；可选：{choices}",
        "en": "no document has jurisdiction “{jurisdiction}”; choose one of: {choices}",
    },
    "report_unknown_agency": {
        "zh": "没有名称或编号为“{agency}”的单位（--agency 须为单位全称或编号，见 policykg agencies）",
        "en": "no agency is named or numbered “{agency}” (--agency takes an agency's full name or id; see policykg agencies)",
    },
    "report_as_of": {"zh": "基准日：{as_of}", "en": "as of {as_of}"},
    "report_written": {
        "zh": "报告已写入 {path}：{agencies} 个单位、{collectives} 个集合性单位，{measures} 项措施",
        "en": "report written to {path}: {agencies} agencies, {collectives} collectives, {measures} measures",
    },
    "report_progress": {
        "zh": "写入工作簿",
        "en": "writing workbook",
    },
}

# Help texts of command options (`policykg.cli.common.CatalogueOption`), in the language of --lang.
CLI_HELP: dict[str, dict[str, str]] = {
    "help_indicators": {
        "zh": "按指标计数时计入哪些指标：inferred 为印发的指标，未印发时计入置信度 ≥ 0.4 的推断指标；printed 只计印发的指标",
        "en": "Which indicators counts by indicator take: inferred = as printed, else inferred at confidence ≥ 0.4; "
              "printed = printed only",
    },
    "help_as_of": {
        "zh": "基准日（YYYY-MM-DD，默认今天）：据此把完成时限分为已逾期、30 天内到期、以后到期；写入每份输出",
        "en": "The date deadlines are counted against (YYYY-MM-DD, default today): overdue, due within 30 days, "
              "later; printed in every output",
    },
    "help_measure_agencies": {
        "zh": "工作簿列出按跨领域工作量排名前 N 位牵头单位的措施（各自工作表，其余在长表中）；0 = 全部牵头单位。"
              "其余单位的措施见 measures.csv，工作簿中注明",
        "en": "The workbook lists the measures of the top N leading agencies by cross-cutting load (their own "
              "sheets, the rest in the long sheet); 0 = every leading agency. The others' measures are in "
              "measures.csv, and the workbook says so"},
    "help_agency_sheets": {
        "zh": "按跨领域工作量排名前 N 的牵头单位各占一张工作表，其余牵头单位的措施合为一张长表",
        "en": "The top N leading agencies by cross-cutting load get a sheet of their own; the other leading "
              "agencies' measures share one long sheet",
    },
    "help_agency": {
        "zh": "另为该单位（全称或编号）单列一张工作表；可重复",
        "en": "Also give this agency (full name or id) a sheet of its own; repeatable",
    },
    "help_viz_top": {
        "zh": "每个视图中单独成点的单位数（按跨领域工作量），其余按辖区与行业类别合并，绝不跨辖区合并",
        "en": "Agencies drawn as nodes of their own in each view (by cross-cutting load); the rest are merged by "
              "jurisdiction and sector family, never across jurisdictions",
    },
    "help_no_png": {
        "zh": "不生成 PNG 图片（图片需要中文字体，如 fonts-noto-cjk；缺字体时自动跳过）",
        "en": "Skip the PNG pictures (they need a CJK font such as fonts-noto-cjk; without one they are skipped anyway)",
    },
    "help_export_format": {
        "zh": "格式：RDF（ttl 合并各图、trig、nq、jsonld）或单位网络（graphml、gexf，含各项指标，供 Gephi 等使用）",
        "en": "Format: RDF (ttl with the graphs merged, trig, nq, jsonld) or the agency network (graphml, gexf, with "
              "the metrics, for Gephi and friends)",
    },
    "help_export_network": {
        "zh": "graphml/gexf 导出哪张网络：agencies 为单位协同网络（共同措施数为权重），bipartite 为单位–措施二部图",
        "en": "Which network graphml/gexf holds: agencies = the co-assignment network (weight: measures shared), "
              "bipartite = the agency–measure graph",
    },
}

# The viz command.
VIZ_COMMAND: dict[str, dict[str, str]] = {
    "viz_writing": {"zh": "正在写入 {name}", "en": "writing {name}"},
    "viz_no_cjk_font": {
        "zh": "未找到中文字体（{families}），图片中的中文无法显示",
        "en": "no CJK font found ({families}), so Chinese text cannot be drawn",
    },
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
    "viz_lead_only": {"zh": "谁依赖谁（箭头：牵头→须协调）", "en": "who depends on whom (arrow: lead → partner)"},
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
    # the overview (first view of the dashboard), the agency card, the network's legend and ego view
    "viz_overview_title": {"zh": "总览：谁承担最多跨领域任务，谁依赖谁", "en": "Overview: who carries the most cross-cutting load, who depends on whom"},
    "viz_overview_tab": {"zh": "总览", "en": "Overview"},
    "viz_all_jurisdictions": {"zh": "全部辖区", "en": "all jurisdictions"},
    "viz_as_of": {"zh": "基准日 {detail}", "en": "as of {detail}"},
    "viz_ranking_title": {"zh": "跨领域工作量排名（X = W · P）", "en": "Cross-cutting load ranking (X = W · P)"},
    "viz_ranking_caption": {"zh": "条形长度为跨领域工作量 X：深色为牵头部分（L·P），浅色为配合部分；右侧依次为涉及指标数、参与系数 P、协同单位数、牵头占比。点击单位查看详情。",
                            "en": "Bar length: cross-cutting load X; dark, the part it leads (L·P), light, the part it supports. Then: indicators spanned, participation P, partners, lead share. Click an agency for its card."},
    "viz_rank_columns": {"zh": "排名|单位（所属辖区）|跨领域工作量|指标数|P|协同单位|牵头占比", "en": "Rank|Agency (jurisdiction)|Cross-cutting load|Indicators|P|Partners|Lead share"},
    "viz_dependencies_title": {"zh": "谁依赖谁：牵头单位 → 须协调的单位（共同措施数）", "en": "Who depends on whom: lead agency → agencies it must coordinate (measures shared)"},
    "viz_dependencies_caption": {"zh": "跨领域工作量前 {detail} 名中的牵头单位，及其牵头措施中的其他牵头或责任单位；数字为共同措施数（命名查询 dependencies）。",
                                 "en": "The lead agencies among the top {detail} by cross-cutting load, and the other lead or responsible agencies of the measures they lead; numbers are measures shared (named query dependencies)."},
    "viz_lead_part": {"zh": "牵头部分", "en": "led part"},
    "viz_support_part": {"zh": "配合部分", "en": "supporting part"},
    "viz_more": {"zh": "……另有 {detail} 项", "en": "… and {detail} more"},
    "viz_none": {"zh": "（无）", "en": "(none)"},
    "viz_close": {"zh": "关闭", "en": "close"},
    "viz_line": {"zh": "第", "en": "line"},
    "viz_led": {"zh": "牵头的措施", "en": "Measures it leads"},
    "viz_supporting": {"zh": "配合的措施", "en": "Measures it supports"},
    "viz_partners": {"zh": "协作单位（共同措施数）", "en": "Partners (measures shared)"},
    "viz_indicators": {"zh": "涉及指标（措施数）", "en": "Indicators (measures)"},
    "viz_participation": {"zh": "参与系数 P", "en": "Participation P"},
    "viz_due_soon": {"zh": "30 天内到期", "en": "Due within 30 days"},
    "viz_no_texts": {"zh": "措施较多，卡片不含措施原文：原文见 workload.xlsx 与 rows.csv（按文件与行号查找）", "en": "Many measures: the card leaves their texts out; find them by document and line in workload.xlsx and rows.csv"},
    "viz_ego": {"zh": "显示其协作网络", "en": "show its partners"},
    "viz_back": {"zh": "返回整体网络", "en": "back to the whole network"},
    "viz_ego_status": {"zh": "{d0} 的协作网络：{d1} 个协作单位（显示前 {d2} 个）", "en": "{d0}'s partners: {d1} (the top {d2} shown)"},
    "viz_legend_families": {"zh": "颜色：行业类别", "en": "Colour: sector family"},
    "viz_legend_node": {"zh": "节点大小：跨领域工作量 X", "en": "Node size: cross-cutting load X"},
    "viz_legend_edge": {"zh": "连线粗细：共同承担的措施数", "en": "Link width: measures shared"},
    "viz_legend_labels": {"zh": "只标注跨领域工作量前 {detail} 的单位，其余悬停可见名称；点击单位查看详情", "en": "Only the top {detail} agencies by cross-cutting load are labelled; hover for the others; click an agency for its card"},
    "viz_group": {"zh": "{d0}其他{d1}单位（{d2} 个）", "en": "{d0}: other {d1} agencies ({d2})"},
    "viz_rest_hidden": {"zh": "本视图 {d0} 个单位，只画出跨领域工作量前 {d1} 个；其余分属太多辖区，请选择一个辖区查看", "en": "{d0} agencies in this view; only the top {d1} by cross-cutting load are drawn, the rest belong to too many places: choose one jurisdiction"},
    "viz_group_note": {"zh": "本视图 {d0} 个单位，前 {d1} 个单独成点，其余按所属辖区与行业类别合并（不跨辖区）", "en": "{d0} agencies in this view; the top {d1} have a node each, the rest are merged by their jurisdiction and sector family (never across jurisdictions)"},
}

# Headers, titles and value labels of the workload report (`policykg.visualizations.report_data.label`).
REPORT_LABELS: dict[str, dict[str, str]] = {
    "report_title": {"zh": "各单位营商环境任务工作量报告", "en": "Business-environment task workload per agency"},
    "scope": {"zh": "范围", "en": "Scope"},
    "all_documents": {"zh": "全部文件", "en": "all documents"},
    "scope_all": {"zh": "全部文件（{count} 个辖区）", "en": "all documents ({count} jurisdictions)"},
    "documents": {"zh": "文件数", "en": "Documents"},
    "measures_total": {"zh": "措施总数", "en": "Measures"},
    "agencies_counted": {"zh": "单位数（不含集合性单位）", "en": "Agencies (collectives apart)"},
    "as_of": {"zh": "基准日", "en": "As of"},
    "as_of_line": {"zh": "基准日 {as_of} · {scope}", "en": "As of {as_of} · {scope}"},
    "indicators_counted_inferred": {"zh": "指标：印发的指标，未印发时计入置信度 ≥ {threshold} 的推断指标",
                                    "en": "indicators: as printed, else inferred at confidence ≥ {threshold}"},
    "indicators_counted_printed": {"zh": "指标：仅计印发的指标", "en": "indicators: printed only"},
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
    "due_soon": {"zh": "30 天内到期数", "en": "Due within 30 days"},
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
    "status": {"zh": "状态", "en": "Status"},
    "status_overdue": {"zh": "已逾期", "en": "overdue"},
    "status_due_soon": {"zh": "30 天内到期", "en": "due within 30 days"},
    "status_later": {"zh": "以后到期", "en": "due later"},
    "status_ongoing": {"zh": "持续推进", "en": "ongoing"},
    "status_conditional": {"zh": "视进度安排", "en": "conditional"},
    "status_undated": {"zh": "未定时限", "en": "no deadline"},
    "source": {"zh": "文件", "en": "Document"},
    "line": {"zh": "行号", "en": "Line"},
    "seq": {"zh": "序号", "en": "No."},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "item": {"zh": "改革事项", "en": "Item"},
    "measure": {"zh": "具体措施", "en": "Measure"},
    "role": {"zh": "角色", "en": "Role"},
    "deadline_raw": {"zh": "完成时限（原文）", "en": "Deadline as printed"},
    "deadline": {"zh": "完成时限", "en": "Deadline"},
    "lead_names": {"zh": "牵头单位", "en": "Lead units"},
    "responsible_names": {"zh": "责任单位", "en": "Responsible units"},
    "lead_name": {"zh": "牵头单位", "en": "Lead agency"},
    "lead_partners": {"zh": "须协调单位数", "en": "Agencies to coordinate"},
    "lead_id": {"zh": "牵头单位编号", "en": "Lead id"},
    "partner_id": {"zh": "协调单位编号", "en": "Partner id"},
    "partner_name": {"zh": "须协调的单位", "en": "Partner"},
    "table_dependency_pairs": {"zh": "依赖关系（每一对）", "en": "Dependencies (every pair)"},
    "partners": {"zh": "须协调的单位（共同措施数）", "en": "Agencies to coordinate (measures shared)"},
    "shared_count": {"zh": "共同措施数", "en": "Shared measures"},
    "lead": {"zh": "牵头", "en": "lead"},
    "responsible": {"zh": "责任", "en": "responsible"},
    "both": {"zh": "牵头兼责任", "en": "lead and responsible"},
    "metric": {"zh": "指标项", "en": "Metric"},
    "formula": {"zh": "公式", "en": "Formula"},
    "meaning": {"zh": "含义", "en": "Meaning"},
    "table_overview": {"zh": "摘要", "en": "Summary"},
    "table_ranking": {"zh": "跨领域工作量排名", "en": "Cross-cutting ranking"},
    "table_dependencies": {"zh": "依赖关系（牵头→协调）", "en": "Dependencies (lead → partner)"},
    "table_summary": {"zh": "单位工作量汇总", "en": "Workload per agency"},
    "table_collectives": {"zh": "集合性单位（单列）", "en": "Collectives (listed apart)"},
    "table_matrix": {"zh": "单位×指标矩阵", "en": "Agency × indicator matrix"},
    "table_sectors": {"zh": "同类单位跨辖区对比", "en": "Sectors across jurisdictions"},
    "table_deadlines": {"zh": "完成时限分布", "en": "Deadlines"},
    "table_formulas": {"zh": "计算公式", "en": "Formulas"},
    "table_measures": {"zh": "牵头单位措施清单", "en": "Measures of leading agencies"},
    "other_leaders": {"zh": "其余牵头单位", "en": "Other leading agencies"},
    "long_table_bounded": {
        "zh": "本工作簿只列跨领域工作量排名前 {listed} 位牵头单位的措施；其后 {count} 个牵头单位的 {rows} 条措施未列入，"
              "全部见 measures.csv，或用 policykg report --measure-agencies 0 生成列出全部措施的工作簿。",
        "en": "This workbook lists the measures of the top {listed} leading agencies by cross-cutting load only; the "
              "{rows} measures of the {count} leading agencies after them are left out: all of them are in "
              "measures.csv, or write a workbook with every measure with policykg report --measure-agencies 0."},
    "overview_statuses": {"zh": "完成时限状态（基准日 {as_of}）", "en": "Deadlines as of {as_of}"},
    "overview_top": {"zh": "跨领域工作量前 {count} 名（完整排名见“{sheet}”表）",
                     "en": "Top {count} by cross-cutting load (the full ranking: sheet “{sheet}”)"},
    "ranking_note": {"zh": "按跨领域工作量 X = W · P 排序的前 {count} 个单位（共 {total} 个，全部见“{sheet}”表）",
                     "en": "The top {count} of {total} agencies by cross-cutting load X = W · P (all of them: sheet “{sheet}”)"},
    "dependencies_note": {"zh": "跨领域工作量前 {count} 名牵头单位各自须协调的单位（同一措施的其他牵头或责任单位），按共同措施数排序；每一对见 dependencies.csv 与命名查询 dependencies",
                          "en": "For the top {count} lead agencies by cross-cutting load, the agencies each must coordinate (the other "
                                "lead or responsible agencies of its measures), by measures shared; every pair: dependencies.csv and "
                                "the named query dependencies"},
    "agency_sheet_line": {"zh": "{jurisdiction} · 牵头 {lead} 项、责任 {responsible} 项 · 跨领域工作量 {cross_cutting}",
                          "en": "{jurisdiction} · leads {lead}, responsible for {responsible} · cross-cutting load {cross_cutting}"},
    "page_header": {"zh": "第 &P 页，共 &N 页", "en": "page &P of &N"},
    "markdown_measures_note": {
        "zh": "跨领域工作量前列及 --agency 指定单位的措施清单（含完成时限与状态）见 workload.xlsx 各单位工作表，其余牵头单位在“其余牵头单位”表；全部见 measures.csv。",
        "en": "The measures of the top agencies by cross-cutting load and of those named with --agency, with deadlines and "
              "status, are in workload.xlsx (one sheet each), the other leading agencies in one long sheet; all of them in measures.csv.",
    },
    # formulas and meanings of the report's figures ({wl}, {wr}, {as_of} are filled in)
    "formula_lead_count": {"zh": "L = |{{m : a ∈ 牵头(m)}}|", "en": "L = |{{m : a ∈ lead(m)}}|"},
    "meaning_lead_count": {"zh": "列为牵头单位的措施数", "en": "measures naming the agency lead"},
    "formula_responsible_count": {"zh": "R = |{{m : a ∈ 责任(m)}}|", "en": "R = |{{m : a ∈ responsible(m)}}|"},
    "meaning_responsible_count": {"zh": "列为责任单位的措施数（兼牵头者两处都计）",
                                  "en": "measures naming it responsible (also counted in L when it leads them too)"},
    "formula_measure_count": {"zh": "M = |{{m : a ∈ 牵头(m) ∪ 责任(m)}}|", "en": "M = |{{m : a ∈ lead(m) ∪ responsible(m)}}|"},
    "meaning_measure_count": {"zh": "涉及的措施数，每项措施只计一次", "en": "measures it is named in, each once"},
    "formula_weighted_load": {"zh": "W = {wl}·L + {wr}·(M − L)", "en": "W = {wl}·L + {wr}·(M − L)"},
    "meaning_weighted_load": {"zh": "按角色加权的工作量，每项措施只计一次", "en": "load weighted by role, each measure once"},
    "formula_indicator_breadth": {"zh": "B = |{{指标(m) : m ∈ M(a)}}|", "en": "B = |{{indicator(m) : m ∈ M(a)}}|"},
    "meaning_indicator_breadth": {"zh": "所涉措施覆盖的不同规范指标数（无指标的措施不计）",
                                  "en": "distinct canonical indicators of its measures (measures without one left out)"},
    "formula_participation": {"zh": "P = 1 − Σ_s (k_s / k)²", "en": "P = 1 − Σ_s (k_s / k)²"},
    "meaning_participation": {"zh": "参与系数（Guimerà–Amaral）：k_s 为指标 s 下的措施数，k = Σ k_s；即随机抽两项措施属于不同指标的概率",
                              "en": "participation coefficient (Guimerà–Amaral): k_s measures in indicator s, k = Σ k_s; "
                                    "the chance two of its measures address different indicators"},
    "formula_partner_count": {"zh": "deg(a)", "en": "deg(a)"},
    "meaning_partner_count": {"zh": "协同单位数：至少共担一项措施的其他单位数（不含集合性单位）",
                              "en": "other agencies sharing at least one measure (collectives left out)"},
    "formula_betweenness": {"zh": "C_B(a) = 2/((n−1)(n−2)) · Σ_{{s≠a≠t}} σ_st(a)/σ_st",
                            "en": "C_B(a) = 2/((n−1)(n−2)) · Σ_{{s≠a≠t}} σ_st(a)/σ_st"},
    "meaning_betweenness": {"zh": "协同网络中其他单位之间的最短路径经过该单位的比例（在其连通分量内归一化，n 为分量单位数）",
                            "en": "share of shortest paths between other agencies through it, in the co-assignment graph "
                                  "(normalised within its connected component of n agencies)"},
    "formula_ongoing_share": {"zh": "持续推进措施数 / M", "en": "ongoing measures / M"},
    "meaning_ongoing_share": {"zh": "时限为持续推进、长期、常态化的措施占比", "en": "share of measures marked ongoing"},
    "formula_overdue": {"zh": "|{{m : 时限(m) < {as_of}}}|", "en": "|{{m : deadline(m) < {as_of}}}|"},
    "meaning_overdue": {"zh": "时限早于基准日的措施数（文件不载完成情况，为上限）",
                        "en": "measures due before the date (the documents record no completion, so an upper bound)"},
    "formula_due_soon": {"zh": "|{{m : {as_of} ≤ 时限(m) ≤ {as_of} + 30 天}}|",
                         "en": "|{{m : {as_of} ≤ deadline(m) ≤ {as_of} + 30 days}}|"},
    "meaning_due_soon": {"zh": "基准日起 30 天内到期的措施数", "en": "measures due within 30 days from the date"},
    "formula_cross_cutting": {"zh": "X = W · P", "en": "X = W · P"},
    "meaning_cross_cutting": {"zh": "跨领域工作量：需要跨指标协调的加权工作量，X ≤ W；排名依据",
                              "en": "cross-cutting load: the weighted load that crosses indicator lines, X ≤ W; the ranking's key"},
    "formula_lead_share": {"zh": "L / M；行业：行业牵头措施数 / 辖区措施总数",
                           "en": "L / M; for a sector: measures led by the sector / measures of the jurisdiction"},
    "meaning_lead_share": {"zh": "单位牵头的措施占其措施的比例；某行业单位牵头的措施占该辖区全部措施的比例",
                           "en": "share of an agency's measures it leads; share of a jurisdiction's measures led by a body of the sector"},
    "formula_shared_count": {"zh": "|{{m : a ∈ 牵头(m), b ∈ 牵头(m) ∪ 责任(m), b ≠ a}}|",
                             "en": "|{{m : a ∈ lead(m), b ∈ lead(m) ∪ responsible(m), b ≠ a}}|"},
    "meaning_shared_count": {"zh": "依赖关系 a → b：a 牵头、b 参与（牵头或责任）的措施数",
                             "en": "dependency a → b: measures a leads with b also lead or responsible"},
}

# Progress of the pipeline (`policykg.pipeline.Step`) and of `policykg run`.
PIPELINE: dict[str, dict[str, str]] = {
    "document_read": {"zh": "[{index}/{total}] {summary}", "en": "[{index}/{total}] {summary}"},
    "document_skipped": {"zh": "[{index}/{total}] {error}", "en": "[{index}/{total}] {error}"},
    "document_summary": {
        "zh": "{source}: {rows} 行，{warned} 行有警告，{rejects} 行未解析",
        "en": "{source}: {rows} rows, {warned} with warnings, {rejects} rejected",
    },
    "run_replacing": {
        "zh": "{out} 中有上一次运行的输出（库中 {documents} 份文件），本次运行全部替换；要把文件追加到原库中，请用 --append",
        "en": "{out} holds an earlier run's output (its store: {documents} documents); this run replaces all of it; "
              "to add documents to that store instead, use --append",
    },
    "run_replaced_dropped": {
        "zh": "  原库中有、本次没有的 {count} 份文件不再在库中：{names}",
        "en": "  {count} documents of the earlier store are not in this run and leave it: {names}",
    },
    "run_appending": {
        "zh": "追加到 {store}（已有 {documents} 份文件）；各项输出描述库中全部文件",
        "en": "adding to {store} ({documents} documents already); every output describes all documents in it",
    },
    "run_stage_done": {"zh": "  {stage}: {seconds:.2f}s", "en": "  {stage}: {seconds:.2f}s"},
    "run_violation": {"zh": "  {focus}  {path}  {message}", "en": "  {focus}  {path}  {message}"},
    "viz_png_skipped": {
        "zh": "未生成 PNG 图片：{reason}；HTML 页面已写入，无需字体。安装中文字体后重跑即可得到图片：apt-get install fonts-noto-cjk",
        "en": "PNG pictures skipped: {reason}; the HTML pages are written and need no font. Install a CJK font and run "
              "again for the pictures: apt-get install fonts-noto-cjk",
    },
    "run_summary": {
        "zh": "{documents} 份文件，{rows} 行任务，{rejects} 行未解析，{agencies} 个单位，{collectives} 个集合性单位，基准日 {as_of}（{seconds:.1f} 秒）",
        "en": "{documents} documents, {rows} rows, {rejects} rejected, {agencies} agencies, {collectives} collectives, "
              "as of {as_of} ({seconds:.1f}s)",
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
    "param_not_one_of": {"zh": "参数 {name}：{text!r} 不是可选值之一（{choices}）",
                         "en": "parameter {name}: {text!r} is not one of {choices}"},
    "header_no_key": {"zh": "{name}: header line {line} has no 'key:' ({text!r})",
                      "en": "{name}: header line {line} has no 'key:' ({text!r})"},
    "header_bad_param": {
        "zh": "{name}: bad param line {spec!r}; expected 'name | string|integer|date|one of a, b | default | description'",
        "en": "{name}: bad param line {spec!r}; expected 'name | string|integer|date|one of a, b | default | description'",
    },
    "header_missing": {"zh": "{name}: header has no {field}", "en": "{name}: header has no {field}"},
    "param_default_unknown": {"zh": "{query}：参数 {name} 的默认值引用了不存在的参数 {other!r}",
                              "en": "{query}: the default of {name} names no parameter {other!r}"},
    "param_limit_negative": {"zh": "limit {limit} 为负数；请给出行数，或用 0 表示全部",
                             "en": "limit {limit} is negative; give a number of rows, or 0 for all"},
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
        "zh": "{store}：库正被另一个进程使用（另一次 build，或 `policykg serve`），无法打开（{reason}）；"
              "等它结束或先停止它，再运行一次；库保持不变",
        "en": "{store}: the store is in use by another process (another build, or `policykg serve`) and cannot be "
              "opened ({reason}); wait for it to end or stop it, then run again; the store is unchanged",
    },
    "store_open_failed": {
        "zh": "{store}：无法打开库（{reason}）；库保持不变；请腾出磁盘空间（或排除原因）后再运行",
        "en": "{store}: the store cannot be opened ({reason}); it is unchanged; free some disk space (or remove the "
              "cause) and run again",
    },
    "store_built_meanwhile": {
        "zh": "{store}：本次构建期间另一次构建已在此建好了库；本次没有写入任何内容，库完整；要把文件加入其中，请再运行一次",
        "en": "{store}: another build made a store here while this one ran; this build wrote nothing and that store "
              "is whole; run again to add the documents to it",
    },
    "store_new_failed": {
        "zh": "{store}：无法写入新库（{reason}）；没有留下任何内容，原有内容不变；请腾出磁盘空间（或排除原因）后再运行",
        "en": "{store}: the new store could not be written ({reason}); nothing was left behind and what was there "
              "is unchanged; free some disk space (or remove the cause) and run again",
    },
    "store_update_failed": {
        "zh": "把 {graph} 写入库时出错（{reason}）；此前写入的 {written} 份文件完整，{graph} 及其后的文件保持原状；"
              "请腾出磁盘空间（或排除原因）后再运行",
        "en": "writing {graph} into the store failed ({reason}); the {written} documents written before it are "
              "complete, it and the ones after it are as they were; free some disk space (or remove the cause) "
              "and run again",
    },
    "io_failed": {
        "zh": "无法读写文件：{reason}",
        "en": "cannot read or write a file: {reason}",
    },
    "terminated": {
        "zh": "已按信号 {signal} 停止；已完成的部分完整，未完成的部分没有留下内容",
        "en": "stopped by {signal}; what was complete stays whole, the unfinished part left nothing behind",
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
    "input_link_unreadable": {"zh": "{path}: 符号链接无法访问", "en": "{path}: symbolic link cannot be followed"},
    "input_link_loop": {"zh": "{path}: 符号链接循环，无法读取", "en": "{path}: symbolic link loop; cannot be read"},
    "input_link_dead": {"zh": "{path}: 符号链接指向的文件不存在", "en": "{path}: symbolic link to a missing file"},
    "graph_agency_undefined": {
        "zh": "单位编号 {agency} 在分配中出现，但 Corpus.agencies 中没有这个单位",
        "en": "agency id {agency} is assigned in the corpus but not defined in Corpus.agencies",
    },
    "graph_agency_kind": {
        "zh": "单位 {agency} 的类型为 {kind}；应为 agency 或 collective",
        "en": "agency {agency} has kind {kind}; expected agency or collective",
    },
    "export_unknown_format": {
        "zh": "未知的导出格式 {fmt}；可用：{choices}",
        "en": "unknown export format {fmt}; use one of {choices}",
    },
    "export_array_delimiter": {
        "zh": "{where}：值 {value} 含有列表分隔符 {delimiter}，neo4j-admin 无法读回",
        "en": "{where}: value {value} contains the array delimiter {delimiter}, which neo4j-admin could not read back",
    },
    "export_directory": {
        "zh": "{directory}：无法创建导出文件夹（{reason}）",
        "en": "{directory}: cannot create the export directory ({reason})",
    },
    "publish_refused": {
        "zh": "{endpoint} 拒绝了命名图 <{graph}>（HTTP {status}）：{detail}",
        "en": "{endpoint} refused graph <{graph}> (HTTP {status}): {detail}",
    },
    "publish_unreachable": {
        "zh": "{endpoint}：无法连接图存储端点（{reason}）",
        "en": "{endpoint}: cannot reach the Graph Store endpoint ({reason})",
    },
    "bolt_row_too_large": {
        "zh": "{measure}：该行除措施文本外的字段已超过服务器单条语句可接收的 {budget} 字节",
        "en": "{measure}: this row's fields other than the measure text exceed what the server takes in one "
              "statement ({budget} bytes)",
    },
    "module_no_attribute": {
        "zh": "module {module!r} has no attribute {name!r}",
        "en": "module {module!r} has no attribute {name!r}",
    },
    "run_store_readers_failed": {
        "zh": "运行失败：执行命名查询与校验的子进程异常退出（状态 {status}），详见上方错误输出",
        "en": "run failed: the process running the named queries and validation ended abnormally (status {status}); "
              "see the errors above"},
    "run_row_readers_failed": {
        "zh": "运行失败：生成报告、图片与导出文件的子进程异常退出（状态 {status}），详见上方错误输出",
        "en": "run failed: the process writing the report, the pictures and the exports ended abnormally "
              "(status {status}); see the errors above"},
    "run_no_store": {"zh": "内部错误：存储阶段尚未运行", "en": "internal error: the store stage has not run"},
    "query_unknown_place": {
        "zh": "{parameter}：图中没有地方“{value}”；已知地方（{count} 个）：{known}",
        "en": "{parameter}: no place {value} in the graph; known places ({count}): {known}",
    },
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
    "indicator_model_format": {
        "zh": "{path}: 不是本版本的指标模型（格式 {found}，应为 {expected}）；请重新安装 policykg，"
              "或让 POLICYKG_INDICATOR_MODEL 指向本版本训练的模型",
        "en": "{path}: not an indicator model of this version (format {found}, expected {expected}); "
              "reinstall policykg, or point POLICYKG_INDICATOR_MODEL at a model built by this version",
    },
    "indicator_model_ngrams": {
        "zh": "{path}: 指标模型使用 {sizes} 字的 n-gram，本版本的评分器只读 1–3 字；请重新安装 policykg，"
              "或让 POLICYKG_INDICATOR_MODEL 指向本版本训练的模型",
        "en": "{path}: the indicator model uses n-grams of {sizes} characters, this scorer reads 1 to 3; "
              "reinstall policykg, or point POLICYKG_INDICATOR_MODEL at a model built by this version",
    },
    "indicator_model_damaged": {
        "zh": "{path}: 无法读取指标模型（{reason}）；请重新安装 policykg，或让 POLICYKG_INDICATOR_MODEL 指向本版本训练的模型",
        "en": "{path}: cannot read the indicator model ({reason}); reinstall policykg, or point "
              "POLICYKG_INDICATOR_MODEL at a model built by this version",
    },
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
    "falkordb_redis": FALKORDB_REDIS,
    "graph_commands": GRAPH_COMMANDS,
    "neo4j_commands": NEO4J_COMMANDS,
    "report_command": REPORT_COMMAND,
    "queries": QUERIES,
    "cli_help": CLI_HELP,
    "viz_command": VIZ_COMMAND,
    "views": VIEWS,
    "report_labels": REPORT_LABELS,
    "indicators": INDICATORS,
    "agency_review": AGENCY_REVIEW,
}

MESSAGES: dict[str, dict[str, str]] = {}
for _section in SECTIONS.values():
    MESSAGES.update(_section)
