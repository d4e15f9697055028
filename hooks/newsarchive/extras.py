"""Publishing extras: the files written beside the pages -- media, feeds, redirects, sitemap.

Each extra is `(SitePlan, ExtraContext) -> list[OutputFile]`, listed in EXTRAS; the writer
(`writer.write_outputs`) writes them. Pagefind needs the finished site and runs separately.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import yaml

from . import feeds, redirects, sitemap, urls
from .cms_config import cms_config
from .media import VariantCache
from .writer import OutputFile


@dataclass
class ExtraContext:
    site_url: str
    site_name: str
    render: Callable[..., str]  # (template name, **context) -> HTML, from the site generator
    page_urls: list[tuple[str, str]] = field(default_factory=list)  # every page: (url, lastmod)
    media_cache: Path | None = None  # resized images, reused between builds


def feed_files(plan, context) -> list[OutputFile]:
    return [OutputFile(feed.path, key=feed.key, make=feed.data)
            for feed in feeds.feeds_of(plan, context.site_url, context.site_name)]


def redirect_files(plan, context) -> list[OutputFile]:
    outputs = []
    for redirect in plan.redirects:
        if redirect.page_path:
            html = context.render("redirect-alias.html", **redirects.redirect_page_context(redirect, context.site_url))
            outputs.append(OutputFile(redirect.page_path, html.encode("utf-8")))
    data = redirects.redirect_map(plan.redirects, context.site_url)
    outputs.append(OutputFile(redirects.REDIRECT_JSON, redirects.redirect_json(plan.redirects)))
    if data:
        outputs += [OutputFile(redirects.REDIRECT_MAP, data),
                    OutputFile(redirects.NGINX_CONFIG, redirects.nginx_config(plan.redirects, context.site_url)),
                    OutputFile(redirects.APACHE_CONFIG, redirects.apache_config(plan.redirects, context.site_url))]
    return outputs


def sitemap_files(_plan, context) -> list[OutputFile]:
    return [OutputFile(path, data) for path, data in sitemap.sitemaps(context.page_urls, context.site_url)]


def media_files(plan, context) -> list[OutputFile]:
    """Photos (every responsive size) and attachments of published articles, and directive PDFs."""
    cache = VariantCache(context.media_cache or Path(".cache/media"))
    outputs: dict[str, OutputFile] = {}
    for article in plan.index.articles:
        for item in article.media:
            if item.kind == "image":
                for width in item.variant_widths():
                    path = item.folder + item.variant_name(width)
                    if path not in outputs:
                        outputs[path] = OutputFile(path, cache.variant(item, width))
            elif item.url not in outputs:
                outputs[item.url] = OutputFile(item.url, item.source.read_bytes())
    for terms in plan.index.terms.values():
        for term in terms.values():
            pdf = term.document.pdf if term.document else None
            if pdf:
                outputs[pdf.url] = OutputFile(pdf.url, pdf.source.read_bytes())
    return list(outputs.values())


def code_index_files(plan, _context) -> list[OutputFile]:
    """For an index page too long to list every code: the codes as compact JSON
    ([code, url, articles, year] per document, by group), read by its filter as one types."""
    outputs = []
    for page in plan.pages:
        groups = page.context.get("groups") if page.kind == "taxonomy" else None
        if groups and not page.context.get("codes_inline"):
            data = [{"title": g["title"], "url": g["url"],
                     "codes": [[c["name"], c["url"], c["count"], c["year"]] for c in g["codes"]]} for g in groups]
            outputs.append(OutputFile(page.context["codes_url"],
                                      json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    return outputs


DECAP_DIST = Path("node_modules/decap-cms/dist")  # from package-lock.json: `npm ci`


def admin_files(plan, context) -> list[OutputFile]:
    """The web editor at /quan-tri/: its page, its configuration generated from the contract and
    registries (cms_config.py), and Decap CMS's bundle from node_modules (served from the site
    itself, never a CDN). Without the bundle installed the page says how to install it."""
    settings = plan.settings
    dist = settings.root / DECAP_DIST
    bundle = sorted(p for p in dist.glob("*decap-cms.js") if ".cms." not in p.name) + sorted(dist.glob("*.wasm")) \
        if dist.is_dir() else []
    config = cms_config(settings, plan.archive.registries, repo=settings.cms_repo)
    outputs = [OutputFile(f"{urls.ADMIN_URL}config.yml",
                          yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")),
               OutputFile(f"{urls.ADMIN_URL}index.html",
                          context.render("admin.html", installed=bool(bundle), site_name=context.site_name).encode("utf-8"))]
    outputs += [OutputFile(urls.ADMIN_URL + p.name, p.read_bytes()) for p in bundle]
    return outputs


EXTRAS = (media_files, feed_files, redirect_files, sitemap_files, code_index_files, admin_files)
PREVIEW_EXTRAS = (media_files, admin_files)  # an editor's preview needs the photos and the editor, not feeds


def build_extras(plan, context: ExtraContext) -> Iterator[OutputFile]:
    for extra in PREVIEW_EXTRAS if plan.settings.preview_limit else EXTRAS:
        yield from extra(plan, context)
