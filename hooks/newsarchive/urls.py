"""Every URL and source path of the archive, in one place.

URLs are relative to the site root, directory style ("2021/08/slug/"); a generated page's
MkDocs source path is its URL + "index.md".
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from .models import Article, TaxonomyKind
from .settings import DEFAULT_TAXONOMIES
from .text import slugify

PAGE_SEGMENT = "trang"  # /don-vi/x/trang/2/
ARCHIVE_SEGMENT = "luu-tru"
FEED_FILE = "feed.xml"  # the site's feed, and one beside every term page
STATS_URL = "thong-ke/"
REPORT_URL = "bao-cao-xay-dung/"
ADMIN_URL = "quan-tri/"  # the web editor (Decap CMS): never indexed, never in the sitemap
REPORT_JSON = "_archive/report.json"
SHARED_MEDIA_URL = "media/"  # photos of articles/_media/
# What the site itself publishes beside its pages: no article page or alias may take these.
RESERVED_FILES = frozenset({"index.html", "404.html", "sitemap.xml", FEED_FILE, "_redirects", "pagefind-shards.json"})
RESERVED_FOLDERS = frozenset({"pagefind/", "assets/", "_archive/", "stylesheets/", "javascripts/", "search/",
                              REPORT_URL, ADMIN_URL})


def feed_url(page_url: str = "") -> str:
    return f"{page_url}{FEED_FILE}"


# A plain site-relative URL: segments of unreserved characters, none starting with a dot (so no
# "." or ".." segment), no empty segment. A page URL, also without any dot (never a file name).
_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")
_PLAIN_PAGE_URL = re.compile(r"(?:[A-Za-z0-9_~-]+/)*")


@lru_cache(maxsize=256)
def _folders(page_url: str) -> tuple[str, ...]:
    return tuple(page_url.split("/")[:-1])


def relative_plain(url: str, page_url: str) -> str | None:
    """`url` relative to the page at `page_url`, both plain site-relative URLs (as every link a
    generated page holds is), exactly as MkDocs' `url` filter writes it: "../bai-2/" beside
    "2016/03/bai-1/". None for anything else (absolute, "#x", "..", dots in the page URL):
    the caller then asks MkDocs. Computed here because MkDocs' general version (two
    normpath per link) took ~5 s of the 560,000 links at 10,000 articles."""
    if not url or not _PLAIN_URL.fullmatch(url) or not _PLAIN_PAGE_URL.fullmatch(page_url):
        return None
    here, there = _folders(page_url), url.split("/")
    if there[-1] == "":
        there.pop()
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


@lru_cache(maxsize=8)
def absolute(site_url: str):
    """A function giving urljoin(site_url, url), with the common case -- a plain relative
    path, as every page URL is -- joined by concatenation (urljoin took ~0.7 s for the 29,000
    URLs of the 10k sitemap, a third of the time of making the feeds)."""
    folder = urljoin(site_url, ".")

    def join(url: str) -> str:
        if not url or url.startswith(("/", ".", "?", "#")) or "/." in url or ":" in url.split("/", 1)[0]:
            return urljoin(site_url, url)
        return folder + url
    return join


def is_reserved(path: str) -> bool:
    """A site path (no leading "/") that is, or is inside, something the site publishes itself."""
    path = path.lower()
    return path in RESERVED_FILES or path in RESERVED_FOLDERS or any(path.startswith(f) for f in RESERVED_FOLDERS) \
        or path.startswith("pagefind-")


def article_url(article: Article) -> str:
    return article_url_for(article.date, article.slug)


def article_url_for(date, slug: str) -> str:
    month = f"{date.month:02d}/" if date.month else ""
    return f"{date.year:04d}/{month}{slug}/"


def paged(url: str, page: int) -> str:
    return url if page <= 1 else f"{url}{PAGE_SEGMENT}/{page}/"


def taxonomy_url(kind: TaxonomyKind, taxonomies=DEFAULT_TAXONOMIES) -> str:
    return f"{taxonomies[kind].segment}/"


def code_index_url(kind: TaxonomyKind, taxonomies=DEFAULT_TAXONOMIES) -> str:
    """Every code of a by-group taxonomy as JSON, for its index page's filter."""
    return f"{taxonomies[kind].segment}/so-hieu.json"


def term_url(kind: TaxonomyKind, slug: str, page: int = 1, taxonomies=DEFAULT_TAXONOMIES) -> str:
    return paged(f"{taxonomies[kind].segment}/{slug}/", page)


def term_file_url(kind: TaxonomyKind, slug: str, name: str, taxonomies=DEFAULT_TAXONOMIES) -> str:
    """A file shown on a term's page (a directive's PDF)."""
    return term_url(kind, slug, taxonomies=taxonomies) + name


def term_group_url(kind: TaxonomyKind, group: str, page: int = 1, taxonomies=DEFAULT_TAXONOMIES) -> str:
    """One group of a grouped taxonomy index ("Chỉ thị — Tỉnh ủy"): /van-ban/nhom/ct-tu/."""
    return paged(f"{taxonomies[kind].segment}/nhom/{slugify(group)}/", page)


def year_url(year: int, page: int = 1) -> str:
    return paged(f"{year:04d}/", page)


def month_url(year: int, month: int, page: int = 1) -> str:
    return paged(f"{year:04d}/{month:02d}/", page)


def archive_index_url() -> str:
    return f"{ARCHIVE_SEGMENT}/"


def year_pages_glob(years: list[int]) -> str:
    """Every page under these year folders (article pages live under their year): what the
    search indexer reads."""
    folders = [f"{y:04d}" for y in years]
    return (f"{{{','.join(folders)}}}" if len(folders) > 1 else folders[0]) + "/**/index.html"


def src_uri(url: str) -> str:
    """MkDocs source path of a generated page with this URL."""
    return f"{url}index.md"


def is_safe_link(url: str) -> bool:
    """The one URL policy for links taken from articles and registries: http(s) with a host
    (no credentials, no spaces or control characters) -- nothing a browser would run."""
    if not url or any(ch.isspace() or not ch.isprintable() for ch in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc


def nav_section(url: str) -> str:
    """The menu entry a generated page belongs to: a term page under its taxonomy's index,
    an article, year or month page under the archive by date ("Theo thời gian")."""
    first = url.split("/", 1)[0]
    return archive_index_url() if first.isdigit() or first == ARCHIVE_SEGMENT else f"{first}/"
