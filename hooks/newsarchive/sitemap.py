"""sitemap.xml for every page of the archive; beyond 50,000 URLs a sitemap index and parts
(the sitemaps.org limit)."""
from __future__ import annotations

from lxml import etree

from . import urls

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LIMIT = 50_000
_URLSET, _URL, _LOC, _LASTMOD, _INDEX, _SITEMAP = (f"{{{NS}}}{name}" for name in (
    "urlset", "url", "loc", "lastmod", "sitemapindex", "sitemap"))


def _xml(root) -> bytes:
    # lxml: ElementTree's indent and serialisation took ~1.3 s of every 10k build (29,000 URLs)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


def urlset(entries: list[tuple[str, str]], site_url: str) -> bytes:
    root = etree.Element(_URLSET, nsmap={None: NS})
    join, element = urls.absolute(site_url), etree.SubElement
    for url, lastmod in entries:
        item = element(root, _URL)
        element(item, _LOC).text = join(url)
        if lastmod:
            element(item, _LASTMOD).text = lastmod
    return _xml(root)


def sitemaps(entries: list[tuple[str, str]], site_url: str, limit: int = LIMIT) -> list[tuple[str, bytes]]:
    """(path, bytes): sitemap.xml alone, or sitemap.xml as an index of sitemap-N.xml parts."""
    if not site_url:
        return []
    entries = sorted(set(entries))
    if len(entries) <= limit:
        return [("sitemap.xml", urlset(entries, site_url))]
    parts = [entries[i:i + limit] for i in range(0, len(entries), limit)]
    files = [(f"sitemap-{n}.xml", urlset(part, site_url)) for n, part in enumerate(parts, 1)]
    index = etree.Element(_INDEX, nsmap={None: NS})
    for name, _ in files:
        etree.SubElement(etree.SubElement(index, _SITEMAP), _LOC).text = urls.absolute(site_url)(name)
    return [("sitemap.xml", _xml(index)), *files]
