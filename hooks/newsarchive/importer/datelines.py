"""Datelines as Vietnamese portals print them, told apart from the text around them.

"22:19 | 03/07/2020", "Thứ ba, 18 Tháng 8 2015 16:06", "Ngày cập nhật 26/10/2019",
"Cập nhật ngày: 8/5/2018", "14/5/2019 8:43'", "Đăng ngày 17 - 05 - 2024", "Thứ Sáu, 20/9/2019",
"09:47, 15/03/2021 (GMT+7)", "Duy Anh và Công Minh - 07:00, 04/12/2023" (a byline in front).
Whether a dateline is the publication date, the page's clock or a "last updated" stamp depends
on where it stands and what it says; `Dateline.kind` says what the line itself says.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_I = re.IGNORECASE
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|cn)"
_TIME = r"(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})(?:\s*:\s*\d{2})?\s*(?:AM|PM|SA|CH)?\s*['’]?"
_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?!\d)"
_WORDS = r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,?\s*năm\s+|,\s*|\s+)(?P<y>\d{4})"
_DATES = (re.compile(_NUMERIC, _I), re.compile(_WORDS, _I))
_TIME_RE = re.compile(_TIME, _I)
_WEEKDAY_RE = re.compile(_WEEKDAY, _I)
_DAY_MONTH = re.compile(r"(?<![\d/.\-])(?P<d>\d{1,2})\s*[/\-]\s*(?P<m>\d{1,2})(?![\d/.\-])")
_UPDATED = re.compile(r"cập\s*nhật|updated?", _I)
# What may stand around a date on its line: weekday, labels, zone, separators.
_NOISE = re.compile(
    rf"{_WEEKDAY}|ngày\s*đăng|đăng\s*ngày|đăng\s*lúc|thời\s*gian\s*đăng|ngày\s*cập\s*nhật|cập\s*nhật\s*(?:lúc|ngày)?"
    r"|ngày\s*xuất\s*bản|xuất\s*bản|posted|published|updated?|ngày|lúc|\(?\[?GMT\s*\+?\s*7\]?\)?|[|,:;\-–—'’()\[\]•·/.]", _I)
_DOCUMENT_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$", _I)
MAX_REST = 60  # characters of other text a dateline may carry (a byline, a section name)


@dataclass(frozen=True)
class Dateline:
    value: str  # front-matter form: "2020-07-03" or "2020-07-03T22:19:00+07:00"
    day: dt.date
    kind: str  # "published" | "updated" | "document" (an official document's "Hà Nội, ngày … năm …")
    rest: str  # the line without its date: a byline or a section name, "" when none
    short_year: bool  # "2-1-26": a two-digit year, as header clocks print it
    has_time: bool
    line: str
    weekday: bool = False  # "Thứ sáu, …": with a time or a zone, how a page's clock reads

    @property
    def clock_like(self) -> bool:
        """Printed as page headers print the current time, not as an article's date."""
        return self.has_time or self.weekday or self.short_year or "GMT" in self.line.upper()


def parse_dateline(line: str) -> Dateline | None:
    """The line's date if the line is a dateline (a date with at most a short text beside it)."""
    if len(line) > 160:
        return None
    found = [m for m in (pattern.search(line) for pattern in _DATES) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    d, mo, y = int(m["d"]), int(m["m"]), m["y"]
    year = int(y) + 2000 if len(y) == 2 else int(y)
    try:
        day = dt.date(year, mo, d)
    except ValueError:
        return None
    rest_text = line[: m.start()] + " " + line[m.end():]
    time = _TIME_RE.search(rest_text)
    if time:
        rest_text = rest_text[: time.start()] + " " + rest_text[time.end():]
    rest = re.sub(r"\s+", " ", _NOISE.sub(" ", rest_text)).strip()
    if len(rest) > MAX_REST or re.search(r"\d{3,}", rest):
        return None
    value = day.isoformat()
    if time:
        try:
            moment = dt.datetime(day.year, day.month, day.day, int(time["H"]) % 24, int(time["M"]),
                                 tzinfo=dt.timezone(dt.timedelta(hours=7)))
            if re.search(r"\bPM\b|\bCH\b", line, _I) and moment.hour < 12:
                moment += dt.timedelta(hours=12)
            value = moment.isoformat()
        except ValueError:
            pass
    kind = "updated" if _UPDATED.search(line) else "document" if _DOCUMENT_DATE.match(line) else "published"
    return Dateline(value, day, kind,
                    rest, len(y) == 2, time is not None, line, _WEEKDAY_RE.search(line) is not None)


def day_and_month(text: str) -> str | None:
    """A day and month without a year near the start of the text ("Sáng 26/11", "Ngày 19-6")."""
    m = _DAY_MONTH.search(text[:200])
    if not m:
        return None
    d, mo = int(m["d"]), int(m["m"])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    start = max(0, m.start() - 12)
    return text[start:m.end()].strip(" ,.-–")
