"""A small Corpus written by hand (two documents, realistic names) for graph and query tests."""

from __future__ import annotations

from dataclasses import replace

from policykg.records import Agency, Corpus, Document, Row

A = "350181/"
FQ = "a_福清.txt"
LY = "b 罗源#1.txt"  # a space and a # in the file name: IRIs must percent-encode them
# the division codes of an agency's place and the place above it, as the loaders give them
IN_FUQING = {"adcode": "350181", "parent_adcode": "350100"}
IN_LUOYUAN = {"adcode": "350123", "parent_adcode": "350100"}
# the indicator model that "inferred" the rows of `inferred_corpus`
MODEL = "indicators-0123abcd"


def handmade_corpus() -> Corpus:
    docs = [
        Document(source=FQ, title="2020年福清市优化营商环境工作任务分工表", issuer="福清市人民政府办公室",
                 doc_number="融政办〔2020〕5号", issue_date="2020-03-02", plan_year=2020, jurisdiction="福清市",
                 parent="福州市", province="福建省", adcode="350181", responsible_all=("各镇（街）", "市直有关单位"),
                 parent_adcode="350100", province_adcode="350000",
                 layout="table", notice_title="关于印发…的通知", context="为进一步优化营商环境…"),
        Document(source=LY, title="罗源县营商环境改革创新实施方案", plan_year=2023, jurisdiction="罗源县",
                 parent="福州市", province="福建省", adcode="350123", issue_date="2023年3月",
                 parent_adcode="350100", province_adcode="350000"),
    ]
    agencies = {
        A + "市场监督管理局": Agency(A + "市场监督管理局", "福清市市场监管局", "福清市", "市场监管", "agency",
                              ("市市场监管局",), ("福清市知识产权局",), "福州市", **IN_FUQING),
        A + "行政服务中心管理委员会": Agency(A + "行政服务中心管理委员会", "福清市行政服务中心管委会", "福清市",
                                  "政务服务", "agency", ("市行政服务中心管委会",), (), "福州市", **IN_FUQING),
        A + "公安局": Agency(A + "公安局", "福清市公安局", "福清市", "公安", "agency", ("市公安局",), (), "福州市", **IN_FUQING),
        A + "税务局": Agency(A + "税务局", "福清市税务局", "福清市", "税务", "agency", ("福清市税务局",), (), "福州市",
                          **IN_FUQING),
        A + "各镇街@a": Agency(A + "各镇街@a", "各镇（街）", "福清市", None, "collective", ("各镇（街）",), (), "福州市",
                            **IN_FUQING),
        "350123/市场监督管理局": Agency("350123/市场监督管理局", "罗源县市场监管局", "罗源县", "市场监管", "agency",
                                    ("县市场监管局",), (), "福州市", **IN_LUOYUAN),
        "350123/发展和改革局": Agency("350123/发展和改革局", "罗源县发改局", "罗源县", "发展改革", "agency",
                                  ("县发改局",), ("大数据局",), "福州市", **IN_LUOYUAN),
        "350123/各有关单位@b": Agency("350123/各有关单位@b", "各有关单位", None, None, "collective", ("各有关单位",)),
    }
    assignments = {
        (FQ, "市市场监管局"): A + "市场监督管理局",
        (FQ, "市行政服务中心管委会"): A + "行政服务中心管理委员会",
        (FQ, "市公安局"): A + "公安局",
        (FQ, "福清市税务局"): A + "税务局",
        (FQ, "各镇（街）"): A + "各镇街@a",
        (LY, "县市场监管局"): "350123/市场监督管理局",
        (LY, "县发改局"): "350123/发展和改革局",
        (LY, "各有关单位"): "350123/各有关单位@b",
    }
    rows = [
        Row(FQ, "1", "开办企业", "开办企业", None, "优化开办企业流程。实现企业设立、印章刻制“一窗受理”。",
            ("市市场监管局", "市行政服务中心管委会"), ("市公安局", "福清市税务局"), "6月底", "2020-06-30", None, 11),
        Row(FQ, "2", "开办企业", "开办企业", "深化商事登记制度改革。", "推进登记便利化改革。",
            ("市市场监管局",), ("市公安局", "福清市税务局", "市人社局"), "6月底", "2020-06-30", "已完成", 19,
            ("indicator_inherited",)),
        Row(FQ, "3", "一、持续提升投资服务水平", None, None, "推行“容缺受理”，市“双随机、一公开”联席会议统筹。",
            (), ("各镇（街）", "市行政服务中心管委会"), "持续推进", "ongoing", None, 27, ("no_lead",)),
        Row(FQ, "4", "市场监管", "市场监管", None, "加强事中事后监管。\n“互联网+监管”全覆盖。",
            ("市市场监管局", "市公安局"), ("市公安局",), "根据省市工作进度安排", "conditional", None, 35,
            ("lead_inherited:市市场监管局", "seq_gap:5")),
        Row(LY, "1", "开办企业", "开办企业", None, "推行市场监管领域“一业一证”改革试点。",
            ("县市场监管局",), ("县发改局", "各有关单位"), "2023年3月底", "2023-03-31", None, 111),
        Row(LY, "2", "市场监管", "市场监管", None, "探索包容审慎监管。", ("县发改局", "县市场监管局"),
            ("县市场监管局",), "2023年底", "2023-12-31", None, 118),
        Row(LY, "3", "不动产登记", "登记财产", None, "压缩不动产登记时间。", ("县资规局",), (), None, None, None, 125),
    ]
    return Corpus(documents=docs, rows=rows, agencies=agencies, assignments=assignments)


def inferred_corpus() -> Corpus:
    """The hand-made corpus with its theme row inferred by a model, and two rows a planner corrected."""
    corpus = handmade_corpus()
    rows = [replace(r, indicator_inferred="政务服务", indicator_confidence=0.6123,
                    indicator_evidence=("容缺受理", "双随机、一公开"), indicator_inferred_by=MODEL)
            if r.indicator is None else r for r in corpus.rows]
    rows += [
        Row(LY, "4", "组织保障", None, None, "加强组织领导，定期调度。", (), (), None, None, None, 140,
            indicator_inferred=None, indicator_confidence=1.0, indicator_inferred_by="correction:review.xlsx"),
        Row(LY, "5", "组织保障", None, None, "推广电子税务局，办税缴费网上办。", (), (), None, None, None, 150,
            indicator_inferred="纳税", indicator_confidence=1.0, indicator_inferred_by="correction:review.xlsx"),
    ]
    return replace(corpus, rows=rows)
