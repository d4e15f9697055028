"""Sitemaps: one file, or an index with parts past the limit; absolute, escaped URLs."""
from xml.etree import ElementTree as ET

from newsarchive.sitemap import sitemaps

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_single_sitemap_with_lastmod():
    [(name, data)] = sitemaps([("2021/a/", "2021-08-02"), ("", "")], "https://x.vn/luu-tru/")
    root = ET.fromstring(data)
    assert name == "sitemap.xml" and [e.text for e in root.iter(NS + "loc")] == ["https://x.vn/luu-tru/", "https://x.vn/luu-tru/2021/a/"]


def test_index_past_the_limit():
    files = sitemaps([(f"{n}/", "") for n in range(5)], "https://x.vn/", limit=2)
    assert [name for name, _ in files] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    assert ET.fromstring(files[0][1]).tag == NS + "sitemapindex"


def test_no_site_url_no_sitemap():
    assert sitemaps([("a/", "")], "") == []
