"""Traditional → simplified folding of the characters the reading rules match on.

Plans from some places, and text pasted through some systems, use traditional
characters (牽頭單位, 責任單位, 完成時限, 各有關單位, 持續推進). Surface names stay as
written (unit-name rule 6); only the *matching* — header labels, unit-name
endings, collectives, deadline words — sees the folded text. The table covers
the structural vocabulary, not the whole script.
"""

from __future__ import annotations

import re

__all__ = ["fold"]

_PAIRS = (
    "牽牵 頭头 單单 責责 任任 時时 間间 號号 編编 備备 註注 說说 明明 指指 標标 項项 舉举 務务 內内 容容 "
    "辦办 會会 處处 廳厅 組组 隊队 館馆 聯联 機机 構构 門门 縣县 區区 級级 屬属 關关 係系 員员 "
    "銀银 行行 關关 監监 發发 變变 貿贸 財财 稅税 稅税 醫医 衛卫 健健 農农 業业 專专 場场 環环 "
    "華华 國国 網网 電电 氣气 華华 讀读 協协 統统 計计 審审 檔档 資资 規规 劃划 運运 輸输 "
    "開开 續续 進进 臺台 灣湾 廠厂 區区 劃划 衝冲 徵征 擔担 險险 歸归 簡简 蘭兰 紹绍 約约 縮缩 辦办 織织 營营 範范 類类 條条 圖图 審审 層层 際际 務务 飾饰 證证 術术 檢检 測测 驗验 讓让 鄰邻 養养 礎础 轉转 類类  長长 態态 據据 據据 照照 產产 權权 創创 實实 現现 點点 節节 園园 廣广 報报 "
    "車车 東东 鄉乡 鎮镇 設设 們们 務务 訊讯 議议 導导 領领 聯联 陽阳 陰阴 歲岁 體体 濟济 "
    "應应 急急 態态 險险 證证 書书 價价 費费 貨货 質质 稱称 總总 戶户 數数 據据 歷历 選选"
)
_TABLE = {ord(pair[0]): pair[1] for pair in _PAIRS.split() if len(pair) == 2 and pair[0] != pair[1]}
# Most text holds none of them: one search (in C) is far cheaper than a translate that copies the text.
_ANY = re.compile("[" + "".join(sorted(chr(c) for c in _TABLE)) + "]")


def fold(text: str) -> str:
    """The text with the structural traditional characters folded to simplified.

    >>> fold("牽頭單位"), fold("各有關單位"), fold("持續推進")
    ('牵头单位', '各有关单位', '持续推进')
    """
    if _ANY.search(text) is None:
        return text
    return text.translate(_TABLE)
