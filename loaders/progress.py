"""Progress reports and closing prose: text of a task list that is neither a task's measure nor its deadline.

Reading rules, "Progress bulletins": in "3、农村公路建设，牵头单位：市交通局。截至6月底完成…"
the measure is the project named, the lead is the labelled unit, and the progress text is
neither. Progress does not always open with 截至: "已完成…", "正在…", "目前…", "累计…" report
what was done whatever the document is; "计划9月底前…", "预计…", "将于…" report a plan's state
in a bulletin, but state a target in a plan. A paragraph closing the list ("下一步，各牵头单位
要…", "请各单位…") speaks to all the tasks, so it belongs to none of them.
"""

from __future__ import annotations

import re

from policykg.loaders.hanzi import fold

__all__ = ["reads_as_progress", "closes_the_list", "reports_progress"]

# Words that open a report of what was done: never a task's text, in any document.
_DONE = re.compile(
    r"^(?:截至|截止|截止到|到目前|目前|当前|现已|已经|已(?:完成|建成|开工|竣工|落实|实现|启动|开展|投入|下达|拨付|争取|出台|印发|"
    r"制定|签订|招标|完工|累计|全部|基本|于)|正在|正按|累计|共完成|完成投资|完成年度|今年以来|年初以来|本年以来|"
    r"(?:上半年|一季度|前三季度|[1-9]\s*[-—－至~～]\s*1?[0-9]\s*月(?:份)?)[,，]|进展情况|完成情况|工作进展|推进情况|"
    r"当前进展|项目进展|进展[:：])"
)
# Words that open a plan's state: progress in a report on progress, a target in a plan.
_PLANNED = re.compile(r"^(?:计划|预计|拟于|拟在|将于|力争|争取)")
# Words that open a paragraph speaking to every task: the list's closing prose.
_CLOSING = re.compile(
    r"^(?:下一步|下阶段|下一阶段|今后|接下来|各(?:牵头|责任|相关|有关|配合)?(?:单位|部门)(?:要|须|务必|应)|"
    r"请各|特此|以上(?:任务|工作|事项|各项))"
)
# A title or heading of a report on progress ("…进展情况", "…完成情况的通报", "工作推进情况").
_REPORT_TITLE = re.compile(r"进展|进度(?!安排|要求)|完成情况|推进情况|落实情况|执行情况|办理情况|通报")


def reads_as_progress(text: str, report: bool = False) -> bool:
    """Whether a sentence reports progress; ``report``: the document reports on progress (see `reports_progress`).

    >>> reads_as_progress("已完成12个小区改造。"), reads_as_progress("正在推进新改建农村公路45公里。")
    (True, True)
    >>> reads_as_progress("计划9月底前完成主体工程。"), reads_as_progress("计划9月底前完成主体工程。", report=True)
    (False, True)
    >>> reads_as_progress("推进老旧小区改造30个。")
    False
    """
    folded = fold(text.strip(" \u3000"))
    return bool(_DONE.match(folded) or (report and _PLANNED.match(folded)))


def closes_the_list(text: str) -> bool:
    """Whether a paragraph speaks to every task of the list ("下一步，各牵头单位要…").

    >>> closes_the_list("下一步，各牵头单位要对照目标任务，倒排工期。"), closes_the_list("各单位要高度重视。")
    (True, True)
    >>> closes_the_list("推进老旧小区改造。")
    False
    """
    return bool(_CLOSING.match(fold(text.strip(" \u3000"))))


def reports_progress(title: str | None, paragraphs: list[str]) -> bool:
    """Whether a document reports on progress: its title says so, or a task's text reports what was done.

    >>> reports_progress("2024年民生实事项目上半年进展情况", []), reports_progress("2024年重点任务", ["截至6月底，已完成60%。"])
    (True, True)
    >>> reports_progress("2024年重点任务分工", ["推进改革。"])
    False
    """
    if title and _REPORT_TITLE.search(fold(title)):
        return True
    return any(reads_as_progress(p) for p in paragraphs)
