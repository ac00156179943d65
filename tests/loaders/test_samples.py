"""Rows read from the bundled samples, checked field by field against a careful reading.

The expected values were written by reading the source lines (given in each
comment), above all for the hard rows: merged cells, shifted cells, elided
prefixes, names broken across lines, rows without numbers.
"""

from __future__ import annotations

import pytest

from policykg import sample_paths
from policykg.loaders import read_document


@pytest.fixture(scope="module")
def docs():
    return {p.name[:3]: read_document(p) for p in sample_paths()}


def row(docs, doc: str, seq: str):
    matches = [r for r in docs[doc].rows if r.seq == seq]
    assert len(matches) == 1, f"{doc} seq {seq}: {len(matches)} rows"
    return matches[0]


def test_row_counts_and_numbering(docs):
    counts = {k: len(v.rows) for k, v in docs.items()}
    assert counts == {"000": 113, "001": 149, "002": 148, "003": 28, "004": 83}
    for key, result in docs.items():
        assert result.rejects == []
        assert result.problems == []
        seqs = [int(r.seq) for r in result.rows]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), key
    # 004 skips 26 in its own numbering; every other document is contiguous
    assert [int(r.seq) for r in docs["004"].rows] == list(range(1, 26)) + list(range(27, 85))
    for key in ("000", "001", "002", "003"):
        assert [int(r.seq) for r in docs[key].rows] == list(range(1, len(docs[key].rows) + 1))


EXPECTED = [
    # --- 000: one cell per line -------------------------------------------------------
    # lead cell with two names on two lines (L14-15)
    ("000", "1", dict(indicator="开办企业", lead=("市市场监管局", "市行政服务中心管委会"),
                      responsible=("市公安局", "市人社局", "福清市税务局", "福清医保局", "福州住房公积金管理中心福清管理部"),
                      deadline_raw="6月底", deadline="2020-06-30", item=None, line=11)),
    # continuation row: empty indicator inherits (L20-26)
    ("000", "2", dict(indicator="开办企业", indicator_raw="开办企业", lead=("市市场监管局",),
                      responsible=("市人社局", "福清市税务局"))),
    # a blank line between two lead names (L72-74)
    ("000", "8", dict(lead=("市住建局", "市行政服务中心管委会"), deadline="2020-06-30")),
    # lead present, responsible empty: responsible stays empty (L96-101)
    ("000", "11", dict(lead=("市住建局",), responsible=(), deadline="2020-09-30")),
    # indicator broken over lines "获得用水\n\n用气" (L154-156)
    ("000", "18", dict(indicator_raw="获得用水用气", indicator="获得用水用气", deadline="2020-03-31",
                       responsible=("福清供电公司", "福建广电福清分公司", "福清水务公司", "福清市华润燃气公司"))),
    # local category not among the 18 (L172)
    ("000", "20", dict(indicator="获得网络", lead=("福建广电福清分公司",), responsible=())),
    # alias 不动产登记 → 登记财产 (L180-181)
    ("000", "21", dict(indicator_raw="不动产登记", indicator="登记财产")),
    # "等单位" dropped (L289)
    ("000", "34", dict(responsible=("市大数据中心", "市金融办", "福清市税务局"), deadline="ongoing")),
    # parenthetical alias removed (L296)
    ("000", "35", dict(lead=("市市场监管局",), responsible=("市金融办",))),
    # （福港集箱） alias removed, full-width comma splits (L394)
    ("000", "47", dict(responsible=("市财政局", "市发改局", "市市场监管局", "榕城海关驻福清办事处", "福清出入境边防检查站",
                                    "福清海事处", "江阴港务管理站", "福州新港国际集装箱码头有限公司", "各港口企业", "中介公司"))),
    # three leads on three lines, then a collective (L537-540)
    ("000", "65", dict(lead=("市发改局", "市大数据中心", "市市场监管局"), responsible=("市直有关单位",))),
    # continuation row with lead present and responsible empty (L544-551)
    ("000", "66", dict(lead=("市发改局", "市大数据中心", "市市场监管局"), responsible=(), indicator="市场监管")),
    # a name broken over lines "市“智慧福清”管理\n\n中心" (L583-588)
    ("000", "70", dict(lead=("市行政服务中心管委会", "市大数据中心", "市公安局", "市“智慧福清”管理中心"),
                       responsible=("市直有关单位",))),
    # "劳动力\n\n市场监管" without ordinal (L707-709)
    ("000", "85", dict(indicator_raw="劳动力市场监管", indicator="劳动力市场监管")),
    ("000", "95", dict(indicator_raw="包容普惠创新", indicator="包容普惠创新")),
    # parentheses that are part of a collective's name stay (L810)
    ("000", "97", dict(responsible=("市交投公司", "相关镇（街）", "福州市福清公路事业发展中心"))),
    # "等市直有关单位" dropped (L826)
    ("000", "99", dict(responsible=("市发改局", "市财政局", "市自然资源和规划局", "市住建局"))),
    ("000", "110", dict(indicator="深化改革创新", lead=("市委组织部",))),
    # a collective as lead (L925)
    ("000", "111", dict(lead=("各有关单位",), responsible=(), deadline="ongoing")),
    # --- 001: TAB lines with shifted and numberless rows -------------------------------
    ("001", "1", dict(indicator="开办企业", item="开展“一照多址”改革", lead=("县市场监管局",), responsible=(),
                      deadline_raw="2023年3月底", deadline="2023-03-31", line=110)),
    # （含大数据局） removed; collective kept (L111)
    ("001", "2", dict(responsible=("县司法局", "县发改局", "相关行业主管部门"))),
    # empty item inherits in a continuation row (L122)
    ("001", "12", dict(item="推进社会投资项目“用地清单制”改革", lead=("县资规局",), responsible=("县人防办",),
                       deadline="ongoing")),
    # measure in the indicator column, deadline in the lead column (L132)
    ("001", "20", dict(indicator="办理建筑许可", item="试行分阶段整合相关测绘测量事项", lead=("县资规局",),
                       responsible=("县住建局", "县人防办", "县不动产登记和交易中心"),
                       deadline_raw="2023年3月底", deadline="2023-03-31")),
    # everything after the measure empty: lead, responsible and deadline inherit (L135)
    ("001", "23", dict(lead=("县资规局",), responsible=("县住建局", "县人防办", "县不动产登记和交易中心"),
                       deadline_raw="持续推进", deadline="ongoing")),
    # lead and responsible empty, deadline given (L156)
    ("001", "40", dict(lead=("县税务局",), responsible=(), deadline="2023-03-31")),
    # a unit name in the deadline column (L201)
    ("001", "79", dict(lead=("县发改局", "县财政局"), responsible=("市直各预算单位",), deadline_raw="2023年底")),
    # rows printed without a number between 92 and 95 (L217-218)
    ("001", "93", dict(line=217, lead=("县行政服务中心管委会", "县住建局"),
                       responsible=("县发改局", "县资规局", "县不动产登记和交易中心"), deadline="2023-06-30",
                       item="深化工业项目投资审批全流程改革")),
    ("001", "94", dict(line=218, lead=("县行政服务中心管委会", "县住建局"), deadline="2023-06-30")),
    # cells shifted right by one: item in the measure column (L236)
    ("001", "110", dict(item="推行企业年度报告“多报合一”改革", lead=("县市场监管局",),
                        responsible=("县人社局", "县统计局", "县税务局"), indicator="市场监管")),
    # cells shifted left by one: item in the indicator column (L238)
    ("001", "111", dict(item="开展企业强制退出改革试点", indicator="市场监管", lead=("县市场监管局",), responsible=(),
                        deadline="2023-03-31")),
    # deadline cell empty inherits; a unit named twice (L253)
    ("001", "124", dict(lead=("县工信局",), deadline="ongoing",
                        responsible=("县公安局", "县市场监管局", "县资规局", "县生态局", "县住建局", "县应急管理局",
                                     "县税务局"))),
    # two leads separated by a space (L280)
    ("001", "147", dict(lead=("县委宣传部", "县营商办"), responsible=("各专项工作组", "各指标牵头单位"))),
    # measure in the indicator column of a continuation row (L281)
    ("001", "148", dict(lead=("县委宣传部", "县营商办"), responsible=("各专项工作组", "各指标牵头单位"), deadline="ongoing")),
    # the last line has no trailing newline (L282)
    ("001", "149", dict(lead=("县营商办",), item="国家、省、市开展的营商环境评价和绩效考核")),
    # --- 002: repeated headers, merged lead cells, elided 市 -----------------------------
    # elided 市 restored; "人民银行…" carries its own place; "等相关部门" dropped (L66)
    ("002", "1", dict(indicator="开办企业", lead=("市市场监管局",),
                      responsible=("市公安局", "市税务局", "市人社局", "市医保局", "人民银行泉州市中心支行"),
                      deadline="2021-09-30")),
    # merged lead cell: lead inherits, responsible given (L67)
    ("002", "2", dict(lead=("市市场监管局",),
                      responsible=("市公安局", "市税务局", "市医保局", "市人社局", "市住房公积金管理中心"))),
    # 燃气公司 after 市自来水公司 is 市燃气公司 (the document writes 市燃气公司 elsewhere) (L68)
    ("002", "3", dict(responsible=("市行政服务中心管委会", "市通信发展管理办", "国网泉州供电公司", "市自来水公司", "市燃气公司",
                                   "泉州广电网络公司", "电信泉州分公司", "移动通信泉州分公司", "联通泉州分公司"))),
    # traditional 部門 in the collective after 等 (L71)
    ("002", "4", dict(responsible=("市发改委", "市司法局", "市商务局"))),
    # unit list in the deadline column; deadline inherits (L74)
    ("002", "7", dict(lead=("市行政服务中心管委会", "市住建局"), responsible=("市资源规划局", "市城管局"),
                      deadline="2021-12-31")),
    # conditional deadline (L117)
    ("002", "38", dict(indicator="纳税", lead=("市税务局",), deadline="conditional",
                       deadline_raw="根据省税务局工作进度安排,按时序进度推进")),
    # 湄洲湾港口发展中心 carries its own place (L124)
    ("002", "43", dict(responsible=("泉州海关", "市交通运输局", "湄洲湾港口发展中心", "泉州港口发展中心", "泉州海事局"))),
    ("002", "47", dict(indicator_raw="融资支持", indicator="获得信贷",
                       responsible=("人民银行泉州市中心支行", "泉州银保监分局", "市财政局", "市金融监管局", "市工信局"))),
    # a merged lead cell that spans a new indicator (L152)
    ("002", "63", dict(indicator="办理破产", lead=("市中级人民法院",),
                       responsible=("市资源规划局", "市数字办", "市市场监管局", "市公安局", "市税务局"))),
    # item in the indicator column (L161)
    ("002", "70", dict(indicator="办理破产", item="提升纠纷化解服务能力。", lead=("市金融监管局",), responsible=(),
                       deadline="ongoing")),
    ("002", "71", dict(indicator_raw="保护中小投资者权益", indicator="保护中小投资者", lead=("市金融监管局",),
                       responsible=("市金融监管局",))),
    ("002", "74", dict(indicator_raw="就业保障", indicator="劳动力市场监管", deadline="conditional",
                       responsible=("市交通运输局", "市农业农村局", "市卫健委", "市文旅局", "市资源规划局", "市教育局"))),
    # eight cells: the responsible units one column to the right (L169)
    ("002", "76", dict(lead=("市人社局",), responsible=("市住建局", "市市场监管局"), deadline="ongoing")),
    ("002", "77", dict(lead=("市人社局",), responsible=("市住建局", "市市场监管局"), deadline="2021-09-30")),
    ("002", "79", dict(lead=("市人社局",), responsible=("市司法局",), deadline="conditional")),
    # a row printed without a number between 95 and 97 (L195)
    ("002", "96", dict(line=195, item="持续开展“减证便民”。", lead=("市行政服务中心管委会",), responsible=("市司法局",),
                       deadline="2021-12-31")),
    ("002", "113", dict(responsible=("市公安局", "市中级人民法院", "市人民检察院"))),
    # "…按照各自职责分工分别牵头负责" is not part of the name (L233)
    ("002", "124", dict(responsible=("涉及综合行政执法改革的五大执法领域主管部门",), deadline="ongoing")),
    # measure in the indicator column, responsible units before the deadline (L235)
    ("002", "126", dict(item="加强信用监管。", lead=("市市场监管局",), responsible=("市发改委", "市委组织部", "市人社局"),
                        deadline="2021-09-30")),
    ("002", "130", dict(lead=("市人社局",), deadline="conditional",
                        responsible=("市委组织部", "市司法局", "市人社局", "市工信局", "市科技局", "市教育局", "市卫健委",
                                     "市国资委", "市科协"))),
    # deadline in the item column (L242)
    ("002", "131", dict(lead=("市人社局",), deadline="conditional")),
    ("002", "132", dict(lead=("市人社局",), deadline="2021-12-31")),
    # a surplus cell repeating the responsible unit (L249)
    ("002", "136", dict(lead=("市卫健委",), responsible=("市人社局",), deadline="2022-12-31")),
    # --- 003: TAB lines, themes, title sentence as item --------------------------------
    ("003", "1", dict(indicator_raw="持续提升投资服务水平", indicator=None, item="推进投资项目审批便利化。",
                      lead=("区发改局", "区行政服务中心管委会"), responsible=("各相关部门",), deadline_raw=None,
                      deadline=None, remark="承接市级工作任务")),
    ("003", "2", dict(lead=("区建设局", "区数字办", "区行政服务中心管委会"),
                      responsible=("区自然资源和规划局", "区发改局", "区档案局", "鼓楼区生态环境局", "区园林中心"))),
    ("003", "5", dict(lead=("区发改局",), responsible=("区数字办", "区工信局", "区财政局", "区人社局", "区教育局"))),
    ("003", "8", dict(lead=("鼓楼供电服务中心", "区建设局"), responsible=())),
    ("003", "15", dict(lead=("区数字办", "鼓楼公安分局", "区行政服务中心管委会"))),
    # measure in the indicator column (L112)
    ("003", "17", dict(indicator_raw="提升智慧政务服务效率", item="增加新业态应用场景供给。", lead=("区数字办",),
                       responsible=("区工信局", "区卫健局"), remark="承接市级工作任务")),
    ("003", "28", dict(indicator_raw="优化社会服务水平", lead=("区人社局",), responsible=(), remark="承接市级工作任务")),
    # --- 004: one cell per line, numbers in the measure text ---------------------------
    ("004", "1", dict(indicator="开办企业", item=None, lead=("区市场监管局",), responsible=("区公安分局", "区税务局"),
                      deadline="2020-06-30", line=77)),
    ("004", "6", dict(lead=("区行政服务中心", "区人社局", "泉州医保分局"), responsible=())),
    ("004", "7", dict(indicator="办理建筑许可", lead=("区行政服务中心", "区住建局"),
                      responsible=("区发改局", "区自然资源局", "区交通运输局", "区农水局", "区城管局", "区工信局",
                                   "区生态环境局", "区地震办", "泉港供电服务中心"))),
    # page-break repeat of the category, with a blank first line (L133-136)
    ("004", "10", dict(indicator="办理建筑许可", lead=("区行政服务中心",), responsible=("各有关部门",))),
    # a lead list broken after "、" (L213-214)
    ("004", "22", dict(lead=("区发改局", "区城管局", "区市场监管局"), deadline="ongoing",
                       responsible=("水利水务建设发展有限公司", "泉港新奥燃气有限公司"))),
    ("004", "27", dict(indicator="登记财产", lead=("区税务局",))),
    ("004", "36", dict(lead=("区法院",), responsible=("区检察院", "区司法局", "区工信局", "区公安分局", "区财政局",
                                                     "区自然资源局", "区国资办", "区市场监管局", "区金融办",
                                                     "人民银行惠安支行", "区税务局"))),
    ("004", "42", dict(lead=("区金融办", "区发改局", "惠安银保监组"), responsible=("人民银行惠安支行",))),
    ("004", "43", dict(lead=("区金融办", "区自然资源局", "区市场监管局", "人民银行惠安支行"),
                       responsible=("区财政局", "惠安银保监组"))),
    ("004", "53", dict(indicator_raw="企业迁移及注销", indicator="企业迁移及注销")),
    ("004", "60", dict(deadline_raw="12月底前", deadline="2020-12-31")),
    # "[bookmark: _GoBack]" is not content (L570)
    ("004", "80", dict(indicator_raw="政策落实", indicator="政策落实", lead=("区发改局", "区司法局", "区审计局"))),
    ("004", "81", dict(lead=("区发改局", "区工信局", "区工商联", "区科技局", "区商务局", "区金融办", "区人社局"))),
]


@pytest.mark.parametrize("doc,seq,fields", EXPECTED, ids=[f"{d}-{s}" for d, s, _ in EXPECTED])
def test_sample_row(docs, doc, seq, fields):
    r = row(docs, doc, seq)
    actual = {k: getattr(r, k) for k in fields}
    assert actual == fields


def test_measures_are_clean(docs):
    for result in docs.values():
        for r in result.rows:
            assert r.measure and "<" not in r.measure and "\t" not in r.measure and "\n" not in r.measure
            assert "bookmark" not in (r.indicator_raw or "")
    # list numbers are removed from measures; the title sentence is split off when set apart
    assert row(docs, "004", "1").measure.startswith("压缩企业开办环节和时间。")
    assert row(docs, "003", "1").measure.startswith("根据省市统一部署")
    assert row(docs, "002", "2").measure.startswith("协助省市场监管局")


DOCUMENTS = {
    "000": dict(title="2020年福清市优化营商环境工作任务分工表", plan_year=2020, jurisdiction="福清市", parent="福州市",
                province="福建省", adcode="350181", doc_number=None, layout="cell-lines"),
    "001": dict(title="罗源县营商环境创新改革实施方案", issuer="罗源县人民政府", doc_number="罗政综〔2023〕10号",
                plan_year=2023, jurisdiction="罗源县", parent="福州市", layout="tab-lines"),
    "002": dict(title="泉州市营商环境持续提升专项行动方案", issuer="泉州市人民政府办公室", doc_number="泉政办〔2021〕37号",
                issue_date="2021-09-21", plan_year=2021, jurisdiction="泉州市", parent="福建省",
                responsible_all=("各县（市、区）人民政府", "泉州开发区", "泉州台商投资区")),
    "003": dict(title="鼓楼区进一步优化营商环境更好服务市场主体工作方案", issuer="福州市鼓楼区人民政府办公室",
                doc_number="鼓政办〔2021〕18号", issue_date="2021-05-11", plan_year=2021, jurisdiction="鼓楼区",
                parent="福州市", adcode="350102"),
    "004": dict(title="2020年泉港区优化营商环境工作要点", issuer="泉港区提升营商环境工作推进小组办公室",
                doc_number="泉港营商办〔2020〕2号", issue_date="2020-07-15", plan_year=2020, jurisdiction="泉港区",
                parent="泉州市", adcode="350505"),
}


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_document_facts(docs, doc):
    d = docs[doc].document
    expected = DOCUMENTS[doc]
    assert {k: getattr(d, k) for k in expected} == expected


def test_parenthetical_aliases_are_kept(docs):
    assert set(docs["001"].unit_aliases["县发改局"]) == {"大数据局", "信用办", "审改办"}
    assert docs["000"].unit_aliases["市市场监管局"] == ["知识产权局"]
