"""Old portal addresses of any shape reach their article on a plain static host: the 404 page
looks the path and query up in the redirect map (Chromium against a server that answers
missing paths with 404.html, as GitHub Pages does)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from browser import browser_page, require_browser, serve
from conftest import build_site, write_article

ALIASES = ["/Pages/tin-tuc/bai-cu-123.aspx", "/Default.aspx?id=123", "/tin/bài-cũ.html", "/tin-tuc/456.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_browser()
    base = tmp_path_factory.mktemp("redirects")
    write_article(base / "articles", "2021/bai-moi.md", title="Bài mới", date="2021-08-02", aliases=ALIASES)
    site = base / "site"
    build_site(base / "articles", site, env={"SITE_URL": "https://luutru.example.vn/"})
    return site


@pytest.mark.parametrize("alias", ALIASES)
def test_old_address_moves_the_reader_to_the_article(site, alias):
    with serve(site, like_pages=True) as url, browser_page() as page:
        missing = []
        page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
        old = url.rstrip("/") + quote(alias, safe="/?=&")
        page.goto(old)
        page.wait_for_url("**/2021/08/bai-moi/", timeout=10000)
        assert page.locator("article h1").inner_text() == "Bài mới"
        assert set(missing) <= {old}  # at most the old address itself (.html aliases have a redirect page)
        assert [e for e in page.console_errors if "404" not in e] == []


def test_unknown_address_gets_the_vietnamese_404_with_search(site):
    with serve(site, like_pages=True) as url, browser_page() as page:
        response = page.goto(url + "khong-co/trang-nay.html")
        assert response.status == 404
        page.wait_for_timeout(300)
        assert page.locator("h1").first.inner_text() == "Không tìm thấy trang"
        assert page.locator("#archive-missing").is_visible()
        page.fill("#archive-404-q", "dân vận")
        page.click(".archive-404-search button")
        page.wait_for_url("**/tim-kiem/?q=*")


def test_server_snippets_are_published(site):
    nginx = (site / "_archive/redirects.nginx.conf").read_text()
    assert '"/Default.aspx?id=123" "/2021/08/bai-moi/";' in nginx
    apache = (site / "_archive/redirects.htaccess").read_text()
    assert "RewriteCond %{QUERY_STRING} ^id=123$" in apache
