"""A portal page's text blocks -> ArticleDraft. Pure: no I/O, no registry files.

The page is read top-down: header furniture and dates, the title, dates and counters under
it, an optional lead, the body, and a tail (signature, comments, teasers, widgets) that is
cut off. Whatever cannot be known is left out and listed in `review`, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..directives import find_citations
from ..i18n import _, number
from ..text import clean_line, term_key
from . import furniture as F

MAX_TITLE = 300
_YEAR_IN_TITLE = re.compile(r"\b(?:năm|nam)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;”\"')\]]\s*$")


class NotAnArticle(ValueError):
    """The page has no recognisable article (no title, or no text)."""


@dataclass(frozen=True)
class Block:
    kind: str  # p (paragraph) | h (heading) | li (list item) | img | blank
    text: str
    src: str = ""  # images


@dataclass
class ArticleDraft:
    title: str
    date: str | int | None = None  # front-matter value: "2020-09-23", 2021, "2018-01-16T21:39:00+07:00"
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    body: list[Block] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    publisher: str = ""
    url: str = ""
    views: int | None = None
    retrieved: str = ""
    aliases: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # what an editor must check
    dropped: list[str] = field(default_factory=list)  # furniture and debris removed, for the report

    @property
    def year(self) -> int | None:
        return int(str(self.date)[:4]) if self.date else None


def text_blocks(text: str) -> list[Block]:
    """A plain-text dump: one paragraph per line, blank lines kept (they mark lost images)."""
    blocks = []
    for raw in text.split("\n"):
        line = clean_line(raw.replace("\u00a0", " ")).lstrip("•▪●◦ ").strip()
        blocks.append(Block("p", line) if line else Block("blank", ""))
    return blocks


def _date_value(m: re.Match) -> tuple[str, dt.date] | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"] is not None:
        try:
            moment = dt.datetime(day.year, day.month, day.day, int(m["H"]), int(m["M"]),
                                 tzinfo=dt.timezone(dt.timedelta(hours=7)))
        except ValueError:
            return day.isoformat(), day
        return moment.isoformat(), day
    return day.isoformat(), day


def parse_portal(blocks: list[Block], *, url: str = "", title_hint: str = "", gaps_mark_images: bool = True
                 ) -> ArticleDraft:
    """`gaps_mark_images`: in text dumps two blank lines stand where a photo was; not in HTML."""
    draft = ArticleDraft(title="", url=url)
    if title_hint:  # an HTML page: what stands above the line that repeats its <title> is page chrome
        hint = term_key(title_hint)
        at = next((i for i, b in enumerate(blocks) if b.kind != "blank" and len(b.text) >= 4
                   and (term_key(b.text) in hint or hint in term_key(b.text))), None)
        if at is not None:
            draft.dropped.extend(b.text for b in blocks[:at] if b.text)
            blocks = blocks[at:]
    content: list[Block] = []
    header = True
    pub_dates: list[tuple[str, dt.date, str]] = []
    gap = 0  # blank lines before the current block
    for block in blocks:
        if block.kind == "blank":
            gap += 1
            continue
        line = block.text
        if block.kind != "img":
            views = F.view_count(line)
            if views is not None:
                draft.views = views
                draft.dropped.append(line)
                continue
            clock = F.SAVE_CLOCK.match(line)
            if clock:
                value = _date_value(clock)
                if value:
                    draft.retrieved = value[1].isoformat()
                draft.dropped.append(line)
                continue
            if F.is_furniture(line, in_header=header):
                draft.dropped.append(line)
                if not header and len(content) == 1 and F.BLOCK_LABEL.match(line):
                    draft.summary = content.pop().text  # the CMS put the lead in a block of its own
                continue
            if not header and F.TAIL_START.match(line):
                draft.dropped.append(_("{line} … and everything after it").format(line=line))
                break
            date_line = F.DATE_LINE.match(line)
            if date_line and len(line) < 60:
                value = _date_value(date_line)
                if value:
                    pub_dates.append((*value, line))
                draft.dropped.append(line)
                continue
        if header:
            if block.kind == "img" or len(line) < 4:
                draft.dropped.append(line or block.src)
                continue
            draft.title = line
            header = False
            gap = 0
            continue
        content.append(Block(block.kind, line, block.src) if gap < 2 or block.kind != "p" or not gaps_mark_images else
                       Block("p-after-gap", line, block.src))
        gap = 0
    if not draft.title:
        raise NotAnArticle(_("no title found: no text line before the body"))
    if len(draft.title) > MAX_TITLE:
        raise NotAnArticle(_("the first text line is {length} characters long: no title found").format(
            length=number(len(draft.title))))
    content = _strip_tail(content, draft)
    content = _lead(content, draft)
    content = _captions(content, draft)
    if not any(b.kind in ("p", "h", "li") for b in content) and not draft.summary:
        raise NotAnArticle(_("the page has a title but no article text"))
    if content and content[0].kind == "p":
        m = F.AGENCY_PREFIX.match(content[0].text)
        if m:
            code = m["code"]
            draft.publisher = F.AGENCIES.get(code, code)
            content[0] = Block("p", content[0].text[m.end():])
            draft.dropped.append(m.group(0).strip())
            if code not in F.AGENCIES:
                draft.review.append(_("agency code {code} is not known: publisher written as '{code}'").format(code=code))
    draft.body = content
    _date(draft, pub_dates)
    text = "\n".join([draft.title, draft.summary, *(b.text for b in content)])
    draft.directives = list(dict.fromkeys(c.directive.code for c in find_citations(text)))
    return draft


def _strip_tail(content: list[Block], draft: ArticleDraft) -> list[Block]:
    """Signature lines at the end: authors (and a "Nguồn:"/"Theo" publisher)."""
    while content:
        last = content[-1]
        if last.kind not in ("p", "p-after-gap"):
            break
        text = last.text.strip()
        signature = F.SIGNATURE.match(text)
        source = F.SOURCE_LINE.match(text)
        if signature:
            names = re.split(r"\s*(?:,|;| và | - )\s*", signature["names"].strip(" ."))
            draft.authors = [n for n in names if n] + draft.authors
        elif source and len(text) < 80:
            draft.publisher = draft.publisher or source["publisher"].strip(" .")
        elif F.NAME.match(text) and len(text) <= 40:
            draft.authors.insert(0, text)
        else:
            break
        content.pop()
    return content


def _lead(content: list[Block], draft: ArticleDraft) -> list[Block]:
    """A short first paragraph without a closing full stop is the page's lead (sapo)."""
    if len(content) > 1 and content[0].kind in ("p", "p-after-gap"):
        first = content[0].text
        if len(first) <= 400 and not first.endswith((".", "…", "!", "?")) and len(content[1].text) > len(first):
            draft.summary = first
            return content[1:]
    return content


def _captions(content: list[Block], draft: ArticleDraft) -> list[Block]:
    """Captions of photos that were not saved: "… ảnh 1" lines, and short unpunctuated lines
    standing alone after a gap (where the image was). Dropped and reported, never body text."""
    kept = []
    for i, block in enumerate(content):
        text = block.text
        numbered = F.NUMBERED_CAPTION.match(text) if block.kind != "img" else None
        lone = (block.kind == "p-after-gap" and len(text) <= 120 and not _SENTENCE_END.search(text)
                and i + 1 < len(content))
        if (numbered and len(text) <= 200 and not _SENTENCE_END.search(numbered["text"])) or lone:
            draft.dropped.append(_("caption without its photo: {text}").format(text=text))
            continue
        kept.append(Block("p" if block.kind == "p-after-gap" else block.kind, text, block.src))
    return kept


def _date(draft: ArticleDraft, pub_dates: list[tuple[str, dt.date, str]]) -> None:
    retrieved = dt.date.fromisoformat(draft.retrieved) if draft.retrieved else None
    usable = [d for d in pub_dates if retrieved is None or d[1] <= retrieved]
    if usable:
        value, _moment, evidence = usable[0]
        draft.date = value
        if len({d[1] for d in usable}) > 1:
            others = ", ".join(d[2] for d in usable[1:])
            draft.review.append(_("date: several dates on the page, '{first}' and {others}; the first was used").format(
                first=evidence, others=others))
        return
    title_year = _YEAR_IN_TITLE.search(draft.title)
    if title_year:
        draft.date = int(title_year.group(1))
        draft.review.append(_("date: the page shows no publication date; year {year} taken from the title, "
                              "'{seen}'; add month and day if known").format(year=draft.date, seen=title_year.group(0)))
        return
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", " ".join(b.text for b in draft.body))]
    if retrieved:
        years = [y for y in years if y <= retrieved.year]
    if years:
        draft.date = max(years)
        draft.review.append(_("date: the page shows no publication date; {year} is the latest year the "
                              "text mentions; correct it").format(year=draft.date))
        return
    raise NotAnArticle(_("no publication date and no year anywhere on the page"))
