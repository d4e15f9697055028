"""Article media: photos and attached documents next to an article (folder articles:
articles/2019/slug/index.md + files) or in the shared folder articles/_media/.

Validation resolves every relative image and link target of an article's Markdown: it must
stay inside the articles folder, exist with exactly that letter case, and (for images) be a
readable, not absurdly large image with alt text. Images get responsive sizes made with
Pillow, cached by content hash so rebuilds do not redo them.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from PIL import Image, UnidentifiedImageError

from . import urls
from .i18n import _, number
from .text import excerpt

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
ATTACHMENT_TYPES = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel",
                    ".odt": "OpenDocument", ".ods": "OpenDocument", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
                    ".zip": "ZIP", ".txt": "Văn bản"}
WIDTHS = (480, 960, 1600)
MAX_IMAGE_BYTES = 25_000_000
MAX_PIXELS = 60_000_000
MAX_ATTACHMENT_BYTES = 100_000_000
SHARED_FOLDER = "_media"
# A body without "[" has no Markdown link or image, and one without "<img" no HTML image: the
# common case is decided without parsing.
_HTML_SRC_RE = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.I)


class MediaError(ValueError):
    """A media reference that cannot be published; the message names the file."""


@dataclass(frozen=True)
class MediaItem:
    target: str  # as written in the Markdown
    source: Path
    kind: str  # image | attachment
    url_name: str  # file name in the site, inside `folder`
    folder: str  # site-relative folder: the article's URL or media/<shared path>/
    size: int  # bytes
    type_label: str = ""
    width: int = 0
    height: int = 0
    alt: str = ""
    title: str = ""
    digest: str = ""

    @property
    def url(self) -> str:
        return self.folder + self.url_name

    def variant_widths(self) -> list[int]:
        return [w for w in WIDTHS if w < self.width] + [self.width]

    def variant_name(self, width: int) -> str:
        stem, suffix = os.path.splitext(self.url_name)
        return self.url_name if width == self.width else f"{stem}-{width}w{suffix}"


def _local(target: str) -> bool:
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith(("#", "/", "mailto:", "tel:")))


class _ReferenceCollector(Treeprocessor):
    """Every image and link of the parsed Markdown tree, in document order (inline and
    reference-style alike: `![alt][p1]` resolves through the parser, as it will render)."""

    def run(self, root):
        self.found = [("image", el.get("src", ""), el.get("alt", ""), el.get("title", "")) if el.tag == "img"
                      else ("link", el.get("href", ""), "", "") for el in root.iter() if el.tag in ("img", "a")]


class _ReferenceExtension(Extension):
    def extendMarkdown(self, md):
        self.collector = _ReferenceCollector(md)
        md.treeprocessors.register(self.collector, "archive_references", 0)


_REFERENCES = _ReferenceExtension()
# Core Markdown plus the block extensions of mkdocs.yml that change what counts as a link.
_PARSER = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "footnotes", _REFERENCES])


def references(body: str) -> list[tuple[str, str, str, str]]:
    """(kind, target, alt, title) for every local image and attachment link of the body,
    from the same Markdown parser that renders it; raw HTML images from the HTML itself."""
    refs = []
    if "[" in body:
        _PARSER.reset()
        _PARSER.convert(body)
        refs = list(_REFERENCES.collector.found)
        html = "\n".join(str(block) for block in _PARSER.htmlStash.rawHtmlBlocks)
    else:
        html = body if "<img" in body.lower() else ""
    refs += [("image", src, "", "") for src in _HTML_SRC_RE.findall(html)]
    return [r for r in refs if r[1] and _local(r[1])]


def _case_message() -> str:
    return _("{target}: the file exists with different upper/lower case letters; use the exact name, "
             "the published site tells them apart")


def _exact_case(path: Path, root: Path) -> bool:
    """True if every part of path below root exists with exactly this case."""
    current = root
    for part in path.relative_to(root).parts:
        if part not in os.listdir(current):
            return False
        current = current / part
    return True


def resolve(article_path: Path, articles_dir: Path, target: str, article_url: str) -> tuple[Path, str, str]:
    """Target as written -> (source file, site folder, file name), or MediaError."""
    relative = PurePosixPath(unquote(urlsplit(target).path))
    if "\\" in target or "\x00" in target:
        raise MediaError(_("{target}: backslashes and control characters are not allowed in file references").format(
            target=excerpt(target)))
    source = Path(os.path.normpath(article_path.parent / relative))
    root = articles_dir.resolve()
    if not source.resolve().is_relative_to(root):
        raise MediaError(_("{target} points outside the articles folder").format(target=excerpt(target)))
    if not source.is_file():
        folder = source.parent
        if folder.is_dir() and any(n.lower() == source.name.lower() for n in os.listdir(folder)):
            raise MediaError(_case_message().format(target=excerpt(target)))
        raise MediaError(_("{target}: file not found next to the article").format(target=excerpt(target)))
    if not _exact_case(source.resolve(), root):
        raise MediaError(_case_message().format(target=excerpt(target)))
    rel_to_root = source.resolve().relative_to(root)
    if article_path.name == "index.md" and source.resolve().is_relative_to(article_path.parent.resolve()):
        inner = source.resolve().relative_to(article_path.parent.resolve())
        return source, article_url + (f"{inner.parent.as_posix()}/" if inner.parent != Path(".") else ""), inner.name
    if rel_to_root.parts[0] != SHARED_FOLDER:
        raise MediaError(_("{target}: media must be in the article's own folder articles/YEAR/slug/ or in "
                           "articles/{shared}/").format(target=excerpt(target), shared=SHARED_FOLDER))
    shared = rel_to_root.relative_to(SHARED_FOLDER)
    folder = urls.SHARED_MEDIA_URL + ("" if shared.parent == Path(".") else f"{shared.parent.as_posix()}/")
    return source, folder, rel_to_root.name


def inspect(kind: str, target: str, alt: str, title: str, source: Path, folder: str, name: str) -> MediaItem | None:
    """A MediaItem for an image or an attachment link; None for links to other files
    (e.g. a Markdown page), which the body keeps as they are."""
    suffix = source.suffix.lower()
    size = source.stat().st_size
    if kind == "image" or suffix in IMAGE_SUFFIXES:
        if suffix not in IMAGE_SUFFIXES:
            raise MediaError(_("{target} is not an image type we publish: {types}").format(
                target=excerpt(target), types=", ".join(sorted(IMAGE_SUFFIXES))))
        if size > MAX_IMAGE_BYTES:
            raise MediaError(_("{target} is {size} MB; images must be under {limit} MB").format(
                target=excerpt(target), size=number(round(size / 1e6)), limit=MAX_IMAGE_BYTES // 1_000_000))
        data = source.read_bytes()
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise MediaError(_("{target} is {width}x{height} pixels, over the limit of {limit} pixels").format(
                        target=excerpt(target), width=width, height=height, limit=number(MAX_PIXELS)))
                image.verify()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as err:
            raise MediaError(_("{target} is not a readable image: {reason}; re-save it as JPEG or PNG").format(
                target=excerpt(target), reason=type(err).__name__)) from None
        if kind == "image" and not alt.strip():
            raise MediaError(_("{target} has no alt text: write what the photo shows, ![Hội nghị tổng kết](…)").format(
                target=excerpt(target)))
        return MediaItem(target, source, "image", name, folder, size, "Ảnh", width, height, alt.strip(), title.strip(),
                         hashlib.sha256(data).hexdigest())
    if suffix in ATTACHMENT_TYPES:
        if size > MAX_ATTACHMENT_BYTES:
            raise MediaError(_("{target} is {size} MB; attachments must be under 100 MB").format(
                target=excerpt(target), size=number(round(size / 1e6))))
        return MediaItem(target, source, "attachment", name, folder, size, ATTACHMENT_TYPES[suffix])
    return None


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(size // 1000, 1)} KB"


class VariantCache:
    """Resized images on disk, keyed by the source's content hash and the width."""

    def __init__(self, folder: Path):
        self.folder = folder

    def variant(self, item: MediaItem, width: int) -> bytes:
        if width == item.width:
            return item.source.read_bytes()
        cached = self.folder / f"{item.digest}-{width}{item.source.suffix.lower()}"
        if cached.exists():
            return cached.read_bytes()
        with Image.open(item.source) as image:
            height = round(item.height * width / item.width)
            resized = image.resize((width, height), Image.LANCZOS)
            out = io.BytesIO()
            fmt = image.format or "PNG"
            if fmt == "JPEG":
                resized.convert("RGB").save(out, fmt, quality=82, optimize=True)
            else:
                resized.save(out, fmt)
        data = out.getvalue()
        self.folder.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
        return data
