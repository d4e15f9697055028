"""Choosing a page's title among the lines above its body, by score, never "the first line".

A title is a line of a few words to a few hundred characters, usually right above its
dateline, byline or counter and close to where the body starts, often repeating the page's
<title>. Furniture is what looks like a menu, a brand or a widget: "RSS Youtube Facebook",
"Tìm kiếm tin tức", "Banner Tỉnh ủy Nghệ An (Home-latest-1)", "Quay về E-magazine".
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..text import term_key

_I = re.IGNORECASE
MIN_SCORE = 1.0
LEAD_WORDS = 30  # longer than this, a line above the body is more likely the lead than the title
_FURNITURE_WORD = re.compile(
    r"\b(?:rss|youtube|facebook|zalo|twitter|tiktok|instagram|banner|tìm kiếm|trang chủ|e-?magazine|multimedia"
    r"|đọc báo in|báo in|home|analytic|menu|đăng nhập|đăng ký|quay về|liên hệ|sơ đồ|video|podcast|infographic"
    r"|longform|emagazine|tin tức|chuyên mục|danh mục|giới thiệu chung|english|tiếng anh)\b", _I)
_PORTAL_NAME = re.compile(r"^(?:trang thông tin điện tử|cổng thông tin(?: điện tử)?|báo điện tử|tạp chí điện tử"
                          r"|website|trang tin)\b", _I)
_SALUTATION = re.compile(r"^(?:kính gửi|đồng kính gửi|nơi nhận|số\s*:|v/v\b)", _I)
_MARKUP_DEBRIS = re.compile(r"\(home-|\bhome-\w+|[{}<>]|\.(?:jpe?g|png|gif)\b|https?://|\b\d{1,3}(?:\.\d{1,3}){3}\b", _I)


@dataclass(frozen=True)
class Candidate:
    index: int
    text: str
    score: float
    reasons: tuple[str, ...]


def score_line(text: str, *, near_body: bool, before_meta: bool, hint: str = "", repeated: bool = False
               ) -> tuple[float, list[str]]:
    """Score of one line as the page's title, with the reasons (for the review note)."""
    reasons: list[str] = []
    words = text.split()
    if len(text) < 6 or len(words) < 2 or len(text) > 300:
        return -99.0, ["length"]
    score = 1.0
    if text.endswith((".", "…")) and len(text) > 140:
        return -99.0, ["a sentence: the lead"]
    furniture = len(_FURNITURE_WORD.findall(text))
    if furniture:
        score -= 3.0 * furniture
        reasons.append("menu words")
    if _PORTAL_NAME.match(text):
        score -= 4.0
        reasons.append("portal name")
    if _MARKUP_DEBRIS.search(text):
        score -= 4.0
        reasons.append("markup debris")
    if text.count("|") >= 1 or text.count("»") or text.count(">") >= 1:
        score -= 3.0
        reasons.append("separators")
    if text.startswith("(") or text.endswith(":") or _SALUTATION.match(text):
        score -= 3.0
        reasons.append("a note or a label")
    if before_meta:
        score += 3.0
        reasons.append("above its dateline")
    if near_body:
        score += 1.5
    if 25 <= len(text) <= 220:
        score += 1.0
    if text.upper() == text and len(words) <= 4:
        score -= 2.0
        reasons.append("a heading in capitals: an organisation or a kicker")
    if len(words) > LEAD_WORDS:
        score -= 2.0
        reasons.append("as long as a lead")
    if repeated:
        score += 0.5
    if hint:
        ratio = difflib.SequenceMatcher(None, term_key(text), term_key(hint)).ratio()
        if term_key(text) in term_key(hint) or ratio >= 0.6:
            score += 6.0 * max(ratio, 0.7)
            reasons.append("as in <title>")
    return score, reasons


def choose_title(lines: list[tuple[int, str, bool]], body_start: int, hint: str = "") -> Candidate | None:
    """`lines`: (index, text, followed by a dateline/byline/counter) of the header zone."""
    best: Candidate | None = None
    seen: dict[str, int] = {}
    for index, text, before_meta in lines:
        key = term_key(text)
        repeated = key in seen
        seen[key] = index
        score, reasons = score_line(text, near_body=body_start - index <= 3, before_meta=before_meta,
                                    hint=hint, repeated=repeated)
        if score >= MIN_SCORE and (best is None or score > best.score):
            best = Candidate(index, text, score, tuple(reasons))
    return best
