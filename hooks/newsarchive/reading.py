"""Reading stage: a file on disk -> RawArticle (front matter dict + body) or Issues.

We own the YAML parsing (MkDocs' meta.get_data swallows errors): every problem becomes
an Issue naming the file and, where known, the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .models import Issue
from .text import normalize_text

MAX_BYTES = 2_000_000  # a report article is ~10 KB; anything this big is a mistake
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_LINE_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _ArticleYamlLoader(_BaseLoader):
    """Safe YAML that keeps dates as text (we validate them ourselves, with better
    messages than a crash on 2021-02-30) and rejects duplicate keys."""


# No timestamps, and integers only in plain decimal: YAML 1.1 would read "0201" as octal 129
# and "1:20" as 80.
_ArticleYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_ArticleYamlLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                                         list("-+0123456789"))


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)


_ArticleYamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class RawArticle:
    path: Path
    rel_path: str
    meta: dict
    body: str
    key_lines: dict  # front-matter key -> line number in the file, for messages

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def decode(data: bytes, rel_path: str) -> tuple[str | None, list[Issue]]:
    """Bytes -> NFC text. UTF-8 (with or without BOM) only: anything else is refused clearly."""
    if b"\x00" in data:
        return None, [Issue(rel_path, "file contains NUL bytes: it is binary or UTF-16, not a UTF-8 text file",
                            hint="save it as UTF-8 text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Issue(rel_path, f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})",
                            line=line, hint="convert the file to UTF-8, e.g. with `scripts/archive import`")]
    return normalize_text(text), []


def display_path(path: Path, folder: Path) -> str:
    """How messages name a file: from the articles (or data) folder down, e.g.
    "articles/2021/bai.md", so an editor at the project root can open it as written."""
    return f"{folder.name}/{path.relative_to(folder).as_posix()}" if path.is_relative_to(folder) else str(path)


def read_article(path: Path, articles_dir: Path) -> tuple[RawArticle | None, list[Issue]]:
    rel_path = display_path(path, articles_dir)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Issue(rel_path, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for one article",
                                hint="split it, or move attachments out of the text")]
        data = path.read_bytes()
    except OSError as err:
        return None, [Issue(rel_path, f"cannot read file: {err.strerror or err}")]
    text, issues = decode(data, rel_path)
    if text is None:
        return None, issues
    return parse_article_text(text, path, rel_path)


def parse_article_text(text: str, path: Path, rel_path: str) -> tuple[RawArticle | None, list[Issue]]:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        hint = "start the file with a line '---', the YAML fields, then another '---'"
        return None, [Issue(rel_path, "no front matter", field="front matter", line=1, hint=hint)]
    yaml_text = match.group(1) or ""
    try:
        meta = yaml.load(yaml_text, Loader=_ArticleYamlLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 0-based, +1 for the opening '---'
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return None, [Issue(rel_path, f"YAML cannot be read: {problem}", field="front matter", line=line,
                            hint="check quotes and indentation; quote titles that contain ':' or '#'")]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Issue(rel_path, f"front matter must be 'key: value' lines, got a {type(meta).__name__}",
                            field="front matter", line=2)]
    key_lines = {m.group(1): yaml_text.count("\n", 0, m.start()) + 2 for m in _KEY_LINE_RE.finditer(yaml_text)}
    body = text[match.end():]
    return RawArticle(path, rel_path, meta, body, key_lines), []
