"""ArchiveSettings: the archive's configuration, read once from `extra.archive` of mkdocs.yml.

Every key has a default; environment variables override the folders so tests and
benchmarks can build any corpus.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .models import TaxonomyKind

ARTICLES_ENV = "ARCHIVE_ARTICLES_DIR"
DATA_ENV = "ARCHIVE_DATA_DIR"
PREVIEW_ENV = "ARCHIVE_PREVIEW_LIMIT"
SHARD_ENV = "ARCHIVE_SEARCH_SHARD_PAGES"
PARALLEL_ENV = "ARCHIVE_PARALLEL_FROM"
SEARCH_ENV = "ARCHIVE_SEARCH"  # "0": skip the search index (quick previews, some tests)


@dataclass(frozen=True)
class TaxonomySettings:
    """How one taxonomy appears: URL segment and Vietnamese labels."""

    segment: str
    singular: str
    plural: str


DEFAULT_TAXONOMIES = {
    TaxonomyKind.UNIT: TaxonomySettings("don-vi", "Đơn vị", "Đơn vị"),
    TaxonomyKind.CAMPAIGN: TaxonomySettings("phong-trao", "Phong trào", "Phong trào thi đua"),
    TaxonomyKind.DIRECTIVE: TaxonomySettings("van-ban", "Văn bản", "Văn bản chỉ đạo"),
}


class SettingsError(ValueError):
    """A wrong value in extra.archive."""


@dataclass(frozen=True)
class ArchiveSettings:
    root: Path  # the project folder (where mkdocs.yml is)
    articles_dir: Path
    data_dir: Path
    per_page: int = 20  # articles per listing page
    terms_per_page: int = 100  # terms per taxonomy index page
    home_count: int = 15
    related_count: int = 5
    include_drafts: bool = False
    strict: bool = False
    preview_limit: int = 0  # >0: build only the newest N articles (editor preview, never published)
    search: bool = True  # build the Pagefind index after the site
    search_shard_pages: int = 5000  # articles per Pagefind run (memory grows ~370 KB per page)
    parallel_from: int = 2000  # render article pages in one process per core from this many on
    taxonomies: dict = field(default_factory=lambda: dict(DEFAULT_TAXONOMIES))

    @classmethod
    def from_config(cls, root: Path, extra: dict | None, *, strict: bool = False,
                    include_drafts: bool = False, environ=os.environ) -> "ArchiveSettings":
        extra = dict(extra or {})
        known = {f.name for f in fields(cls)} - {"root", "strict", "taxonomies", "include_drafts"}
        unknown = sorted(set(extra) - known)
        if unknown:
            raise SettingsError(f"extra.archive: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        articles = environ.get(ARTICLES_ENV) or extra.pop("articles_dir", "articles")
        extra.pop("articles_dir", None)
        data = environ.get(DATA_ENV) or extra.pop("data_dir", "data")
        extra.pop("data_dir", None)
        preview = environ.get(PREVIEW_ENV) or extra.pop("preview_limit", 0)
        extra.pop("preview_limit", None)
        values = {}
        for env_name, key in ((SHARD_ENV, "search_shard_pages"), (PARALLEL_ENV, "parallel_from")):
            if environ.get(env_name):
                extra[key] = int(environ[env_name]) if environ[env_name].isdigit() else environ[env_name]
        for name in ("per_page", "terms_per_page", "home_count", "related_count", "search_shard_pages",
                     "parallel_from"):
            if name in extra:
                value = extra[name]
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise SettingsError(f"extra.archive.{name}: expected a whole number >= 1, got {value!r}")
                values[name] = value
        try:
            preview = int(preview)
        except (TypeError, ValueError):
            raise SettingsError(f"{PREVIEW_ENV}: expected a whole number, got {preview!r}") from None
        search = environ.get(SEARCH_ENV, "1" if extra.pop("search", True) else "0") != "0"
        extra.pop("search", None)
        return cls(
            root=root,
            search=search and not preview,
            articles_dir=(root / articles).resolve(),
            data_dir=(root / data).resolve(),
            strict=strict,
            include_drafts=include_drafts,
            preview_limit=max(preview, 0),
            **values,
        )


class _MkdocsYamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs: `!ENV [NAME, default]` gives the variable or default."""


def _env_tag(loader, node):
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return values[-1] if len(values) > 1 else None


_MkdocsYamlLoader.add_constructor("!ENV", _env_tag)
_MkdocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(root: Path) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_MkdocsYamlLoader) or {}


def settings_for_cli(root: Path, *, strict: bool = False, include_drafts: bool = True) -> ArchiveSettings:
    extra = (read_mkdocs_config(root).get("extra") or {}).get("archive")
    return ArchiveSettings.from_config(root, extra, strict=strict, include_drafts=include_drafts)
