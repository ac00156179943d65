"""A seeded generator of realistic task-assignment documents, with the rows a correct reading gives.

    python benchmarks/generate_corpus.py --docs 1000 --seed 1 -o /tmp/corpus
    python benchmarks/generate_corpus.py --rows 52100 --seed 1 -o /tmp/corpus100

Each document is a plain-text extraction in one of the two layouts of the
bundled samples: TAB-separated table lines (as in samples 001/002/003: repeated
header rows, merged = empty continuation cells, HTML fragments, now and then a
row whose indicator cell is missing so its cells are shifted) or one cell per
line (as in 000/004: cells and unit names broken over lines). Most documents
carry a red-header head (issuer "…文件", 文号, "…关于印发…的通知", signature
date) above the table; some are bare tables under a title line.

Jurisdictions are real counties and prefectures of ``loaders/data/places.tsv``
written with their parent; unit names take the 市/县/区 prefix of the level, with
the prefix elided in lists (reading rules, "Unit names" 4), trailing 等单位,
parenthetical sub-offices, own-place bodies (人行X支行, X海关) and collectives.
Indicators come from the 18, their aliases, local categories and themes;
measure texts and items are sentences of the sample rows recombined; deadlines
use the samples' forms.

Next to the documents it writes ``truth.jsonl``: one ``{"kind": "document"}``
record per document (jurisdiction, plan year) and one ``{"kind": "row"}``
record per task with the fields a reading by ``docs/reading-rules.md``
must give (seq, indicator, item, measure, lead, responsible, deadline). The
expected values are worked out here from what was written, not by the loaders,
so the benchmark's accuracy figure is a real check. The sample texts are
taken through ``policykg.loaders`` once (for clean measure sentences only).

Deterministic: the same seed and arguments give byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["Task", "GeneratedDocument", "generate_document", "generate_corpus", "write_corpus", "sample_pools",
           "read_truth", "score_extraction"]

INDICATORS = ["开办企业", "办理建筑许可", "获得电力", "获得用水用气", "登记财产", "纳税", "跨境贸易", "办理破产",
              "获得信贷", "保护中小投资者", "执行合同", "劳动力市场监管", "政府采购", "招标投标", "政务服务",
              "知识产权创造、保护和运用", "市场监管", "包容普惠创新"]
ALIASES = {"不动产登记": "登记财产", "融资支持": "获得信贷", "优化金融环境": "获得信贷", "就业保障": "劳动力市场监管",
           "保护中小投资者权益": "保护中小投资者", "知识产权创造保护和运用": "知识产权创造、保护和运用"}
LOCAL = ["注销企业", "获得网络", "深化改革创新", "政策落实"]
THEMES = ["持续提升投资服务水平", "降低市场准入和创业就业门槛", "简化企业办事审批手续", "优化提升纳税服务流程与方式",
          "减轻企业生产经营压力", "提升智慧政务服务效率", "加强市场主体权益保障", "优化社会服务水平"]
# Bare government bodies (each opens with a stem of loaders/data/body_stems.tsv, so rule 4 applies).
BODIES = ["公安局", "税务局", "人社局", "医保局", "市场监管局", "发改局", "财政局", "住建局", "自然资源局", "司法局",
          "商务局", "工信局", "城管局", "交通运输局", "卫健局", "教育局", "民政局", "法院", "检察院", "行政服务中心管委会",
          "大数据中心", "金融办", "人防办", "数字办", "生态环境局", "应急管理局", "文旅局", "农业农村局", "水利局"]
OWN_PLACE = ["人行{short}支行", "国网{short}供电公司", "{short}海关", "{short}银保监组", "{short}公积金中心"]
COLLECTIVES = ["各有关单位", "各相关部门", "各乡镇政府", "相关行业主管部门"]
ORDINALS = "一二三四五六七八九十"
REMARKS = ["承接市级工作任务", "", "", ""]
_SUB_OFFICES = {"发改局": ["（大数据局）", "（含信用办、大数据局）"], "市场监管局": ["（知识产权局）"], "财政局": ["（国资委）"]}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Breaking a name after one of these would make two names of one (rule 1), so wraps avoid them.
_UNIT_END = "局办委院会心司部处站所队行组"

# Layouts: (kind, header cells). Field names: seq, ind, item, measure, lead, resp, deadline, remark.
TAB_LAYOUTS = {
    "tab-001": ["序号", "指标名称", "改革事项", "改革创新举措", "牵头单位", "责任单位", "完成时限"],
    "tab-002": ["序号", "改革事项", "目标任务", "具体措施", "牵头部门", "责任部门", "完成时限"],
    "tab-003": ["序号", "工作目标", "具体措施", "牵头部门", "责任单位", "备注"],
}
CELL_LAYOUTS = {
    "cell-000": ["序号", "工作目标", "具体措施", "牵头部门", "责任单位", "完成时限", "备注"],
    "cell-004": ["事项名称", "目标任务", "完成时限", "牵头部门", "责任部门"],
}


@dataclass
class Task:
    """One task as written, and what a correct reading of it gives."""

    seq: str
    indicator_raw: str  # canonical, alias, local category or theme (without ordinal)
    item: str | None
    measure: str
    lead: list[str]  # expected surface names (prefix restored, 等/parentheticals dropped)
    responsible: list[str]
    lead_cell: str  # the cell as written
    responsible_cell: str
    deadline_raw: str | None
    deadline: str | None
    remark: str | None = None
    deadline_printed: str | None = None  # the deadline cell as written (with its spaces)

    @property
    def indicator(self) -> str | None:
        if self.indicator_raw in INDICATORS or self.indicator_raw in LOCAL:
            return self.indicator_raw
        return ALIASES.get(self.indicator_raw)


@dataclass
class GeneratedDocument:
    """The text of one document and its expected reading."""

    name: str
    text: str
    layout: str
    jurisdiction: str
    parent: str | None
    plan_year: int
    tasks: list[Task] = field(default_factory=list)

    def truth(self) -> Iterator[dict]:
        yield {"kind": "document", "source": self.name, "layout": self.layout, "jurisdiction": self.jurisdiction,
               "parent": self.parent, "plan_year": self.plan_year, "rows": len(self.tasks)}
        for t in self.tasks:
            yield {"kind": "row", "source": self.name, "seq": t.seq, "indicator_raw": t.indicator_raw,
                   "indicator": t.indicator, "item": t.item, "measure": t.measure, "lead": t.lead,
                   "responsible": t.responsible, "deadline_raw": t.deadline_raw, "deadline": t.deadline}


# --- pools drawn from the bundled samples ------------------------------------------------------------

@dataclass(frozen=True)
class Pools:
    sentences: tuple[str, ...]
    items: tuple[str, ...]


@lru_cache(maxsize=1)
def sample_pools() -> Pools:
    """Measure sentences and item titles of the bundled samples (read once with the loaders)."""
    from policykg import sample_paths
    from policykg.loaders import read_document

    sentences: set[str] = set()
    items: set[str] = set()
    for path in sample_paths():
        for row in read_document(path).rows:
            text = re.sub(r"<[^>]+>|\s+", "", row.measure)
            for s in re.split(r"(?<=。)", text):
                # list numbers ("2.推行…") would be read as the row's own number: keep plain sentences only
                if 8 <= len(s) <= 160 and s.endswith("。") and not re.match(r"^[\d一二三四五六七八九十（(]", s):
                    sentences.add(s)
            if row.item:
                item = re.sub(r"\s+", "", row.item)
                if 4 <= len(item) <= 40 and not re.match(r"^[\d（(]", item):
                    items.add(item)
    return Pools(tuple(sorted(sentences)), tuple(sorted(items)))


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None  # the parent's full name (福州市)
    prefix: str  # 市 / 县 / 区, the prefix of the jurisdiction's own bodies
    short: str


@lru_cache(maxsize=1)
def _places() -> tuple[Place, ...]:
    from importlib import resources

    rows = []
    text = resources.files("policykg.loaders").joinpath("data/places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("adcode"):
            continue
        code, name, level, parent = (line.split("\t") + [""])[:4]
        rows.append((code, name, level, parent))
    by_code = {r[0]: r for r in rows}
    out = []
    for code, name, level, parent in rows:
        up = by_code.get(parent)
        if up is None or level == "province" or code[:2] in ("71", "81", "82"):
            continue  # (Taiwan, Hong Kong and Macao write no such plans)
        if not name.endswith(("县", "区", "市")) or name.endswith(("新区", "矿区", "林区", "城区", "郊区", "市辖区")):
            continue
        if level == "prefecture" and (name == up[1] or not name.endswith("市")):
            continue  # 北京市 in 北京市: the municipality is the province
        stem = re.sub(r"(自治县|县|区|市)$", "", name)
        stem = re.sub(r"(?<=..)[\u4e00-\u9fff]{1,4}族$", "", stem)
        if len(stem) < 2 or stem[0] in "市县区":
            continue
        out.append(Place(name, up[1], name[-1], stem))
    return tuple(out)


# --- deadlines ---------------------------------------------------------------------------------------

def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _deadline(rng: random.Random, year: int) -> tuple[str, str]:
    """A deadline as printed in the samples' forms, and its reading (reading rules, ``deadline``)."""
    k = rng.random()
    m = rng.choice([3, 6, 6, 9, 10, 11, 12, 12, 12])
    if k < 0.25:
        return "持续推进", "ongoing"
    if k < 0.45:
        return f"{m}月底", _month_end(year, m)
    if k < 0.65:
        y = year + rng.choice([0, 0, 0, 1])
        sp = rng.choice(["", " "])
        return f"{y}{sp}年{sp}{m}{sp}月底", _month_end(y, m)
    if k < 0.73:
        y = year + rng.choice([0, 1])
        return f"{y}年底", f"{y}-12-31"
    if k < 0.78:
        return "12月底前", f"{year}-12-31"
    if k < 0.82:
        return f"{m}月中旬", f"{year}-{m:02d}-20"
    if k < 0.86:
        return "年底", f"{year}-12-31"
    if k < 0.90:
        return rng.choice(["长期坚持", "常态化推进"]), "ongoing"
    if k < 0.94:
        office = rng.choice(["省人社厅", "省税务局", "市发改委", "省市场监管局"])
        return f"根据{office}工作进度安排，按时序进度推进", "conditional"
    return f"{m}月", _month_end(year, m)


# --- unit cells --------------------------------------------------------------------------------------

def _units(rng: random.Random, place: Place, lo: int, hi: int, exclude: list[str] = ()) -> tuple[list[str], str, list[str]]:
    """(expected names, cell as written, names as written) for a lead or responsible cell."""
    n = rng.randint(lo, hi)
    bodies = [b for b in rng.sample(BODIES, min(n + 2, len(BODIES))) if place.prefix + b not in exclude][:n]
    expected = [place.prefix + b for b in bodies]
    written = list(expected)
    if bodies and rng.random() < 0.5:  # rule 4: later bare bodies drop the prefix
        written = [expected[0]] + [w[1:] for w in expected[1:]]
    for i, body in enumerate(bodies):  # rule 3: a parenthetical sub-office is not part of the name
        if body in _SUB_OFFICES and rng.random() < 0.3:
            written[i] += rng.choice(_SUB_OFFICES[body])
    if hi > 2 and rng.random() < 0.3:
        own = rng.choice(OWN_PLACE).format(short=place.short)
        pos = rng.randint(0, len(expected))
        expected.insert(pos, own)
        written.insert(pos, own)
        if pos == 0 and len(written) > 1 and not written[1].startswith(place.prefix):
            written[1] = place.prefix + written[1]  # nothing before it to inherit a prefix from
    cell_sep = "、"
    cell = cell_sep.join(written)
    if hi > 2 and expected and rng.random() < 0.06:  # rule 2: a trailing 等 and its collective are dropped
        cell += rng.choice(["等单位", "等相关部门", "等"])
    elif hi > 2 and rng.random() < 0.1:  # rule 5: a collective stays as written
        c = rng.choice(COLLECTIVES)
        expected.append(c)
        written.append(c)
        cell = cell_sep.join(written)
    return expected, cell, written


def _wrap_inside(rng: random.Random, text: str) -> str:
    """Break a text over two lines inside a word, as a narrow Word column does (never after a unit ending)."""
    if len(text) < 6:
        return text
    cut = rng.randint(2, len(text) - 2)
    # only between two Han characters: next to a digit or Latin letter the loader keeps the break as a space
    if not (_HAN.match(text[cut - 1]) and _HAN.match(text[cut])) or text[cut - 1] in _UNIT_END:
        return text
    return text[:cut] + "\n" + text[cut:]


# --- tasks -------------------------------------------------------------------------------------------

def _tasks(rng: random.Random, place: Place, year: int, n: int, layout: str) -> list[Task]:
    pools = sample_pools()
    kinds = INDICATORS + INDICATORS + list(ALIASES) + LOCAL
    if layout == "tab-003":
        kinds = kinds + THEMES * 3
    groups = rng.sample(kinds, min(len(kinds), max(3, n // rng.randint(4, 9))))
    tasks: list[Task] = []
    g = 0
    prev: Task | None = None
    for i in range(n):
        if i and (rng.random() < 0.18 and g + 1 < len(groups)):
            g += 1
        ind = groups[g]
        measure = "".join(rng.sample(pools.sentences, rng.randint(1, 4)))
        item = rng.choice(pools.items) if layout.startswith("tab-") else None
        if item and layout == "tab-003":
            item = item.rstrip("。") + "。"  # a title sentence opening the measure cell ends with 。
        if prev is not None and prev.indicator_raw == ind and rng.random() < 0.35:
            lead, lead_cell = list(prev.lead), prev.lead_cell  # same lead as above: a merged cell
        else:
            lead, lead_cell, _ = _units(rng, place, 1, 2)
        resp, resp_cell, _ = _units(rng, place, 0, 5, exclude=lead)
        if layout == "tab-003":
            raw, deadline = None, None
        else:
            raw, deadline = _deadline(rng, year)
        remark = rng.choice(REMARKS) or None if layout == "tab-003" else None
        seq = str(i + 1)
        tasks.append(Task(seq, ind, item, measure, lead, resp, lead_cell, resp_cell,
                          raw.replace(" ", "") if raw else None, deadline, remark, raw))
        prev = tasks[-1]
    return tasks


def _merge_plan(tasks: list[Task]) -> list[tuple[bool, bool, bool, bool]]:
    """Which cells a Word table merges: indicator, lead (and responsible), deadline the same as above."""
    plan = []
    for i, t in enumerate(tasks):
        prev = tasks[i - 1] if i else None
        same_ind = prev is not None and prev.indicator_raw == t.indicator_raw
        same_lead = prev is not None and prev.lead == t.lead and prev.lead_cell == t.lead_cell
        blank_resp = same_lead and prev.responsible == t.responsible
        # a blank lead with a blank responsible cell means "both as above" (reading rules, merged cells)
        blank_lead = same_lead and (blank_resp or bool(t.responsible))
        same_deadline = same_ind and prev.deadline_raw == t.deadline_raw and t.deadline_raw is not None
        plan.append((same_ind, blank_lead, blank_resp and blank_lead, same_deadline))
    return plan


def _ind_text(ind: str, group: int, layout: str) -> str:
    if layout == "tab-001":
        return ind
    if layout == "tab-003":
        return f"({ORDINALS[group % 10]}) {ind}" if ind in THEMES else f"{ORDINALS[group % 10]}、{ind}"
    return f"{ORDINALS[group % 10]}、{ind}"


# --- rendering ---------------------------------------------------------------------------------------

def _render_tab(rng: random.Random, layout: str, tasks: list[Task]) -> list[str]:
    header = "\t".join(TAB_LAYOUTS[layout])
    lines = [header]
    group, last_ind = -1, None
    since_header = 0
    plan = _merge_plan(tasks)
    # the same lead resolved either way; equal tasks merge only within a page
    for t, (same_ind, blank_lead, blank_resp, same_deadline) in zip(tasks, plan):
        if t.indicator_raw != last_ind:
            group += 1
            last_ind = t.indicator_raw
        page_break = since_header >= rng.randint(6, 12)
        if page_break:  # a page break repeats the header; merged cells are written again below it
            lines += ["", header]
            since_header = 0
            same_ind = blank_lead = blank_resp = same_deadline = False
        since_header += 1
        measure = t.measure
        if layout == "tab-003" and t.item:
            measure = f"{t.item} {t.measure}"  # the title sentence set apart by a space (sample 003)
        if layout == "tab-002" and rng.random() < 0.15:
            measure = f"<p>{measure}</p>"
        lead = "" if blank_lead else t.lead_cell
        resp = "" if blank_resp else t.responsible_cell
        deadline = "" if (same_deadline and rng.random() < 0.3) else (t.deadline_printed or "")
        ind = "" if same_ind else _ind_text(t.indicator_raw, group, layout)
        if layout == "tab-001":
            if same_ind and rng.random() < 0.2:
                ind = t.indicator_raw  # 001 sometimes repeats the indicator in continuation rows
            cells = [t.seq, ind, t.item or "", measure, lead, resp, deadline]
        elif layout == "tab-002":
            cells = [t.seq, ind, t.item or "", measure, lead, resp, deadline]
        else:
            cells = [t.seq, ind, measure, lead, resp, t.remark or ""]
            if same_ind and not blank_lead and t.lead and t.responsible and rng.random() < 0.04:
                cells = [t.seq, measure, lead, resp, t.remark or ""]  # the empty indicator cell is missing: shifted
        lines.append("\t".join(cells))
        if rng.random() < 0.04:
            lines.append("")
    return lines


def _render_cells(rng: random.Random, layout: str, tasks: list[Task]) -> list[str]:
    lines = ["\t" + label for label in CELL_LAYOUTS[layout]] + [""]
    group, last_ind = -1, None
    plan = _merge_plan(tasks)
    for t, (same_ind, blank_lead, blank_resp, _) in zip(tasks, plan):
        if t.indicator_raw != last_ind:
            group += 1
            last_ind = t.indicator_raw
        ind = "" if same_ind else _ind_text(t.indicator_raw, group, layout)
        if ind and layout == "cell-004" and rng.random() < 0.5:
            ind = _wrap_inside(rng, ind)
        measure = _wrap_inside(rng, t.measure) if rng.random() < 0.3 else t.measure
        lead = "" if blank_lead else t.lead_cell
        if lead and "、" in lead and rng.random() < 0.4:  # names one per line in a narrow column
            lead = lead.replace("、", rng.choice(["\n", "、\n"]))
        resp = "" if blank_resp else t.responsible_cell
        raw = t.deadline_printed or ""
        if layout == "cell-000":
            cells = [t.seq, ind, measure, lead, resp, raw, ""]
        else:
            cells = [ind, f"{t.seq}.{measure}", raw, lead, resp]
        for cell in cells:
            first, *rest = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
    return lines


def _head(rng: random.Random, place: Place, year: int, title: str) -> list[str]:
    level = {"市": "市", "县": "县", "区": "区"}[place.prefix]
    org = f"{place.parent}{place.name}" if place.prefix == "区" else place.name
    issuer = f"{org}人民政府办公室"
    month, day = rng.randint(1, 9), rng.randint(1, 28)
    number = f"{place.short[0]}政办〔{year}〕{rng.randint(1, 120)}号"
    return [
        "", "", f"{issuer}文件", "", number, "",
        f"{issuer}关于印发{title}的通知", "",
        f"各乡（镇）人民政府，{level}直各有关单位：", "",
        f"《{title}》已经{level}政府研究同意，现印发给你们，请结合实际，认真组织实施。", "",
        issuer, "", f"{year}年{month}月{day}日", "", "（此件主动公开）", "",
        title, "",
        f"为深入贯彻落实《优化营商环境条例》和《{place.parent}优化营商环境行动方案》，对标国内先进水平，持续深化“放管服”改革，结合我{level}实际，制定本方案。",
        "一、总体要求",
        f"坚持“市场主体满意”和“营商评价提升”双导向，聚焦企业全生命周期，推动我{level}营商环境持续优化。",
        "二、组织保障",
        "各牵头单位要切实发挥牵头作用，责任单位积极协同配合，按照时间节点抓好落实。", "",
        "附件", "",
    ]


def generate_document(rng: random.Random, index: int, rows: int | None = None) -> GeneratedDocument:
    """One document: a place, a plan year, a layout, ~150 tasks, the text and its expected reading."""
    places = _places()
    place = rng.choice(places)
    if rng.random() < 0.25:  # a prefecture's plan: the parent city itself
        parents = [p for p in places if p.name == place.parent]
        place = parents[0] if parents else place
    year = rng.randint(2019, 2024)
    layout = rng.choices(list(TAB_LAYOUTS) + list(CELL_LAYOUTS), weights=[3, 3, 1, 2, 1])[0]
    n = rows if rows is not None else int(rng.triangular(40, 300, 120))
    tasks = _tasks(rng, place, year, n, layout)
    where = f"{place.parent}{place.name}" if place.prefix == "区" else place.name
    title = f"{year}年{where}优化营商环境工作任务分工表"
    if layout.startswith("tab-"):
        table = _render_tab(rng, layout, tasks)
    else:
        table = _render_cells(rng, layout, tasks)
    if rng.random() < 0.8:
        lines = _head(rng, place, year, title) + [title.replace("工作任务分工表", "任务清单"), ""] + table
    else:  # a bare table under its title line (sample 000)
        lines = [" \t" + title, ""] + table
    name = f"gen_{index:05d}_{layout}.txt"
    return GeneratedDocument(name, "\n".join(lines) + "\n", layout, place.name, place.parent, year, tasks)


def generate_corpus(docs: int | None = None, seed: int = 1, rows: int | None = None) -> Iterator[GeneratedDocument]:
    """Documents until ``docs`` documents or (with ``rows``) at least ``rows`` task rows are made.

    Each document draws from its own ``random.Random(f"{seed}:{index}")``, so
    document k is the same whatever the corpus size.
    """
    made = total = 0
    while (docs is None or made < docs) and (rows is None or total < rows):
        doc = generate_document(random.Random(f"{seed}:{made}"), made)
        made += 1
        total += len(doc.tasks)
        yield doc
        if docs is None and rows is None:
            return


def write_corpus(out_dir: Path, docs: int | None = None, seed: int = 1, rows: int | None = None) -> tuple[int, int]:
    """Write the documents and ``truth.jsonl`` into ``out_dir``; returns (documents, rows)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n_docs = n_rows = 0
    with (out_dir / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for doc in generate_corpus(docs, seed, rows):
            (out_dir / doc.name).write_text(doc.text, encoding="utf-8")
            for record in doc.truth():
                truth.write(json.dumps(record, ensure_ascii=False) + "\n")
            n_docs += 1
            n_rows += len(doc.tasks)
    return n_docs, n_rows


def read_truth(path: Path) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """``truth.jsonl`` as (documents by source, expected rows by source)."""
    docs: dict[str, dict] = {}
    rows: dict[str, list[dict]] = {}
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["kind"] == "document":
                docs[record["source"]] = record
                rows.setdefault(record["source"], [])
            else:
                rows.setdefault(record["source"], []).append(record)
    return docs, rows


SCORED_FIELDS = ("lead", "responsible", "deadline", "indicator", "item", "measure")


def score_extraction(results, truth_docs: dict[str, dict], truth_rows: dict[str, list[dict]],
                     examples: int = 3) -> dict:
    """Compare loader results (`LoadResult`s) with the truth, field by field.

    Returns counts: ``expected`` rows, ``found`` (a row with the expected seq
    exists), ``exact`` per field among found rows, ``extra`` rows read that
    were not expected, ``jurisdiction`` documents whose jurisdiction is right,
    and up to ``examples`` misses per field with source, seq, expected and got.
    Items are scored only in layouts with an item column (TAB layouts).
    """
    out = {"documents": len(truth_docs), "expected": 0, "found": 0, "extra": 0, "rejects": 0, "jurisdiction": 0,
           "exact": {f: 0 for f in SCORED_FIELDS}, "scored": {f: 0 for f in SCORED_FIELDS}, "misses": {}}
    for result in results:
        source = result.document.source
        if source not in truth_docs:
            continue
        doc = truth_docs[source]
        out["jurisdiction"] += result.document.jurisdiction == doc["jurisdiction"]
        out["rejects"] += len(result.rejects)
        got = {}
        for row in result.rows:
            got.setdefault(row.seq, row)
        expected = truth_rows.get(source, [])
        out["expected"] += len(expected)
        out["extra"] += max(0, len(result.rows) - len(expected))
        for want in expected:
            row = got.get(want["seq"])
            if row is None:
                out["misses"].setdefault("found", []).append({"source": source, "seq": want["seq"]})
                continue
            out["found"] += 1
            for f in SCORED_FIELDS:
                if f == "item" and not doc["layout"].startswith("tab-"):
                    continue
                value = getattr(row, f)
                value = list(value) if isinstance(value, tuple) else value
                out["scored"][f] += 1
                if value == want[f]:
                    out["exact"][f] += 1
                else:
                    out["misses"].setdefault(f, []).append(
                        {"source": source, "line": row.line, "seq": want["seq"], "expected": want[f], "got": value})
    out["miss_counts"] = {k: len(v) for k, v in out["misses"].items()}
    out["misses"] = {k: v[:examples] for k, v in out["misses"].items()}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="number of documents")
    parser.add_argument("--rows", type=int, default=None, help="or: documents until this many task rows")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.docs is None and args.rows is None:
        parser.error("give --docs or --rows")
    docs, rows = write_corpus(args.output, args.docs, args.seed, args.rows)
    print(f"{docs} documents, {rows} rows → {args.output}")


if __name__ == "__main__":
    main()
