"""From a table's raw cells to rows: alignment, numbering, merged cells, names, deadlines.

Every layout (TAB lines, one cell per line, Word, Excel, HTML) first produces a
`Grid`: the header's column roles and the raw cells of each table row with its
source line. `assemble_rows` then applies the reading rules the same way for
all of them, so the same document gives the same rows in every format:

- cells realigned by content when shifted (`policykg.loaders.align`);
- rows printed without a number get the number their neighbours imply
  ("What a row is"); a numberless fragment with no room in the numbering is
  the continuation of the row above;
- empty indicator / item / deadline cells inherit from the row above, an empty
  lead inherits the lead (and the responsible units when that cell is empty
  too) — "Merged cells and broken rows";
- unit cells split by the name rules (`policykg.loaders.unit_names`);
- deadlines read by `policykg.loaders.deadlines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.loaders.align import Alignment, align_cells
from policykg.loaders.attribution import parse_attribution, split_names
from policykg.loaders.deadlines import parse_deadline
from policykg.loaders.hanzi import fold
from policykg.loaders.indicators import clean_indicator, document_indicators
from policykg.loaders.text_clean import clean_measure, collapse_ws, squeeze, strip_markup
from policykg.loaders.unit_names import jurisdiction_prefix, parse_units
from policykg.records import Reject, Row

__all__ = ["GridRow", "Grid", "Assembled", "assemble_rows"]


_SEQ = re.compile(r"^\s*(\d+)\s*[.．、]?\s*$")
_TITLE = re.compile(r"^(.{2,60}?[。！？!?])\s+(\S.*)$", re.S)


@dataclass(slots=True)
class GridRow:
    """One row of a task table as printed: raw cell texts and its first source line.

    ``kind`` is "row" for a task row, "section" for a heading row spanning the
    table (its text sets the category of the rows below), "note" for a 说明 line,
    "reject" for a numbered row the layout could not read (cells: its number and
    text; ``reason``: the message key). ``by_meaning``: the layout already gave each
    cell its column by what it says (cells a viewer ran together), so it is not realigned.
    """

    cells: list[str]
    line: int
    kind: str = "row"
    reason: str | None = None
    by_meaning: bool = False


@dataclass(slots=True)
class Grid:
    """A task table: the column roles of its header and its rows."""

    roles: list[str]
    rows: list[GridRow] = field(default_factory=list)


@dataclass(slots=True)
class Assembled:
    rows: list[Row] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    unit_aliases: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # document-level message codes


@dataclass(slots=True)
class _Draft:
    """A row between alignment and inheritance."""

    line: int
    seq: str | None
    cells: dict[str, str]
    warnings: list[str]
    raw_text: str
    section: str | None = None  # a category heading row printed just above this row
    subsection: str | None = None  # a second-level heading ("（一）…") just above: the item of the rows below


def _draft(grid: Grid, row: GridRow) -> _Draft:
    alignment = Alignment(dict(zip(grid.roles, row.cells))) if row.by_meaning else align_cells(row.cells, grid.roles)
    warnings: list[str] = []
    if alignment.shifted:
        warnings.append("shifted_cells:" + "/".join(r for r in grid.roles if alignment.cells.get(r, "").strip()))
    for role in alignment.merged:
        warnings.append(f"cells_merged:{role}")
    for text in alignment.dropped:
        warnings.append(f"extra_cell_dropped:{text[:80]}")
    seq = None
    m = _SEQ.match(alignment.cells.get("seq", ""))
    if m:
        seq = str(int(m.group(1)))
    raw_text = " | ".join(c.strip() for c in row.cells if c.strip())
    return _Draft(row.line, seq, alignment.cells, warnings, raw_text)


def _number_rows(drafts: list[_Draft], has_seq_column: bool, roles: Sequence[str] = ()) -> list[_Draft]:
    """Give numberless rows the numbers their neighbours imply; fold fragments into the row above."""
    if not has_seq_column:
        for d in drafts:
            _, number = clean_measure(d.cells.get("measure", ""))
            d.seq = number
    out: list[_Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        if d.seq is not None or not out:
            if d.seq is None:
                d.warnings.append("seq_inferred:1")
                d.seq = "1"
            out.append(d)
            i += 1
            continue
        # a run of numberless rows between numbered neighbours
        j = i
        while j < len(drafts) and drafts[j].seq is None:
            j += 1
        run = drafts[i:j]
        base = out[-1].seq.split("-")[0] if out[-1].seq else ""
        prev = int(base) if base.isdigit() else None
        following = drafts[j].seq if j < len(drafts) else None
        nxt = int(following) if following is not None and following.isdigit() else None
        room = (nxt - prev - 1) if prev is not None and nxt is not None else len(run)
        continued = 1 + sum(1 for d in out if d.seq and d.seq.startswith(f"{base}-"))
        for k, d in enumerate(run):
            if has_seq_column and prev is not None and d.section is None and (k >= room or nxt is None) \
                    and _continues_merged(d, roles):
                # Reading rules: the k-th continuation row of a merged cell numbered N is "N-k"
                continued += 1
                d.seq = f"{prev}-{continued}"
                d.warnings.append(f"seq_continuation:{d.seq}")
                out.append(d)
                continue
            if (k < room and prev is not None) or d.section is not None:
                if k >= room or prev is None:
                    d.seq = None
                    d.warnings.append("seq_missing")
                    out.append(d)
                    continue
                d.seq = str(prev + 1 + k)
                d.warnings.append(f"seq_inferred:{d.seq}")
                out.append(d)
            else:
                _fold_into(out[-1], d)
        i = j
    return out


_ROLE_VERB = re.compile(r"(?:牵头|主办|主责|负责|配合|协办|参与)(?:落实|实施|推进)?$")


def _unit_cells(lead: str, responsible: str) -> tuple[str, str]:
    """Lead and responsible text of a row whose unit cell says the roles in verbs.

    "X、Y分别牵头落实" in the one unit column makes every listed unit a lead,
    "X牵头，Y配合" splits the cell (reading rules, "Labels").
    """
    folded = fold(responsible.strip(" 。"))
    if not responsible or lead.strip() or not _ROLE_VERB.search(folded) or re.search(r"职责|职能|分工", folded):
        return lead, responsible  # "…按照各自职责分工分别牵头负责": how units take part, not who leads
    attribution = parse_attribution(strip_markup(responsible))
    if attribution is None or attribution.ignored or not attribution.names_units:
        return lead, responsible
    return "、".join(attribution.lead), "、".join(attribution.responsible)


def _continues_merged(d: _Draft, roles: Sequence[str]) -> bool:
    """A numberless row that fills two or more columns beside empty merged ones (category, item, lead).

    It is a row of its own under the merged number above, not a fragment of the row above
    (a fragment fills one column: the rest of a cell broken over lines).
    """
    filled = [r for r, text in d.cells.items() if text.strip() and r != "seq"]
    merged = [r for r in ("indicator", "item", "lead") if r in roles]
    return bool(merged) and len(filled) >= 2 and all(not d.cells.get(r, "").strip() for r in merged)


def _fold_into(target: _Draft, fragment: _Draft) -> None:
    """A numberless fragment with no room in the numbering continues the row above.

    (A fragment under a new heading is never folded: `_number_rows` keeps it a row.)
    """
    for role, text in fragment.cells.items():
        if text.strip() and role != "seq":
            joiner = "、" if role in ("lead", "responsible") else "\n"
            target.cells[role] = (target.cells.get(role, "") + joiner + text).strip(joiner)
    target.warnings.append("row_continued_across_lines")


def _split_title(measure: str) -> tuple[str | None, str]:
    """Reading rules, ``item``: the title sentence that opens a measure cell, set apart by a space or break."""
    m = _TITLE.match(measure)
    if m and "。" not in m.group(1)[:-1]:
        return m.group(1).strip(), m.group(2).strip()
    return None, measure


def _known_prefixed(drafts: Sequence[_Draft]) -> frozenset[str]:
    """Names written with a 市/县/区 prefix anywhere in the document's unit cells."""
    names: set[str] = set()
    for d in drafts:
        for role in ("lead", "responsible"):
            cell = d.cells.get(role, "")
            if cell:
                names.update(n for n in parse_units(cell).names if jurisdiction_prefix(n))
    return frozenset(names)


def assemble_rows(grids: Sequence[Grid], source: str, plan_year: int | None,
                  first_listed_leads: bool = False, home: str | None = None) -> Assembled:
    """Turn a document's task tables into rows and rejects by the reading rules.

    Parameters
    ----------
    grids : the document's tables, in order (later tables continue the numbering).
    source : the document's file name (``Row.source``).
    plan_year : the year for deadlines that give none.
    first_listed_leads : the document says the first unit listed leads ("排在第一位的为牵头单位");
        applied to tables without a lead column.
    home : the document's jurisdiction (`parse_units`: a body named after it keeps its own place).
    """
    out = Assembled()
    drafts_by_grid: list[tuple[Grid, list[_Draft]]] = []
    all_drafts: list[_Draft] = []
    for grid in grids:
        drafts: list[_Draft] = []
        heading: str | None = None
        subheading: str | None = None
        for row in grid.rows:
            if row.kind == "section":
                heading = " ".join(row.cells)
                continue
            if row.kind == "subsection":
                subheading = " ".join(row.cells)
                continue
            if row.kind == "reject" and row.reason is not None:
                out.rejects.append(Reject(source, row.line, row.cells[0] or None, row.reason, row.cells[-1][:200]))
                continue
            if row.kind != "row":
                continue
            draft = _draft(grid, row)
            draft.section, heading = heading, None
            draft.subsection, subheading = subheading, None
            drafts.append(draft)
        drafts = _number_rows(drafts, "seq" in grid.roles, grid.roles)
        drafts_by_grid.append((grid, drafts))
        all_drafts.extend(drafts)
    known = _known_prefixed(all_drafts)
    # Reading rules, "Canonical indicators": local categories count beside national ones only
    indicator = document_indicators([clean_indicator(d.cells.get("indicator", "")) for d in all_drafts]
                                    + [clean_indicator(d.section) for d in all_drafts if d.section])

    for grid, drafts in drafts_by_grid:
        roles = set(grid.roles)
        prev: Row | None = None
        indicator_raw: str | None = None
        prev_seq: int | None = None
        seen_seq: set[str] = set()
        group_item: str | None = None
        for d in drafts:
            section_starts = d.section is not None
            if d.section is not None:
                indicator_raw = clean_indicator(d.section) or indicator_raw
                group_item = None
            if d.subsection is not None:
                group_item = clean_indicator(d.subsection) or None
            warnings = list(d.warnings)
            cells = d.cells
            measure, number = clean_measure(cells.get("measure", ""))
            if not measure:
                out.rejects.append(Reject(source, d.line, d.seq, "reject_no_measure", d.raw_text[:200]))
                if d.seq and d.seq.isdigit():  # a rejected number is not a gap in the numbering
                    seen_seq.add(d.seq)
                    prev_seq = int(d.seq)
                continue

            # indicator: an empty cell is a merged cell (inherits)
            ind_cell = clean_indicator(cells.get("indicator", "")) if "indicator" in roles else ""
            new_indicator = (bool(ind_cell) and ind_cell != indicator_raw) or (section_starts and not ind_cell)
            if ind_cell:
                indicator_raw = ind_cell
            # item
            item: str | None = None
            if "item" in roles:
                item_cell = collapse_ws(strip_markup(cells.get("item", "")))
                if item_cell:
                    item = item_cell
                elif prev is not None and not new_indicator:
                    item = prev.item
            else:
                item, measure = _split_title(measure)
            if item is None and group_item is not None:
                item = group_item
            # lead / responsible (merged lead cell carries its responsible units when those are empty too)
            lead_cell, resp_cell = _unit_cells(cells.get("lead", ""), cells.get("responsible", ""))
            lead_parse = parse_units(lead_cell, known, home)
            resp_parse = parse_units(resp_cell, known, home)
            for parse in (lead_parse, resp_parse):
                warnings.extend(parse.warnings)
                for name, aliases in parse.aliases.items():
                    bucket = out.unit_aliases.setdefault(name, [])
                    bucket.extend(a for a in aliases if a not in bucket)
            lead = tuple(lead_parse.names)
            responsible = tuple(resp_parse.names)
            if not lead and resp_parse.marked_lead:  # "市发改委（牵头）、市财政局" in one cell
                lead = tuple(resp_parse.marked_lead)
                responsible = tuple(n for n in responsible if n not in lead)
                warnings.append("lead_marked_in_cell")
            elif "lead" not in roles and first_listed_leads and responsible:
                lead, responsible = responsible[:1], responsible[1:]
                warnings.append("lead_from_first_listed")
            if not lead and "lead" in roles:
                if prev is not None and prev.lead:
                    lead = prev.lead
                    if new_indicator:  # a merged lead cell spanning a new category is a guess worth a warning
                        warnings.append(f"lead_inherited_across_indicator:{'、'.join(lead)}")
                    if not responsible and not cells.get("responsible", "").strip():
                        responsible = prev.responsible
                else:
                    warnings.append("no_lead")
            elif not lead and not responsible and "responsible" in roles and "-" in (d.seq or ""):
                # the one unit column of a continuation row ("N-k") is a merged cell: as above
                responsible = prev.responsible if prev is not None else ()
            # deadline
            deadline_raw: str | None = None
            deadline: str | None = None
            if "deadline" in roles:
                cell = squeeze(strip_markup(cells.get("deadline", "")))
                if cell:
                    deadline_raw = cell
                    deadline, dl_warnings = parse_deadline(cell, plan_year)
                    warnings.extend(dl_warnings)
                elif prev is not None:
                    deadline_raw, deadline = prev.deadline_raw, prev.deadline
            remark = collapse_ws(strip_markup(cells.get("remark", ""))) or None
            leaders = tuple(split_names(collapse_ws(strip_markup(cells.get("person", ""))))) if "person" in roles else ()
            seq = d.seq or number or ""
            if seq in seen_seq:
                warnings.append(f"seq_duplicate:{seq}")
            elif seq.isdigit() and prev_seq is not None and int(seq) > prev_seq + 1:
                missing = range(prev_seq + 1, int(seq))
                gap = f"{missing[0]}" if len(missing) == 1 else f"{missing[0]}–{missing[-1]}"
                warnings.append(f"seq_gap:{gap}")
            seen_seq.add(seq)
            if seq.isdigit():
                prev_seq = int(seq)
            read = Row(
                source=source,
                seq=seq,
                indicator_raw=indicator_raw or None,
                indicator=indicator(indicator_raw),
                item=item,
                measure=measure,
                lead=lead,
                responsible=responsible,
                deadline_raw=deadline_raw,
                deadline=deadline,
                remark=remark,
                line=d.line,
                warnings=tuple(dict.fromkeys(warnings)),
                leaders=leaders,
            )
            out.rows.append(read)
            prev = read
    out.rejects.sort(key=lambda r: r.line)
    return out

