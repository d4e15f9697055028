"""Saved HTML page -> text blocks. trafilatura, a content-extraction library made for news
pages, finds the main text (and the page's title and date from its metadata); where it finds
nothing, BeautifulSoup takes the largest <article> or the body. Scripts, styles, forms, menus
and other page chrome never reach an article either way: our own rules (portal_page.py) then
choose the title and dateline among the lines and cut signatures and teasers."""
from __future__ import annotations

import logging

import trafilatura
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml import etree

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


logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings are about pages, ours are reported
_XML_KIND = {"p": "p", "item": "li", "quote": "p", "cell": "p"}


def extracted_blocks(html: str) -> tuple[list[Block], dict] | None:
    """trafilatura's main text as blocks, and the page's metadata; None when it finds none."""
    try:
        xml = trafilatura.extract(html, output_format="xml", include_images=True, include_tables=True,
                                  include_comments=False, with_metadata=True,
                                  date_extraction_params={"extensive_search": False, "original_date": True})
        if not xml:
            return None
        doc = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:  # a page the library cannot take apart is read by the fallback, never lost
        return None
    blocks: list[Block] = []
    main = doc.find("main")
    for node in (main.iter() if main is not None else ()):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "graphic":
            blocks.append(Block("img", clean_line(node.get("alt") or node.get("title") or ""), (node.get("src") or "").strip()))
        elif tag == "head":
            text = clean_line(" ".join(node.itertext()))
            if text:
                blocks.append(Block("p" if node.get("rend") == "h1" else "h", text))
        elif tag in _XML_KIND and not any(a.tag in _XML_KIND for a in node.iterancestors()):
            for line in "".join(node.itertext()).split("\n"):
                line = clean_line(line.replace("\u00a0", " "))
                if line:
                    blocks.append(Block(_XML_KIND[tag], line))
        else:
            continue
        blocks.append(Block("blank", ""))
    meta = {"title": clean_line(doc.get("title") or ""), "url": (doc.get("url") or "").strip(),
            "date": doc.get("date") or "", "site": clean_line(doc.get("sitename") or "")}
    return (blocks, meta) if any(b.kind == "p" for b in blocks) else None


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
    buffer: list[str] = []
    _walk(root, "p", blocks, buffer)
    _flush("p", blocks, buffer)  # text after the last block element
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
    """Text of the tree in document order; iterative, so a page nested thousands of elements
    deep (hostile or broken) is read like any other instead of exhausting the stack."""
    tasks: list[tuple] = [("child", child, kind) for child in reversed(list(node.children))]
    while tasks:
        task = tasks.pop()
        if task[0] == "close":  # the end of a block element
            _flush(task[1], blocks, buffer)
            blocks.append(Block("blank", ""))
            continue
        _task, child, kind = task
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
            tasks.append(("close", inner))
            tasks.extend(("child", c, inner) for c in reversed(list(child.children)))
        else:
            tasks.extend(("child", c, kind) for c in reversed(list(child.children)))


def _flush(kind: str, blocks: list[Block], buffer: list[str]) -> None:
    if not buffer:
        return
    for line in "".join(buffer).split("\n"):
        line = clean_line(line.replace("\u00a0", " "))
        if line:
            blocks.append(Block(kind, line))
    buffer.clear()
