"""Old portal URLs (`aliases:`) -> redirect pages and a redirect map for servers that can
redirect themselves (Netlify/Cloudflare `_redirects` format)."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from . import urls
from .models import Issue
from .text import excerpt

REDIRECT_MAP = "_redirects"
_PAGE_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Redirect:
    alias: str  # old path, e.g. /tin-tuc/123.html (may carry ?query)
    target: str  # site-relative URL of the article, e.g. 2021/08/slug/
    title: str
    source: str  # article file, for messages

    @property
    def page_path(self) -> str | None:
        """Where a static redirect page can stand for this alias, or None (query strings,
        .aspx/.php paths: only the redirect map can serve those)."""
        parts = urlsplit(self.alias)
        if parts.query:
            return None
        path = parts.path.lstrip("/")
        if not path:
            return None
        if path.endswith("/"):
            return path + "index.html"
        last = path.rsplit("/", 1)[-1]
        if "." not in last:
            return path + "/index.html"
        return path if last.lower().endswith(_PAGE_SUFFIXES) else None


def _takes_owned_path(alias: str, taken: set[str]) -> bool:
    """Whether an alias would stand on (or inside a folder of) something the site owns:
    a page ("2021/", "tim-kiem/"), a reserved file ("feed.xml") or folder ("pagefind/").
    Compared without letter case: case-insensitive hosts serve /Tim-Kiem/ as /tim-kiem/."""
    path = urlsplit(alias).path.lstrip("/").lower()
    candidates = {path, path.removesuffix("index.html"), path.rstrip("/") + "/"}
    folders = {path.split("/", 1)[0] + "/"} if "/" in path else set()
    lowered = {t.lower() for t in taken}
    return bool(candidates & lowered) or any(urls.is_reserved(c) for c in candidates | folders)


def collect_redirects(articles, taken: set[str]) -> tuple[list[Redirect], list[Issue]]:
    """Aliases of all articles; one that would overwrite a page, a file or folder the site
    owns, or another alias, is an error; between two articles the first by file path keeps it."""
    redirects, issues = [], []
    owners: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.rel_path):
        for alias in article.aliases:
            redirect = Redirect(alias, urls.article_url(article), article.title, article.rel_path)
            key = (redirect.page_path or alias).lower()
            clash = "a page or file of the site" if _takes_owned_path(alias, taken) else owners.get(key)
            if clash:
                issues.append(Issue(article.rel_path, f"alias {excerpt(alias)} collides with {clash}", "aliases",
                                    hint="remove the alias or correct the old URL", draft=article.draft))
                continue
            owners[key] = article.rel_path
            redirects.append(redirect)
    return redirects, issues


def redirect_map(redirects: list[Redirect], site_url: str) -> bytes:
    base = urlsplit(site_url).path or "/"
    lines = [f"{r.alias} {posixpath.join(base, r.target)} 301" for r in sorted(redirects, key=lambda r: r.alias)]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def redirect_page_context(redirect: Redirect, site_url: str) -> dict:
    here = posixpath.dirname(redirect.page_path)
    relative = posixpath.relpath(redirect.target, here or ".") + "/"
    return {"title": redirect.title, "target": relative, "canonical": urljoin(site_url, redirect.target)}
