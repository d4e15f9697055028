"""Saved HTML page -> text blocks (BeautifulSoup). Scripts, styles, forms, menus and other
page chrome are removed before any text is taken, so nothing executable reaches an article."""
from __future__ import annotations

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..text import clean_line
from .portal_page import Block

_REMOVE = ("script", "style", "noscript", "iframe", "form", "nav", "button", "input", "select", "textarea",
           "svg", "object", "embed", "template", "link", "meta", "canvas", "audio", "video", "map")
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "table", "tbody", "thead", "tr", "td", "th", "blockquote", "figure", "figcaption", "header",
           "footer", "aside", "dl", "dt", "dd", "center", "pre", "address", "body", "html", "span.block"}
_KIND = {"h1": "h1", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "li": "li"}


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or head.count("</p>") + head.count("<div") > 2


def html_blocks(html: str) -> tuple[list[Block], dict]:
    """Blocks of the page's text and what its <head> says (title, canonical URL)."""
    soup = BeautifulSoup(html, "html.parser")
    meta = {"title": "", "url": ""}
    og_title = soup.find("meta", attrs={"property": "og:title"})
    if og_title and og_title.get("content"):
        meta["title"] = clean_line(og_title["content"])
    elif soup.title and soup.title.string:
        meta["title"] = clean_line(soup.title.string)
    canonical = soup.find("link", attrs={"rel": "canonical"}) or soup.find("meta", attrs={"property": "og:url"})
    if canonical is not None:
        meta["url"] = (canonical.get("href") or canonical.get("content") or "").strip()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_REMOVE):
        tag.decompose()
    root = _main_container(soup)
    blocks: list[Block] = []
    _walk(root, "p", blocks, [])
    h1 = [b for b in blocks if b.kind == "h1"]
    if h1 and not meta["title"]:
        meta["title"] = h1[0].text
    return [Block("p", b.text) if b.kind == "h1" else b for b in blocks], meta


def _main_container(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    return soup.body or soup


def _walk(node: Tag, kind: str, blocks: list[Block], buffer: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            buffer.append(str(child))
        elif not isinstance(child, Tag):
            continue
        elif child.name == "br":
            buffer.append("\n")
        elif child.name == "img":
            _flush(kind, blocks, buffer)
            blocks.append(Block("img", clean_line(child.get("alt") or ""), (child.get("src") or "").strip()))
        elif child.name in _BLOCKS:
            _flush(kind, blocks, buffer)
            inner = _KIND.get(child.name, "p")
            _walk(child, inner, blocks, buffer)
            _flush(inner, blocks, buffer)
            blocks.append(Block("blank", ""))
        else:
            _walk(child, kind, blocks, buffer)


def _flush(kind: str, blocks: list[Block], buffer: list[str]) -> None:
    if not buffer:
        return
    for line in "".join(buffer).split("\n"):
        line = clean_line(line.replace("\u00a0", " "))
        if line:
            blocks.append(Block(kind, line))
    buffer.clear()
