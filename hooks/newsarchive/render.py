"""Article bodies: Markdown -> sanitised HTML and table of contents, with one reusable
Markdown instance (MkDocs builds a new one per page; at 10,000 articles that is seconds).

Local photos and attachments are rewritten to their published place: images get srcset,
sizes, width/height (no layout shift), lazy loading and, with a title, a <figure> caption.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .directives import find_citations
from .i18n import _, number
from .sanitize import sanitize_html

SIZES = "(max-width: 44rem) 100vw, 44rem"

# Python-Markdown is super-linear on some inputs (measured here: 1,000 "[" in one paragraph
# take 0.3 s, 4,000 take 4.7 s; 1,024 nested "> " 0.36 s; 1,024 "---" lines in one block
# 0.16 s). A body over these budgets is refused before Markdown sees it, so one pasted file
# cannot stall the build; real articles stay far below them.
BUDGETS = {"[": (300, 5000), "<": (2000, 20000), "*_": (4000, 40000)}  # per block, per body
MAX_BLOCK_LINES = 5000
MAX_RULE_LINES = 100  # "---"-like lines in one block
MAX_NESTING = 10  # list / quote markers opening one line
_BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
_NESTED_RE = re.compile(r"^(?:[ \t]*(?:[>*+-]|\d{1,9}[.)])[ \t]+){%d,}" % (MAX_NESTING + 1), re.M)
_RULE_RE = re.compile(r"^[ \t]*[-=*_][-=*_ \t]{2,}$", re.M)


def markdown_budget(body: str) -> tuple[int, str] | None:
    """(line, what is over budget) for the first problem of a body, or None. Linear time;
    the common case -- a body whose totals are under every per-block limit -- is decided by a
    few scans over the whole text."""
    if (all(sum(body.count(ch) for ch in chars) <= per_block for chars, (per_block, _) in BUDGETS.items())
            and body.count("\n") < MAX_BLOCK_LINES and not _NESTED_RE.search(body)
            and len(_RULE_RE.findall(body)) <= MAX_RULE_LINES):
        return None
    totals = dict.fromkeys(BUDGETS, 0)
    line = 1
    for block in _BLOCK_SPLIT_RE.split(body):
        for chars, (per_block, per_body) in BUDGETS.items():
            count = sum(block.count(ch) for ch in chars)
            totals[chars] += count
            shown = _(" or ").join(f"'{ch}'" for ch in chars)
            if count > per_block:
                return line, _("one paragraph has {count} {chars} characters; the limit is {limit}").format(
                    count=number(count), chars=shown, limit=number(per_block))
            if totals[chars] > per_body:
                return line, _("the text has more than {limit} {chars} characters").format(
                    limit=number(per_body), chars=shown)
        lines = block.count("\n") + 1
        if lines > MAX_BLOCK_LINES:
            return line, _("one block has {count} lines without a blank line; the limit is {limit}").format(
                count=number(lines), limit=number(MAX_BLOCK_LINES))
        if len(_RULE_RE.findall(block)) > MAX_RULE_LINES:
            return line, _("one block has more than {limit} lines of '---' or '==='").format(limit=MAX_RULE_LINES)
        nested = _NESTED_RE.search(block)
        if nested:
            return line + block.count("\n", 0, nested.start()), \
                _("a line opens more than {limit} nested lists or quotes").format(limit=MAX_NESTING)
        line += lines + 1
    return None


def relative_url(target: str, page_url: str) -> str:
    """Site-relative `target` as seen from the page at site-relative `page_url` (a folder)."""
    if not page_url:
        return target
    relative = posixpath.relpath(target, page_url.rstrip("/") or ".")
    return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative


class _MediaRewriter(Treeprocessor):
    def __init__(self, md):
        super().__init__(md)
        self.media: dict = {}
        self.page_url = ""

    def run(self, root):
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            item = self.media.get(img.get("src", ""))
            if item is None:
                continue
            variants = item.variant_widths()
            img.set("src", relative_url(item.folder + item.variant_name(variants[min(1, len(variants) - 1)]), self.page_url))
            img.set("srcset", ", ".join(f"{relative_url(item.folder + item.variant_name(w), self.page_url)} {w}w"
                                        for w in variants))
            img.set("sizes", SIZES)
            img.set("width", str(item.width))
            img.set("height", str(item.height))
            img.set("loading", "lazy")
            img.set("decoding", "async")
            img.set("alt", item.alt)
            img.attrib.pop("title", None)
            parent = parents.get(img)
            if item.title and parent is not None and parent.tag == "p" and len(parent) == 1 \
                    and not (parent.text or "").strip() and not (img.tail or "").strip():
                parent.tag = "figure"
                caption = etree.SubElement(parent, "figcaption")
                caption.text = item.title
        for link in root.iter("a"):
            item = self.media.get(link.get("href", ""))
            if item is not None:
                link.set("href", relative_url(item.url, self.page_url))


_NO_LINK_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}


class _DirectiveLinker(Treeprocessor):
    """The first mention of each directive the article cites links to the directive's page."""

    def __init__(self, md):
        super().__init__(md)
        self.targets: dict = {}  # DirectiveId (and its yearless form when unambiguous) -> page URL
        self.page_url = ""
        self._pages = 0  # distinct pages among the targets

    def run(self, root):
        if self.targets:
            self._pages = len(set(self.targets.values()))
            self._walk(root, set())

    def _walk(self, element, done: set) -> None:
        if element.tag in _NO_LINK_INSIDE or len(done) == self._pages:  # every page linked already
            return
        element.text = self._link(element, element.text, 0, done)
        for child in list(element):
            self._walk(child, done)
            child.tail = self._link(element, child.tail, list(element).index(child) + 1, done)

    def _link(self, parent, text, position, done: set):
        if not text or "/" not in text or len(done) == self._pages:  # every full code has a slash
            return text
        for cite in find_citations(text):
            target = self.targets.get(cite.directive) or self.targets.get(cite.directive.without_year())
            if target is None or target in done:
                continue
            done.add(target)
            link = etree.Element("a", {"href": relative_url(target, self.page_url), "class": "archive-directive-link"})
            link.text = text[cite.start:cite.end]
            link.tail = text[cite.end:]
            parent.insert(position, link)
            return text[:cite.start]
        return text


class _MediaExtension(Extension):
    def extendMarkdown(self, md):
        self.rewriter = _MediaRewriter(md)
        self.linker = _DirectiveLinker(md)
        md.treeprocessors.register(self.rewriter, "archive_media", 1)
        md.treeprocessors.register(self.linker, "archive_directive_links", 0.5)


# Prose: no character any Markdown syntax (of the extensions below) needs, no line that could
# open a block (list, heading, quote, code, rule, setext underline, definition), no leading or
# trailing space (code, hard break). Such a body is its paragraphs; Python-Markdown took
# ~2 ms per article to find that out (20 s of CPU at 10,000 articles).
_MARKUP_CHARS_RE = re.compile(r"[*_`\[\]<>&\\|~{}\x00-\x09\x0b-\x1f\x7f]")
_BLOCK_START_RE = re.compile(r"\s|\d+[.)]|[-+*>#=:]")
PROSE_SAFE_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list", "md_in_html", "footnotes",
                                   "sane_lists", "def_list"})


def prose_paragraphs(body: str) -> list[str] | None:
    """The paragraphs of a body that is plain prose (Python-Markdown would make exactly one
    <p> of each, text unchanged), or None for anything else."""
    if _MARKUP_CHARS_RE.search(body):
        return None
    paragraphs = body.strip("\n").split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line or line != line.strip() or _BLOCK_START_RE.match(line):
                return None
    return paragraphs


def _extension_name(extension) -> str:
    return extension.rsplit(".", 1)[-1] if isinstance(extension, str) else ""


class BodyRenderer:
    def __init__(self, extensions: list, configs: dict | None = None):
        self._media = _MediaExtension()
        self._md = markdown.Markdown(extensions=[*extensions, self._media], extension_configs=configs or {})
        self._prose_path = all(_extension_name(e) in PROSE_SAFE_EXTENSIONS for e in extensions)

    def render(self, body: str, media=(), page_url: str = "", directives: dict | None = None
               ) -> tuple[str, list[dict]]:
        """(HTML, headings as [{"id", "name", "level", "children"}]). `directives`: DirectiveId
        -> site-relative URL of its page, for linking each one's first mention."""
        self._md.reset()
        self._media.rewriter.media = {item.target: item for item in media}
        self._media.rewriter.page_url = page_url
        self._media.linker.targets = directives or {}
        self._media.linker.page_url = page_url
        paragraphs = prose_paragraphs(body) if self._prose_path and not media else None
        if paragraphs is None:
            html = self._md.convert(body)
            return sanitize_html(html), list(getattr(self._md, "toc_tokens", []))
        return sanitize_html(self._prose_html(paragraphs)), []

    def _prose_html(self, paragraphs: list[str]) -> str:
        """What Markdown.convert gives for prose: the tree its block parser and prettifier
        would make, the same directive linker over it, the same serializer."""
        root = etree.Element(self._md.doc_tag)
        root.text = "\n"
        for text in paragraphs:
            paragraph = etree.SubElement(root, "p")
            paragraph.text, paragraph.tail = text, "\n"
        self._media.linker.run(root)
        output = self._md.serializer(root)
        start = output.index(f"<{self._md.doc_tag}>") + len(self._md.doc_tag) + 2
        return output[start:output.rindex(f"</{self._md.doc_tag}>")].strip()
