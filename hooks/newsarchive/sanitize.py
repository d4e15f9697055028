"""HTML sanitising of rendered article bodies (raw HTML in Markdown must not inject script)."""
from __future__ import annotations

import nh3

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


def sanitize_html(html: str) -> str:
    """Keep formatting, tables, figures and links; drop scripts, styles, event handlers, javascript: URLs."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes={"http", "https", "mailto", "tel"},
                     link_rel=None)
