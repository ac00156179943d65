"""About ten colour families for the sixty-odd sectors: what a reader can tell apart on a picture.

A network coloured by sixty hues is a legend nobody can match; grouped into the
lines of government a planner thinks in (finance and tax, planning and building,
utilities …) each family keeps one clear colour. Every sector of
``loaders/data/sectors.tsv`` belongs to one family (a test keeps them together);
a sector not listed, and an agency with none, falls in "other".
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Family", "FAMILIES", "OTHER", "family_of"]


@dataclass(frozen=True, slots=True)
class Family:
    """A colour family: its key, names, colour (colour-blind-safe palette) and sectors."""

    key: str
    zh: str
    en: str
    colour: str
    sectors: tuple[str, ...]

    def name(self, lang: str | None) -> str:
        return self.en if lang == "en" else self.zh


# Colours: Paul Tol's "muted" scheme plus two, distinguishable in colour-blind vision and in print.
FAMILIES: tuple[Family, ...] = (
    Family("services", "政务服务与数据", "Government services and data", "#332288",
           ("政务服务", "营商环境", "数据管理")),
    Family("economy", "发展与经济", "Development and economy", "#88CCEE",
           ("发展改革", "工信", "商务", "统计", "国资", "科技")),
    Family("finance", "财税金融", "Finance, tax and credit", "#44AA99",
           ("财政", "税务", "金融监管", "金融机构", "审计", "公积金", "医保")),
    Family("market", "市场监管", "Market regulation", "#117733", ("市场监管",)),
    Family("building", "规划建设与资源", "Planning, building and resources", "#999933",
           ("自然资源", "住建", "城管", "人防", "交通运输", "水利", "林业", "海洋渔业", "生态环境", "农业农村", "气象")),
    Family("utilities", "公用事业", "Utilities", "#DDCC77", ("供电企业", "供水企业", "燃气企业", "通信企业", "邮政")),
    Family("law", "政法与安全", "Law, courts and safety", "#CC6677", ("公安", "法院", "检察院", "司法", "应急管理", "消防")),
    Family("ports", "口岸与贸易", "Ports and border", "#882255", ("海关", "边检", "海事", "港口")),
    Family("social", "社会民生", "Social services", "#AA4499",
           ("人社", "教育", "卫健", "民政", "文旅", "体育", "退役军人事务")),
    Family("government", "党政综合", "Government and Party offices", "#6F4E37",
           ("人民政府", "党委部门", "人大政协", "纪检监察", "信访", "外事侨务", "档案", "乡镇街道", "群团组织", "园区管委会")),
)
OTHER = Family("other", "其他或未分类", "Other or unclassified", "#BBBBBB", ())

_BY_SECTOR = {sector: family for family in FAMILIES for sector in family.sectors}


def family_of(sector: str | None) -> Family:
    """The colour family of a sector (`OTHER` for None or a sector no family lists).

    Examples
    --------
    >>> family_of("税务").key, family_of("公安").colour, family_of(None).key
    ('finance', '#CC6677', 'other')
    """
    return _BY_SECTOR.get(sector or "", OTHER)
