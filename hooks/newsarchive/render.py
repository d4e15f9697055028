"""Article bodies: Markdown -> sanitised HTML and table of contents, with one reusable
Markdown instance (MkDocs builds a new one per page; at 10,000 articles that is seconds)."""
from __future__ import annotations

import markdown

from .sanitize import sanitize_html


class BodyRenderer:
    def __init__(self, extensions: list, configs: dict | None = None):
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs or {})

    def render(self, body: str) -> tuple[str, list[dict]]:
        """(HTML, headings as [{"id", "name", "level", "children"}])."""
        self._md.reset()
        html = self._md.convert(body)
        return sanitize_html(html), list(getattr(self._md, "toc_tokens", []))
