"""Small in-memory builders for unit tests: articles, registries, indexes and plans made
without files or MkDocs, so the planner and the taxonomy are tested in milliseconds."""
from __future__ import annotations

from pathlib import Path

from newsarchive.directives import DirectiveRegistry
from newsarchive.models import TaxonomyKind
from newsarchive.pipeline import Archive, plan_site
from newsarchive.reading import RawArticle
from newsarchive.registry import Registry, RegistryEntry
from newsarchive.settings import ArchiveSettings
from newsarchive.taxonomy import build_index
from newsarchive.text import slugify
from newsarchive.validation import Registries, validate

ROOT = Path(__file__).resolve().parents[1]
UNITS = ("Ban Dân vận Tỉnh ủy", "Đảng bộ Các cơ quan tỉnh", "Huyện ủy Bát Xát")
CAMPAIGNS = ("Dân vận khéo", "Văn hóa công sở")


def registries(units=UNITS, campaigns=CAMPAIGNS) -> Registries:
    def registry(kind, names):
        return Registry(kind, [RegistryEntry(name, slugify(name)) for name in names])
    return Registries({TaxonomyKind.UNIT: registry(TaxonomyKind.UNIT, units),
                       TaxonomyKind.CAMPAIGN: registry(TaxonomyKind.CAMPAIGN, campaigns)}, DirectiveRegistry([]))


def raw(name: str = "2021/bai.md", body: str = "Nội dung.\n", **meta) -> RawArticle:
    return RawArticle(Path("/archive/articles") / name, f"articles/{name}", meta, body,
                      {key: n + 2 for n, key in enumerate(meta)}, len(meta) + 3)


def article(name: str = "2021/bai.md", *, title: str = "Bài viết", date: str = "2021-08-02",
            body: str = "Nội dung.\n", regs: Registries | None = None, **meta):
    made, issues = validate(raw(name, body, title=title, date=date, **meta), regs or registries())
    assert made is not None, [str(i) for i in issues]
    return made


def settings(**extra) -> ArchiveSettings:
    return ArchiveSettings.from_config(ROOT, {"articles_dir": "/archive/articles", **extra}, docs_dir=None)


def archive(articles: list, *, regs: Registries | None = None, **extra) -> Archive:
    regs = regs or registries()
    index = build_index([a for a in articles if not a.draft], regs.by_kind, regs.directives)
    return Archive(settings(**extra), regs, index, (), len(articles), len(articles), tuple(articles), {})


def plan(articles: list, owned: set | None = None, **extra):
    return plan_site(archive(articles, **extra), owned or set())
