"""Validation stage: RawArticle -> Article, or Issues naming the file, line and field.

One small function per field (Pelican's METADATA_PROCESSORS idea); every problem of a
file is collected, not just the first.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from . import urls
from .dates import DateError, parse_date
from .directives import DirectiveRegistry, find_citations, parse_directive
from .encodings import looks_like_tcvn3
from .media import MediaError, references
from .media import inspect as inspect_media
from .media import resolve as resolve_media
from .models import Article, Issue, Severity, Source, TaxonomyKind, TermRef
from .reading import RawArticle
from .render import markdown_budget
from .registry import Registry
from .i18n import _, number
from .text import clean_line, excerpt, normalize_text, slugify, term_key

KNOWN_KEYS = ("title", "date", "slug", "authors", "units", "campaigns", "directives", "summary",
              "source", "aliases", "draft", "review")
SOURCE_KEYS = ("publisher", "url", "views", "retrieved", "title")
MAX_TITLE = 300
# Length limits of every field (characters; lists: items x characters each). Documented for
# editors in docs/bien-tap.md; they keep one pasted value from costing the build anything.
LIMITS = {"title": MAX_TITLE, "summary": 1000, "source.publisher": 200, "source.title": MAX_TITLE, "source.url": 2000,
          "authors": (20, 100), "units": (50, 200), "campaigns": (50, 200), "directives": (100, 200),
          "aliases": (50, 500), "review": (50, 1000)}
MAX_SEGMENT = 200  # bytes of one alias path segment (file systems refuse names past 255)
def _old_path_hint() -> str:
    return _("write the old URL's path exactly, e.g. /tin-tuc/123.html")


_ALIAS_SYNTAX_RE = re.compile(r"[\"<>{}|^`]")
_UNSAFE_PATH_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\\\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _FieldError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Registries:
    """The registry of every taxonomy that has one (by its spec), and the directive registry."""

    by_kind: dict  # TaxonomyKind -> Registry
    directives: DirectiveRegistry

    def of(self, kind: TaxonomyKind) -> Registry:
        return self.by_kind[kind]

    @property
    def units(self) -> Registry:
        return self.by_kind[TaxonomyKind.UNIT]

    @property
    def campaigns(self) -> Registry:
        return self.by_kind[TaxonomyKind.CAMPAIGN]


def _text(value, field: str, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise _FieldError(_("is required and missing or empty"), _("add '{field}: ...' to the front matter").format(field=field))
        return ""
    if not isinstance(value, str):
        raise _FieldError(_("must be text, got {value}").format(value=excerpt(value)), _("put the value in quotes"))
    limit = LIMITS.get(field)
    if isinstance(limit, int) and len(value) > limit * 2:  # checked again after cleaning, exactly
        raise _too_long(len(value), limit, field)
    text = clean_line(value)
    if isinstance(limit, int) and len(text) > limit:
        raise _too_long(len(text), limit, field)
    return text


def _too_long(length: int, limit: int, field: str) -> "_FieldError":
    hints = {"title": _("move the rest into 'summary'"), "summary": _("keep the lead short; the rest belongs in the body")}
    return _FieldError(_("is {length} characters long; the limit is {limit}").format(length=number(length), limit=number(limit)),
                       hints.get(field, _("shorten it")))


def _text_list(value, field: str, *, clean: bool = True) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _FieldError(_("must be a list of text, got {value}").format(value=excerpt(value)),
                          _('write it as {field}: ["...", "..."]').format(field=field))
    most, longest = LIMITS.get(field, (100, 1000))
    if len(value) > most:
        raise _FieldError(_("has {count} items; the limit is {limit}").format(count=number(len(value)), limit=most),
                          _("keep only the ones that matter"))
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _FieldError(_("every item must be non-empty text, got {value}").format(value=excerpt(item)),
                              _("quote each item"))
        if len(item) > longest:
            raise _FieldError(_("an item is {length} characters long; the limit is {limit}: {value}").format(
                length=number(len(item)), limit=number(longest), value=excerpt(item)), _("shorten it"))
        items.append(clean_line(item) if clean else item.strip())
    return list(dict.fromkeys(items))


def _source(value) -> Source:
    if value is None:
        return Source()
    if not isinstance(value, dict):
        raise _FieldError(_("must be a group of fields: publisher, url, views, retrieved, title"),
                          _("write each on its own indented line under 'source:'"))
    unknown = set(map(str, value)) - set(SOURCE_KEYS)
    if unknown:
        raise _FieldError(_("unknown key(s) {keys}").format(keys=", ".join(sorted(unknown))),
                          _("allowed: {keys}").format(keys=", ".join(SOURCE_KEYS)))
    url = _text(value.get("url"), "source.url")
    if url and not urls.is_safe_link(url):
        raise _FieldError(_("url {value} is not a web address").format(value=excerpt(url)),
                          _("write an address starting with http:// or https://"))
    views = value.get("views")
    if views is not None and (isinstance(views, bool) or not isinstance(views, int) or views < 0):
        raise _FieldError(_("views must be a whole number, got {value}").format(value=excerpt(views)),
                          _("write the number without dots or spaces, e.g. views: 1234"))
    retrieved = value.get("retrieved")
    if isinstance(retrieved, str) and not retrieved.strip():
        retrieved = None  # a form's empty field (the web editor writes "" for it)
    if retrieved is not None:
        try:
            retrieved = parse_date(retrieved).iso()
        except DateError as err:
            raise _FieldError(_("retrieved: {problem}").format(problem=err), err.hint) from None
    return Source(_text(value.get("publisher"), "source.publisher"), url, views, retrieved or "",
                  _text(value.get("title"), "source.title"))


def _alias(value: str) -> str:
    """An old portal URL (absolute or path) -> its normalised path, refusing anything unsafe."""
    if _UNSAFE_PATH_RE.search(value):
        raise _FieldError(_("alias {value} contains a backslash or control character").format(value=excerpt(value)),
                          _old_path_hint())
    value = clean_line(value)
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise _FieldError(_("alias {value} is neither a path nor a web address").format(value=excerpt(value)),
                          _old_path_hint())
    path = parts.path or "/"
    if not path.startswith("/"):
        raise _FieldError(_("alias {value} must start with '/'").format(value=excerpt(value)), _old_path_hint())
    segments = PurePosixPath(path).parts[1:]
    if any(seg in ("..", ".") for seg in segments) or "//" in path:
        raise _FieldError(_("alias {value} contains '..', '.' or '//'").format(value=excerpt(value)), _old_path_hint())
    if any(len(seg.encode("utf-8")) > MAX_SEGMENT for seg in segments):
        raise _FieldError(_("alias {value} has a path segment longer than {limit} bytes").format(
            value=excerpt(value), limit=MAX_SEGMENT), _("shorten or remove this alias"))
    if any(ch.isspace() for ch in value):
        raise _FieldError(_("alias {value} contains a space").format(value=excerpt(value)),
                          _("write spaces in old URLs as %20"))
    if _ALIAS_SYNTAX_RE.search(value):
        raise _FieldError(_("alias {value} contains a character URLs do not carry: quotes, <, >, braces, |, ^ or `").format(
            value=excerpt(value)), _("write the old URL exactly as the browser showed it, percent-encoded"))
    return path + (f"?{parts.query}" if parts.query else "")


def _slug_from(raw: RawArticle) -> str:
    explicit = raw.meta.get("slug")
    if explicit is not None:
        if not isinstance(explicit, str):
            raise _FieldError(_("must be text, got {value}").format(value=excerpt(explicit)), _("put the value in quotes"))
        slug = slugify(explicit)
        if not slug:
            raise _FieldError(_("{value} gives an empty slug").format(value=excerpt(explicit)), _("use letters or digits"))
        return slug
    stem = raw.path.parent.name if raw.path.stem == "index" else raw.path.stem
    slug = slugify(stem)
    if not slug:
        raise _FieldError(_("the file name {value} gives an empty slug").format(value=excerpt(raw.path.name)),
                          _("rename the file, or add 'slug: ...'"))
    return slug


def validate(raw: RawArticle, registries: Registries, articles_dir: Path | None = None
             ) -> tuple[Article | None, list[Issue]]:
    issues: list[Issue] = []
    meta = raw.meta

    def problem(field: str, message: str, hint: str = "", severity=Severity.ERROR, line: int = 0):
        top = field.split(".")[0].split("[")[0]
        issues.append(Issue(raw.rel_path, message, field, line or raw.line_of(top), severity, hint, in_draft))

    in_draft = meta.get("draft") is True

    values: dict = {}
    checks = {
        "title": lambda v: _text(v, "title", required=True),
        "slug": lambda _: _slug_from(raw),
        "authors": lambda v: _text_list(v, "authors"),
        "summary": lambda v: _text(v, "summary"),
        "source": _source,
        "aliases": lambda v: list(dict.fromkeys(_alias(a) for a in _text_list(v, "aliases", clean=False))),
        "review": lambda v: _text_list(v, "review"),
        "units": lambda v: _text_list(v, "units"),
        "campaigns": lambda v: _text_list(v, "campaigns"),
        "directives": lambda v: _text_list(v, "directives"),
    }
    for field, check in checks.items():
        try:
            values[field] = check(meta.get(field))
        except _FieldError as err:
            problem(field, str(err), err.hint)
    if "date" not in meta:
        problem("date", _("is required and missing"), _("add 'date: YYYY-MM-DD'; YYYY-MM or YYYY when only the month or year is known"))
    else:
        try:
            values["date"] = parse_date(meta["date"])
        except DateError as err:
            problem("date", str(err), err.hint)
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        problem("draft", _("must be true or false, got {value}").format(value=excerpt(draft)),
                _("write draft: true or draft: false"))
    for key in meta:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = _("did you mean '{key}'?").format(key=close[0]) if close else \
                _("known keys: {keys}").format(keys=", ".join(KNOWN_KEYS))
            problem(str(key), _("unknown key, ignored"), hint, Severity.WARNING, raw.line_of(str(key)))
    body = normalize_text(raw.body)
    if looks_like_tcvn3(f"{values.get('title', '')} {body}"):
        problem("title", _("the text looks like the legacy TCVN3 or ABC encoding, e.g. 'D©n vËn' for 'Dân vận'"),
                _("convert it with `scripts/archive import FILE`, which converts TCVN3, or with UniKey's converter"))
    over_budget = markdown_budget(body)
    if over_budget:
        where, what = over_budget
        problem("body", _("{problem}: the page would take too long to render").format(problem=what),
                _("split the text into paragraphs, or remove the repeated characters"), line=raw.body_line + where - 1)
    if not body.strip():
        problem("body", _("the article has no text after the front matter"), _("write the article below the second '---'"),
                severity=Severity.WARNING, line=raw.body_line)
    if any(i.severity is Severity.ERROR for i in issues):
        return None, issues

    terms: list[TermRef] = []
    for kind, registry in registries.by_kind.items():
        for name in values[kind.value]:
            entry = registry.resolve(name)
            if entry:
                terms.append(TermRef(kind, entry.slug, entry.name))
                continue
            suggestions = registry.suggest(name)
            hint = (_("did you mean {names}?").format(names=_(" or ").join(excerpt(s) for s in suggestions))
                    if suggestions else _("add it to data/{kind}.yml").format(kind=kind.value))
            slug = slugify(name)
            same_slug = registry.by_slug.get(slug)
            message = _("{name} is not in the {kind} registry").format(name=excerpt(name), kind=kind.value)
            if same_slug:  # "Dan van kheo" and "Dân vận khéo" share a URL: file it there, but say so
                message += _("; listed under {name}, which has the same slug").format(name=excerpt(same_slug.name))
            problem(kind.value, message, hint, Severity.WARNING)
            if slug:
                terms.append(TermRef(kind, slug, same_slug.name if same_slug else name))
    terms.extend(_directive_terms(raw, values, body, registries.directives, problem))
    media = _media(raw, values, body, articles_dir, problem) if articles_dir is not None else []
    if any(i.severity is Severity.ERROR for i in issues):
        return None, issues
    unique_terms = tuple(dict.fromkeys(terms))
    article = Article(
        path=raw.path, rel_path=raw.rel_path, slug=values["slug"], title=values["title"],
        date=values["date"], body=body, authors=tuple(values["authors"]), terms=unique_terms,
        summary=values["summary"], source=values["source"], aliases=tuple(values["aliases"]),
        draft=draft, review=tuple(values["review"]), media=tuple(media),
    )
    for item in article.review:
        problem("review", _("needs an editor's review: {item}").format(item=item),
                _("check it, then remove the entry, or the whole 'review' key"), Severity.WARNING)
    return article, issues


def _media(raw, values, body, articles_dir: Path, problem) -> list:
    """Every local photo and attachment the body refers to, checked; problems name the file."""
    if "date" not in values:
        return []
    article_url = urls.article_url_for(values["date"], values["slug"])
    items, seen = [], set()
    for kind, target, alt, title in references(body):
        if target in seen:
            continue
        seen.add(target)
        line = raw.body[: raw.body.find(target)].count("\n") + raw.body_line
        try:
            source, folder, name = resolve_media(raw.path, articles_dir, target, article_url)
            item = inspect_media(kind, target, alt, title, source, folder, name)
        except MediaError as err:
            problem("media", str(err), _("fix the reference or add the file"), line=line)
            continue
        if item is not None:
            items.append(item)
    return items


def _directive_terms(raw, values, body, registry: DirectiveRegistry, problem) -> list[TermRef]:
    """Front-matter `directives:` merged with those cited in the body; one identity each."""
    found = []
    for value in values["directives"]:
        cite = parse_directive(value)
        if cite is None:
            problem("directives", _("{value} is not a directive code").format(value=excerpt(value)),
                    _("write the code as in the document, e.g. 16-CT/TU or 91/2017/NĐ-CP"))
            continue
        found.append(cite.directive)
    found.extend(c.directive for c in find_citations(body))
    # A yearless citation takes the year another citation of the same code gives in this
    # article, else the registry's latest directive issued by the article's year.
    years = {}
    for d in found:
        if d.year:
            years.setdefault(d.without_year(), d.year)
    refs = []
    article_year = values["date"].year
    for d in found:
        if d.year is None:
            year = years.get(d)
            d = d.with_year(year) if year else registry.complete_year(d, article_year)
        record = registry.get(d)
        refs.append(TermRef(TaxonomyKind.DIRECTIVE, d.slug, d.code, directive=d))
    return refs
