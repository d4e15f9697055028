"""The whole engine in order: discover -> read -> validate -> index -> plan pages.

`load_archive` never stops at the first problem: every file ends up either published or
named in an Issue, and the BuildReport counts each stage so nothing vanishes unnoticed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .directives import load_directive_registry
from .models import Article, Issue, Severity, TaxonomyKind
from .pages import PagePlan, Planner
from .reading import display_path, read_article
from .redirects import Redirect, collect_redirects
from .registry import load_registry
from .settings import ArchiveSettings
from .taxonomy import ArchiveIndex, build_index
from .validation import Registries, validate

ARTICLE_SUFFIXES = (".md", ".markdown")
_NUMERIC_SLUG_RE = re.compile(r"^\d+$")
# Paths the site itself uses beside its pages: an alias may not take them.
RESERVED_PATHS = {"index.html", "404.html", "sitemap.xml", "feed.xml", "_redirects", "pagefind/", "assets/",
                  "pagefind-shards.json",
                  "_archive/", "stylesheets/", "javascripts/"}


@dataclass
class BuildReport:
    found: int = 0  # article files discovered
    loaded: int = 0  # read and parsed (front matter readable)
    valid: int = 0  # passed validation
    published: int = 0
    drafts: int = 0  # valid but left out as drafts
    preview_skipped: int = 0  # left out by a preview limit (never in a published build)
    failed: dict = field(default_factory=dict)  # rel_path -> first error message
    pages: dict = field(default_factory=dict)  # page kind -> count
    terms: dict = field(default_factory=dict)  # taxonomy -> number of terms
    warnings: int = 0
    errors: int = 0
    search_records: int | None = None  # pages in the search index (None: not built)
    redirects: int = 0

    def as_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}

    def accounted(self) -> bool:
        """Every discovered file is published, a draft, preview-skipped or failed."""
        return self.found == self.published + self.drafts + self.preview_skipped + len(self.failed)


@dataclass
class Archive:
    settings: ArchiveSettings
    index: ArchiveIndex
    issues: list[Issue]
    report: BuildReport
    planner: Planner
    redirects: list[Redirect] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    def pages(self) -> list[PagePlan]:
        """Every generated page; also settles the redirects, which must not overwrite a page."""
        plans = self.planner.all_pages()
        owner: dict[str, PagePlan] = {}
        for plan in plans:
            if plan.url in owner:  # a bug, not bad input: every URL family has its own prefix
                raise ValueError(f"two generated pages at /{plan.url}: {owner[plan.url].title!r} and {plan.title!r}")
            owner[plan.url] = plan
        self.redirects, alias_issues = collect_redirects(self.index.articles, set(owner) | RESERVED_PATHS)
        self.issues.extend(alias_issues)
        self.report.errors += len(alias_issues)
        self.report.pages = {}
        for plan in plans:
            self.report.pages[plan.kind] = self.report.pages.get(plan.kind, 0) + 1
        self.report.redirects = len(self.redirects)
        return plans


def discover(articles_dir: Path) -> list[Path]:
    """Article files, sorted; folders and files starting with '_' or '.' are ignored."""
    if not articles_dir.is_dir():
        return []
    found = []
    for path in articles_dir.rglob("*"):
        rel = path.relative_to(articles_dir).parts
        if any(part.startswith(("_", ".")) for part in rel):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def load_registries(settings: ArchiveSettings) -> tuple[Registries, list[Issue]]:
    units, issues_u = load_registry(TaxonomyKind.UNIT, settings.data_dir)
    campaigns, issues_c = load_registry(TaxonomyKind.CAMPAIGN, settings.data_dir)
    directives, issues_d = load_directive_registry(settings.data_dir)
    return Registries(units, campaigns, directives), issues_u + issues_c + issues_d


def load_archive(settings: ArchiveSettings, paths: list[Path] | None = None) -> Archive:
    report = BuildReport()
    registries, issues = load_registries(settings)
    paths = discover(settings.articles_dir) if paths is None else paths
    report.found = len(paths)
    if settings.preview_limit and len(paths) > settings.preview_limit:
        # Editor preview: only the most recently modified files (new and edited articles) are
        # read at all, so a rebuild stays fast at any archive size. Never used for publishing.
        paths = sorted(paths, key=lambda p: (p.stat().st_mtime, str(p)), reverse=True)[: settings.preview_limit]
        report.preview_skipped = report.found - len(paths)
    valid: list[Article] = []
    for path in paths:
        raw, read_issues = read_article(path, settings.articles_dir)
        issues.extend(read_issues)
        if raw is None:
            report.failed[display_path(path, settings.articles_dir)] = str(read_issues[0])
            continue
        report.loaded += 1
        article, field_issues = validate(raw, registries, settings.articles_dir)
        issues.extend(field_issues)
        if article is None:
            report.failed[raw.rel_path] = str(next(i for i in field_issues if i.severity is Severity.ERROR))
            continue
        valid.append(article)
    report.valid = len(valid)
    published = []
    for article in valid:
        if article.draft and not settings.include_drafts:
            report.drafts += 1
        else:
            published.append(article)
    published = _unique_urls(published, issues, report)
    index = build_index(published, {TaxonomyKind.UNIT: registries.units,
                                    TaxonomyKind.CAMPAIGN: registries.campaigns}, registries.directives)
    report.published = len(index.articles)
    report.terms = {kind.value: len(index.terms[kind]) for kind in TaxonomyKind}
    report.errors = sum(i.severity is Severity.ERROR for i in issues)
    report.warnings = len(issues) - report.errors
    return Archive(settings, index, issues, report, Planner(index, settings))


def _unique_urls(articles: list[Article], issues: list[Issue], report: BuildReport) -> list[Article]:
    """Two articles at one URL: the first (by path) is kept, the other is an error naming both."""
    owner: dict[str, Article] = {}
    kept = []
    for article in sorted(articles, key=lambda a: a.rel_path):
        url = urls.article_url(article)
        if _NUMERIC_SLUG_RE.match(article.slug):
            issue = Issue(article.rel_path, f"slug {article.slug!r} is only digits and would clash with "
                          "date archive pages", "slug", 1, hint="add 'slug: some-words' or rename the file")
        elif url in owner:
            issue = Issue(article.rel_path, f"URL /{url} is already taken by {owner[url].rel_path}", "slug", 1,
                          hint="give one of the two articles a different 'slug:' or file name")
        else:
            owner[url] = article
            kept.append(article)
            continue
        issues.append(issue)
        report.failed[article.rel_path] = str(issue)
    return kept
