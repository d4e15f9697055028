"""Directive citations: find official documents cited in Vietnamese text and identify them.

Two numbering systems:
  Party style  NUMBER-TYPE/ISSUER          "Chỉ thị số 16-CT/TU", "Đề án số 06- ĐA/TU"
  State style  NUMBER/[YEAR/]TYPE-ISSUER   "Nghị định số 91/2017/NĐ-CP", "Kế hoạch số 26/KH-UBND"
Party numbers restart every term and state numbers every year, so a directive's identity
is (type, number, issuer, year) -- the year from the code, the date that follows the
citation, or the registry.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


from .reading import YamlError, display_path, load_yaml
from .models import Issue, Severity
from .i18n import _
from .text import clean_line, excerpt, normalize_text, slugify
from .urls import is_safe_link

# Type codes -> Vietnamese names (first is the default; others are accepted spellings).
TYPE_NAMES: dict[str, tuple[str, ...]] = {
    "CT": ("Chỉ thị",),
    "NQ": ("Nghị quyết",),
    "KL": ("Kết luận",),
    "QĐ": ("Quyết định", "Quy định"),
    "QC": ("Quy chế",),
    "KH": ("Kế hoạch",),
    "ĐA": ("Đề án",),
    "CTr": ("Chương trình", "Chương trình hành động"),
    "CV": ("Công văn",),
    "NĐ": ("Nghị định",),
    "HD": ("Hướng dẫn",),
    "TB": ("Thông báo",),
    "TT": ("Thông tư",),
    "TTr": ("Tờ trình",),
    "BC": ("Báo cáo",),
    "TTLT": ("Thông tư liên tịch",),
    "NQLT": ("Nghị quyết liên tịch",),
    "CTPH": ("Chương trình phối hợp",),
    "QyĐ": ("Quy định",),
    "PL": ("Pháp lệnh",),
    "PA": ("Phương án",),
    "CĐ": ("Công điện",),
    "L": ("Luật",),
}
ISSUER_NAMES: dict[str, str] = {
    "TW": "Trung ương", "TU": "Tỉnh ủy", "HU": "Huyện ủy", "ĐU": "Đảng ủy", "ThU": "Thành ủy",
    "TX": "Thị xã ủy", "BDVTU": "Ban Dân vận Tỉnh ủy", "BDVTW": "Ban Dân vận Trung ương",
    "BDVHU": "Ban Dân vận Huyện ủy", "BTGTU": "Ban Tuyên giáo Tỉnh ủy", "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "KTĐ": "Khối thi đua", "ĐUK": "Đảng ủy Khối", "MTTQ": "Mặt trận Tổ quốc",
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước", "BNV": "Bộ Nội vụ", "BTC": "Bộ Tài chính", "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng", "BYT": "Bộ Y tế", "BGDĐT": "Bộ Giáo dục và Đào tạo",
}
# State document types whose code always carries the year (legal normative documents).
YEAR_IN_CODE_TYPES = frozenset({"NĐ", "TT", "TTLT", "NQLT"})
# Issuers of the state system: their codes are written NUMBER/[YEAR/]TYPE-ISSUER.
STATE_ISSUERS = frozenset({"UBND", "HĐND", "CP", "TTg", "QH", "UBTVQH", "CTN", "BNV", "BTC", "BCA",
                           "BQP", "BYT", "BGDĐT"})

_CANONICAL_CASE = {code.upper(): code for code in (*TYPE_NAMES, *ISSUER_NAMES)}
_TYPE_ALT = "|".join(sorted({c for c in TYPE_NAMES} | {c.upper() for c in TYPE_NAMES}, key=len, reverse=True))
_NAMES = sorted({n for names in TYPE_NAMES.values() for n in names} | {"Văn bản", "Luật", "Thông tri"},
                key=len, reverse=True)
_NAME_ALT = "|".join(re.escape(n) for n in _NAMES)
_HYPHEN = r"\s*[-\u2010-\u2015\u2212]\s*"
_SLASH = r"\s?/\s?"
_NOT_BEFORE_NUMBER = frozenset("/.,-\u2013")  # nor a letter or digit: "12345-CT/TU", "A1-CT/TU"
_ISSUER = r"(?P<issuer>[A-ZĐ][A-ZĐa-zđ]{0,9})(?![\w])"
# The National Assembly and its Standing Committee sign with their term: "PL-UBTVQH11", and their
# resolutions and laws often carry no type at all: "76/2025/UBTVQH15", "10/2022/QH15".
_LEGISLATURE = r"(?:UBTVQH|QH)\d{1,2}"
# A type code we do not know yet ("01-CB/TW"): a citation only where a type name precedes it.
_OTHER_TYPE = r"[A-ZĐ]{2,4}"
# The code is matched first (cheap: it starts with a digit); the type name before it and
# the date after it are then looked for next to the match, not at every position.
_NAME_BEFORE_RE = re.compile(rf"(?P<name>(?i:{_NAME_ALT}))\s+(?:(?i:số)\s*)?\Z")
_DATE_AFTER_RE = re.compile(r"\s*,?\s*(?:(?i:ban hành)\s+)?(?i:ngày)\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})"
                            r"\s*[/.\-]\s*(?P<y>\d{4})(?!\d)")
# One pass over the text, starting at digits (so the regex engine skips everything else fast):
# party style NUMBER-TYPE/ISSUER or state style NUMBER/[YEAR/]TYPE-ISSUER.
_CODE_RE = re.compile(
    rf"(?P<number>\d{{1,4}})(?:{_HYPHEN}(?P<type>{_TYPE_ALT}|{_OTHER_TYPE}){_SLASH}{_ISSUER}"
    rf"|{_SLASH}(?:(?P<year>(?:19|20)\d\d){_SLASH})?(?P<stype>{_TYPE_ALT}|{_OTHER_TYPE}){_HYPHEN}"
    rf"(?P<sissuer>{_LEGISLATURE}|[A-ZĐ][A-ZĐa-zđ]{{0,9}}(?:-[A-ZĐ][A-ZĐa-zđ]{{1,9}})?)(?![\w])"
    rf"|{_SLASH}(?P<nyear>(?:19|20)\d\d){_SLASH}(?P<nissuer>{_LEGISLATURE})(?![\w]))")
_LOOKBACK = 48  # longest type name + "số" + spaces
# A document named by type and number but no full code: "Nghị định 04", "Quy định số 262".
_MENTION_RE = re.compile(
    rf"(?P<name>(?i:{_NAME_ALT}))\s+(?:(?P<so>(?i:số))\s*)?(?P<number>\d{{1,4}})(?!\d)(?![.,/]\d)(?!\s*[-\u2013]\s*\d)")


@dataclass(frozen=True)
class DirectiveId:
    """What a directive is: the same document however it is written."""

    type: str
    number: int
    issuer: str
    year: int | None = None
    # State codes carry the year for legal normative documents ("91/2017/NĐ-CP") but not for
    # administrative ones ("26/KH-UBND"); we keep the form the text used. Not part of identity.
    year_in_code: bool = field(default=False, compare=False)
    type_in_code: bool = field(default=True, compare=False)  # "76/2025/UBTVQH15" has none

    @property
    def is_state(self) -> bool:
        # "KH-MTTQ-BTT": a compound issuer is only ever written state style
        return self.issuer.split("-")[0].rstrip("0123456789") in STATE_ISSUERS or "-" in self.issuer

    @property
    def number_text(self) -> str:
        return f"{self.number:02d}"

    @property
    def code(self) -> str:
        """Canonical official-style code: "16-CT/TU", "91/2017/NĐ-CP", "26/KH-UBND"."""
        if not self.type_in_code:
            return f"{self.number_text}/{self.year}/{self.issuer}"
        if self.is_state:
            with_year = self.year and (self.year_in_code or self.type in YEAR_IN_CODE_TYPES)
            return f"{self.number_text}/{f'{self.year}/' if with_year else ''}{self.type}-{self.issuer}"
        return f"{self.number_text}-{self.type}/{self.issuer}"

    @property
    def slug(self) -> str:
        base = slugify(self.code)
        year = str(self.year) if self.year else ""
        return f"{base}-{year}" if year and year not in self.code else base

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, (self.type,))[0]

    @property
    def issuer_name(self) -> str:
        base = self.issuer.rstrip("0123456789")
        term = self.issuer[len(base):]
        return ISSUER_NAMES.get(base, base) + (f" khóa {term}" if term else "") if base in ISSUER_NAMES else self.issuer

    def without_year(self) -> "DirectiveId":
        return DirectiveId(self.type, self.number, self.issuer, None, type_in_code=self.type_in_code)

    def with_year(self, year: int) -> "DirectiveId":
        return DirectiveId(self.type, self.number, self.issuer, year, self.year_in_code, self.type_in_code)


@dataclass(frozen=True)
class Citation:
    """One citation found in a text, with its span and what it identifies."""

    text: str
    start: int
    end: int
    directive: DirectiveId
    type_name: str
    date: dt.date | None = None

    def as_json(self) -> dict:
        d = self.directive
        return {"text": self.text, "start": self.start, "end": self.end, "code": d.code, "type": d.type,
                "type_name": self.type_name, "number": d.number_text, "issuer": d.issuer, "year": d.year,
                "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class Mention:
    """A document named without a full code: reported, never a directive."""

    text: str
    start: int
    end: int
    type_name: str
    number: str

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "type_name": self.type_name,
                "number": self.number}


def _canonical(code: str) -> str:
    return _CANONICAL_CASE.get(code.upper(), code)


def _type_name(type_code: str, written: str | None) -> str:
    if type_code not in TYPE_NAMES and written:
        return clean_line(written)[0].upper() + clean_line(written)[1:]
    names = TYPE_NAMES.get(type_code, (type_code,))
    if written:
        written_clean = clean_line(written)
        for name in names:
            if name.casefold() == written_clean.casefold():
                return name
    return names[0]


def _citation(match: re.Match) -> Citation:
    text = match.string
    start, end = match.start(), match.end()
    before = _NAME_BEFORE_RE.search(text, max(start - _LOOKBACK, 0), start)
    typed = match["nissuer"] is None
    if typed:
        type_code = _canonical(match["type"] or match["stype"])
    else:  # no type in the code: the name before it says which ("Luật số 10/2022/QH15"), else a resolution
        written = clean_line(before["name"]).casefold() if before else ""
        type_code = next((code for code, names in TYPE_NAMES.items() if written in (n.casefold() for n in names)),
                         "NQ") if written else "NQ"
    issuer = _canonical(match["issuer"] or match["sissuer"] or match["nissuer"])
    if before:
        start = before.start()
    date = None
    after = _DATE_AFTER_RE.match(text, end)
    if after:
        try:
            date = dt.date(int(after["y"]), int(after["m"]), int(after["d"]))
            end = after.end()
        except ValueError:
            date = None
    code_year = match["year"] or match["nyear"]
    year_in_code = bool(code_year)
    year = int(code_year) if year_in_code else (date.year if date else None)
    directive = DirectiveId(type_code, int(match["number"]), issuer, year, year_in_code, typed)
    return Citation(text[start:end], start, end, directive,
                    _type_name(type_code, before["name"] if before else None), date)


def find_citations(text: str, *, known_document: bool = False) -> list[Citation]:
    """Every full-code citation in `text` (already NFC), in order of position.
    `known_document`: the text is a document's code (a front-matter entry), so a type code we do
    not know yet counts without a type name before it."""
    result: list[Citation] = []
    for match in _CODE_RE.finditer(text):
        at = match.start()
        if at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_NUMBER or text[at - 1] == "_"):
            continue
        cite = _citation(match)
        if cite.directive.type not in TYPE_NAMES and cite.start == match.start() and not known_document:
            continue  # an unknown type code with no type name before it: not known to be a document
        if not result or cite.start >= result[-1].end:  # drop a citation overlapping an earlier one
            result.append(cite)
    return result


def find_mentions(text: str, citations: list[Citation] | None = None) -> list[Mention]:
    """Documents named by type and number only (not overlapping a full citation)."""
    citations = find_citations(text) if citations is None else citations
    mentions = []
    for m in _MENTION_RE.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in citations):
            continue
        if not m["so"] and len(m["number"]) > 3:  # "Kế hoạch 2021" is a year, not a number
            continue
        name = clean_line(m["name"])
        mentions.append(Mention(m.group(0), m.start(), m.end(), name[0].upper() + name[1:], m["number"]))
    return mentions


def parse_directive(value: str) -> Citation | None:
    """A front-matter entry: a bare code ("16-CT/TU") or a citation ("Chỉ thị số 16-CT/TU ngày 2/8/2021")."""
    cites = find_citations(normalize_text(value).strip(), known_document=True)
    return cites[0] if len(cites) == 1 else None


@dataclass(frozen=True)
class DirectiveRecord:
    """What the registry knows about one directive beyond its code."""

    directive: DirectiveId
    title: str = ""
    issuing_body: str = ""
    date: str = ""
    url: str = ""
    description: str = ""
    pdf: Path | None = None  # the document itself, a file under data/


class DirectiveRegistry:
    def __init__(self, records: list[DirectiveRecord]):
        self.records = {r.directive: r for r in records}
        self._by_code: dict[DirectiveId, list[DirectiveRecord]] = {}
        for r in records:
            self._by_code.setdefault(r.directive.without_year(), []).append(r)

    def get(self, directive: DirectiveId) -> DirectiveRecord | None:
        return self.records.get(directive)

    def complete_year(self, directive: DirectiveId, before_year: int | None) -> DirectiveId:
        """A yearless citation takes the year of the latest registered directive with that
        code issued no later than the citing article."""
        if directive.year is not None:
            return directive
        candidates = [r.directive for r in self._by_code.get(directive, [])
                      if r.directive.year and (before_year is None or r.directive.year <= before_year)]
        return max(candidates, key=lambda d: d.year) if candidates else directive


def load_directive_registry(data_dir: Path) -> tuple[DirectiveRegistry, list[Issue]]:
    path = data_dir / "directives.yml"
    if not path.exists():
        return DirectiveRegistry([]), []
    try:
        raw = load_yaml(normalize_text(path.read_text(encoding="utf-8-sig")))[0] or []
    except YamlError as err:
        return DirectiveRegistry([]), [Issue(display_path(path, data_dir),
                                             _("registry cannot be read: {problem}").format(problem=err),
                                             line=err.line, hint=err.hint)]
    except (OSError, UnicodeDecodeError) as err:
        return DirectiveRegistry([]), [Issue(display_path(path, data_dir),
                                             _("registry cannot be read: {problem}").format(problem=err),
                                             hint=_("save it as UTF-8 text"))]
    if not isinstance(raw, list):
        return DirectiveRegistry([]), [Issue(display_path(path, data_dir), _("registry must be a list of entries"),
                                             hint=_("start each entry with '- code: ...'"))]
    records, issues = [], []
    for number, item in enumerate(raw, 1):
        where = _("{file} entry {number}").format(file=display_path(path, data_dir), number=number)
        cite = parse_directive(str(item.get("code", ""))) if isinstance(item, dict) else None
        if cite is None:
            issues.append(Issue(where, _("needs a directive code"), field="code",
                                hint=_("write e.g. 'code: 16-CT/TU' or 'code: 91/2017/NĐ-CP'")))
            continue
        directive = cite.directive
        date = str(item.get("date") or "")
        year = item.get("year") or (int(date[:4]) if date[:4].isdigit() else None)
        if year is not None and (isinstance(year, bool) or not str(year).isdigit() or not 1900 <= int(year) <= 2100):
            issues.append(Issue(where, _("year {value} is not a year").format(value=excerpt(year)), field="year",
                                hint=_("write the year of issue as four digits, e.g. year: 2021")))
            continue
        url = str(item.get("url") or "")
        if url and not is_safe_link(url):
            issues.append(Issue(where, _("url {value} is not a web address").format(value=excerpt(url)), field="url",
                                hint=_("write an address starting with http:// or https://, or remove it")))
            url = ""
        if directive.year is None and year:
            directive = directive.with_year(int(year))
        if directive in {r.directive for r in records}:
            issues.append(Issue(where, _("{code} of {year} is listed twice").format(code=directive.code, year=directive.year),
                                field="code", severity=Severity.WARNING, hint=_("remove one of the two entries")))
            continue
        pdf = None
        if item.get("pdf"):
            pdf = (data_dir / str(item["pdf"])).resolve()
            if not pdf.is_relative_to(data_dir.resolve()) or not pdf.is_file() or pdf.suffix.lower() != ".pdf":
                issues.append(Issue(where, _("pdf {value} is not a PDF file inside the data folder").format(
                    value=excerpt(item["pdf"])), field="pdf", hint=_("put the PDF under data/ and write its path")))
                pdf = None
        records.append(DirectiveRecord(directive, clean_line(str(item.get("title") or "")),
                                       clean_line(str(item.get("issuing_body") or "")), date,
                                       url, clean_line(str(item.get("description") or "")),
                                       pdf))
    return DirectiveRegistry(records), issues
