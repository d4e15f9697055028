"""The archive's content objects. Frozen dataclasses: nothing is added by setattr."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import PartialDate

if TYPE_CHECKING:
    from .directives import DirectiveId


_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Severity(str, enum.Enum):
    ERROR = "error"  # the article is not published
    WARNING = "warning"  # published; fatal only in strict builds


@dataclass(frozen=True)
class Issue:
    """One problem found in one file, worded for the editor who must fix it."""

    path: str
    message: str
    field: str = ""
    line: int = 0
    severity: Severity = Severity.ERROR
    hint: str = ""
    draft: bool = False  # found in a draft: listed, but never fails a production build

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        # A file name can hold terminal escapes: shown as \x.. so they never reach a terminal raw.
        return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class TaxonomyKind(str, enum.Enum):
    """The three things this archive is browsed by. Value = front-matter key."""

    UNIT = "units"
    CAMPAIGN = "campaigns"
    DIRECTIVE = "directives"


@dataclass(frozen=True)
class Source:
    """Provenance of an imported page. `views` is a historical figure, never a live counter."""

    publisher: str = ""
    url: str = ""
    views: int | None = None
    retrieved: str = ""
    title: str = ""  # the title as the page printed it, when the article's was re-cased (--titlecase)


@dataclass(frozen=True)
class TermRef:
    """A term as an article names it, resolved to its canonical identity."""

    kind: TaxonomyKind
    slug: str
    name: str = field(compare=False)
    directive: "DirectiveId | None" = field(default=None, compare=False)  # cited documents only


@dataclass(frozen=True)
class Attachment:
    url: str  # site-relative
    source: Path  # the file to copy
    name: str
    size: str  # human-readable


@dataclass(frozen=True)
class DocumentInfo:
    """What a cited official document's page shows: from its code and the registry."""

    code: str  # "16-CT/TU"
    type: str  # "CT"
    type_name: str  # "Chỉ thị"
    number: str
    issuer: str
    issuer_name: str
    year: int | None = None
    title: str = ""  # trích yếu, from the registry
    date: str = ""  # 02/08/2021
    issuing_body: str = ""
    url: str = ""  # checked by urls.is_safe_link
    pdf: Attachment | None = None


@dataclass(frozen=True)
class Article:
    """One valid article. Its URL is derived in `urls`, not stored."""

    path: Path  # source file
    rel_path: str  # path relative to the articles folder, for messages and the report
    slug: str
    title: str
    date: PartialDate
    body: str  # Markdown, NFC
    authors: tuple[str, ...] = ()
    terms: tuple[TermRef, ...] = ()
    summary: str = ""
    source: Source = field(default_factory=Source)
    aliases: tuple[str, ...] = ()
    draft: bool = False
    review: tuple[str, ...] = ()  # importer's open questions for an editor
    media: tuple = ()  # MediaItems: photos and attachments the body refers to

    def terms_of(self, kind: TaxonomyKind) -> tuple[TermRef, ...]:
        return tuple(t for t in self.terms if t.kind is kind)

    @property
    def sort_key(self) -> tuple:
        """Newest-first listings sort on this, reversed; ties broken by slug for stable output."""
        return (self.date.sort_key(), self.slug)


@dataclass
class Term:
    """A unit, campaign or directive page's subject, with the articles that name it."""

    kind: TaxonomyKind
    slug: str
    name: str
    description: str = ""
    parent: str = ""  # slug of the parent term, if any
    document: DocumentInfo | None = None  # terms that are cited documents (directives)
    articles: list[Article] = field(default_factory=list)
