"""Every URL in one place; the link policy."""
import pytest

from newsarchive import urls
from newsarchive.dates import PartialDate
from newsarchive.models import TaxonomyKind


def test_article_and_listing_urls():
    assert urls.article_url_for(PartialDate(2021, 8, 2), "a") == "2021/08/a/"
    assert urls.article_url_for(PartialDate(2021), "a") == "2021/a/"
    assert urls.term_url(TaxonomyKind.UNIT, "x", page=3) == "don-vi/x/trang/3/"
    assert urls.term_group_url(TaxonomyKind.DIRECTIVE, "CT-TU") == "van-ban/nhom/ct-tu/"
    assert urls.feed_url("don-vi/x/") == "don-vi/x/feed.xml" and urls.month_url(2021, 8) == "2021/08/"
    assert urls.year_pages_glob([2021, 2020]) == "{2021,2020}/**/index.html"


@pytest.mark.parametrize("url, safe", [
    ("https://baolaocai.vn/tin/1.html", True), ("http://x.vn", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False), ("//evil.example/x", False),
    ("https://user@evil.example/", False), ("https://x.vn/a b", False), ("https://x.vn/\u202e", False),
    ("/tin/1.html", False), ("", False),
])
def test_link_policy(url, safe):
    assert urls.is_safe_link(url) is safe


@pytest.mark.parametrize("path, reserved", [
    ("feed.xml", True), ("pagefind/x.js", True), ("pagefind-2/x", True), ("assets/a.css", True),
    ("_redirects", True), ("404.html", True), ("bao-cao-xay-dung/", True), ("tin-tuc/1.html", False),
])
def test_reserved_paths(path, reserved):
    assert urls.is_reserved(path) is reserved


@pytest.mark.parametrize("site", ["https://x.vn/", "https://x.vn/sub/", "https://x.vn/sub", "https://x.vn"])
def test_absolute_urls_are_what_urljoin_gives(site):
    from urllib.parse import urljoin
    join = urls.absolute(site)
    for url in ["", "./", "2018/01/bai-1/", "a/b/index.html", "/abs/", "./x", "../y/", "a/../b", "mailto:x",
                "?q=1", "#f", "a:b/c", "đ/ư/", "a%20b/"]:
        assert join(url) == urljoin(site, url), (site, url)


def test_relative_links_are_what_mkdocs_url_filter_gives():
    """The shell's `url` filter computes plain links itself; every one must be MkDocs' own
    answer, and anything it does not recognise as plain must be left to MkDocs (None)."""
    import itertools
    from types import SimpleNamespace

    from mkdocs.utils import normalize_url
    segments = ["2016", "03", "bai-1", "bai-2", "van-ban", "x.y", "feed.xml", "", ".", "..", "#f", "q?x",
                "đ", "b%20c", "~u", "-"]
    pages = ["", "2016/", "2016/03/", "2016/03/bai-1/", "van-ban/a/trang/2/", "x.y/", "404.html", "a/index.html"]
    plain = 0
    for length in range(4):
        for parts in itertools.product(segments, repeat=length):
            for end in ("", "/"):
                url = "/".join(parts) + end
                for page in pages:
                    got = urls.relative_plain(url, page)
                    if got is not None:
                        plain += 1
                        assert got == normalize_url(url, page=SimpleNamespace(url=page)), (url, page)
    assert plain > 5_000  # the fast path is really taken, not everything left to MkDocs
    assert urls.relative_plain("2016/03/bai-2/", "2016/03/bai-1/") == "../bai-2/"
    assert urls.relative_plain("../x/", "a/") is None and urls.relative_plain("x/", "404.html") is None
