"""Publishing: feeds, redirects, statistics, SEO tags, sitemap, reproducible output, links,
and the CI workflow."""
from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import feedparser
import pytest

from conftest import ROOT, build_site, soup, write_article
from newsarchive.sitemap import sitemaps

SITE_URL = "https://example.org/luu-tru/"
SITE_ENV = {"SITE_URL": SITE_URL, "ARCHIVE_TERM_FEEDS": "don-vi,phong-trao,van-ban"}  # with the cited documents' feeds, off by default
HOSTILE = '"><script>alert(1)</script>&amp;'
BASE_PATH = urlsplit(SITE_URL).path


def make_articles(folder: Path) -> None:
    write_article(folder, "2021/hoi-nghi.md", title="Hội nghị dân vận", date="2021-08-02",
                  summary="Tóm tắt hội nghị.", units=["Ban Dân vận Tỉnh ủy"], campaigns=["Dân vận khéo"],
                  aliases=["/tin-tuc/hoi-nghi-123.html", "/tin-tuc/hoi-nghi/", "/Default.aspx?id=5", "/tin/99"],
                  body="Thực hiện Chỉ thị số 16-CT/TU, ngày 02/8/2021.\n")
    write_article(folder, "2020/tong-ket.md", title=f"Tổng kết {HOSTILE}", date="2020-12", summary=HOSTILE,
                  units=["Ban Dân vận Tỉnh ủy"], authors=[HOSTILE])
    write_article(folder, "2019/nam.md", title="Chỉ biết năm", date=2019, units=["Hội Nông dân tỉnh"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("pub")
    make_articles(base / "articles")
    build_site(base / "articles", base / "site", env=SITE_ENV)
    return base / "site"


def test_site_feed_is_valid_atom_with_latest_articles(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Hội nghị dân vận", f"Tổng kết {HOSTILE}", "Chỉ biết năm"]
    assert feed.entries[0].link == SITE_URL + "2021/08/hoi-nghi/"
    assert feed.feed.language == "vi"


@pytest.mark.parametrize("path, titles", [
    ("don-vi/ban-dan-van-tinh-uy/feed.xml", ["Hội nghị dân vận", f"Tổng kết {HOSTILE}"]),
    ("phong-trao/dan-van-kheo/feed.xml", ["Hội nghị dân vận"]),
    ("van-ban/16-ct-tu-2021/feed.xml", ["Hội nghị dân vận"]),
])
def test_term_feeds(site, path, titles):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo and [e.title for e in feed.entries] == titles


@pytest.mark.parametrize("page, feed", [("", "feed.xml"), ("don-vi/ban-dan-van-tinh-uy/", "don-vi/ban-dan-van-tinh-uy/feed.xml"),
                                        ("van-ban/16-ct-tu-2021/", "van-ban/16-ct-tu-2021/feed.xml")])
def test_feeds_are_advertised(site, page, feed):
    doc = soup(site / page / "index.html")
    links = [urljoin(page or "./", l["href"]) for l in doc.select('link[rel~="alternate"][type="application/atom+xml"]')]
    assert any(Path(site / l).resolve() == (site / feed).resolve() for l in links), links


def test_alias_redirect_pages(site):
    for alias_file in ("tin-tuc/hoi-nghi-123.html", "tin-tuc/hoi-nghi/index.html", "tin/99/index.html"):
        doc = soup(site / alias_file)
        refresh = doc.select_one('meta[http-equiv="refresh"]')["content"]
        target = refresh.split("url=", 1)[1]
        resolved = urljoin("http://x/" + alias_file, target).removeprefix("http://x/")
        assert resolved == "2021/08/hoi-nghi/", alias_file
        assert doc.select_one('link[rel="canonical"]')["href"] == SITE_URL + "2021/08/hoi-nghi/"
    lines = (site / "_redirects").read_text().splitlines()
    assert "/Default.aspx?id=5 /luu-tru/2021/08/hoi-nghi/ 301" in lines
    assert "/tin-tuc/hoi-nghi-123.html /luu-tru/2021/08/hoi-nghi/ 301" in lines


def test_alias_colliding_with_a_page_is_an_error(tmp_path):
    write_article(tmp_path / "a", "2021/x.md", title="X", date="2021-01-01", aliases=["/2021/"])
    result = build_site(tmp_path / "a", tmp_path / "s", strict=True, check=False)
    assert result.returncode != 0 and "aliases: alias '/2021/' collides with a page or file of the site" in result.stderr


def test_statistics_page(site):
    doc = soup(site / "thong-ke/index.html")
    svg = doc.select_one("svg[role=img]")
    assert svg.title.get_text() == "Số bài theo năm" and "2021: 1 bài" in svg.desc.get_text()
    assert len(svg.select("rect")) == 3 and svg["width"] == "100%" and not svg.get("viewBox")
    # one chart per taxonomy too, each followed by its table
    assert len(doc.select("svg.archive-chart__svg--bars")) == 3
    assert all(f.find_next_sibling("details").table for f in doc.select("figure.archive-chart"))
    rows = [[td.get_text() for td in tr.select("td")] for tr in doc.select("table")[0].select("tbody tr")]
    assert rows == [["2021", "1"], ["2020", "1"], ["2019", "1"]]
    assert not doc.select("script[src*='chart'], script[src^='http']")


def test_seo_tags(site):
    doc = soup(site / "2021/08/hoi-nghi/index.html")
    assert doc.select_one('meta[name="description"]')["content"] == "Tóm tắt hội nghị."
    assert doc.select_one('meta[property="og:title"]')["content"] == "Hội nghị dân vận"
    assert doc.select_one('meta[property="og:type"]')["content"] == "article"
    assert doc.select_one('link[rel="canonical"]')["href"] == SITE_URL + "2021/08/hoi-nghi/"
    hostile = soup(site / "2020/12/tong-ket/index.html")
    assert hostile.select_one('meta[name="description"]')["content"] == HOSTILE
    assert hostile.select_one('meta[property="og:description"]')["content"] == HOSTILE
    term = soup(site / "don-vi/ban-dan-van-tinh-uy/index.html")
    assert term.select_one('link[rel="canonical"]')["href"] == SITE_URL + "don-vi/ban-dan-van-tinh-uy/"


def test_sitemap_lists_every_page(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {SITE_URL + str(p.parent.relative_to(site)).replace(".", "").strip("/") + "/" if p.parent != site else SITE_URL
             for p in site.rglob("index.html") if not {"tin-tuc", "tin", "quan-tri"} & set(p.relative_to(site).parts)}
    pages = {p.replace("//", "/").replace("https:/", "https://") for p in pages}
    assert pages <= locs, sorted(pages - locs)[:5]
    lastmods = {e.find("{*}loc").text: e.find("{*}lastmod").text for e in root if e.find("{*}lastmod") is not None}
    assert lastmods[SITE_URL + "2019/nam/"] == "2019"


def test_sitemap_splits_past_the_limit():
    entries = [(f"a/{i}/", "") for i in range(7)]
    files = sitemaps(entries, "https://x.org/", limit=3)
    assert [name for name, _ in files] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(files[0][1])
    assert index.tag.endswith("sitemapindex") and len(index) == 3
    assert sum(len(ET.fromstring(data)) for _, data in files[1:]) == 7


def test_two_builds_are_byte_identical(site, tmp_path):
    make_articles(tmp_path / "articles")
    again = tmp_path / "site"
    build_site(tmp_path / "articles", again, env=SITE_ENV)
    comparison = filecmp.dircmp(site, again)
    differing = []

    def walk(c, prefix=""):
        differing.extend(prefix + n for n in c.diff_files + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, prefix + name + "/")
    walk(comparison)
    # dircmp compares shallowly by stat; confirm content for the files it calls equal too
    for path in site.rglob("*"):
        twin = again / path.relative_to(site)
        if path.is_file() and twin.is_file() and twin.read_bytes() != path.read_bytes():
            differing.append(str(path.relative_to(site)))
    # Pagefind 1.5.2 writes its filter and meta indexes in hash-map order, which changes from
    # run to run even single-threaded (upstream issue #638); everything we write is stable.
    assert sorted(set(p for p in differing if not p.startswith("pagefind/"))) == []
    assert not [p for p in differing if p.startswith("pagefind/fragment/")]


def test_no_broken_internal_links_or_anchors(site):
    """Crawl every HTML page: each internal href/src resolves to a file, each #anchor to an id."""
    ids: dict[Path, set] = {}

    def ids_of(path: Path) -> set:
        if path not in ids:
            ids[path] = {t["id"] for t in soup(path).select("[id]")}
        return ids[path]

    broken = []
    for page in site.rglob("*.html"):
        doc = soup(page)
        here = "http://site/" + page.relative_to(site).as_posix()
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in doc.select(f"{tag}[{attr}]"):
                url = urljoin(here, element[attr])
                parts = urlsplit(url)
                if parts.netloc != "site":
                    continue
                path = parts.path
                if page.name == "404.html" and path.startswith(BASE_PATH):  # 404 links are absolute
                    path = "/" + path[len(BASE_PATH):]
                target = site / path.lstrip("/")
                if path.endswith("/"):
                    target = target / "index.html"
                if not target.exists():
                    broken.append((str(page.relative_to(site)), element[attr]))
                elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids_of(target):
                    broken.append((str(page.relative_to(site)), element[attr]))
    assert broken == []


def test_ci_workflow_is_valid():
    workflow = ROOT / ".github/workflows/publish.yml"
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text()
    assert "make test" in text and "make site" in text and "deploy-pages" in text and "--dirty" not in text.replace(
        "never a --dirty build", "")
