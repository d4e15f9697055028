"""Every page type loads in Chromium without a failing request or a console error, and without
Material fetching sitemap.xml (it took each [rel=alternate] feed link for a language version:
2.5 MB per view at 10,000 articles, and a 404 on every term page)."""
from __future__ import annotations

import pytest

from browser import browser_page, require_browser, serve
from conftest import ROOT, build_site

PAGES = ["", "don-vi/", "don-vi/ban-dan-van-tinh-uy/", "phong-trao/", "van-ban/", "2021/", "luu-tru/",
         "thong-ke/", "tim-kiem/", "bao-cao-xay-dung/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_browser()
    site = tmp_path_factory.mktemp("pages") / "site"
    build_site(ROOT / "articles", site, strict=True, env={"SITE_URL": "https://luutru.example.vn/"})
    return site


def test_page_types_load_cleanly(site):
    article = next(p for p in (site / "2021").rglob("index.html") if 'class="archive-article"' in p.read_text())
    pages = PAGES + [article.parent.relative_to(site).as_posix() + "/"]
    with serve(site) as url, browser_page() as page:
        requests, failed = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
        assert [u for u in requests if "sitemap" in u] == []
        assert failed == [] and page.console_errors == []


def test_on_a_phone_the_article_text_starts_on_the_first_screen(site):
    articles = [p for p in site.rglob("index.html") if 'class="archive-article"' in p.read_text(encoding="utf-8")]
    article = max(articles, key=lambda p: p.read_text(encoding="utf-8").count("archive-chip "))  # the most chips
    with serve(site) as url, browser_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url + article.parent.relative_to(site).as_posix() + "/")
        first = page.locator(".archive-body p").first.bounding_box()
        chips = page.locator(".archive-chips").bounding_box()
        assert first["y"] < 844 and chips["y"] > first["y"]
