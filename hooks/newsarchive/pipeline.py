"""The whole engine in order, as pure stages that return values:

    load_archive:  discover -> read -> validate -> index     -> Archive
    plan_site:     Archive -> pages, redirects, problems     -> SitePlan
    build_report:  SitePlan -> counts per stage              -> BuildReport

`build_plan(settings)` runs them all; `scripts/archive check`, the bench and sliced builds call
it, the MkDocs adapter its two halves (`load_archive`, then `plan_site`: it saves the article
memo in between), so whatever the build can reject, `check` reports too. No stage
edits another's values: problems travel in the returned objects. Every discovered file ends
up published, a draft, preview-skipped or named in a problem.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import build_cache, urls
from .directives import load_directive_registry
from .i18n import _
from .models import Article, Issue, Severity, TaxonomyKind
from .pages import PagePlan, Planner
from .parallel import map_ranges
from .reading import MAX_BYTES, display_path, read_article
from .redirects import Redirect, collect_redirects
from .registry import load_registry
from .settings import ArchiveSettings
from .taxonomy import ArchiveIndex, build_index
from .search import search_aids
from .text import excerpt, term_key
from .validation import Registries, validate

ARTICLE_SUFFIXES = (".md", ".markdown")
_NUMERIC_SLUG_RE = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Discovered:
    """What the articles folder holds: article files, and what was skipped with a reason."""

    paths: tuple[Path, ...]
    skipped: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class Archive:
    """Load, validate and index: the articles that will be published, and every problem."""

    settings: ArchiveSettings
    registries: Registries
    index: ArchiveIndex
    problems: tuple[Issue, ...]
    found: int  # article files discovered
    loaded: int  # read and parsed (front matter readable)
    valid: tuple[Article, ...]  # passed validation, drafts included
    failed: dict  # display path -> first error
    preview_skipped: int = 0
    memo: dict = field(default_factory=dict)  # path -> (bytes' key, _Loaded, stat or None): the next article memo
    search_aids: dict = field(default_factory=dict)  # rel_path -> the article's search aids
    source_keys: dict = field(default_factory=dict)  # rel_path -> its bytes' key, for memoised articles

    @property
    def drafts(self) -> tuple[Article, ...]:
        return tuple(a for a in self.valid if a.draft)


@dataclass(frozen=True)
class SitePlan:
    """Everything a writer needs: the pages, the redirects, and the problems of every stage."""

    archive: Archive
    pages: tuple[PagePlan, ...]
    redirects: tuple[Redirect, ...]
    problems: tuple[Issue, ...]  # the archive's and the planner's
    planner: Planner
    failed: dict = field(default_factory=dict)  # display path -> first error: not published

    @property
    def index(self) -> ArchiveIndex:
        return self.archive.index

    @property
    def settings(self) -> ArchiveSettings:
        return self.archive.settings

    def blocking(self, *, production: bool) -> list[Issue]:
        """Problems that stop a strict build: in production, not those of unpublished drafts
        (`check --strict` still reports them, so a draft can be made clean before it goes out)."""
        return [i for i in self.problems if not (production and i.draft)]


@dataclass(frozen=True)
class BuildReport:
    found: int
    loaded: int
    valid: int
    published: int
    drafts: int  # valid drafts, whether or not this build shows them
    preview_skipped: int
    failed: dict  # display path -> first error message
    pages: dict  # page kind -> count
    terms: dict  # taxonomy -> number of terms
    errors: int
    warnings: int
    redirects: int
    search_records: int | None = None  # pages in the search index (None: not built)
    published_drafts: bool = False  # serve and check show drafts: they are among `published`

    def as_json(self) -> dict:
        return dict(self.__dict__)

    def accounted(self) -> bool:
        """Every discovered file is published, an unpublished draft, preview-skipped or failed."""
        hidden_drafts = 0 if self.published_drafts else self.drafts
        return self.found == self.published + hidden_drafts + self.preview_skipped + len(self.failed)


def discover(articles_dir: Path) -> Discovered:
    """Article files, sorted. Names starting with '_' or '.' are ignored by design (media,
    the import manifest); a folder that cannot be read or a symlink leading out of the
    articles folder is reported, never silently dropped."""
    if not articles_dir.is_dir():
        return Discovered(())
    found, skipped = [], []
    root = articles_dir.resolve()

    def walk(folder: Path):
        try:  # scandir: the entry kinds come with the listing, no stat per file (10,000+ files)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as err:
            skipped.append(Issue(display_path(folder, articles_dir), _("folder cannot be read: {reason}").format(
                reason=err.strerror or err), hint=_("fix its permissions")))
            return
        for entry in entries:
            if entry.name.startswith(("_", ".")):
                continue
            path = folder / entry.name
            if entry.is_symlink() and not path.resolve().is_relative_to(root):
                skipped.append(Issue(display_path(path, articles_dir), _("is a symbolic link leading outside the articles folder: skipped"),
                                     hint=_("copy the files into the articles folder")))
                continue
            if entry.is_dir():
                walk(path)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                found.append(path)

    walk(articles_dir)
    return Discovered(tuple(sorted(found)), tuple(skipped))


def load_registries(settings: ArchiveSettings) -> tuple[Registries, list[Issue]]:
    """Each taxonomy's registry as its spec names it, and the directive registry."""
    loaded, issues = {}, []
    for kind, spec in settings.taxonomies.items():
        if spec.registry:
            loaded[kind], found = load_registry(kind, settings.data_dir, spec.registry)
            issues.extend(found)
    directives, found = load_directive_registry(settings.data_dir)
    return Registries(loaded, directives), issues + found


def load_archive(settings: ArchiveSettings, paths: list[Path] | None = None, memo: dict | None = None,
                 workers: int = 1) -> Archive:
    """`memo`: the last build's results per file (build_cache), reused where the bytes are the same.
    `workers` > 1: the caller allows forking (parallel.py) for the files to load."""
    registries, problems = load_registries(settings)
    discovered = discover(settings.articles_dir) if paths is None else Discovered(tuple(paths))
    problems.extend(discovered.skipped)
    paths = list(discovered.paths)
    found, preview_skipped = len(paths), 0
    if settings.preview_limit and len(paths) > settings.preview_limit:
        # Editor preview: only the most recently modified files (new and edited articles) are
        # read at all, so a rebuild stays fast at any archive size. Never used for publishing.
        paths = sorted(paths, key=lambda p: (p.stat().st_mtime, str(p)), reverse=True)[: settings.preview_limit]
        preview_skipped = found - len(paths)
    valid: list[Article] = []
    failed: dict[str, str] = {}
    loaded, kept, aids = 0, {}, {}
    for outcome in _load_all(paths, settings, registries, memo, kept, workers):
        problems.extend(outcome.issues)
        if outcome.loaded:
            loaded += 1
        if outcome.article is not None:
            valid.append(outcome.article)
            aids[outcome.article.rel_path] = outcome.aids
        else:
            failed[outcome.failed_path] = outcome.failed
    valid, url_issues = _unique_urls(valid)
    for issue in url_issues:
        failed[issue.path] = str(issue)
    problems.extend(url_issues)
    problems.extend(likely_duplicates(valid))
    shown = [a for a in valid if settings.include_drafts or not a.draft]
    index = build_index(shown, registries.by_kind, registries.directives)
    source_keys = {entry[1].article.rel_path: entry[0] for entry in kept.values() if entry[1].article is not None}
    return Archive(settings, registries, index, tuple(problems), found, loaded, tuple(valid), failed,
                   preview_skipped, kept, aids, source_keys)


@dataclass(frozen=True)
class _Loaded:
    """One file read and validated: the article (or None) and what was found."""

    loaded: bool  # front matter readable
    article: Article | None
    issues: tuple[Issue, ...]
    failed_path: str = ""
    failed: str = ""  # the first error, when not published
    aids: dict | None = None  # the article's search aids: derived from it alone, kept with it


def _load_file(path: Path, settings: ArchiveSettings, registries: Registries, data: bytes | None = None) -> _Loaded:
    try:
        raw, read_issues = read_article(path, settings.articles_dir, data)
    except Exception as err:  # a bug shown by one file: that file's error, not a crash
        raw, read_issues = None, [_internal_error(display_path(path, settings.articles_dir), _("reading"), err)]
    if raw is None:
        return _Loaded(False, None, tuple(read_issues), display_path(path, settings.articles_dir), str(read_issues[0]))
    try:
        article, field_issues = validate(raw, registries, settings.articles_dir)
    except Exception as err:
        article, field_issues = None, [_internal_error(raw.rel_path, _("checking"), err)]
    issues = tuple(read_issues) + tuple(field_issues)
    if article is None:
        return _Loaded(True, None, issues, raw.rel_path, str(next(i for i in field_issues if i.severity is Severity.ERROR)))
    return _Loaded(True, article, issues, aids=search_aids(article))


LOAD_CHUNK = 200  # files per worker task


def _load_all(paths: list[Path], settings: ArchiveSettings, registries: Registries, memo: dict | None,
              kept: dict, workers: int) -> list[_Loaded]:
    """`_load_file` of each path, in order, or its result from the memo when the file's bytes
    are the same (the memo is keyed by the caller's fingerprint of code, registries and
    settings); `kept` receives this build's entries: the next memo. Files are independent, so
    from `parallel_from` files to load on they are loaded in `workers` processes."""
    outcomes: list[_Loaded | None] = [None] * len(paths)
    todo: list[tuple[int, bytes | None, str, tuple | None]] = []  # position, bytes already read, memo key, stat
    for position, path in enumerate(paths):
        entry = memo.get(str(path)) if memo is not None else None
        if entry is not None and entry[2] is not None and _settled_stat(path) == entry[2]:
            outcomes[position] = entry[1]  # the very file the memo read: not read again
            kept[str(path)] = entry
            continue
        stat = _settled_stat(path) if memo is not None else None  # before reading: a later change shows
        data, key = _memo_key(path) if memo is not None else (None, "")
        if entry is not None and key and entry[0] == key:
            outcomes[position] = entry[1]
            kept[str(path)] = (key, entry[1], stat)
        else:
            todo.append((position, data, key, stat))
    chunks = map_ranges(lambda start, stop: [_load_file(paths[position], settings, registries, data)
                                             for position, data, *_ in todo[start:stop]],
                        len(todo), workers=workers if len(todo) >= settings.parallel_from else 1, chunk=LOAD_CHUNK)
    for (position, _, key, stat), outcome in zip(todo, (outcome for chunk in chunks for outcome in chunk)):
        outcomes[position] = outcome
        if key:
            kept[str(paths[position])] = (key, outcome, stat)
    return outcomes


RACY_NS = 2_000_000_000  # a file changed this recently may change again within one timestamp tick


def _settled_stat(path: Path) -> tuple | None:
    """What identifies the file's bytes without reading them, as git's index does: size, times
    and inode. None for a file changed in the last seconds (its next change could keep all of
    these) or one that cannot be read: then its bytes are hashed."""
    try:
        s = path.stat()
    except OSError:
        return None
    if time.time_ns() - max(s.st_mtime_ns, s.st_ctime_ns) < RACY_NS:
        return None
    return (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino, s.st_dev)


def _memo_key(path: Path) -> tuple[bytes | None, str]:
    """The file's bytes and their memo key ("" when the file is not memoised: unreadable,
    too large or not plain text, then it is loaded every time)."""
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else b""
    except OSError:
        data = b""
    if not data or not build_cache.memoisable(data):
        return data or None, ""
    return data, build_cache.digest(data)


def _internal_error(path: str, stage: str, err: Exception) -> Issue:
    return Issue(path, _("internal error while {stage} this file: {error}").format(
        stage=stage, error=f"{type(err).__name__}: {excerpt(str(err))}"),
        hint=_("please report it with this file attached; the rest of the archive is built"))


def _unique_urls(articles: list[Article]) -> tuple[list[Article], list[Issue]]:
    """Two articles at one URL: the first (by path) is kept, the other is an error naming both."""
    owner: dict[str, Article] = {}
    kept, issues = [], []
    for article in sorted(articles, key=lambda a: a.rel_path):
        url = urls.article_url(article)
        if _NUMERIC_SLUG_RE.match(article.slug):
            issues.append(Issue(article.rel_path, _("slug '{slug}' is only digits and would clash with date archive pages").format(
                slug=article.slug), "slug", 1, hint=_("add 'slug: some-words' or rename the file"),
                                draft=article.draft))
        elif url.lower() in owner:
            issues.append(Issue(article.rel_path, _("URL /{url} is already taken by {other}").format(
                url=url, other=owner[url.lower()].rel_path), "slug", 1,
                hint=_("give one of the two articles a different 'slug:' or file name"),
                                draft=article.draft))
        else:
            owner[url.lower()] = article
            kept.append(article)
    return kept, issues


def likely_duplicates(articles: list[Article]) -> list[Issue]:
    """The same page imported twice under two names: same normalised title and date, or the
    same source URL. A warning naming both files (the later one by path)."""
    seen: dict[tuple, Article] = {}
    issues = []
    for article in sorted(articles, key=lambda a: a.rel_path):
        keys = [("title", term_key(article.title), article.date.iso())]
        if article.source.url:
            keys.append(("source", article.source.url.rstrip("/")))
        for key in keys:
            first = seen.setdefault(key, article)
            if first is not article:
                what = _("the same title and date") if key[0] == "title" else _("the same source.url")
                field = "title" if key[0] == "title" else "source"
                issues.append(Issue(article.rel_path, _("likely a duplicate of {other}: {what}").format(
                    other=first.rel_path, what=what), field, 1, Severity.WARNING,
                    _("delete one of the two files, or make them differ"),
                                    draft=article.draft))
                break
    return issues


def docs_page_urls(docs_dir: Path | None) -> set[str]:
    """URLs of the hand-written pages (docs/*.md, directory URLs): they belong to those pages."""
    if docs_dir is None or not docs_dir.is_dir():
        return set()
    owned = set()
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir).with_suffix("").as_posix()
        owned.add("" if rel == "index" else rel.removesuffix("/index").removesuffix("index") + "/")
    return owned


def plan_site(archive: Archive, owned: set[str] | None = None, articles_planned=None) -> SitePlan:
    """Every generated page and redirect; a page or alias that would take a URL the site
    already owns (hand-written pages, reserved files, another page) is a problem here.
    `articles_planned(plans)`: called with the article pages' plans before the rest is planned
    (the search index can start on them)."""
    planner = Planner(archive.index, archive.settings, archive.search_aids, archive.source_keys)
    owned = docs_page_urls(archive.settings.docs_dir) if owned is None else owned
    problems = list(archive.problems)
    pages: list[PagePlan] = []
    by_url: dict[str, PagePlan] = {}
    planned, planning_issues = planner.all_pages(articles_planned)
    problems.extend(planning_issues)
    for plan in planned:
        if plan.url in by_url:  # a bug, not bad input: every URL family has its own prefix
            raise ValueError(f"two generated pages at /{plan.url}: {by_url[plan.url].title!r} and {plan.title!r}")
        if plan.url in owned:
            problems.append(Issue("docs/" + urls.src_uri(plan.url), _("a hand-written page takes the URL /{url} of the generated page {title}").format(
                url=plan.url, title=excerpt(plan.title)), hint=_("rename or move the hand-written page")))
            continue
        by_url[plan.url] = plan
        pages.append(plan)
    taken = set(by_url) | owned
    redirects, alias_issues = collect_redirects(archive.index.articles, taken)
    problems.extend(alias_issues)
    failed = {**archive.failed, **{i.path: str(i) for i in planning_issues}}
    return SitePlan(archive, tuple(pages), tuple(redirects), tuple(problems), planner, failed)


def build_plan(settings: ArchiveSettings, owned: set[str] | None = None, memo: dict | None = None,
               workers: int = 1) -> SitePlan:
    return plan_site(load_archive(settings, memo=memo, workers=workers), owned)


def build_report(plan: SitePlan, search_records: int | None = None) -> BuildReport:
    archive = plan.archive
    kinds: dict[str, int] = {}
    for page in plan.pages:
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
    errors = sum(i.severity is Severity.ERROR for i in plan.problems)
    return BuildReport(
        found=archive.found, loaded=archive.loaded, valid=len(archive.valid),
        published=kinds.get("article", 0), drafts=len(archive.drafts),
        preview_skipped=archive.preview_skipped, failed=dict(plan.failed), pages=kinds,
        terms={kind.value: len(archive.index.terms[kind]) for kind in TaxonomyKind},
        errors=errors, warnings=len(plan.problems) - errors, redirects=len(plan.redirects),
        search_records=search_records, published_drafts=archive.settings.include_drafts)
