"""Deadlines, indicators and cell cleaning, by the reading rules' definitions."""

from __future__ import annotations

import pytest

from policykg.loaders import parse_text
from policykg.loaders.deadlines import looks_like_deadline, parse_deadline
from policykg.loaders.indicators import INDICATORS, canonical_indicator, clean_indicator
from policykg.loaders.text_clean import clean_measure, collapse_ws, strip_markup


@pytest.mark.parametrize("raw,year,value", [
    ("6月底", 2020, "2020-06-30"),
    ("2月底", 2024, "2024-02-29"),
    ("2月", 2023, "2023-02-28"),
    ("12月底前", 2020, "2020-12-31"),
    ("2023年3月底", 2020, "2023-03-31"),
    ("2023年底", None, "2023-12-31"),
    ("年底", 2021, "2021-12-31"),
    ("年底前", 2021, "2021-12-31"),
    ("6月中旬", 2021, "2021-06-20"),
    ("十二月底", 2020, "2020-12-31"),
    ("2021年6月30日", None, "2021-06-30"),
    ("2022年", None, "2022-12-31"),
    ("2021年上半年", None, "2021-06-30"),
    ("第三季度", 2022, "2022-09-30"),
    ("持续推进", 2020, "ongoing"),
    ("长期坚持", 2020, "ongoing"),
    ("常态化推进", 2020, "ongoing"),
    ("根据省税务局工作进度安排,按时序进度推进", 2021, "conditional"),
    ("根据省人社厅工作进度安排，按序时进度推进", 2021, "conditional"),
    ("6月底", None, None),
    ("", 2020, None),
    (None, 2020, None),
])
def test_parse_deadline(raw, year, value):
    assert parse_deadline(raw, year)[0] == value


def test_deadline_warnings():
    assert parse_deadline("2021年6月底前完成，12月底前全面推开", None) == (
        "2021-12-31", ["deadline_multiple:2021年6月底前完成，12月底前全面推开"])
    assert parse_deadline("视情况而定", 2020) == ("conditional", [])
    assert parse_deadline("另议", 2020)[1] == ["deadline_unparsed:另议"]


def test_looks_like_deadline():
    assert looks_like_deadline("2021 年 9 月底") and looks_like_deadline("持续推进")
    assert not looks_like_deadline("市公安局、税务局") and not looks_like_deadline("推进投资项目审批便利化。")


@pytest.mark.parametrize("cell,raw,canonical", [
    ("一、开办企业", "开办企业", "开办企业"),
    ("三、办理建筑\n许可", "办理建筑许可", "办理建筑许可"),
    ("六、不动产\n登记", "不动产登记", "登记财产"),
    ("八、融资支持", "融资支持", "获得信贷"),
    ("8.优化金融环境", "优化金融环境", "获得信贷"),
    ("十二、就业保障", "就业保障", "劳动力市场监管"),
    ("十一、保护中小投资者权益", "保护中小投资者权益", "保护中小投资者"),
    ("十六、知识产权创造保护和运用", "知识产权创造保护和运用", "知识产权创造、保护和运用"),
    ("二十一、深化改革创新", "深化改革创新", "深化改革创新"),
    ("十二、企业迁移及注销", "企业迁移及注销", "企业迁移及注销"),
    ("(一) 持续提升投资服务水平", "持续提升投资服务水平", None),
    ("（三）简化企业办事审批手续", "简化企业办事审批手续", None),
    ("[bookmark: _GoBack]十九、政策落实", "政策落实", "政策落实"),
])
def test_indicators(cell, raw, canonical):
    assert clean_indicator(cell) == raw
    assert canonical_indicator(raw) == canonical


def test_all_18_indicators_are_canonical():
    assert len(INDICATORS) == 18
    assert all(canonical_indicator(name) == name for name in INDICATORS)


def test_cleaning():
    assert strip_markup("<p>1. 建设。</p> <p>2. 监管。</p>") == "1. 建设。\n2. 监管。"
    assert strip_markup('<ol style="x"> 2. 监管。</ol>') == "2. 监管。"
    assert collapse_ws("压缩至 3 个\n工作日") == "压缩至 3 个工作日"
    assert clean_measure("12.规范中介服务。") == ("规范中介服务。", "12")
    assert clean_measure("<p>3. 事中事后监管。</p>") == ("事中事后监管。", "3")
    assert clean_measure("1.5个工作日内办结") == ("1.5个工作日内办结", None)


def _table_indicators(categories: list[str]) -> list[str | None]:
    lines = ["2023年某县重点工作任务分工表", "序号\t类别\t具体措施\t牵头单位\t责任单位\t完成时限"]
    lines += [f"{k}\t{c}\t推进第{k}项工作。\t县发改局\t县财政局\t6月底" for k, c in enumerate(categories, 1)]
    return [r.indicator for r in parse_text("\n".join(lines) + "\n", "t.txt").rows]


def test_local_categories_count_only_beside_national_ones():
    """Reading rules, "Canonical indicators": 注销企业 is a category of a business-environment table;
    the category cells of a table that names none of the 18 are themes, no indicators."""
    assert _table_indicators(["开办企业", "注销企业", "获得网络", "组织保障"]) == ["开办企业", "注销企业", "获得网络", "组织保障"]
    assert _table_indicators(["经济发展", "社会民生", "组织保障"]) == [None, None, None]
    assert _table_indicators(["不动产登记", "乡村振兴"]) == ["登记财产", "乡村振兴"]
