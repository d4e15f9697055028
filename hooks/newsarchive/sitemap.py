"""sitemap.xml for every page of the archive; beyond 50,000 URLs a sitemap index and parts
(the sitemaps.org limit)."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from . import urls

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LIMIT = 50_000


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def urlset(entries: list[tuple[str, str]], site_url: str) -> bytes:
    root = ET.Element("urlset", xmlns=NS)
    join = urls.absolute(site_url)
    for url, lastmod in entries:
        item = ET.SubElement(root, "url")
        ET.SubElement(item, "loc").text = join(url)
        if lastmod:
            ET.SubElement(item, "lastmod").text = lastmod
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
    index = ET.Element("sitemapindex", xmlns=NS)
    for name, _ in files:
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = urls.absolute(site_url)(name)
    return [("sitemap.xml", _xml(index)), *files]
