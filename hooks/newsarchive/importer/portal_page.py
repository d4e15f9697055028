"""A portal page's text blocks -> ArticleDraft. Pure: no I/O, no registry files.

The page is read top-down: header furniture and dates, the title, dates and counters under
it, an optional lead, the body, and a tail (signature, comments, teasers, widgets) that is
cut off. Whatever cannot be known is left out and listed in `review`, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..directives import find_citations
from ..i18n import _, number
from ..text import clean_line, term_key
from . import furniture as F
from .datelines import Dateline, day_and_month, parse_dateline
from .titles import LEAD_WORDS, choose_title

LONG_PARAGRAPH = 300  # characters: a line this long is text even without a full stop (a cut dump)
NEAR_TOP = 3  # body paragraphs a dateline may follow and still be the article's own
PORTAL_ERA = 1995  # no portal published before: an earlier year is history, not a dateline
PROVISIONAL_WORDS = 14
LISTING_DATES = 5  # datelines in the text of a page that lists articles rather than being one
TEASER_RUN = 3  # short title-like lines in a row inside the text: links to other articles
_YEAR_IN_TITLE = re.compile(r"\b(?:năm|nam)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_FULL_STOP = re.compile(r"[.!?…:;]\s*[”\"')\]]?\s*$")
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
    source_title: str = ""  # the title as printed, kept when --titlecase re-cased it
    aliases: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # what an editor must check
    draft: bool = False  # not publishable until an editor completes it (no title or no date found)
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


def _is_body_paragraph(block: Block) -> bool:
    """Where the article's text starts: a paragraph, not a title, a caption or a menu entry.
    Titles can be long, in capitals and without a full stop; paragraphs end like sentences."""
    text = block.text
    if block.kind not in ("p", "li") or text.upper() == text:
        return False
    sentence = _FULL_STOP.search(text) is not None
    words = len(text.split())
    return len(text) >= LONG_PARAGRAPH or words > LEAD_WORDS or (len(text) >= 80 and words >= 12 and sentence)


@lru_cache(maxsize=4096)  # asked for each header line and again for the lines before it
def _special(line: str) -> str:
    """What a line is besides text: counter, clock, furniture, dateline -- or ""."""
    if F.view_count(line) is not None:
        return "counter"
    if F.SAVE_CLOCK.match(line):
        return "clock"
    if F.is_furniture(line, in_header=True):
        return "furniture"
    if parse_dateline(line) is not None or F.SIGNATURE.match(line):
        return "dateline"
    return ""


def parse_portal(blocks: list[Block], *, url: str = "", title_hint: str = "", gaps_mark_images: bool = True,
                 today: dt.date | None = None, page_date: str = "") -> ArticleDraft:
    """`gaps_mark_images`: in text dumps two blank lines stand where a photo was; not in HTML.
    `today`: no date after it is a publication date (the retrieval date when known).
    `page_date`: the date a saved page's metadata gives (YYYY-MM-DD), used when no dateline shows."""
    draft = ArticleDraft(title="", url=url)
    today = today or dt.date.today()
    body_start = next((i for i, b in enumerate(blocks) if b.kind != "blank" and not _special(b.text)
                       and _is_body_paragraph(b)), None)
    if body_start is None:
        raise NotAnArticle(_("not an article: no paragraph of text, only short lines (menus, links, teasers)"))
    # The header zone: lines above the body; each with whether a dateline, byline or counter follows.
    zone = []
    visible = [i for i, b in enumerate(blocks[: body_start + 1]) if b.kind != "blank"]
    for n, i in enumerate(visible[:-1]):
        block = blocks[i]
        if block.kind == "img" or _special(block.text):
            continue
        after = [blocks[j].text for j in visible[n + 1: n + 3]]
        zone.append((i, block.text, any(_special(t) in ("dateline", "counter") for t in after)))
    chosen = choose_title(zone, body_start, title_hint)
    title_at = chosen.index if chosen else None
    # Above a title is page chrome; without one nothing is dropped but furniture (never lose text).
    header_end = title_at if title_at is not None else -1
    if chosen:
        draft.title = chosen.text

    content: list[Block] = []
    pub_dates: list[tuple[Dateline, int]] = []  # (dateline, content blocks before it)
    clocks: list[Dateline] = []
    above: list[Dateline] = []
    gap = 0  # blank lines before the current block
    for i, block in enumerate(blocks):
        if block.kind == "blank":
            gap += 1
            continue
        line = block.text
        header = i <= header_end
        glued = _GLUED_DATE.match(line) if block.kind == "p" else None
        if glued:  # "date 2021-12 Năm 2021, toàn tỉnh …": a scraper's date field glued to the text
            pub_dates.append((Dateline(glued["date"], dt.date(int(glued["date"][:4]), int(glued["date"][5:7]), 1),
                                       "published", "", False, False, glued.group(0).strip()), 0))
            draft.dropped.append(glued.group(0).strip())
            line = line[glued.end():]
        if i == title_at:
            gap = 0
            continue
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
            dateline = parse_dateline(line) if len(line) < 160 else None
            if dateline:
                paragraphs = sum(1 for b in content if len(b.text) >= 80)
                if header and dateline.kind != "document" and dateline.clock_like:
                    clocks.append(dateline)  # above the title, with weekday or time: the page's clock
                elif header:
                    above.append(dateline)  # a bare date above the title: the article's, if nothing below
                else:
                    pub_dates.append((dateline, paragraphs))
                byline = _BYLINE_BEFORE_DATE.match(line)
                if not header and byline and _is_byline(byline["names"]):
                    draft.authors.extend(_names(byline["names"]))  # "Duy Anh và Công Minh - 07:00, 04/12/2023"
                draft.dropped.append(line)
                continue
            if draft.title and term_key(line) == term_key(draft.title):
                draft.dropped.append(_("the title again: {line}").format(line=line))
                continue
            if not header and not content and not draft.authors and _is_byline(line):
                draft.authors = _names(line)  # a byline under the title: "R.C.Kim", "Th.s Nguyễn Thị Loan"
                draft.dropped.append(line)
                continue
        if header and not _DOCUMENT_NUMBER.match(line):  # "Số: 15-CV/BDVTW" belongs to the document
            draft.dropped.append(line or block.src)
            continue
        content.append(Block(block.kind, line, block.src) if gap < 2 or block.kind != "p" or not gaps_mark_images else
                       Block("p-after-gap", line, block.src))
        gap = 0
    content = _strip_tail(content, draft)
    content = _lead(content, draft)
    content = _captions(content, draft)
    content = _teasers(content, draft)
    if not any(b.kind in ("p", "h", "li") for b in content) and not draft.summary:
        raise NotAnArticle(_("not an article: the page has no article text"))
    if content and content[0].kind == "p":
        m = F.AGENCY_PREFIX.match(content[0].text)
        bare = m and m["bare"]
        if bare and bare.upper() not in {k.upper() for k in F.AGENCIES}:
            m = None  # "HĐND - …" opening a sentence: only a known agency is taken without brackets
        if m:
            code = m["code"] or m["bare"]
            code = next((k for k in F.AGENCIES if k.upper() == code.upper()), code)
            draft.publisher = F.AGENCIES.get(code, code)
            content[0] = Block("p", content[0].text[m.end():])
            draft.dropped.append(m.group(0).strip())
            if code not in F.AGENCIES:
                draft.review.append(_("agency code {code} is not known: publisher written as '{code}'").format(code=code))
    draft.body = content
    if not draft.title:
        _provisional_title(draft)
    if len(pub_dates) >= LISTING_DATES and len(pub_dates) * 2 >= len([b for b in content if len(b.text) >= 80]):
        raise NotAnArticle(_("not an article: a listing of {count} dated items").format(count=number(len(pub_dates))))
    if page_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", page_date):
        day = dt.date.fromisoformat(page_date)
        above.append(Dateline(page_date, day, "published", "", False, False, _("the page's metadata")))
    _date(draft, pub_dates + [(d, 0) for d in above], clocks, today)
    text = "\n".join([draft.title, draft.summary, *(b.text for b in content)])
    draft.directives = list(dict.fromkeys(c.directive.code for c in find_citations(text)))
    return draft


_DOCUMENT_NUMBER = re.compile(r"^số\s*(?:hiệu)?\s*:\s*\S+", re.I)
_GLUED_DATE = re.compile(r"^\s*(?:date|ngày|published)\s*:?\s*(?P<date>(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?)\s+", re.I)
_BYLINE_BEFORE_DATE = re.compile(r"^(?P<names>[^\d|]{3,60}?)\s+[-–|]\s+\d")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s")


def _is_byline(text: str) -> bool:
    """A line that is only a name or names (not in capitals: that is a heading): a signature or a byline."""
    return (len(text) <= 60 and len(text.split()) <= 10 and F.NAME_LIST.match(text) is not None
            and not _ROMAN_HEADING.match(text) and text.upper() != text)


def _names(text: str) -> list[str]:
    return [n for n in re.split(r"\s*(?:,|;| và | - | – )\s*", text.strip(" .")) if n]


def _provisional_title(draft: ArticleDraft) -> None:
    """No line of the page reads as its title: the start of its text stands in, as a draft."""
    first = next((b.text for b in draft.body if b.kind in ("p", "li")), draft.summary)
    sentence = re.split(r"(?<=[.!?…])\s", first, maxsplit=1)[0]
    words = sentence.split()
    draft.title = " ".join(words[:PROVISIONAL_WORDS]) + (" …" if len(words) > PROVISIONAL_WORDS else "")
    draft.draft = True
    draft.review.append(_("title: the page shows no title above its text; '{title}' is the start of the text, "
                          "write the real one").format(title=draft.title))


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
            draft.authors = _names(signature["names"]) + draft.authors
        elif source and len(text) < 80:
            draft.publisher = draft.publisher or source["publisher"].strip(" .")
        elif _is_byline(text):
            draft.authors = _names(text) + draft.authors
        elif F.NAME_AGENCY.match(text) and len(text) <= 80:
            found = F.NAME_AGENCY.match(text)
            draft.authors = _names(found["names"]) + draft.authors
            draft.publisher = draft.publisher or found["agency"].strip()
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


def _teasers(content: list[Block], draft: ArticleDraft) -> list[Block]:
    """Links to other articles inside the text: three or more short title-like lines in a row
    (no sentence end, no trailing comma) between paragraphs. Dropped and reported."""
    def title_like(b: Block) -> bool:
        return (b.kind == "p" and 20 <= len(b.text) <= 150 and not re.search(r"[.!?…:;,]\s*$", b.text)
                and not b.text.startswith(("-", "+", "*", "•")))
    kept, run = [], []
    for block in [*content, Block("end", "")]:
        if title_like(block):
            run.append(block)
            continue
        if len(run) >= TEASER_RUN and kept and block.kind != "end":
            draft.dropped.extend(_("link to another article: {text}").format(text=b.text) for b in run)
        else:
            kept.extend(run)
        run = []
        if block.kind != "end":
            kept.append(block)
    return kept


def _date(draft: ArticleDraft, pub_dates: list, clocks: list, today: dt.date) -> None:
    """The publication date: a dateline under the title (near the top of the text) or at its
    end; a "last updated" stamp only when there is nothing else. Datelines above the title are
    the page's clock. Without one the article is a draft with a proposed year and what was seen."""
    retrieved = dt.date.fromisoformat(draft.retrieved) if draft.retrieved else today
    limit = min(retrieved, today)
    paragraphs = sum(1 for b in draft.body if len(b.text) >= 80)
    near = [d for d, before in pub_dates if (before <= NEAR_TOP or before >= paragraphs)
            and PORTAL_ERA <= d.day.year and d.day <= limit and not d.short_year]
    ranked = [d for d in near if d.kind == "published"] or near
    if ranked:
        draft.date = ranked[0].value
        others = sorted({d.line for d in ranked[1:] if d.day != ranked[0].day})
        if others:
            draft.review.append(_("date: several dates on the page, '{first}' and {others}; the first was used").format(
                first=ranked[0].line, others=", ".join(f"'{o}'" for o in others)))
        return
    draft.draft = True
    seen = [_("'{line}' above the title: the page's clock").format(line=c.line) for c in clocks]
    partial = day_and_month(" ".join([draft.summary, *(b.text for b in draft.body[:2])]))
    if partial:
        seen.insert(0, _("'{text}': day and month, no year").format(text=partial))
    title_year = _YEAR_IN_TITLE.search(draft.title)
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", " ".join(b.text for b in draft.body))]
    years = [y for y in years if PORTAL_ERA <= y <= limit.year]
    if title_year and PORTAL_ERA <= int(title_year.group(1)) <= limit.year:
        # The page states the year in its title: a partial date, publishable, still to complete.
        draft.draft = False
        draft.date = int(title_year.group(1))
        draft.review.append(_("date: the page shows no publication date; year {year} taken from the title, "
                              "'{seen}'; add month and day if known").format(year=draft.date, seen=title_year.group(0)))
        return
    if years:
        draft.date, source = max(years), _("the latest year the text mentions")
    else:
        draft.date, source = limit.year, _("the year the page was saved")
    draft.review.append(_("date: the page shows no publication date; {year} is proposed from {source}; "
                          "seen: {seen}; write the date").format(year=draft.date, source=source,
                                                                 seen="; ".join(seen) or _("nothing")))
