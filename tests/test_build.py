"""End-to-end: build a small fixture archive with MkDocs and check the HTML with a parser."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, build_site, soup, write_article

HOSTILE = '</title><script>alert("x")</script><img src=x onerror=alert(1)>'
UNIT = "Ban Dân vận Tỉnh ủy"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("fixture")
    articles = base / "articles"
    expected = {}  # rel path -> meta
    for i in range(25):  # one unit with 25 articles: two listing pages of 20
        month = 1 + i % 12
        year = 2020 + i // 12
        meta = {"title": f"Bài số {i:02d} về dân vận", "date": f"{year}-{month:02d}-{1 + i:02d}",
                "units": [UNIT], "authors": ["Đặng Nguyệt"]}
        if i % 3 == 0:
            meta["campaigns"] = ["Dân vận khéo"]
        body = "Thực hiện Chỉ thị số 16-CT/TU, ngày 02/8/2021 của Tỉnh ủy.\n" if i % 5 == 0 else "Nội dung.\n"
        rel = f"{year}/bai-{i:02d}.md"
        write_article(articles, rel, body=body, **meta)
        expected[rel] = meta
    write_article(articles, "2019/chi-biet-nam.md", title="Chỉ biết năm", date=2019, units=["Hội Nông dân tỉnh"])
    write_article(articles, "2019/chi-biet-thang.md", title="Chỉ biết tháng", date="2019-05",
                  campaigns=["Văn hoá công sở"])  # old tone-mark placement merges with "Văn hóa công sở"
    write_article(articles, "2019/nguy-hiem.md", title=HOSTILE, date="2019-06-01", summary=HOSTILE,
                  body='<script>alert(2)</script>\n\n<a href="javascript:alert(3)">x</a> <b onclick="alert(4)">b</b>\n')
    write_article(articles, "2019/ban-nhap.md", title="Bản nháp", date="2019-07-01", draft=True)
    write_article(articles, "2019/loi.md", date="2019-07-01")  # no title: an error, not published
    site = base / "site"
    result = build_site(articles, site)
    return site, expected, result


def page(site: Path, url: str):
    path = site / url / "index.html"
    assert path.exists(), f"missing page /{url}"
    return soup(path)


def resolve(from_url: str, href: str) -> str:
    """A relative link on page /from_url -> site-relative URL."""
    return urljoin("http://x/" + from_url, href).removeprefix("http://x/")


def listed_titles(site: Path, url: str) -> list[str]:
    """Titles listed on a term/archive page and all its following pages."""
    titles = []
    while url:
        doc = page(site, url)
        titles += [a.get_text() for a in doc.select(".archive-list .archive-card__title")]
        nxt = doc.select_one('.archive-pagination a[rel="next"]')
        url = resolve(url, nxt["href"]) if nxt else None
    return titles


def test_build_reports_the_bad_article_and_keeps_the_rest(fixture_site):
    site, _, result = fixture_site
    assert "2019/loi.md" in result.stderr and "title" in result.stderr
    report = json.loads((site / "_archive/report.json").read_text())
    r = report["report"]
    assert (r["found"], r["published"], r["drafts"], len(r["failed"])) == (30, 28, 1, 1)
    assert report["accounted"] is True


def test_article_page_has_title_date_and_chips_linking_to_term_pages(fixture_site):
    site, expected, _ = fixture_site
    url = "2020/01/bai-00/"
    doc = page(site, url)
    assert doc.select_one("article h1").get_text() == "Bài số 00 về dân vận"
    assert doc.select_one(".archive-meta time").get_text() == "Ngày 1 tháng 1 năm 2020"
    chips = {a.get_text(" ", strip=True): resolve(url, a["href"]) for a in doc.select(".archive-chip")}
    assert chips[UNIT] == "don-vi/ban-dan-van-tinh-uy/"
    assert chips["Dân vận khéo"] == "phong-trao/dan-van-kheo/"
    assert chips["Chỉ thị 16-CT/TU ngày 02/08/2021"] == "van-ban/16-ct-tu-2021/"
    for target in chips.values():
        assert (site / target / "index.html").exists()


def test_every_article_has_a_page(fixture_site):
    site, expected, _ = fixture_site
    for rel, meta in expected.items():
        year, month, _ = meta["date"].split("-")
        doc = page(site, f"{year}/{month}/{Path(rel).stem}/")
        assert doc.select_one("article h1").get_text() == meta["title"]


def test_term_pages_list_exactly_their_articles_newest_first_paginated(fixture_site):
    site, expected, _ = fixture_site
    titles = listed_titles(site, "don-vi/ban-dan-van-tinh-uy/")
    wanted = sorted(expected.values(), key=lambda m: m["date"], reverse=True)
    assert titles == [m["title"] for m in wanted]
    first = page(site, "don-vi/ban-dan-van-tinh-uy/")
    assert len(first.select(".archive-card")) == 20
    assert first.select_one(".archive-count").get_text() == "25 bài viết"
    second = page(site, "don-vi/ban-dan-van-tinh-uy/trang/2/")
    assert len(second.select(".archive-card")) == 5
    assert resolve("don-vi/ban-dan-van-tinh-uy/trang/2/", second.select_one('a[rel="prev"]')["href"]) == \
        "don-vi/ban-dan-van-tinh-uy/"
    kheo = listed_titles(site, "phong-trao/dan-van-kheo/")
    assert sorted(kheo) == sorted(m["title"] for m in expected.values() if "campaigns" in m)
    directive = listed_titles(site, "van-ban/16-ct-tu-2021/")
    assert len(directive) == 5


def test_tone_mark_variants_merge_into_the_registered_term(fixture_site):
    site, _, _ = fixture_site
    assert listed_titles(site, "phong-trao/van-hoa-cong-so/") == ["Chỉ biết tháng"]


def test_partial_dates_are_shown_as_given_and_archived(fixture_site):
    site, _, _ = fixture_site
    doc = page(site, "2019/chi-biet-nam/")
    assert doc.select_one(".archive-meta time").get_text() == "Năm 2019"
    doc = page(site, "2019/05/chi-biet-thang/")
    assert doc.select_one(".archive-meta time").get_text() == "Tháng 5 năm 2019"
    assert "Chỉ biết năm" in listed_titles(site, "2019/")
    assert listed_titles(site, "2019/05/") == ["Chỉ biết tháng"]
    assert "Chỉ biết năm" not in sum((listed_titles(site, f"2019/{m:02d}/") for m in (5, 6)), [])


def test_year_and_month_archives(fixture_site):
    site, expected, _ = fixture_site
    in_2021 = [m["title"] for m in expected.values() if m["date"].startswith("2021")]
    assert sorted(listed_titles(site, "2021/")) == sorted(in_2021)
    months = page(site, "2021/").select(".archive-months a")
    assert months and all((site / resolve("2021/", a["href"]) / "index.html").exists() for a in months)
    index = page(site, "luu-tru/")
    assert [h.a.get_text() for h in index.select("h2")] == ["Năm 2022", "Năm 2021", "Năm 2020", "Năm 2019"]


def test_home_lists_latest_articles_and_entry_points(fixture_site):
    site, expected, _ = fixture_site
    doc = soup(site / "index.html")
    latest = [a.get_text() for a in doc.select(".archive-list .archive-card__title")]
    newest = sorted(expected.values(), key=lambda m: m["date"], reverse=True)[:15]
    assert latest == [m["title"] for m in newest]
    headings = [h.get_text(" ", strip=True) for h in doc.select(".archive-entry h2")]
    assert any(h.startswith("Đơn vị") for h in headings) and any(h.startswith("Văn bản") for h in headings)


def test_taxonomy_index_pages_count_terms(fixture_site):
    site, _, _ = fixture_site
    doc = page(site, "don-vi/")
    entries = {li.a.get_text(): li.select_one(".archive-count").get_text() for li in doc.select(".archive-terms li")}
    assert entries == {UNIT: "25 bài", "Hội Nông dân tỉnh": "1 bài"}


def test_draft_is_not_published(fixture_site):
    site, _, _ = fixture_site
    assert not (site / "2019/07/ban-nhap").exists()


def test_hostile_title_and_body_are_inert(fixture_site):
    site, _, _ = fixture_site
    for path in [site / "2019/06/nguy-hiem/index.html", site / "2019/06/index.html", site / "index.html"]:
        doc = soup(path)
        for script in doc.find_all("script"):
            assert "alert" not in script.get_text(), path
        for tag in doc.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (path, tag)
            assert not str(tag.get("href", "")).startswith("javascript:"), (path, tag)
    doc = soup(site / "2019/06/nguy-hiem/index.html")
    assert doc.title.get_text().startswith(HOSTILE)
    assert doc.select_one("article h1").get_text() == HOSTILE


def test_strict_build_fails_naming_file_and_field(fixture_site, tmp_path):
    site, _, _ = fixture_site
    articles = tmp_path / "a"
    write_article(articles, "2021/ok.md", title="Được", date="2021-01-01")
    write_article(articles, "2021/sai.md", title="Sai", date="2021-02-30")
    result = build_site(articles, tmp_path / "site", strict=True, check=False)
    assert result.returncode != 0
    assert "2021/sai.md:3: date: '2021-02-30' is not a real day" in result.stderr


def test_directive_index_groups_by_type_and_issuer(fixture_site):
    site, _, _ = fixture_site
    doc = page(site, "van-ban/")
    groups = {a.get_text(): resolve("van-ban/", a["href"]) for a in doc.select("table a")}
    assert groups == {"Chỉ thị — Tỉnh ủy": "van-ban/nhom/ct-tu/"}
    group = page(site, "van-ban/nhom/ct-tu/")
    links = {a.get_text(): resolve("van-ban/nhom/ct-tu/", a["href"]) for a in group.select(".archive-terms a")}
    assert links == {"16-CT/TU": "van-ban/16-ct-tu-2021/"}
    term = page(site, "van-ban/16-ct-tu-2021/")
    assert "Về nâng cao chất lượng" in term.select_one(".archive-directive").get_text()
    assert [td.get_text() for td in term.select("table tbody td")] == ["2020", "3", "2021", "2"]


def test_first_mention_of_a_directive_links_to_its_page(fixture_site):
    site, _, _ = fixture_site
    url = "2020/01/bai-00/"
    links = soup(site / url / "index.html").select(".archive-body a.archive-directive-link")
    assert [(a.get_text(), resolve(url, a["href"])) for a in links] == [
        ("Chỉ thị số 16-CT/TU, ngày 02/8/2021", "van-ban/16-ct-tu-2021/")]


def test_properdocs_builds_the_same_site(tmp_path):
    """ProperDocs (the maintained fork of MkDocs 1.6) runs the same hooks: same files, same pages."""
    import os
    import subprocess
    import sys
    sites = {}
    for generator in ("mkdocs", "properdocs"):
        site = tmp_path / generator
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ARCHIVE_SEARCH": "0", "SITE_URL": "https://example.org/"}
        done = subprocess.run([sys.executable, "-m", generator, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                               "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        sites[generator] = site
    files = {name: sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
             for name, site in sites.items()}
    assert files["mkdocs"] == files["properdocs"]
    for page in [f for f in files["mkdocs"] if f.endswith("index.html") and f[:2] == "20"]:
        main = [str(soup(sites[name] / page).select_one("article")) for name in sites]
        assert main[0] == main[1], page
