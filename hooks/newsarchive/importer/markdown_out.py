"""ArticleDraft -> the article file's text (YAML front matter + Markdown) and its path."""
from __future__ import annotations

import re

from ..reading import dump_article
from ..text import slugify
from .portal_page import ArticleDraft

# Characters that would turn imported plain text into Markdown or HTML.
_INLINE = re.compile(r"([\\`*_\[\]<>&|])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}\s|>|[-+*]\s|=+\s*$|-{3,}\s*$|~~~)")
_ORDERED = re.compile(r"^(\s*\d+)([.)]\s)")


def escape_markdown(text: str) -> str:
    text = _INLINE.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m.group(1), "\\" + m.group(1)), text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def article_slug(draft: ArticleDraft) -> str:
    return slugify(draft.title, max_length=80) or "bai-viet"


def front_matter(draft: ArticleDraft) -> dict:
    meta: dict = {"title": draft.title, "date": draft.date}
    if draft.authors:
        meta["authors"] = draft.authors
    if draft.summary:
        meta["summary"] = draft.summary
    for key in ("units", "campaigns", "directives"):
        if getattr(draft, key):
            meta[key] = getattr(draft, key)
    source = {k: v for k, v in (("publisher", draft.publisher), ("url", draft.url), ("views", draft.views),
                                ("retrieved", draft.retrieved), ("title", draft.source_title)) if v not in ("", None)}
    if source:
        meta["source"] = source
    if draft.aliases:
        meta["aliases"] = draft.aliases
    if draft.draft:
        meta["draft"] = True
    if draft.review:
        meta["review"] = draft.review
    return meta


def render(draft: ArticleDraft, images: dict[str, str] | None = None) -> str:
    """`images`: src as on the page -> file name beside the article, for photos that were saved
    with the page; other images are left out (never a broken image or a bare file name)."""
    images = images or {}
    paragraphs = []
    for block in draft.body:
        text = escape_markdown(block.text)
        if block.kind == "h":
            paragraphs.append(f"## {text}")
        elif block.kind == "li":
            paragraphs.append(f"- {text}")
        elif block.kind == "img":
            if block.src in images:
                alt = escape_markdown(block.text or f"Ảnh trong bài: {draft.title}")
                paragraphs.append(f"![{alt}]({images[block.src]})")
        else:
            paragraphs.append(text)
    body = "\n\n".join(paragraphs)
    return dump_article(front_matter(draft), body)
