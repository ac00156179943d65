"""Sector rules: first match wins, so order decides; every rule must be reachable."""

from __future__ import annotations

import pytest

from policykg.loaders.sectors import classify_sector, sector_label, sector_names, sector_rules


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        # the brief's sectors, on normalised keys as agencies.py builds them
        ("公安局", "公安"),
        ("公安局交警大队", "公安"),
        ("交警支队", "公安"),
        ("公安分局", "公安"),
        ("税务局", "税务"),
        ("市场监督管理局", "市场监管"),
        ("知识产权局", "市场监管"),
        ("自然资源和规划局", "自然资源"),
        ("自然资源局", "自然资源"),
        ("不动产登记和交易中心", "自然资源"),
        ("住房和城乡建设局", "住建"),
        ("建设局", "住建"),
        ("人民法院", "法院"),
        ("中级人民法院", "法院"),
        ("人民检察院", "检察院"),
        ("供电公司", "供电企业"),
        ("供电服务中心", "供电企业"),
        ("中闽水务有限公司", "供水企业"),
        ("自来水公司", "供水企业"),
        ("水利水务建设发展有限公司", "供水企业"),
        ("华润燃气公司", "燃气企业"),
        ("新奥燃气有限公司", "燃气企业"),
        ("电信分公司", "通信企业"),
        ("广电网络分公司", "通信企业"),
        ("人民银行支行", "金融机构"),
        ("银保监组", "金融机构"),
        ("金融工作办公室", "金融监管"),
        ("金融监管局", "金融监管"),
        ("发展和改革委员会", "发展改革"),
        ("发展和改革局", "发展改革"),
        ("财政局", "财政"),
        ("人力资源和社会保障局", "人社"),
        ("医疗保障局", "医保"),
        ("医疗保障分局", "医保"),
        ("商务局", "商务"),
        ("海关", "海关"),
        ("泉州海关驻办事处", "海关"),
        ("交通运输局", "交通运输"),
        ("水利局", "水利"),
        ("城市管理局", "城管"),
        ("卫生健康委员会", "卫健"),
        ("教育局", "教育"),
        ("生态环境局", "生态环境"),
        ("司法局", "司法"),
        ("工业和信息化局", "工信"),
        ("大数据中心", "数据管理"),
        ("数字办", "数据管理"),
        ("行政服务中心管理委员会", "政务服务"),
        ("福州住房公积金管理中心管理部", "公积金"),
        ("人民防空办公室", "人防"),
        ("气象局", "气象"),
        ("消防救援大队", "消防"),
        ("应急管理局", "应急管理"),
        ("文化和旅游局", "文旅"),
        ("文化体育和旅游局", "文旅"),
        ("农业农村局", "农业农村"),
        ("林业局", "林业"),
        ("民政局", "民政"),
        ("统计局", "统计"),
        ("审计局", "审计"),
        ("档案局", "档案"),
        ("国有资产监督管理委员会", "国资"),
        ("科技局", "科技"),
        ("组织部", "党委部门"),
        ("宣传部", "党委部门"),
        ("人才办", "党委部门"),
        ("营商办", "营商环境"),
        ("效能办", "营商环境"),
        ("人民政府", "人民政府"),
        ("台商区管理委员会", "园区管委会"),
        ("江阴港城经济区管理委员会", "园区管委会"),
        ("港口发展中心", "港口"),
        ("江阴港务管理站", "港口"),
        ("出入境边防检查站", "边检"),
        ("海事处", "海事"),
        ("邮政公司", "邮政"),
    ],
)
def test_classify_sector(name: str, sector: str) -> None:
    assert classify_sector(name) == sector


@pytest.mark.parametrize(
    ("name", "sector", "why"),
    [
        ("住房公积金管理中心", "公积金", "住房 must not make it 住建"),
        ("人民政府", "人民政府", "人民政府 contains 民政"),
        ("政协", "人大政协", "人民政治协商会议 contains 民政"),
        ("社会保险中心", "人社", "社会保险 before 保险 (insurers)"),
        ("政府采购中心", "财政", "政府采购 before 政府"),
        ("行政服务中心管理委员会", "政务服务", "before 管委会 of development zones"),
        ("水务局", "水利", "a water bureau, not the water company"),
        ("广电局", "文旅", "the broadcasting bureau, not the 广电网络 operator"),
        ("工商联", "群团组织", "not 工商 (market regulation)"),
        ("环境卫生管理处", "城管", "sanitation, not health"),
        ("通信发展管理办", "工信", "the telecom regulator, not an operator"),
        ("洪山镇政府", "乡镇街道", "a township, not the county government"),
        ("农水局", "农业农村", "农业农村和水利 counts with agriculture"),
    ],
)
def test_order_decides(name: str, sector: str, why: str) -> None:
    assert classify_sector(name) == sector, why


def test_raw_abbreviated_names_classify_too() -> None:
    assert [classify_sector(n) for n in ("县资规局", "资源规划局", "人行罗源支行", "国网罗源供电公司", "县交运局")] == [
        "自然资源", "自然资源", "金融机构", "供电企业", "交通运输",
    ]


@pytest.mark.parametrize("name", ["中介公司", "各有关单位", "律师协会", "", "福清市"])
def test_unknown_is_none(name: str) -> None:
    assert classify_sector(name) is None


def test_anchors() -> None:
    assert classify_sector("政府") == "人民政府"
    assert classify_sector("委") == "党委部门"
    assert classify_sector("人行支行") == "金融机构"
    assert classify_sector("个人行为规范中心") is None  # ^人行 only at the start


def test_every_rule_is_reachable() -> None:
    """A keyword shadowed by an earlier rule of another sector would never fire."""
    for rule in sector_rules():
        assert classify_sector(rule.keyword.strip("^$")) == rule.sector, rule


def test_labels() -> None:
    assert sector_label("税务") == "taxation"
    assert sector_label("供电企业") == "electricity supplier"
    assert sector_label(None) is None
    assert sector_label("不存在") is None
    names = sector_names()
    assert len(names) == len(set(names))
    assert all(sector_label(name) for name in names)
    assert {"公安", "税务", "市场监管", "自然资源", "住建", "法院", "检察院", "供电企业", "供水企业", "燃气企业",
            "通信企业", "金融机构", "金融监管", "发展改革", "财政", "人社", "医保", "商务", "海关", "交通运输", "水利",
            "城管", "卫健", "教育", "生态环境", "司法", "工信", "数据管理", "政务服务", "公积金", "人防", "气象", "消防",
            "应急管理", "文旅", "农业农村", "林业", "民政", "统计", "审计", "档案", "国资", "科技", "党委部门",
            "营商环境", "人民政府", "园区管委会", "港口", "边检", "海事", "邮政"} <= set(names)


def test_one_label_per_sector() -> None:
    labels: dict[str, set[str]] = {}
    for rule in sector_rules():
        labels.setdefault(rule.sector, set()).add(rule.label)
    assert {sector: names for sector, names in labels.items() if len(names) > 1} == {}
