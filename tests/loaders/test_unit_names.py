"""The unit-name rules of reading-rules.md, one case per rule and its examples."""

from __future__ import annotations

import pytest

from policykg.loaders.unit_names import is_collective, jurisdiction_prefix, parse_units, unit_score

CASES = [
    # rule 1: separators, and line breaks / spaces between names but not inside one
    ("市公安局、市税务局；市医保局,市人社局，市财政局;市商务局",
     ["市公安局", "市税务局", "市医保局", "市人社局", "市财政局", "市商务局"]),
    ("区行政服务中心 管委会", ["区行政服务中心管委会"]),
    ("市“智慧福清”管理\n\n中心", ["市“智慧福清”管理中心"]),
    ("市住建局\n\n市行政服务中心管委会", ["市住建局", "市行政服务中心管委会"]),
    ("县委宣传部 县营商办", ["县委宣传部", "县营商办"]),
    ("区数字办 鼓楼公安分局 区行政服务中心 管委会", ["区数字办", "鼓楼公安分局", "区行政服务中心管委会"]),
    # rule 2: 等 and the collective after it
    ("市发改局、市司法局等市直有关单位", ["市发改局", "市司法局"]),
    ("福清市税务局等单位", ["福清市税务局"]),
    ("市财政局、工信局等相关部门", ["市财政局", "市工信局"]),
    ("区公安分局、税务局等单位", ["区公安分局", "区税务局"]),
    ("各高等院校", ["各高等院校"]),
    # rule 3: parentheticals
    ("县发改局（大数据局）", ["县发改局"]),
    ("市市场监管局（知识产权局）", ["市市场监管局"]),
    ("县发改局（含信用办、大数据局）", ["县发改局"]),
    ("福州新港国际集装箱码头有限公司（福港集箱）", ["福州新港国际集装箱码头有限公司"]),
    ("中闽（罗源）水务有限公司", ["中闽（罗源）水务有限公司"]),
    ("各镇（街）", ["各镇（街）"]),
    ("各县（市、区）人民政府", ["各县（市、区）人民政府"]),
    ("市“双随机、一公开”跨部门联合监管工作联席会议成员单位", ["市“双随机、一公开”跨部门联合监管工作联席会议成员单位"]),
    # rule 4: elided jurisdiction prefix
    ("市公安局、税务局、医保局", ["市公安局", "市税务局", "市医保局"]),
    ("区市场监管局、法院", ["区市场监管局", "区法院"]),
    ("区发改局、市场监管局", ["区发改局", "区市场监管局"]),
    ("区金融办、人民银行惠安支行、税务局", ["区金融办", "人民银行惠安支行", "区税务局"]),
    ("县住建局、泉州海关、国网泉州供电公司、水利水务建设发展有限公司",
     ["县住建局", "泉州海关", "国网泉州供电公司", "水利水务建设发展有限公司"]),
    ("市发改委、资源规划局、人防办", ["市发改委", "市资源规划局", "市人防办"]),
    ("市公安局、中级人民法院、人民检察院", ["市公安局", "市中级人民法院", "市人民检察院"]),
    ("区金融办、发改局、惠安银保监组", ["区金融办", "区发改局", "惠安银保监组"]),
    ("县直相关单位，各乡镇政府、台商区管委会", ["县直相关单位", "各乡镇政府", "台商区管委会"]),
    # rule 5: collectives stay as written
    ("各有关单位", ["各有关单位"]),
    ("联动机制成员单位", ["联动机制成员单位"]),
    ("相关行业主管部门", ["相关行业主管部门"]),
    # a clause saying how units take part is not a name
    ("市级各有关部门按职责分工负责", ["市级各有关部门"]),
    ("", []),
    ("   ", []),
]


@pytest.mark.parametrize("cell,names", CASES)
def test_parse_units(cell, names):
    assert parse_units(cell).names == names


def test_aliases_and_warnings():
    r = parse_units("县发改局（含信用办、大数据局）、县公安局、县公安局、县财政局等相关单位")
    assert r.names == ["县发改局", "县公安局", "县财政局"]
    assert r.aliases == {"县发改局": ["信用办", "大数据局"]}
    assert r.warnings == ["duplicate_unit:县公安局", "collective_dropped_after_deng:相关单位"]


def test_company_inherits_only_with_evidence():
    assert parse_units("市自来水公司、燃气公司").names == ["市自来水公司", "燃气公司"]
    assert parse_units("市自来水公司、燃气公司", frozenset({"市燃气公司"})).names == ["市自来水公司", "市燃气公司"]


@pytest.mark.parametrize("name,prefix", [
    ("市公安局", "市"), ("县委宣传部", "县"), ("区法院", "区"), ("省商务厅", "省"), ("市市场监管局", "市"),
    ("市场监管局", None), ("市政管养公司", None), ("市政府办公室", "市"), ("区域评估中心", None), ("税务局", None),
])
def test_jurisdiction_prefix(name, prefix):
    assert jurisdiction_prefix(name) == prefix


def test_collectives_and_unit_score():
    assert all(is_collective(n) for n in ["各有关单位", "市直有关单位", "各相关部门", "各乡镇政府", "联动机制成员单位",
                                          "相关行业主管部门"])
    assert not any(is_collective(n) for n in ["市公安局", "县委宣传部", "泉州海关"])
    assert unit_score("市公安局、税务局") == 1.0
    assert unit_score("推进投资项目审批便利化。根据省市统一部署") == 0.0


@pytest.mark.parametrize("item", ["试行公安服务“一窗通办”", "深入推进“一件事一次办”", "全力打造政务服务中心"])
def test_item_ending_like_a_unit_is_not_a_unit_list(item):
    """A short item that opens with a policy verb stays in the item column, however it ends."""
    from policykg.loaders.align import align_cells

    assert unit_score(item) == 0.0
    roles = ["seq", "indicator", "item", "measure", "lead", "responsible", "deadline"]
    cells = ["41", "", item, "提升就医办医水平。", "", "区司法局", "2020年底"]
    aligned = align_cells(cells, roles).cells
    assert (aligned["item"], aligned["measure"], aligned["responsible"]) == (item, "提升就医办医水平。", "区司法局")


def test_body_stem_wins_over_a_verb_opener():
    """组织部 and 建设局 open like the verbs 组织 / 建设 but are bodies: a unit list, realigned as one."""
    from policykg.loaders.align import cell_kind

    for cell in ["组织部", "建设局", "县委宣传部、组织部", "建设局、财政局"]:
        assert unit_score(cell) == 1.0, cell
        assert cell_kind(cell) == "units", cell
    assert unit_score("组织开展营商环境评价") == 0.0


def test_body_named_after_the_documents_own_place_keeps_it():
    """港口 opens bare bodies (港口发展中心 inherits), but in 港口区's own document 港口公积金中心 is that place's."""
    assert parse_units("区卫健局、港口发展中心").names == ["区卫健局", "区港口发展中心"]
    assert parse_units("区卫健局、港口公积金中心", home="港口区").names == ["区卫健局", "港口公积金中心"]
    assert parse_units("区卫健局、港口区公积金中心", home="港口区").names == ["区卫健局", "港口区公积金中心"]
    assert parse_units("区卫健局、税务局", home="港口区").names == ["区卫健局", "区税务局"]
    assert parse_units("县发改局、罗源公积金中心", home="罗源县").names == ["县发改局", "罗源公积金中心"]
