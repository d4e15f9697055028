"""axe-core in headless Chromium: no serious or critical violations on the main page types."""
from __future__ import annotations

import pytest

from browser import browser_page, require_browser, serve
from conftest import ROOT, build_site

PAGES = {
    "home": "",
    "article": "2018/01/ban-dan-van-tinh-uy-khen-thuong-9-tap-the-co-thanh-tich-xuat-sac/",
    "term": "don-vi/ban-dan-van-tinh-uy/",
    "directive": "van-ban/16-ct-tu-2021/",
    "taxonomy": "van-ban/",
    "archive": "2021/",
    "statistics": "thong-ke/",
    "search": "tim-kiem/?q=dan+van+kheo",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_browser()
    site = tmp_path_factory.mktemp("a11y") / "site"
    build_site(ROOT / "articles", site)
    with serve(site) as url, browser_page() as page:
        yield url, page


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_violations(served, name):
    from axe_playwright_python.sync_playwright import Axe
    url, page = served
    page.goto(url + PAGES[name])
    if name == "search":
        page.wait_for_function("document.querySelector('.archive-search-status').textContent.match(/kết quả/)")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
