"""Reviewed agency names: the aliases file (checks, scope, precedence) and the proposals for a reviewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg import sample_paths
from policykg.loaders.agencies import build_corpus
from policykg.loaders.agency_review import review_proposals, surface_evidence
from policykg.loaders.aliases import AliasesError, parse_aliases, read_aliases
from policykg.messages import get_language, set_language
from policykg.records import Corpus, Document, LoadResult, Row

LUOYUAN = Document("001.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
FUQING = Document("000.txt", jurisdiction="福清市", parent="福州市", province="福建省", adcode="350181")
QUANGANG = Document("004.txt", jurisdiction="泉港区", parent="泉州市", province="福建省", adcode="350505")
REAL = Path(__file__).parent / "data" / "real_corpus_units.json"


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are compared in Chinese, whatever language a test before left set."""
    language = get_language()
    set_language("zh")
    yield
    set_language(language)


def _row(doc: Document, line: int, lead: tuple[str, ...], responsible: tuple[str, ...] = ()) -> Row:
    return Row(doc.source, str(line), None, None, None, "措施", lead, responsible, None, None, None, line)


def _one_per_row(doc: Document, names: list[str], start: int = 1) -> LoadResult:
    """Each name in a row of its own (names side by side in one row are two bodies)."""
    return LoadResult(doc, [_row(doc, start + i, (name,)) for i, name in enumerate(names)])


# --- the aliases file ---------------------------------------------------------------------------


def test_header_extra_columns_comments_and_blank_lines():
    aliases = parse_aliases("\ufeffName, Agency ,note\n\n# 已核对\n县资规局,罗源县自然资源和规划局,资规 = 自然资源和规划\n"
                            "县 交运局 ,罗源县交通运输局\n")
    assert [(d.name, d.agency, d.line) for d in aliases.decisions] == [
        ("县资规局", "罗源县自然资源和规划局", 4), ("县交运局", "罗源县交通运输局", 5)]


@pytest.mark.parametrize(("text", "message"), [
    ("名称,单位\n县资规局,罗源县自然资源和规划局\n", "a.csv:1: 首行应为 name,agency（实为 名称,单位）"),
    ("", "a.csv:1: 首行应为 name,agency（实为 ）"),
    ("name,agency\n县资规局,\n", "a.csv:2: name 与 agency 两栏都须填写"),
    ("name,agency\n县资规局,罗源县自然资源和规划局\n\n县交运局,火星县交通运输局\n",
     "a.csv:4: 「火星县交通运输局」没有写明所在地（或所写地名不在地名表中）：请写出单位全称，如 罗源县自然资源和规划局"),
    ("name,agency\n县资规局,县自然资源和规划局\n",
     "a.csv:2: 「县自然资源和规划局」没有写明所在地（或所写地名不在地名表中）：请写出单位全称，如 罗源县自然资源和规划局"),
    ("name,agency\n县资规局,罗源县自然资源和规划局\n县资规局,罗源县住建局\n",
     "a.csv:3: 「县资规局」在同一地方已由第 2 行定为「罗源县自然资源和规划局」，本行又定为「罗源县住建局」；请只保留一行"),
    ("name,agency\n县资规局,罗源县自然资源和规划局\n罗源县自然资源和规划局,罗源县住建局\n",
     "a.csv:3: 第 2 行把名称归为「罗源县自然资源和规划局」，本行又把「罗源县自然资源和规划局」改归他处；"
     "请在第 2 行直接写最终单位"),
])
def test_refused_with_the_line(text, message):
    with pytest.raises(AliasesError) as caught:
        parse_aliases(text, "a.csv")
    assert str(caught.value) == message


def test_a_multi_line_cell_keeps_the_line_numbers():
    with pytest.raises(AliasesError, match="a.csv:4:"):
        parse_aliases('name,agency\n"县资\n规局",罗源县自然资源和规划局\n县交运局,\n', "a.csv")


def test_same_name_in_two_places_and_repeated_lines_are_fine():
    aliases = parse_aliases("name,agency\n市公安局,福州市公安局\n市公安局,福清市公安局\n市公安局,福州市公安局\n")
    assert [d.line for d in aliases.decisions] == [2, 3]


def test_read_aliases_decodes_gbk_and_names_a_missing_file(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_bytes("name,agency\r\n县资规局,罗源县自然资源和规划局\r\n".encode("gbk"))
    assert [d.agency for d in read_aliases(path).decisions] == ["罗源县自然资源和规划局"]
    with pytest.raises(AliasesError, match="nothing.csv: 无法读取"):
        read_aliases(tmp_path / "nothing.csv")


def test_a_decision_holds_where_the_rules_read_the_name_into_its_place():
    aliases = parse_aliases("name,agency\n市公安局,福州市公安局\n市公安局,福清市公安局\n县资规局,罗源县自然资源和规划局\n")
    luoyuan = aliases.decide(LUOYUAN, "市公安局")
    fuqing = aliases.decide(FUQING, "市公安局")
    assert (luoyuan[0].line, luoyuan[1].agency_id("001.txt")) == (2, "350100/公安局")
    assert (fuqing[0].line, fuqing[1].agency_id("000.txt")) == (3, "350181/公安局")
    assert aliases.decide(FUQING, "县资规局") is None
    assert aliases.decide(QUANGANG, "市公安局") is None


# --- decisions in the corpus --------------------------------------------------------------------


def test_merge_lowers_the_count_and_keeps_every_other_id():
    results = [_one_per_row(LUOYUAN, ["县行政审批局", "县行政审批服务局", "县财政局", "各有关单位"])]
    before = build_corpus(results)
    after = build_corpus(results, parse_aliases("name,agency\n县行政审批局,罗源县行政审批服务局\n"))
    assert len(after.agencies) == len(before.agencies) - 1
    assert set(after.agencies) == set(before.agencies) - {"350123/行政审批局"}
    for agency_id, agency in after.agencies.items():
        if agency_id != "350123/行政审批服务局":
            assert agency == before.agencies[agency_id]
    merged = after.agencies["350123/行政审批服务局"]
    assert (merged.name, merged.surface_names) == ("罗源县行政审批服务局", ("县行政审批局", "县行政审批服务局"))


def test_the_reviewed_name_names_the_agency():
    results = [_one_per_row(LUOYUAN, ["县资规局", "县资规局", "县自然资源和规划局"])]
    assert build_corpus(results).agencies["350123/自然资源和规划局"].name == "罗源县自然资源和规划局"
    reviewed = build_corpus(results, parse_aliases("name,agency\n县资规局,罗源县资规局\n"))
    assert reviewed.agencies["350123/自然资源和规划局"].name == "罗源县资规局"


def test_decisions_win_over_the_builtin_table_and_the_documents_parentheticals():
    # agency_aliases.tsv reads 泉州医保分局 in 泉港区's plans as 区医保分局 (泉港区's)
    quangang = _one_per_row(QUANGANG, ["泉州医保分局"])
    assert build_corpus([quangang]).assignments[("004.txt", "泉州医保分局")] == "350505/医疗保障分局"
    reviewed = build_corpus([quangang], parse_aliases("name,agency\n泉州医保分局,泉州市医疗保障局\n"))
    assert reviewed.assignments[("004.txt", "泉州医保分局")] == "350500/医疗保障局"
    # 县发改局（大数据局） makes a standalone 县大数据局 the 发改局 of the document, unless a reviewer splits it
    declared = LoadResult(LUOYUAN, [_row(LUOYUAN, 1, ("县发改局",)), _row(LUOYUAN, 2, ("县大数据局",))],
                          unit_aliases={"县发改局": ["大数据局"]})
    assert build_corpus([declared]).assignments[("001.txt", "县大数据局")] == "350123/发展和改革局"
    split = build_corpus([declared], parse_aliases("name,agency\n县大数据局,罗源县大数据局\n"))
    assert split.assignments[("001.txt", "县大数据局")] == "350123/大数据局"
    assert split.agencies["350123/大数据局"].name == "罗源县大数据局"


def test_unused_decisions_are_found():
    corpus = build_corpus([_one_per_row(LUOYUAN, ["县资规局"])])
    aliases = parse_aliases("name,agency\n县资规局,罗源县自然资源和规划局\n县自規局,罗源县自然资源和规划局\n")
    assert [d.line for d in aliases.unused(corpus)] == [3]


# --- proposals ----------------------------------------------------------------------------------


def _proposed(names: list[str], doc: Document = LUOYUAN) -> set[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return {(p.kind, p.reason, p.lines) for p in review_proposals(build_corpus([_one_per_row(doc, names)]))}


@pytest.mark.parametrize(("names", "reason", "lines"), [
    (["县行政审批局", "县行政审批服务局"], "abbreviation", (("县行政审批局", "罗源县行政审批服务局"),)),
    (["县政府办公室", "县人民政府办公室"], "abbreviation", (("县政府办公室", "罗源县人民政府办公室"),)),
    (["县人力社保局", "县人力资源和社会保障局"], "abbreviation", (("县人力社保局", "罗源县人力资源和社会保障局"),)),
    (["县住房城乡建设局", "县住房和城乡建设局"], "abbreviation", (("县住房城乡建设局", "罗源县住房和城乡建设局"),)),
    (["县农业局", "县农业农村局"], "abbreviation", (("县农业局", "罗源县农业农村局"),)),
    (["县財政局", "县财政局", "县财政局"], "variant", (("县財政局", "罗源县财政局"),)),
    (["县商务局", "县商务局", "县商务委"], "same_stem", (("县商务委", "罗源县商务局"),)),
    (["县信访局", "县信访局", "县信访办"], "same_stem", (("县信访办", "罗源县信访局"),)),
    (["各开发区管委", "各开发区管委会", "各开发区管委会"], "one_character", (("各开发区管委", "各开发区管委会"),)),
    (["各相关单位", "各有关单位", "各有关单位"], "one_character", (("各相关单位", "各有关单位"),)),
])
def test_merges_proposed(names, reason, lines):
    assert _proposed(names) == {("merge", reason, lines)}


@pytest.mark.parametrize("names", [
    ["县公安局", "县公安分局"],              # a branch
    ["县税务局", "县税务局稽查局"],          # a body inside a body
    ["县大数据局", "县大数据中心"],          # an institution under the bureau
    ["县人民法院", "县中级人民法院"],        # another court
    ["县第一中学", "县第二中学"],            # siblings
    ["县城东派出所", "县城西派出所"],
    ["县工商局", "县工信局"],                # one character apart, but short names
    ["县财政局", "县审计局"],
])
def test_no_merge_proposed(names):
    assert _proposed(names) == set()


def test_no_merge_across_places_or_for_collectives_of_two_documents():
    results = [_one_per_row(LUOYUAN, ["县行政审批局", "各有关单位"]), _one_per_row(FUQING, ["市行政审批服务局", "各相关单位"])]
    assert review_proposals(build_corpus(results)) == []


def test_names_side_by_side_in_a_task_are_two_bodies():
    apart = _one_per_row(LUOYUAN, ["县港口发展中心", "县湄洲湾港口发展中心"])
    assert [p.reason for p in review_proposals(build_corpus([apart]))] == ["abbreviation"]
    together = LoadResult(LUOYUAN, [_row(LUOYUAN, 1, ("县港口发展中心", "县湄洲湾港口发展中心"))])
    assert review_proposals(build_corpus([together])) == []


def test_splits_proposed_for_declared_aliases():
    declared = LoadResult(LUOYUAN, [_row(LUOYUAN, 1, ("县发改局",)), _row(LUOYUAN, 2, ("县大数据局",))],
                          unit_aliases={"县发改局": ["大数据局"]})
    other = Document("001b.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
    (split,) = review_proposals(build_corpus([declared]))
    assert (split.kind, split.reason, split.agency.id, split.target_id, split.lines) == (
        "split", "declared_alias", "350123/发展和改革局", "350123/大数据局", (("县大数据局", "罗源县大数据局"),))
    # the same name for its own body in another plan of the place
    (split,) = review_proposals(build_corpus([declared, _one_per_row(other, ["县大数据局"])]))
    assert split.reason == "two_bodies"


def test_reviewed_agencies_are_not_proposed_again():
    results = [_one_per_row(LUOYUAN, ["县行政审批局", "县行政审批服务局"])]
    keep_apart = parse_aliases("name,agency\n县行政审批局,罗源县行政审批局\n")
    assert review_proposals(build_corpus(results, keep_apart), keep_apart) == []
    declared = LoadResult(LUOYUAN, [_row(LUOYUAN, 1, ("县发改局",)), _row(LUOYUAN, 2, ("县大数据局",))],
                          unit_aliases={"县发改局": ["大数据局"]})
    merged = parse_aliases("name,agency\n县大数据局,罗源县发展和改革局\n")
    assert review_proposals(build_corpus([declared], merged), merged) == []


def test_accepting_every_line_of_a_proposal_does_what_it_says(sample_corpus):
    """Each proposal's lines, taken alone, give its agency's names to the agency it names."""
    for proposal in review_proposals(sample_corpus):
        text = "name,agency\n" + "".join(f"{name},{agency}\n" for name, agency in proposal.lines)
        corpus = build_corpus(_sample_results(), parse_aliases(text))
        for name, _ in proposal.lines:
            sources = [s for (s, n), a in sample_corpus.assignments.items() if n == name and a == proposal.agency.id]
            assert {corpus.assignments[(s, name)] for s in sources} == {proposal.target_id}
        if proposal.kind == "merge":
            assert len(corpus.agencies) == len(sample_corpus.agencies) - 1


def _sample_results() -> list[LoadResult]:
    from policykg.loaders import iter_documents

    return list(iter_documents(sample_paths(), workers=1))


def test_samples_proposals(sample_corpus):
    """Checked by hand: 各相关单位 = 各有关单位 and 相关行业主管部门 = 各相关行业主管部门 (right);
    行业监管部门 / 行业主管部门 (regulating and competent departments) are used for one another but are
    not one wording — left to the reviewer. 泉州港口发展中心 and 湄洲湾港口发展中心 share a row: not proposed."""
    got = [(p.kind, p.reason, p.agency.name, p.target) for p in review_proposals(sample_corpus)]
    assert got == [
        ("merge", "one_character", "各行业监管部门", "各行业主管部门"),
        ("merge", "one_character", "各相关单位", "各有关单位"),
        ("merge", "one_character", "相关行业主管部门", "各相关行业主管部门"),
        ("merge", "one_character", "相关行业主管部门", "相关行业监管部门"),
    ]


def _real_corpus() -> Corpus:
    results = []
    for doc in json.loads(REAL.read_text(encoding="utf-8")):
        document = Document(doc["source"], jurisdiction=doc["jurisdiction"], parent=doc["parent"])
        rows = [_row(document, i, tuple(t["lead"]), tuple(t["responsible"])) for i, t in enumerate(doc["tasks"], 1)]
        results.append(LoadResult(document, rows))
    return build_corpus(results)


def test_real_corpus_proposals():
    """The units of the 33 real-layout documents (gold readings): one proposal, checked by hand —
    鞍山's plan prints 各开发区管委会 five times and 各开发区管委 once, for the same collective."""
    corpus = _real_corpus()
    assert len(corpus.agencies) == 178
    got = [(p.kind, p.reason, p.agency.id, p.lines) for p in review_proposals(corpus)]
    assert got == [("merge", "one_character", "210300/各开发区管委@r25", (("各开发区管委", "各开发区管委会"),))]


def test_surface_evidence_lines(sample_corpus):
    evidence = surface_evidence(sample_corpus)
    assert evidence[("001_5081fd88b23d2675.txt", "相关行业主管部门")] == [
        r.line for r in sample_corpus.rows if r.source.startswith("001") and "相关行业主管部门" in r.responsible + r.lead]
