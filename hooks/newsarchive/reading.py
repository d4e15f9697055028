"""Reading stage: a file on disk -> RawArticle (front matter dict + body) or Issues.

Front matter is read and written with python-frontmatter through `ArticleYamlHandler`, which
uses our strict loader: every problem becomes an Issue naming the file and the line (taken
from the YAML node marks), and the work per file is bounded -- nesting is limited before the
parser recurses, and anchors/aliases (the "billion laughs" bomb) are refused, not expanded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from .models import Issue
from .i18n import _, number
from .text import excerpt, normalize_text

MAX_BYTES = 2_000_000  # a report article is ~10 KB; anything this big is a mistake
MAX_NESTING = 20  # front matter needs 3 levels (source.url); deeper is a mistake or an attack
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_INDENT_RE = re.compile(r"^[ \t]*", re.M)


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
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, _("duplicate key {key}").format(key=excerpt(key)), key_node.start_mark)
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
    body_line: int = 1  # the file's line where the body starts

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


class YamlError(ValueError):
    """YAML that cannot be read, or is refused; with the file line."""

    def __init__(self, message: str, line: int, hint: str = ""):
        super().__init__(message)
        self.line, self.hint = line, hint


def _nesting(text: str) -> int:
    """An upper bound of the YAML nesting depth, found without parsing: open flow brackets
    and distinct indentation widths."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest + len(set(_INDENT_RE.findall(text)))


def _check_node(node, seen: set, first_line: int) -> None:
    """Refuse aliases (a node reached twice) before anything is constructed from the tree."""
    if id(node) in seen:
        raise YamlError(_("uses a YAML alias '*name', which these files do not allow"),
                        node.start_mark.line + first_line, _("write the value out instead of '&name' and '*name'"))
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_node(child, seen, first_line)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_node(key, seen, first_line)
            _check_node(value, seen, first_line)


class ArticleYamlHandler(frontmatter.YAMLHandler):
    """python-frontmatter handler: our delimiters (the body kept exactly), our strict loader,
    key lines from YAML marks. One instance per file: it keeps that file's key lines."""

    def __init__(self):
        super().__init__()
        self.key_lines: dict[str, int] = {}
        self.body_line = 1

    def detect(self, text: str) -> bool:
        return _FRONT_MATTER_RE.match(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        match = _FRONT_MATTER_RE.match(text)
        if match is None:
            raise ValueError("no front matter")
        self.body_line = text.count("\n", 0, match.end()) + 1
        return match.group(1) or "", text[match.end():]

    def load(self, fm: str, **kwargs) -> dict:
        meta, self.key_lines = load_yaml(fm, first_line=2)
        if meta is None:
            return {}
        if not isinstance(meta, dict):
            raise YamlError(_("front matter must be 'key: value' lines"), 2,
                            _("start each line with a field name and a colon, e.g. title: ..."))
        for key in meta:
            if not isinstance(key, str):
                raise YamlError(_("key {key} is not a field name").format(key=excerpt(key)), self.key_lines.get(str(key), 2),
                                _("field names are words such as 'title' or 'date'"))
        return meta


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict[str, int]]:
    """Strict, bounded YAML for every file editors write (front matter and registries): dates
    stay text, integers are decimal, duplicate keys, aliases and deep nesting are refused
    before anything is built. Returns the value and the line of each top-level key;
    raises YamlError with the line (`first_line`: the file line of the text's first line)."""
    if _nesting(text) > MAX_NESTING:
        raise YamlError(_("is nested more than {limit} levels deep").format(limit=MAX_NESTING), first_line,
                        _('write \'key: value\' lines; lists as ["a", "b"]'))
    loader = _ArticleYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_node(node, set(), first_line)
        key_lines = {}
        if isinstance(node, yaml.MappingNode):
            key_lines = {str(k.value): k.start_mark.line + first_line for k, _ in node.value
                         if isinstance(k, yaml.ScalarNode)}
        return loader.construct_document(node), key_lines
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise YamlError(_("YAML cannot be read: {problem}").format(problem=problem),
                        mark.line + first_line if mark else first_line,
                        _("check quotes and indentation; quote titles that contain ':' or '#'")) from None
    except RecursionError:
        raise YamlError(_("is nested too deeply"), first_line, _("write 'key: value' lines")) from None
    finally:
        loader.dispose()


def dump_article(meta: dict, body: str) -> str:
    """Front matter and body as an article file's text (the inverse of parse_article_text)."""
    post = frontmatter.Post(body.rstrip("\n"), **meta)
    return frontmatter.dumps(post, handler=frontmatter.YAMLHandler(), sort_keys=False, width=10_000,
                             default_flow_style=False) + "\n"


def decode(data: bytes, rel_path: str) -> tuple[str | None, list[Issue]]:
    """Bytes -> NFC text. UTF-8 (with or without BOM) only: anything else is refused clearly."""
    if b"\x00" in data:
        return None, [Issue(rel_path, _("file contains NUL bytes: it is binary or UTF-16, not a UTF-8 text file"),
                            hint=_("save it as UTF-8 text"))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Issue(rel_path, _("not valid UTF-8: byte 0x{byte:02x} at offset {offset}").format(
            byte=data[err.start], offset=err.start), line=line,
            hint=_("convert the file to UTF-8, e.g. with `scripts/archive import`"))]
    return normalize_text(text), []


def display_path(path: Path, folder: Path) -> str:
    """How messages name a file: from the articles (or data) folder down, e.g.
    "articles/2021/bai.md", so an editor at the project root can open it as written."""
    return f"{folder.name}/{path.relative_to(folder).as_posix()}" if path.is_relative_to(folder) else str(path)


def read_article(path: Path, articles_dir: Path, data: bytes | None = None) -> tuple[RawArticle | None, list[Issue]]:
    """`data`: the file's bytes when the caller has read them already (at most MAX_BYTES)."""
    rel_path = display_path(path, articles_dir)
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > MAX_BYTES:
            return None, [Issue(rel_path, _("file is {size} bytes, over the limit of {limit} bytes for one article").format(
                size=number(size), limit=number(MAX_BYTES)), hint=_("split it, or move attachments out of the text"))]
        data = path.read_bytes() if data is None else data
    except OSError as err:
        return None, [Issue(rel_path, _("cannot read file: {reason}").format(reason=err.strerror or err),
                            hint=_("check that the file exists and can be read"))]
    text, issues = decode(data, rel_path)
    if text is None:
        return None, issues
    return parse_article_text(text, path, rel_path)


def parse_article_text(text: str, path: Path, rel_path: str) -> tuple[RawArticle | None, list[Issue]]:
    handler = ArticleYamlHandler()
    if not handler.detect(text):
        hint = _("start the file with a line '---', the YAML fields, then another '---'")
        return None, [Issue(rel_path, _("no front matter"), field="front matter", line=1, hint=hint)]
    fm, body = handler.split(text)
    try:
        meta = frontmatter.loads(text, handler=handler).metadata if fm.strip() else {}
    except YamlError as err:
        return None, [Issue(rel_path, str(err), field="front matter", line=err.line, hint=err.hint)]
    return RawArticle(path, rel_path, meta, body, handler.key_lines, handler.body_line), []
