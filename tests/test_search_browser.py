"""Search in a real browser: Pagefind over the bundled articles, accents optional, directive
codes as typed, facets, no console errors."""
from __future__ import annotations

import json

import pytest

from browser import browser_page, require_browser, serve
from conftest import ROOT, build_site

KHEO = "Đảng bộ Các cơ quan tỉnh nâng cao chất lượng phong trào “Dân vận khéo”"
DNKD = "Công tác dân vận, Quy chế dân chủ ở cơ sở và phong trào thi đua \"Dân vận khéo\" của Đảng ủy Khối Doanh nghiệp năm 2017"
CT16 = "Ban Dân vận Tỉnh ủy tiếp tục thực hiện có hiệu quả phong trào thi đua năm 2021"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    require_browser()
    site = tmp_path_factory.mktemp("searchsite") / "site"
    build_site(ROOT / "articles", site, strict=True)
    assert json.loads((site / "_archive/report.json").read_text())["report"]["search_records"] == 5
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    require_browser()
    with browser_page() as page:
        yield page


def results(page, url, query="", params=""):
    page.goto(f"{url}tim-kiem/?q={query}{params}")
    page.wait_for_function(
        "document.querySelector('.archive-search-status').textContent.match(/kết quả|Không tìm thấy/)")
    return [a.inner_text() for a in page.query_selector_all(".archive-search-results .archive-card__title")]


def test_accentless_query_finds_dan_van_kheo(page, site_url):
    assert KHEO in results(page, site_url, "dan van kheo")


def test_dj_folding_finds_dang_uy_khoi_doanh_nghiep(page, site_url):
    found = results(page, site_url, "dang uy khoi doanh nghiep")
    assert found and found[0] == DNKD


def test_directive_code_as_typed(page, site_url):
    assert results(page, site_url, "16-CT/TU") == [CT16]
    assert CT16 in results(page, site_url, "91/2017/NĐ-CP")


def test_directive_query_snippet_is_the_citing_sentence(page, site_url):
    """The index holds the article text, not the chips: the snippet is the body's sentence."""
    results(page, site_url, "16-CT/TU")
    snippet = page.query_selector(".archive-search-results li").inner_text()
    assert "ban hành Chỉ thị số 16-CT/TU" in snippet, snippet


def test_unit_facet_narrows_results(page, site_url):
    everything = results(page, site_url, "dan van")
    narrowed = results(page, site_url, "dan van", "&units=Đảng ủy Khối Doanh nghiệp")
    assert narrowed == [DNKD] and len(everything) > len(narrowed)
    box = page.query_selector(".archive-search-facets input[name='units'][value='Đảng ủy Khối Doanh nghiệp']")
    assert box.is_checked()
    # a click, not uncheck(): the change re-renders the facets, so the old element is gone by
    # the time Playwright would read its state back; the URL and the results say it worked
    page.click(".archive-search-facets input[name='units'][value='Đảng ủy Khối Doanh nghiệp']")
    page.wait_for_function("!location.search.includes('units=')")
    page.wait_for_function("document.querySelectorAll('.archive-search-results li').length > 1")


def test_sort_by_date(page, site_url):
    newest = results(page, site_url, "dan van", "&sort=desc")
    oldest = results(page, site_url, "dan van", "&sort=asc")
    assert newest == list(reversed(oldest)) and newest[-1] == DNKD


def test_header_box_and_shortcut_open_results(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "archive-header-q"
    page.keyboard.type("dan van kheo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=dan+van+kheo")
    page.wait_for_function("document.querySelector('.archive-search-status').textContent.match(/kết quả/)")
    assert KHEO in [a.inner_text() for a in page.query_selector_all(".archive-search-results .archive-card__title")]


def test_no_console_errors(page, site_url):
    page.console_errors.clear()
    results(page, site_url, "dân vận")
    page.goto(site_url)
    assert page.console_errors == []


def test_sharded_index_is_merged_in_the_browser(page, tmp_path):
    """A small shard size forces one Pagefind run per year; the search page merges them."""
    require_browser()
    from conftest import write_article
    from newsarchive.search_index import plan_shards
    assert plan_shards({2021: 3, 2020: 2, 2019: 4, 2018: 1}, 5) == [[2021, 2020], [2019, 2018]]
    assert plan_shards({2021: 9, 2020: 1}, 5) == [[2021], [2020]]
    for year in (2019, 2020, 2021):
        write_article(tmp_path / "a", f"{year}/bai-{year}.md", title=f"Hội nghị dân vận năm {year}",
                      date=f"{year}-05-01", units=["Ban Dân vận Tỉnh ủy"], body=f"Đảng ủy tổng kết năm {year}.\n")
    site = tmp_path / "site"
    build_site(tmp_path / "a", site, env={"ARCHIVE_SEARCH_SHARD_PAGES": "1"})
    assert json.loads((site / "pagefind-shards.json").read_text()) == ["pagefind-2/", "pagefind-3/"]
    assert json.loads((site / "_archive/report.json").read_text())["report"]["search_records"] == 3
    page.console_errors.clear()
    with serve(site) as url:
        found = results(page, url, "dang uy", "&sort=desc")
        assert found == [f"Hội nghị dân vận năm {y}" for y in (2021, 2020, 2019)]
        assert results(page, url, "hoi nghi", "&year=2020") == ["Hội nghị dân vận năm 2020"]
        assert page.console_errors == []
