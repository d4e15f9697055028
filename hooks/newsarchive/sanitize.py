"""HTML sanitising of rendered article bodies (raw HTML in Markdown must not inject script,
and attribute lists must not reach into the page's own machinery)."""
from __future__ import annotations

import re

import nh3

from .urls import is_safe_link

_TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "picture", "source", "span", "div", "section",
                                  "details", "summary", "mark", "sup", "sub", "table", "thead", "tbody",
                                  "tr", "th", "td", "caption", "colgroup", "col", "hr", "br", "img"}
_ATTRS = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media"},
    "th": {"colspan", "rowspan", "scope"}, "td": {"colspan", "rowspan"}, "col": {"span"},
    "ol": {"start"}, "details": {"open"},
}
# Classes an article may carry: ours and Python-Markdown's (footnotes, heading permalinks);
# never Material's (md-*), which would restyle or hide parts of the page.
_CLASS_RE = re.compile(r"^(?:archive-[\w-]+|footnote[\w-]*|headerlink|toclink)$")
# Ids Material and the page use ("__search", "__drawer", "md-…"), and anything odd.
_BAD_ID_RE = re.compile(r"^(?:__|md[-_])|[^\w:.-]")
_SRCSET_URL_RE = re.compile(r"\s*([^\s,]+)(?:\s+[\d.]+[wx])?\s*(?:,|$)")


def _relative_or_safe(url: str) -> bool:
    """Relative URLs (our rewritten media) or http(s) ones; nothing with another scheme."""
    return (":" not in url.split("/", 1)[0] and not url.startswith("//")) or is_safe_link(url)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if _CLASS_RE.match(c)]
        return " ".join(kept) or None
    if attribute == "id":
        return None if _BAD_ID_RE.search(value) else value
    if attribute == "srcset":
        urls = _SRCSET_URL_RE.findall(value)
        return value if urls and all(_relative_or_safe(u) for u in urls) else None
    if attribute == "dir":
        return value if value in ("ltr", "rtl", "auto") else None
    return value


def sanitize_html(html: str) -> str:
    """Keep formatting, tables, figures and links; drop scripts, styles, event handlers,
    javascript: URLs (also inside srcset), foreign classes and ids."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes={"http", "https", "mailto", "tel"},
                     link_rel=None, attribute_filter=_filter)
