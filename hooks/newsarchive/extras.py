"""Write-extras stage: files beside the pages -- build report, feeds, redirects, sitemap.

Each extra is `(archive, ExtraContext) -> list[OutputFile]`; `OutputFile.target` refuses any
path that would leave the site folder. Pagefind needs the finished site and runs separately.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from . import feeds, redirects, sitemap
from .media import VariantCache
from .models import TaxonomyKind
from .pages import PagePlan

REPORT_URL = "bao-cao-xay-dung/"
REPORT_JSON = "_archive/report.json"


class UnsafePathError(ValueError):
    """An output path that is absolute, climbs out of the site or is otherwise unsafe."""


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, POSIX style
    content: bytes

    def relative(self) -> PurePosixPath:
        """The path, checked lexically: not absolute, no "..", no backslash or NUL."""
        rel = PurePosixPath(self.path)
        if rel.is_absolute() or ".." in rel.parts or "\\" in self.path or "\x00" in self.path or not rel.parts:
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        return rel

    def target(self, site_dir: Path) -> Path:
        """The file to write, also refusing symlinks that lead out of the site."""
        target = (site_dir / self.relative()).resolve()
        if not target.is_relative_to(site_dir.resolve()):
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        return target


def write_outputs(outputs: Iterable[OutputFile], site_dir: Path) -> int:
    """Write files into a site folder the build itself created (so no symlinks inside), as
    they come (an iterable: at 50,000 articles the pages would need gigabytes held at once).
    Paths are checked lexically and each folder is made once; returns the number written."""
    site = site_dir.resolve()
    made: set[Path] = set()
    count = 0
    for output in outputs:
        target = site / output.relative()
        folder = target.parent
        if folder not in made:
            if folder.is_symlink():
                raise UnsafePathError(f"refusing to write through the symlink {folder}")
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        target.write_bytes(output.content)
        count += 1
    return count


@dataclass
class ExtraContext:
    site_url: str
    site_name: str
    render: Callable[..., str]  # (template name, **context) -> HTML, from the site generator
    page_urls: list[tuple[str, str]] = field(default_factory=list)  # every page: (url, lastmod)
    media_cache: Path | None = None  # resized images, reused between builds


def report_data(archive) -> dict:
    return {"report": archive.report.as_json(), "accounted": archive.report.accounted(),
            "issues": [{"path": i.path, "line": i.line, "field": i.field, "severity": i.severity.value,
                        "message": i.message, "hint": i.hint} for i in archive.issues]}


def report_page(archive) -> PagePlan:
    """The editors' view of the build report (counts per stage and every issue)."""
    return PagePlan(REPORT_URL, "report.html", "Báo cáo xây dựng", "report", report_data(archive))


def report_json(archive, _context) -> list[OutputFile]:
    data = json.dumps(report_data(archive), ensure_ascii=False, indent=1, sort_keys=True)
    return [OutputFile(REPORT_JSON, data.encode("utf-8"))]


def feed_files(archive, context) -> list[OutputFile]:
    return [OutputFile(path, data) for path, data in feeds.build_feeds(archive, context.site_url, context.site_name)]


def redirect_files(archive, context) -> list[OutputFile]:
    outputs = []
    for redirect in archive.redirects:
        if redirect.page_path:
            html = context.render("redirect-alias.html", **redirects.redirect_page_context(redirect, context.site_url))
            outputs.append(OutputFile(redirect.page_path, html.encode("utf-8")))
    data = redirects.redirect_map(archive.redirects, context.site_url)
    return outputs + ([OutputFile(redirects.REDIRECT_MAP, data)] if data else [])


def sitemap_files(_archive, context) -> list[OutputFile]:
    return [OutputFile(path, data) for path, data in sitemap.sitemaps(context.page_urls, context.site_url)]


def media_files(archive, context) -> list[OutputFile]:
    """Photos (every responsive size) and attachments of published articles, and directive PDFs."""
    cache = VariantCache(context.media_cache or Path(".cache/media"))
    outputs: dict[str, OutputFile] = {}
    for article in archive.index.articles:
        for item in article.media:
            if item.kind == "image":
                for width in item.variant_widths():
                    path = item.folder + item.variant_name(width)
                    if path not in outputs:
                        outputs[path] = OutputFile(path, cache.variant(item, width))
            elif item.url not in outputs:
                outputs[item.url] = OutputFile(item.url, item.source.read_bytes())
    for term in archive.index.terms[TaxonomyKind.DIRECTIVE].values():
        pdf = term.extra.get("pdf")
        if pdf:
            outputs[pdf["url"]] = OutputFile(pdf["url"], Path(pdf["source"]).read_bytes())
    return list(outputs.values())


EXTRAS = (media_files, feed_files, redirect_files, sitemap_files, report_json)  # the report goes last: it counts the rest
PREVIEW_EXTRAS = (media_files, report_json)  # an editor's preview needs the photos, not feeds or sitemaps


def build_extras(archive, context: ExtraContext) -> Iterator[OutputFile]:
    for extra in PREVIEW_EXTRAS if archive.settings.preview_limit else EXTRAS:
        yield from extra(archive, context)
