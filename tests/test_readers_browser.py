"""What a reader meets, measured in Chromium on the bundled site: facets that follow the query,
phone layout and target sizes, URL state, one Vietnamese order everywhere, the statistics
charts, the menu, and the /van-ban/ code filter."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import browser_page, require_browser, serve
from conftest import ROOT, build_site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DONE = "document.querySelector('.archive-search-status').textContent.match(/kết quả|Không tìm thấy/)"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    require_browser()
    site = tmp_path_factory.mktemp("readers") / "site"
    build_site(ROOT / "articles", site, strict=True)
    with serve(site) as url:
        yield url


@pytest.fixture()
def page():
    require_browser()
    with browser_page() as page:
        yield page


def search(page, url, params):
    page.goto(f"{url}tim-kiem/?{params}")
    page.wait_for_function(DONE)


def result_count(page) -> int:
    status = page.inner_text(".archive-search-status")
    return 0 if "Không" in status else int(status.split()[0])


def facet_options(page) -> list[tuple[str, str, int]]:
    return [(o["name"], o["value"], int(o["count"])) for o in page.evaluate(
        """() => Array.from(document.querySelectorAll('.archive-facet label')).filter(l => !l.hidden).map(l => ({
             name: l.querySelector('input').name, value: l.querySelector('input').value,
             count: l.querySelector('.archive-facet__count').textContent}))""")]


def test_facet_counts_are_those_of_the_results(page, site_url):
    """Every option shown has the count a click on it gives; none leads to no results."""
    page.set_viewport_size(DESKTOP)
    for query in ("q=16-CT/TU", "q=dan+van"):
        search(page, site_url, query)
        total = result_count(page)
        options = facet_options(page)
        assert options and all(0 < count <= total for _, _, count in options), options
        for name, value, count in options:
            search(page, site_url, f"{query}&{name}={value}")
            assert result_count(page) == count, (query, name, value)


def test_a_ticked_facet_keeps_its_siblings_and_the_url_follows(page, site_url):
    page.set_viewport_size(DESKTOP)
    search(page, site_url, "q=dan+van")
    units = [o for o in facet_options(page) if o[0] == "units"]
    first, second = units[0], units[1]
    page.click(f".archive-facet input[name='units'][value='{first[1]}']")  # re-renders the facets
    page.wait_for_function(f"location.search.includes('units=')")
    page.wait_for_function(DONE)
    assert result_count(page) == first[2]
    assert parse_qs(urlsplit(page.url).query)["units"] == [first[1]]
    # the other units of the query stay offered (ticking one adds its articles)
    assert second[1] in [o[1] for o in facet_options(page) if o[0] == "units"]
    page.go_back()
    page.wait_for_function("!location.search.includes('units=')")
    page.wait_for_function(DONE)
    assert not page.is_checked(f".archive-facet input[name='units'][value='{first[1]}']")


def test_phone_filters_are_folded_and_the_first_result_is_on_screen(page, site_url):
    page.set_viewport_size(PHONE)
    search(page, site_url, "q=dan+van")
    assert page.evaluate("document.querySelector('.archive-search-filters').open") is False
    box = page.query_selector(".archive-search-results li").bounding_box()
    assert box["y"] < PHONE["height"], box
    assert page.query_selector(".archive-facet") is None  # folded: no filter index downloaded yet
    page.click(".archive-search-filters > summary")
    page.wait_for_selector(".archive-facet label")
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.archive-facet label, .archive-search-form input, .archive-search-form select, .archive-search-form button,'
        + ' .archive-search-filters > summary')).filter(e => e.offsetParent).map(e => {
          const r = e.getBoundingClientRect();
          return [e.className || e.tagName, r.width, r.height, parseFloat(getComputedStyle(e).fontSize)]; })""")
    assert sizes
    for name, width, height, font in sizes:
        assert width >= 24 and height >= 24 and font >= 14, (name, width, height, font)
    checkbox = page.query_selector(".archive-facet input").bounding_box()
    assert checkbox["width"] >= 24 and checkbox["height"] >= 24


def test_phone_header_shows_the_whole_site_name(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "don-vi/")
    clipped = page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
        return [e.scrollWidth > e.clientWidth + 1, e.scrollHeight > e.clientHeight + 1, e.textContent.trim()]; }""")
    assert clipped[:2] == [False, False] and clipped[2] == "Lưu trữ Ban Dân vận Tỉnh ủy Lào Cai"


def test_menu_shows_where_the_reader_is(page, site_url):
    page.set_viewport_size(DESKTOP)
    article = page.goto(site_url + "2021/") and page.get_attribute(".archive-card__title", "href")
    for path, entry in (("don-vi/ban-dan-van-tinh-uy/", "Đơn vị"), ("2021/", "Theo thời gian"),
                        ("2021/" + article, "Theo thời gian"), ("van-ban/16-ct-tu-2021/", "Văn bản"),
                        ("phong-trao/", "Phong trào")):
        page.goto(site_url + path)
        active = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-sidebar--primary .md-nav__item--active > .md-nav__link')).map(a => a.textContent.trim())""")
        assert active == [entry], (path, active)
        # and the reader sees it: its link alone is coloured
        coloured = page.evaluate("""() => { const links = Array.from(document.querySelectorAll('.md-sidebar--primary .md-nav__link'));
            const plain = getComputedStyle(links.find(a => !a.closest('.md-nav__item--active'))).color;
            return links.filter(a => getComputedStyle(a).color !== plain).map(a => a.textContent.trim()); }""")
        assert entry in coloured and len(coloured) == 1, (path, coloured)


def _names(page, selector):
    return [e.strip() for e in page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")]


def test_one_vietnamese_order_on_every_page_and_in_the_filters(page, site_url):
    """Home, /thong-ke/ and the filters rank by count, then alphabetically; /don-vi/ is
    alphabetical. Names of equal count come in the same order everywhere, and the search page's
    JavaScript key sorts like the Python one."""
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "don-vi/")
    alphabetical = _names(page, ".archive-terms li > a")
    assert page.evaluate("names => names.slice().sort(window.archiveCollate)", alphabetical) == alphabetical
    words = ["Tỉnh", "Đảng", "Dân", "Ban", "Hội", "Ủy", "Uy", "ăn", "an", "ân", "bà", "ba", "bá", "Đà", "Da", "Bắc"]
    from newsarchive.collation import sort_key
    assert page.evaluate("w => w.slice().sort(window.archiveCollate)", words) == sorted(words, key=sort_key)

    def ranked(names_counts):
        return [n for n, _ in names_counts]

    page.goto(site_url)
    home = page.evaluate("""() => Array.from(Array.from(document.querySelectorAll('.archive-entry')).find(s =>
        s.querySelector('h2').textContent.includes('Đơn vị')).querySelectorAll('li')).map(li =>
        [li.querySelector('a').textContent.trim(), parseInt(li.querySelector('.archive-count').textContent)])""")
    page.goto(site_url + "thong-ke/")
    stats = page.evaluate("""() => Array.from(document.querySelector('#bieu-do-units').nextElementSibling
        .querySelectorAll('tbody tr')).map(tr => [tr.cells[0].textContent.trim(), parseInt(tr.cells[1].textContent)])""")
    search(page, site_url, "q=dan+van")
    facets = [(v, c) for n, v, c in facet_options(page) if n == "units"]
    expected = sorted(home, key=lambda e: (-e[1], sort_key(e[0])))
    assert home == expected
    assert ranked(stats) == ranked(expected)
    assert ranked(facets) == ranked(sorted(facets, key=lambda e: (-e[1], sort_key(e[0]))))
    for name_a, name_b in zip(ranked(facets), ranked(facets)[1:]):
        if dict(facets)[name_a] == dict(facets)[name_b] and name_a in alphabetical and name_b in alphabetical:
            assert alphabetical.index(name_a) < alphabetical.index(name_b)


def test_statistics_charts_fill_the_width_with_legible_labels(page, site_url):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(site_url + "thong-ke/")
        charts = page.evaluate("""() => Array.from(document.querySelectorAll('figure.archive-chart svg')).map(s => ({
            width: s.getBoundingClientRect().width,
            content: document.querySelector('.md-content__inner').getBoundingClientRect().width,
            fonts: Array.from(s.querySelectorAll('text')).map(t => t.getBoundingClientRect().height)}))""")
        assert len(charts) >= 4
        for chart in charts:
            assert chart["width"] >= 0.85 * chart["content"] - 50, chart
            assert min(chart["fonts"]) >= 12, chart
    years = page.eval_on_selector_all("#bieu-do-nam text[text-anchor=middle]", "ts => ts.map(t => t.textContent)")
    assert "2019" in years  # a year without articles stays on the axis


def test_directive_codes_filter_as_the_reader_types(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "van-ban/")
    every = _names(page, ".archive-codes li > a")
    assert len(every) == len(set(every)) >= 20
    page.fill("#archive-code-q", "16ct")
    shown = _names(page, ".archive-codes li:not([hidden]) > a")
    assert set(shown) == {"16-CT/TU", "16/CT-TTg"}
    page.fill("#archive-code-q", "91/2017/NĐ-CP")
    assert _names(page, ".archive-codes li:not([hidden]) > a") == ["91/2017/NĐ-CP"]
    page.fill("#archive-code-q", "")
    assert len(_names(page, ".archive-codes li:not([hidden]) > a")) == len(every)


def test_codes_list_works_without_javascript(site_url):
    require_browser()
    from playwright.sync_api import sync_playwright
    from browser import ARGS, CHROMIUM
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(site_url + "van-ban/")
        assert "16-CT/TU" in page.inner_text(".archive-codes")
        assert page.is_hidden("#archive-code-q")  # no dead box without the script
        browser.close()


def test_result_pages_are_in_the_url(page, site_url, tmp_path):
    """A query with more results than a page: numbered pages, ?page=N, Back returns."""
    from conftest import write_article
    for n in range(25):
        write_article(tmp_path / "a", f"2020/bai-{n:02d}.md", title=f"Hội nghị dân vận số {n}",
                      date=f"2020-03-{n % 28 + 1:02d}", units=["Ban Dân vận Tỉnh ủy"], body=f"Hội nghị lần {n}.\n")
    site = tmp_path / "site"
    build_site(tmp_path / "a", site)
    assert json.loads((site / "_archive/report.json").read_text())["report"]["search_records"] == 25
    with serve(site) as url:
        search(page, url, "q=hoi+nghi")
        assert len(page.query_selector_all(".archive-search-results li")) == 20
        first = _names(page, ".archive-search-results .archive-card__title")
        page.click(".archive-search-pages a[href*='page=2']")
        page.wait_for_function("location.search.includes('page=2')")
        page.wait_for_function("document.querySelectorAll('.archive-search-results li').length === 5")
        second = _names(page, ".archive-search-results .archive-card__title")
        assert not set(first) & set(second) and len(set(first) | set(second)) == 25
        page.go_back()
        page.wait_for_function("document.querySelectorAll('.archive-search-results li').length === 20")
        assert page.console_errors == []


def test_a_long_code_list_is_read_from_json_by_the_filter(page, tmp_path):
    """Past INLINE_CODES documents the index page does not carry every code: the filter reads
    van-ban/so-hieu.json at the first key, and the group pages list the codes without JavaScript."""
    from conftest import write_article
    from newsarchive.pages import INLINE_CODES
    per_article = 20
    for n in range(INLINE_CODES // per_article + 2):
        cites = " ".join(f"Kế hoạch số {n * per_article + k + 1}-KH/TU." for k in range(per_article))
        write_article(tmp_path / "a", f"2021/bai-{n:03d}.md", title=f"Bài {n}", date="2021-05-01",
                      units=["Ban Dân vận Tỉnh ủy"], body=cites + "\n")
    site = tmp_path / "site"
    build_site(tmp_path / "a", site)
    codes = json.loads((site / "van-ban/so-hieu.json").read_text(encoding="utf-8"))
    assert sum(len(g["codes"]) for g in codes) > INLINE_CODES
    html = (site / "van-ban/index.html").read_text(encoding="utf-8")
    assert "115-KH/TU" not in html and len(html) < 150_000
    page.set_viewport_size(PHONE)
    with serve(site) as url:
        page.goto(url + "van-ban/")
        page.fill("#archive-code-q", "115kh")
        page.wait_for_function("document.querySelectorAll('.archive-codes__found li').length > 0")
        assert _names(page, ".archive-codes__found li > a") == ["115-KH/TU"]
        page.click(".archive-codes__found li > a")
        page.wait_for_load_state()
        assert "115-KH/TU" in page.inner_text("h1")
        assert page.console_errors == []
