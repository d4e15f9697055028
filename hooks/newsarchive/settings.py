"""ArchiveSettings: the archive's configuration, through one door.

Every key lives in `mkdocs.yml` under `extra.archive`; a value that may come from the
environment is written there with MkDocs' `!ENV` tag (`articles_dir: !ENV [ARCHIVE_ARTICLES_DIR,
articles]`), which both MkDocs and `read_mkdocs_config` (for the command line) resolve with
`pyyaml_env_tag`. The engine itself never reads the environment. `SETTINGS` is the table of
keys: the README's configuration table is checked against it by a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag

from .models import TaxonomyKind
from .i18n import _


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type  # int, bool, str, or Path (a folder, resolved against the project folder)
    default: object
    low: int | None = None  # bounds for whole numbers
    high: int | None = None
    doc: str = ""


SETTINGS = (
    Setting("articles_dir", Path, "articles", doc="folder of the articles (relative to mkdocs.yml)"),
    Setting("data_dir", Path, "data", doc="folder of the registries (units.yml, campaigns.yml, directives.yml)"),
    Setting("cache_dir", Path, ".cache", doc="the one cache folder: resized photos, compiled templates, the last site and article results for incremental builds"),
    Setting("per_page", int, 20, 1, 1000, "articles per listing page"),
    Setting("terms_per_page", int, 100, 1, 10000, "terms per taxonomy index page"),
    Setting("home_count", int, 15, 0, 200, "latest articles on the home page"),
    Setting("related_count", int, 5, 0, 50, "related articles under each article"),
    Setting("preview_limit", int, 0, 0, None, "> 0: build only the newest N articles (editor preview, never published)"),
    Setting("search", bool, True, doc="build the Pagefind index"),
    Setting("search_shard_pages", int, 1000, 1, None, "articles per Pagefind run (its memory grows ~370 KB per page)"),
    Setting("search_chunk_size", int, 600, 100, 1_000_000, "word occurrences per search index file (Pagefind's default 20000; smaller: a query downloads less)"),
    Setting("parallel_from", int, 2000, 1, None, "render article pages in one process per core from this many on"),
    Setting("timings", bool, False, doc="log the build's phase timings"),
    Setting("local_build", bool, False, doc="allow a production build without a public SITE_URL (a local look only)"),
    Setting("slice", str, "", doc="K/N: write only slice K of N of the site (scripts/archive build --slice); empty: all of it"),
    Setting("cms_repo", str, "", doc="owner/name of the GitHub repository the web editor saves to (empty: git-gateway)"),
    Setting("term_feeds", str, "don-vi,phong-trao", doc="taxonomies (URL folders, comma-separated; `none`: none) whose every term gets an Atom feed; the site's feed is always made"),
)
SETTING_KEYS = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class TaxonomySettings:
    """One taxonomy as data (Hugo's model: one generic mechanism, a small spec per kind).
    Where its terms come from is in the data too: a registry entry, or a cited document
    (a TermRef with a DirectiveId, whose Term carries a DocumentInfo)."""

    segment: str  # URL folder
    singular: str
    plural: str
    registry: str = ""  # its registry in the data folder; directives have their own (directives.yml)
    term_title: str = "{name}"  # a term page's title; {type_name}: a document's type ("Chỉ thị")
    index: str = "alphabetical"  # or "by_group": one page per group (type and issuer of documents)
    timeline: bool = False  # per-year article counts on the term page
    ranked: int | None = None  # the statistics page lists the top N (None: all)
    feed: bool = True  # an Atom feed per term (setting term_feeds)


DEFAULT_TAXONOMIES = {
    TaxonomyKind.UNIT: TaxonomySettings("don-vi", "Đơn vị", "Đơn vị", "units.yml"),
    TaxonomyKind.CAMPAIGN: TaxonomySettings("phong-trao", "Phong trào", "Phong trào thi đua", "campaigns.yml"),
    # thousands of directives in a large archive: indexed by group, not in one list
    TaxonomyKind.DIRECTIVE: TaxonomySettings("van-ban", "Văn bản", "Văn bản chỉ đạo", "",
                                             "{type_name} {name}", "by_group", timeline=True, ranked=20),
}


class SettingsError(ValueError):
    """A wrong value in extra.archive."""


_LOOPBACK = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "")


def publishing_problem(site_url: str) -> str | None:
    """Why `site_url` cannot be published (canonical links, feeds and the sitemap would point
    at it), or None: it must be a real http(s) address, not this machine."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in _LOOPBACK:
        return _("site_url is {value}: a production build needs the public address, e.g. "
                 "SITE_URL=https://luutru.example.vn/ make site; for a local look only, ARCHIVE_LOCAL_BUILD=1").format(
            value=site_url or _("not set"))
    return None


def _coerce(setting: Setting, value):
    """One value of extra.archive, checked against its row of SETTINGS. `!ENV` gives text
    when the variable is set (yaml_env_tag resolves "100" to 100, but be lenient)."""
    name = f"extra.archive.{setting.key}"
    if setting.kind is bool:
        if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false", "yes", "no"):
            value = value.strip().lower() in ("1", "true", "yes")
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
            value = bool(value)
        if not isinstance(value, bool):
            raise SettingsError(_("{name}: expected true or false, got {value}").format(name=name, value=repr(value)))
        return value
    if setting.kind is int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise SettingsError(_("{name}: expected a whole number, got {value}").format(name=name, value=repr(value)))
        if (setting.low is not None and value < setting.low) or (setting.high is not None and value > setting.high):
            bounds = (_(">= {low}").format(low=setting.low) if setting.high is None
                      else _("from {low} to {high}").format(low=setting.low, high=setting.high))
            raise SettingsError(_("{name}: expected a whole number {bounds}, got {value}").format(
                name=name, bounds=bounds, value=repr(value)))
        return value
    if setting.kind is str:
        if not isinstance(value, str):
            raise SettingsError(_("{name}: expected text, got {value}").format(name=name, value=repr(value)))
        return value.strip()
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(_("{name}: expected a folder name, got {value}").format(name=name, value=repr(value)))
    return value


@dataclass(frozen=True)
class ArchiveSettings:
    root: Path  # the project folder (where mkdocs.yml is)
    articles_dir: Path
    data_dir: Path
    cache_dir: Path
    docs_dir: Path | None = None  # hand-written pages: their URLs belong to them
    site_url: str = ""
    per_page: int = 20
    terms_per_page: int = 100
    home_count: int = 15
    related_count: int = 5
    preview_limit: int = 0
    search: bool = True
    search_shard_pages: int = 1000
    search_chunk_size: int = 600
    parallel_from: int = 2000
    timings: bool = False
    local_build: bool = False
    slice: str = ""
    cms_repo: str = ""
    include_drafts: bool = False  # serve and check show drafts; a production build never does
    strict: bool = False
    term_feeds: str = "don-vi,phong-trao"
    taxonomies: dict = field(default_factory=lambda: dict(DEFAULT_TAXONOMIES))

    @classmethod
    def from_config(cls, root: Path, extra: dict | None, *, docs_dir: str | Path | None = "docs",
                    site_url: str = "", strict: bool = False, include_drafts: bool = False) -> "ArchiveSettings":
        extra = dict(extra or {})
        unknown = sorted(set(map(str, extra)) - set(SETTING_KEYS))
        if unknown:
            raise SettingsError(_("extra.archive: unknown key(s) {keys}; known: {known}").format(
                keys=", ".join(unknown), known=", ".join(SETTING_KEYS)))
        values = {s.key: _coerce(s, extra[s.key]) if extra.get(s.key) not in (None, "") else s.default for s in SETTINGS}
        return cls(
            root=root,
            articles_dir=(root / values.pop("articles_dir")).resolve(),
            data_dir=(root / values.pop("data_dir")).resolve(),
            cache_dir=(root / values.pop("cache_dir")).resolve(),
            docs_dir=(root / docs_dir).resolve() if docs_dir is not None else None,
            site_url=site_url or "",
            strict=strict,
            include_drafts=include_drafts,
            taxonomies=_with_feeds(DEFAULT_TAXONOMIES, values["term_feeds"]),
            **{**values, "search": values["search"] and not values["preview_limit"]},
        )


def _with_feeds(taxonomies: dict, term_feeds: str) -> dict:
    """The taxonomies, each with `feed` as the setting says. Directives are left out by default:
    at 10,000 articles ~19,000 documents are cited, most by one or two articles, and their feeds
    were a third of the site's files (docs/performance.md)."""
    chosen = {part.strip().strip("/") for part in term_feeds.split(",")} - {"", "none"}
    known = {spec.segment for spec in taxonomies.values()}
    if chosen - known:
        raise SettingsError(_("extra.archive.term_feeds: unknown taxonomy {names}; known: {known}").format(
            names=", ".join(sorted(chosen - known)), known=", ".join(sorted(known))))
    return {kind: replace(spec, feed=spec.segment in chosen) for kind, spec in taxonomies.items()}


class _MkdocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs, resolving `!ENV` exactly as MkDocs does."""


_MkdocsYamlLoader.add_constructor("!ENV", construct_env_tag)
_MkdocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(root: Path) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_MkdocsYamlLoader) or {}


def settings_for_cli(root: Path, *, strict: bool = False, include_drafts: bool = True) -> ArchiveSettings:
    config = read_mkdocs_config(root)
    extra = (config.get("extra") or {}).get("archive")
    return ArchiveSettings.from_config(root, extra, docs_dir=config.get("docs_dir", "docs"),
                                       site_url=config.get("site_url") or "", strict=strict,
                                       include_drafts=include_drafts)
