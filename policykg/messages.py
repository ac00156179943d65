"""The message catalogue: every text policykg shows a person, in Chinese and English.

Library code records *codes* (``"seq_inferred"``, ``"shifted_cells:2"``); the CLI
renders them with `render` in the user's language (Chinese by default, English
with ``--lang en``), as click routes its own messages through gettext. A code may
carry a detail after a colon; the template receives it as ``{detail}``, and
its "|"-separated parts as ``{d0}``, ``{d1}``….

Subpackages add their own entries with `register` at import time, so the
catalogue stays one table without every module editing one file.
"""

from __future__ import annotations

__all__ = ["render", "register", "set_language", "get_language", "CATALOGUE"]

CATALOGUE: dict[str, dict[str, str]] = {
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
        "zh": "合计：{d0} 行，{d1} 行未解析",
        "en": "in all: {d0} rows, {d1} rejected",
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

_language = "zh"


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add catalogue entries (code → {"zh": …, "en": …}); existing codes are kept."""
    for code, texts in entries.items():
        CATALOGUE.setdefault(code, texts)


def set_language(lang: str) -> None:
    """Set the language `render` uses when none is given ("zh" or "en")."""
    global _language
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'")
    _language = lang


def get_language() -> str:
    return _language


def render(code: str, lang: str | None = None) -> str:
    """Render a message code (``"code"`` or ``"code:detail"``) as text.

    Examples
    --------
    >>> render("seq_inferred:93", "en")
    'row printed without a number; numbered 93 from its neighbours'
    >>> render("no_such_code")
    'no_such_code'
    """
    lang = lang or _language
    name, _, detail = code.partition(":")
    entry = CATALOGUE.get(name)
    if entry is None:
        return code
    template = entry.get(lang) or entry["zh"]
    parts = {f"d{i}": part for i, part in enumerate(detail.split("|"))}
    return template.format(detail=detail, **parts)
