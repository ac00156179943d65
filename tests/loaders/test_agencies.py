"""Agency resolution: exact ids, names, merges and non-merges worked out by hand.

The documents mirror the bundled samples: 000 福清市 (a county-level city in
福州市), 001 罗源县 (福州市), 002 泉州市 (a prefecture), 003 鼓楼区 (福州市),
004 泉港区 (泉州市). Names are taken from their unit columns.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from policykg.loaders.agencies import agency_summary, build_corpus
from policykg.loaders.agency_names import resolve_name
from policykg.records import Agency, Corpus, Document, LoadResult, Row

FUQING = Document("000.txt", jurisdiction="福清市", parent="福州市", province="福建省", adcode="350181")
LUOYUAN = Document("001.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
QUANZHOU = Document("002.txt", jurisdiction="泉州市", parent="福建省", province="福建省", adcode="350500")
GULOU = Document("003.txt", jurisdiction="鼓楼区", parent="福州市", province="福建省", adcode="350102")
QUANGANG = Document("004.txt", jurisdiction="泉港区", parent="泉州市", province="福建省", adcode="350505")


def _row(doc: Document, line: int, lead: tuple[str, ...], responsible: tuple[str, ...] = ()) -> Row:
    return Row(doc.source, str(line), None, None, None, "措施", lead, responsible, None, None, None, line)


def _id(doc: Document, name: str) -> str:
    return resolve_name(doc, name).agency_id(doc.source)


# --- rule 1: jurisdiction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "name", "agency_id"),
    [
        # 市 in a 市 document is the document's own city (county-level or prefecture)
        (FUQING, "市公安局", "350181/公安局"),
        (QUANZHOU, "市公安局", "350500/公安局"),
        # 市 in a 县/区 document is the parent city
        (LUOYUAN, "市公安局", "350100/公安局"),
        (QUANGANG, "市公安局", "350500/公安局"),
        (GULOU, "市公安局", "350100/公安局"),
        # 县/区 are the document's own
        (LUOYUAN, "县公安局", "350123/公安局"),
        (QUANGANG, "区公安分局", "350505/公安分局"),
        (LUOYUAN, "县委宣传部", "350123/宣传部"),
        # 省 is the province
        (QUANZHOU, "省口岸办", "350000/口岸办"),
        # words that start with 市/区/县 carry no prefix …
        (QUANGANG, "市场监管局", "350505/市场监督管理局"),
        (FUQING, "市政管养公司", "350181/市政管养公司"),
        # … but 市市场监管局, 市政府, 市民政局, 县城监大队 do
        (FUQING, "市市场监管局", "350181/市场监督管理局"),
        (QUANZHOU, "市政府", "350500/人民政府"),
        (QUANZHOU, "市民政局", "350500/民政局"),
        (LUOYUAN, "县城监大队", "350123/城监大队"),
        (QUANZHOU, "市中级人民法院", "350500/中级人民法院"),
        # a name starting with a place carries that place (short names expand)
        (FUQING, "福清市税务局", "350181/税务局"),
        (FUQING, "福清医保局", "350181/医疗保障局"),
        (QUANGANG, "泉州海关", "350500/海关"),
        (QUANGANG, "惠安银保监组", "350521/银保监组"),
        (LUOYUAN, "罗源公积金中心", "350123/公积金中心"),
        # 鼓楼 is four districts in China; in a 福州 document it is 福州市鼓楼区
        (GULOU, "鼓楼公安分局", "350102/公安分局"),
        (FUQING, "鼓楼公安分局", "350102/公安分局"),
        # a place inside the name (branches, offices, parenthesised)
        (FUQING, "人行福清支行", "350181/人民银行支行"),
        (QUANGANG, "人民银行惠安支行", "350521/人民银行支行"),
        (QUANZHOU, "人民银行泉州市中心支行", "350500/人民银行中心支行"),
        (FUQING, "榕城海关驻福清办事处", "350181/榕城海关驻办事处"),
        (QUANGANG, "泉州海关驻泉港办事处", "350505/海关驻办事处"),
        (LUOYUAN, "国网罗源供电公司", "350123/供电公司"),
        (LUOYUAN, "中闽（罗源）水务有限公司", "350123/中闽水务有限公司"),
        (FUQING, "电信福清分公司", "350181/电信分公司"),
        (FUQING, "福州住房公积金管理中心福清管理部", "350181/住房公积金管理中心管理部"),
        (FUQING, "国家税务总局福清市税务局", "350181/税务局"),
        (FUQING, "中共福清市委组织部", "350181/组织部"),
        # short names of places in other provinces are words here (江阴 is 福清's port, 洪山 a 鼓楼 town)
        (FUQING, "江阴港务管理站", "350181/江阴港务管理站"),
        (GULOU, "洪山镇政府", "350102/洪山镇政府"),
        # bare names belong to the document's jurisdiction
        (FUQING, "税务局", "350181/税务局"),
        (LUOYUAN, "邮政公司", "350123/邮政公司"),
        (LUOYUAN, "华润燃气公司", "350123/华润燃气公司"),
        (QUANGANG, "水利水务建设发展有限公司", "350505/水利水务建设发展有限公司"),
    ],
)
def test_agency_id(doc: Document, name: str, agency_id: str) -> None:
    assert _id(doc, name) == agency_id


BEIJING_CHAOYANG = Document("bj.txt", jurisdiction="朝阳区", parent="北京市", province="北京市")
YANJI = Document("yj.txt", jurisdiction="延吉市", parent="延边朝鲜族自治州", province="吉林省")
SUZHOU = Document("sz.txt", jurisdiction="苏州市", parent="江苏省", province="江苏省", adcode="320500")


@pytest.mark.parametrize(
    ("doc", "name", "agency_id"),
    [
        # other provinces: the rules are general, not tuned to 福建
        (BEIJING_CHAOYANG, "区市场监管局", "110105/市场监督管理局"),  # 朝阳区 of 北京, not of 长春
        (BEIJING_CHAOYANG, "市税务局", "110000/税务局"),  # the municipality is one jurisdiction
        (BEIJING_CHAOYANG, "市公安局朝阳分局", "110105/公安局分局"),
        (BEIJING_CHAOYANG, "国家税务总局北京市朝阳区税务局", "110105/税务局"),
        (BEIJING_CHAOYANG, "区发展改革委", "110105/发展和改革委员会"),
        (YANJI, "市公安局", "222401/公安局"),  # a county-level city's 市 is its own
        (YANJI, "州公安局", "222400/公安局"),
        (YANJI, "延边州税务局", "222400/税务局"),
        (SUZHOU, "常熟海关", "320581/海关"),
        (SUZHOU, "昆山市人民政府", "320583/人民政府"),
        (SUZHOU, "张家港市政府", "320582/人民政府"),
        (SUZHOU, "国网苏州供电公司", "320500/供电公司"),
        (SUZHOU, "江阴市税务局", "320281/税务局"),  # a full place name of another prefecture
    ],
)
def test_agency_id_elsewhere(doc: Document, name: str, agency_id: str) -> None:
    assert _id(doc, name) == agency_id


def test_resolution_fields() -> None:
    r = resolve_name(QUANGANG, "市公安局")
    assert (r.kind, r.key, r.code, r.jurisdiction, r.parent, r.display, r.full, r.qualified) == (
        "agency", "公安局", "350500", "泉州市", "福建省", "泉州市公安局", True, True,
    )
    r = resolve_name(LUOYUAN, "县资规局")
    assert (r.key, r.jurisdiction, r.parent, r.display, r.full) == (
        "自然资源和规划局", "罗源县", "福州市", "罗源县资规局", False,
    )
    r = resolve_name(FUQING, "税务局")
    assert (r.display, r.qualified) == ("福清市税务局", False)


# --- rule 2: normalised key ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "short", "full"),
    [
        (LUOYUAN, "县资规局", "县自然资源和规划局"),
        (LUOYUAN, "县交运局", "县交通运输局"),
        (LUOYUAN, "县生态局", "县生态环境局"),
        (LUOYUAN, "县法院", "县人民法院"),
        (LUOYUAN, "县检察院", "县人民检察院"),
        (LUOYUAN, "县政府", "罗源县人民政府"),
        (LUOYUAN, "县人防办", "县人民防空办公室"),
        (FUQING, "市交通局", "市交通运输局"),
        (FUQING, "市住建局", "市住房和城乡建设局"),
        (FUQING, "市人社局", "市人力资源和社会保障局"),
        (FUQING, "市工信局", "市工业和信息化局"),
        (FUQING, "市卫健局", "市卫生健康局"),
        (FUQING, "市文旅局", "市文化和旅游局"),
        (FUQING, "市城管局", "市城市管理局"),
        (FUQING, "市行政服务中心管委会", "市行政服务中心管理委员会"),
        (FUQING, "福清华润燃气公司", "福清市华润燃气公司"),
        (FUQING, "人行福清支行", "人民银行福清支行"),
        (QUANZHOU, "市资源规划局", "市自然资源和规划局"),
        (QUANZHOU, "发改委", "市发展和改革委员会"),
        (QUANZHOU, "市应急局", "市应急管理局"),
        (QUANZHOU, "市检察院", "人民检察院"),
        (GULOU, "区行政服务中心", "区行政服务中心管委会"),
        (GULOU, "区文体旅局", "区文化体育和旅游局"),
        (LUOYUAN, "罗源供电公司", "国网罗源供电公司"),
        (LUOYUAN, "组织部", "县委组织部"),
    ],
)
def test_same_body(doc: Document, short: str, full: str) -> None:
    assert _id(doc, short) == _id(doc, full)


@pytest.mark.parametrize(
    ("doc", "one", "other"),
    [
        (GULOU, "区住建局", "区建设局"),  # a district 建设局 is not certainly the 住建局
        (QUANGANG, "区自然资源局", "区自然资源和规划局"),
        (QUANGANG, "区公安分局", "区公安局"),
        (QUANGANG, "区医保分局", "区医保局"),
        (QUANZHOU, "市发改委", "市发改局"),
        (QUANZHOU, "市金融监管局", "市金融办"),
        (QUANZHOU, "市数字办", "市大数据局"),
        (FUQING, "市大数据中心", "市大数据局"),
        (QUANGANG, "泉港供电服务中心", "国网泉港供电公司"),
        # one text, different jurisdictions
        (QUANZHOU, "市公安局", "福清市公安局"),
        (LUOYUAN, "县公安局", "市公安局"),
    ],
)
def test_different_bodies(doc: Document, one: str, other: str) -> None:
    assert _id(doc, one) != _id(doc, other)


def test_same_text_in_two_documents() -> None:
    assert _id(FUQING, "市公安局") != _id(QUANZHOU, "市公安局")
    assert _id(QUANGANG, "市公安局") == _id(QUANZHOU, "市公安局")  # 泉港's 市 is 泉州


def test_alias_table() -> None:
    # agency_aliases.tsv: 泉港 writes both 泉州医保分局 and 区医保分局 for the district branch
    assert _id(QUANGANG, "泉州医保分局") == _id(QUANGANG, "区医保分局") == "350505/医疗保障分局"
    # the table is scoped to the document's jurisdiction
    assert _id(QUANZHOU, "泉州医保分局") == "350500/医疗保障分局"


# --- rule 3: collectives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "name", "agency_id"),
    [
        (FUQING, "各有关单位", "350181/各有关单位@000"),
        (LUOYUAN, "各有关单位", "350123/各有关单位@001"),
        (FUQING, "市直有关单位", "350181/市直有关单位@000"),
        (LUOYUAN, "市直各预算单位", "350100/市直各预算单位@001"),
        (LUOYUAN, "县直各有关单位", "350123/县直各有关单位@001"),
        (LUOYUAN, "各乡镇政府", "350123/各乡镇政府@001"),
        (LUOYUAN, "全县各级各部门", "350123/全县各级各部门@001"),
        (LUOYUAN, "相关行业主管部门", "350123/相关行业主管部门@001"),
        (FUQING, "联动机制成员单位", "350181/联动机制成员单位@000"),
        (FUQING, "各镇（街）", "350181/各镇（街）@000"),
        (FUQING, "商业银行", "350181/商业银行@000"),
        (FUQING, "中介公司", "350181/中介公司@000"),
        (QUANZHOU, "各县（市、区）人民政府", "350500/各县（市、区）人民政府@002"),
        (QUANZHOU, "在泉各金融机构", "350500/在泉各金融机构@002"),
        (
            QUANZHOU,
            "市“双随机、一公开”跨部门联合监管工作联席会议成员单位",
            "350500/市“双随机、一公开”跨部门联合监管工作联席会议成员单位@002",
        ),
        (QUANGANG, "职责部门", "350505/职责部门@004"),
    ],
)
def test_collectives(doc: Document, name: str, agency_id: str) -> None:
    r = resolve_name(doc, name)
    assert (r.kind, r.agency_id(doc.source)) == ("collective", agency_id)


@pytest.mark.parametrize("name", ["泉州开发区", "泉州台商投资区", "台商区管委会", "县营商办"])
def test_not_collectives(name: str) -> None:
    assert resolve_name(QUANZHOU, name).kind == "agency"


# --- building the corpus ------------------------------------------------------------------------


@pytest.fixture
def results() -> list[LoadResult]:
    luoyuan = LoadResult(
        LUOYUAN,
        rows=[
            _row(LUOYUAN, 10, ("县资规局",), ("县住建局", "县发改局", "市公安局")),
            _row(LUOYUAN, 11, ("县资规局", "县不动产登记和交易中心"), ("县交运局", "各有关单位")),
            _row(LUOYUAN, 12, ("县自然资源和规划局",), ("县交通运输局", "县大数据局", "国网罗源供电公司")),
            _row(LUOYUAN, 13, ("县发改局",), ("县资规局",)),
        ],
        unit_aliases={"县发改局": ["大数据局", "审改办"]},
    )
    fuqing = LoadResult(
        FUQING,
        rows=[
            _row(FUQING, 20, ("市市场监管局",), ("福清华润燃气公司", "市公安局", "各有关单位")),
            _row(FUQING, 21, ("市市场监管局",), ("福清华润燃气公司", "福清市华润燃气公司", "知识产权局")),
        ],
        unit_aliases={"市市场监管局": ["知识产权局"]},
    )
    quangang = LoadResult(
        QUANGANG,
        rows=[_row(QUANGANG, 30, ("区市场监管局",), ("市公安局", "惠安银保监组"))],
    )
    quanzhou = LoadResult(
        QUANZHOU,
        rows=[_row(QUANZHOU, 40, ("市公安局",), ())],
    )
    quanzhou.document = Document(
        QUANZHOU.source, jurisdiction="泉州市", parent="福建省", province="福建省", adcode="350500",
        responsible_all=("各县（市、区）人民政府", "泉州台商投资区"),
    )
    return [luoyuan, fuqing, quangang, quanzhou]


@pytest.fixture
def corpus(results: list[LoadResult]) -> Corpus:
    return build_corpus(results)


# the division codes of an agency's place (its id's prefix here) and of the place above it
_PARENT_CODES = {"福建省": "350000", "福州市": "350100", "泉州市": "350500"}


def test_corpus_agencies(corpus: Corpus) -> None:
    assert corpus.agencies == {
        a.id: replace(a, adcode=a.id.split("/")[0], parent_adcode=_PARENT_CODES[a.parent])
        for a in [
            Agency("350100/公安局", "福州市公安局", "福州市", "公安", "agency", ("市公安局",), (), "福建省"),
            Agency("350123/不动产登记和交易中心", "罗源县不动产登记和交易中心", "罗源县", "自然资源", "agency",
                   ("县不动产登记和交易中心",), (), "福州市"),
            Agency("350123/交通运输局", "罗源县交通运输局", "罗源县", "交通运输", "agency",
                   ("县交运局", "县交通运输局"), (), "福州市"),
            Agency("350123/住房和城乡建设局", "罗源县住建局", "罗源县", "住建", "agency", ("县住建局",), (), "福州市"),
            Agency("350123/供电公司", "国网罗源供电公司", "罗源县", "供电企业", "agency", ("国网罗源供电公司",), (),
                   "福州市"),
            Agency("350123/发展和改革局", "罗源县发改局", "罗源县", "发展改革", "agency", ("县发改局", "县大数据局"),
                   ("大数据局", "审改办"), "福州市"),
            Agency("350123/各有关单位@001", "各有关单位", "罗源县", None, "collective", ("各有关单位",), (), "福州市"),
            Agency("350123/自然资源和规划局", "罗源县自然资源和规划局", "罗源县", "自然资源", "agency",
                   ("县自然资源和规划局", "县资规局"), (), "福州市"),
            Agency("350181/华润燃气公司", "福清市华润燃气公司", "福清市", "燃气企业", "agency",
                   ("福清华润燃气公司", "福清市华润燃气公司"), (), "福州市"),
            Agency("350181/公安局", "福清市公安局", "福清市", "公安", "agency", ("市公安局",), (), "福州市"),
            Agency("350181/各有关单位@000", "各有关单位", "福清市", None, "collective", ("各有关单位",), (), "福州市"),
            Agency("350181/市场监督管理局", "福清市市场监管局", "福清市", "市场监管", "agency",
                   ("市市场监管局", "知识产权局"), ("知识产权局",), "福州市"),
            Agency("350500/公安局", "泉州市公安局", "泉州市", "公安", "agency", ("市公安局",), (), "福建省"),
            Agency("350505/市场监督管理局", "泉港区市场监管局", "泉港区", "市场监管", "agency", ("区市场监管局",), (),
                   "泉州市"),
            Agency("350521/银保监组", "惠安银保监组", "惠安县", "金融机构", "agency", ("惠安银保监组",), (), "泉州市"),
        ]
    }


def test_corpus_assignments(corpus: Corpus) -> None:
    # every surface name of every row, nothing dropped; the document-wide units (说明) name no row
    # and stay facts of their document, not agencies (policykg.agency_count)
    expected = {(row.source, name) for row in corpus.rows for name in (*row.lead, *row.responsible)}
    assert set(corpus.assignments) == expected
    assert corpus.document("002.txt").responsible_all == ("各县（市、区）人民政府", "泉州台商投资区")
    assert set(corpus.assignments.values()) == set(corpus.agencies)
    # 泉港's 市公安局 and 泉州's are one body; 福清's and 罗源's 市公安局 are not
    assert corpus.assignments[("004.txt", "市公安局")] == corpus.assignments[("002.txt", "市公安局")] == "350500/公安局"
    assert corpus.assignments[("000.txt", "市公安局")] == "350181/公安局"
    assert corpus.assignments[("001.txt", "市公安局")] == "350100/公安局"
    # a standalone alias declared in a parenthetical is the declaring body
    assert corpus.assignments[("001.txt", "县大数据局")] == "350123/发展和改革局"
    assert corpus.lead_ids(corpus.rows[1]) == ["350123/自然资源和规划局", "350123/不动产登记和交易中心"]


def test_corpus_gathers_rows_and_documents(corpus: Corpus) -> None:
    assert [d.source for d in corpus.documents] == ["001.txt", "000.txt", "004.txt", "002.txt"]
    assert [r.line for r in corpus.rows] == [10, 11, 12, 13, 20, 21, 30, 40]


def test_ids_are_stable_and_iri_safe(results: list[LoadResult], corpus: Corpus) -> None:
    assert build_corpus(results) == corpus
    assert build_corpus(results[::-1]).agencies == corpus.agencies  # document order does not matter
    for agency_id in corpus.agencies:
        assert not re.search(r"\s", agency_id)
        assert agency_id.count("/") == 1


def test_ambiguous_alias_is_not_merged() -> None:
    rows = [_row(LUOYUAN, 1, ("县发改局", "县数字办"), ("县大数据局",))]
    aliases = {"县发改局": ["大数据局"], "县数字办": ["大数据局"]}
    corpus = build_corpus([LoadResult(LUOYUAN, rows, unit_aliases=aliases)])
    assert corpus.assignments[("001.txt", "县大数据局")] == "350123/大数据局"


def test_alias_holds_only_in_its_document() -> None:
    other = Document("001b.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
    results = [
        LoadResult(LUOYUAN, [_row(LUOYUAN, 1, ("县发改局",), ())], unit_aliases={"县发改局": ["大数据局"]}),
        LoadResult(other, [_row(other, 2, ("县大数据局",), ())]),
    ]
    corpus = build_corpus(results)
    assert corpus.assignments[("001b.txt", "县大数据局")] == "350123/大数据局"
    assert corpus.agencies["350123/发展和改革局"].aliases == ("大数据局",)


def test_name_prefers_full_form_then_spelled_jurisdiction() -> None:
    rows = [
        _row(LUOYUAN, 1, ("县资规局",), ()),
        _row(LUOYUAN, 2, ("县资规局",), ()),
        _row(LUOYUAN, 3, ("县自然资源和规划局",), ()),
        _row(FUQING, 4, ("福清医保局",), ()),
        _row(FUQING, 5, ("福清医保局",), ()),
        _row(FUQING, 6, ("市医保局",), ()),
        _row(FUQING, 7, ("泉州海关",), ()),
    ]
    corpus = build_corpus([LoadResult(LUOYUAN, rows[:3]), LoadResult(FUQING, rows[3:])])
    names = {a.id: a.name for a in corpus.agencies.values()}
    assert names == {
        "350123/自然资源和规划局": "罗源县自然资源和规划局",
        "350181/医疗保障局": "福清市医保局",
        "350500/海关": "泉州海关",
    }


def test_unknown_jurisdiction() -> None:
    doc = Document("x/plan 1.txt")
    corpus = build_corpus([LoadResult(doc, [_row(doc, 1, ("税务局",), ("各有关单位", "泉州海关"))])])
    assert sorted(corpus.agencies) == ["350500/海关", "doc-plan_1/各有关单位@plan_1", "doc-plan_1/税务局"]
    assert corpus.agencies["doc-plan_1/税务局"].jurisdiction is None


def test_agency_summary(corpus: Corpus) -> None:
    summary = agency_summary(corpus)
    assert summary[:3] == [
        {
            "agency": "350123/自然资源和规划局", "name": "罗源县自然资源和规划局", "jurisdiction": "罗源县",
            "sector": "自然资源", "kind": "agency", "surface_names": ["县自然资源和规划局", "县资规局"],
            "lead_rows": 3, "responsible_rows": 1,
        },
        {
            "agency": "350181/市场监督管理局", "name": "福清市市场监管局", "jurisdiction": "福清市",
            "sector": "市场监管", "kind": "agency", "surface_names": ["市市场监管局", "知识产权局"],
            "lead_rows": 2, "responsible_rows": 1,
        },
        {
            "agency": "350123/发展和改革局", "name": "罗源县发改局", "jurisdiction": "罗源县",
            "sector": "发展改革", "kind": "agency", "surface_names": ["县发改局", "县大数据局"],
            "lead_rows": 1, "responsible_rows": 2,
        },
    ]
    assert len(summary) == len(corpus.agencies)
    assert all(s["lead_rows"] + s["responsible_rows"] > 0 for s in summary)
    keys = [(-s["lead_rows"], -s["responsible_rows"], s["name"]) for s in summary]
    assert keys == sorted(keys)


def test_alias_seen_first_does_not_name_the_body() -> None:
    rows = [_row(LUOYUAN, 1, ("县大数据局",), ()), _row(LUOYUAN, 2, ("县发改局",), ())]
    corpus = build_corpus([LoadResult(LUOYUAN, rows, unit_aliases={"县发改局": ["大数据局"]})])
    (agency,) = corpus.agencies.values()
    assert (agency.id, agency.name, agency.sector, agency.surface_names) == (
        "350123/发展和改革局", "罗源县发改局", "发展改革", ("县发改局", "县大数据局"),
    )


# --- the bundled samples, through the loaders ---------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> Corpus:
    from policykg import sample_paths
    from policykg.loaders import load_corpus

    return load_corpus(sample_paths())


def _sample(corpus: Corpus, prefix: str) -> str:
    return next(d.source for d in corpus.documents if d.source.startswith(prefix))


@pytest.mark.parametrize(
    ("doc", "name", "agency_id"),
    [
        ("000", "市公安局", "350181/公安局"),
        ("000", "福清市税务局", "350181/税务局"),
        ("000", "福清华润燃气公司", "350181/华润燃气公司"),
        ("000", "福清市华润燃气公司", "350181/华润燃气公司"),
        ("000", "人行福清支行", "350181/人民银行支行"),
        ("000", "江阴港务管理站", "350181/江阴港务管理站"),
        ("000", "榕城海关驻福清办事处", "350181/榕城海关驻办事处"),
        ("001", "县资规局", "350123/自然资源和规划局"),
        ("001", "县交运局", "350123/交通运输局"),
        ("001", "县交通运输局", "350123/交通运输局"),
        ("001", "国网罗源供电公司", "350123/供电公司"),
        ("001", "中闽（罗源）水务有限公司", "350123/中闽水务有限公司"),
        ("001", "中闽(罗源)水务有限公司", "350123/中闽水务有限公司"),
        ("002", "市公安局", "350500/公安局"),
        ("002", "泉州海关", "350500/海关"),
        ("003", "鼓楼公安分局", "350102/公安分局"),
        ("004", "泉州海关驻泉港办事处", "350505/海关驻办事处"),
        ("004", "人民银行惠安支行", "350521/人民银行支行"),
        ("004", "惠安银保监组", "350521/银保监组"),
        ("004", "泉州医保分局", "350505/医疗保障分局"),
        ("004", "区医保分局", "350505/医疗保障分局"),
        ("000", "各有关单位", "350181/各有关单位@000_b36def11830eaf28"),
        ("001", "各有关单位", "350123/各有关单位@001_5081fd88b23d2675"),
        ("004", "各有关单位", "350505/各有关单位@004_098f8503f8f02d56"),
    ],
)
def test_samples_assignments(samples: Corpus, doc: str, name: str, agency_id: str) -> None:
    assert samples.assignments[(_sample(samples, doc), name)] == agency_id


def test_samples_nothing_dropped(samples: Corpus) -> None:
    expected = {(row.source, name) for row in samples.rows for name in (*row.lead, *row.responsible)}
    assert set(samples.assignments) == expected
    assert set(samples.assignments.values()) == set(samples.agencies)


def test_samples_every_agency_has_a_sector(samples: Corpus) -> None:
    """A sector gap on the samples means sectors.tsv lacks a keyword."""
    assert [a.name for a in samples.agencies.values() if a.kind == "agency" and a.sector is None] == []
    assert [a.name for a in samples.agencies.values() if a.kind == "collective" and a.sector is not None] == []


def test_samples_names_and_aliases(samples: Corpus) -> None:
    fuqing_market = samples.agencies["350181/市场监督管理局"]
    assert (fuqing_market.name, fuqing_market.aliases) == ("福清市市场监管局", ("知识产权局",))
    luoyuan_ndrc = samples.agencies["350123/发展和改革局"]
    assert (luoyuan_ndrc.name, luoyuan_ndrc.sector, luoyuan_ndrc.aliases) == (
        "罗源县发改局", "发展改革", ("信用办", "大数据局", "审改办"),
    )
    assert samples.agencies["350181/华润燃气公司"].name == "福清市华润燃气公司"
    assert samples.agencies["350500/海关"].name == "泉州海关"


# --- the curated data files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "header"),
    [
        ("abbreviations.tsv", "pattern\treplacement\tnote"),
        ("agency_aliases.tsv", "jurisdiction\talias\tcanonical"),
        ("sectors.tsv", "keyword\tsector\tlabel"),
    ],
)
def test_data_files_are_well_formed(filename: str, header: str) -> None:
    from importlib import resources

    lines = (resources.files("policykg.loaders") / "data" / filename).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "Columns:" in lines[0]
    assert header in lines
    body = [line for line in lines if line and not line.startswith("#") and line != header]
    assert body
    for line in body:
        fields = line.split("\t")
        allowed = (2, 3) if filename == "abbreviations.tsv" else (3,)  # the note column is optional
        assert len(fields) in allowed, line
        assert fields[0] and all(f == f.strip() for f in fields), line


def test_full_forms_are_fixed_points() -> None:
    """Every replacement of abbreviations.tsv reads back as itself, so a full name keeps its key."""
    from importlib import resources

    text = (resources.files("policykg.loaders") / "data" / "abbreviations.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("pattern\t"):
            continue
        replacement = line.split("\t")[1]
        if replacement:
            assert resolve_name(LUOYUAN, "县" + replacement).key == replacement, line
