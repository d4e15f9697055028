"""Writers: the only code that touches the site folder.

`write_outputs` writes files as they come (an iterable: at 50,000 articles the pages would
need gigabytes held at once). `write_pages` renders and writes generated pages (and, for
article pages, their search documents: search_documents.py), serially or in forked processes,
and turns a page that fails to render into a `PageFailure` naming its article instead of a
crash: the rest of the site is still written.
"""
from __future__ import annotations

import os

import traceback
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Sequence

from .build_cache import SiteCache, digest, value_key
from .parallel import map_ranges

CHUNK = 250  # pages per pool task: small enough to balance the cores, large enough to be cheap
KEY_CHUNK = 2000  # plans per task when only their keys are made


class UnsafePathError(ValueError):
    """An output path that is absolute, climbs out of the site or is otherwise unsafe."""


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, POSIX style
    content: bytes = b""
    key: str = ""  # what the bytes are made from, when they are costly to make (then `make` them)
    make: Callable[[], bytes] | None = None

    def cache_key(self) -> str:
        return self.key or digest(self.content)

    def data(self) -> bytes:
        return self.make() if self.make is not None else self.content

    def relative(self) -> PurePosixPath:
        """The path, checked lexically: not absolute, no "..", no backslash or NUL."""
        rel = PurePosixPath(self.path)
        if rel.is_absolute() or ".." in rel.parts or "\\" in self.path or "\x00" in self.path or not rel.parts:
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        return rel

    def target(self, site_dir: Path) -> Path:
        """The file to write, also refusing symlinks that lead out of the site."""
        target = (site_dir / self.relative()).resolve()
        if not target.is_relative_to(site_dir.resolve()):
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        return target


class _FolderMaker:
    """Makes each folder once, refusing to write through a symlink."""

    def __init__(self):
        self.made: set[Path] = set()

    def target(self, site: Path, output: OutputFile) -> Path:
        target = site / output.relative()
        self._make(target.parent)
        return target

    def _make(self, folder: Path) -> None:
        # mkdir first: a folder it makes is no symlink (one system call per page, not two)
        if folder in self.made:
            return
        try:
            os.mkdir(folder)
        except FileExistsError:
            if folder.is_symlink():
                raise UnsafePathError(f"refusing to write through the symlink {folder}") from None
            if not folder.is_dir():
                raise
        except FileNotFoundError:
            self._make(folder.parent)
            return self._make(folder)
        self.made.add(folder)


def write_outputs(outputs: Iterable[OutputFile], site_dir: Path, cache: SiteCache | None = None) -> int:
    """Write files into a site folder the build itself created; returns the number written.
    With the build cache, a file the last site has with the same key is kept as it is."""
    site, folders, count = site_dir.resolve(), _FolderMaker(), 0
    for output in outputs:
        if cache is not None:
            key = output.cache_key()
            if cache.reusable(output.path, key):
                continue
            cache.produce(output.path, key)
        folders.target(site, output).write_bytes(output.data())
        count += 1
    return count


def page_path(plan) -> str:
    return plan.url + "index.html"


def _each(plans: Sequence, make: Callable, workers: int) -> list:
    """`make(plan)` for every plan, in order, in forked processes when allowed."""
    chunks = map_ranges(lambda start, stop: [make(plan) for plan in plans[start:stop]], len(plans),
                        workers=workers, chunk=KEY_CHUNK)
    return [made for chunk in chunks for made in chunk]


def page_keys(plans: Sequence, *, workers: int = 1) -> list[str]:
    """Each plan's cache key (the hash of all it is made of), in forked processes when allowed:
    at 10k that is 39,000 plans pickled and hashed."""
    return _each(plans, value_key, workers)


def search_record_key(plan) -> str:
    """What an article page's search record (its search document) is made of."""
    return getattr(plan, "record_key", "") or value_key(plan.search_record_inputs())


def article_page_keys(plans: Sequence, *, workers: int = 1, records: dict | None = None) -> tuple[list[str], list[str]]:
    """The article pages' keys and their search records' keys. A page is its record's inputs
    and the rest, so each part is pickled once (not the whole page and then the record again).
    `records`: page path -> search_record_key, where already made."""
    records = records or {}

    def keys(plan) -> tuple[str, str]:
        if getattr(plan, "inputs_key", ""):  # from its articles' bytes: the plan need not be made (pages.py)
            return plan.inputs_key, plan.record_key
        record = records.get(page_path(plan)) or search_record_key(plan)
        return digest(f"{record} {value_key(plan.outside_search_record())}".encode()), record
    pairs = _each(plans, keys, workers)
    return [page for page, _ in pairs], [record for _, record in pairs]


def pages_to_render(plans: Sequence, cache: SiteCache | None, keys: Sequence[str] | None = None) -> list:
    """The plans whose page the last site does not hold already (all of them without a cache).
    `keys`: the plans' page_keys, when already made."""
    if cache is None:
        return list(plans)
    todo = []
    for plan, key in zip(plans, keys if keys is not None else page_keys(plans)):
        if not cache.reusable(page_path(plan), key):
            cache.produce(page_path(plan), key)
            todo.append(plan)
    return todo


@dataclass(frozen=True)
class PageFailure:
    url: str
    source: str  # the article file (display path), or "" for listing pages
    message: str


@dataclass(frozen=True)
class WriteResult:
    written: int
    failures: tuple[PageFailure, ...] = ()
    documents: tuple[str, ...] = ()  # the search documents written (page paths)

    def __add__(self, other: "WriteResult") -> "WriteResult":
        return WriteResult(self.written + other.written, self.failures + other.failures,
                           self.documents + other.documents)


@dataclass(frozen=True)
class Rendered:
    """What a render gives for one plan: its page, its search document, or both."""

    page: str | None
    document: str | None = None


Render = Callable[[object], "str | Rendered"]  # a PagePlan -> the page's HTML (or a Rendered)


def _write_chunk(plans: Sequence, render: Render, site_dir: Path, documents_dir: Path | None) -> WriteResult:
    site, folders = site_dir.resolve(), _FolderMaker()
    documents, document_folders = (documents_dir.resolve() if documents_dir else None), _FolderMaker()
    written, failures, documented = 0, [], []
    for plan in plans:
        try:
            out = render(plan)
            page, document = (out, None) if isinstance(out, str) else (out.page, out.document)
            path = OutputFile(page_path(plan))
            if document is not None:
                if documents is None:
                    raise ValueError("a search document, but no folder for them")
                document_folders.target(documents, path).write_text(document, encoding="utf-8")
                documented.append(path.path)
            if page is not None:
                folders.target(site, path).write_text(page, encoding="utf-8")
                written += 1
        except Exception as err:  # one page's failure is that page's problem, not the build's
            detail = traceback.format_exception_only(type(err), err)[-1].strip()
            failures.append(PageFailure(plan.url, getattr(plan, "source", ""), detail))
    return WriteResult(written, tuple(failures), tuple(documented))


def write_pages(plans: Sequence, render: Render, site_dir: Path, *, workers: int = 1,
                documents_dir: Path | None = None) -> WriteResult:
    """Render and write every plan; with workers > 1 in forked processes (parallel.py: the
    workers inherit the templates and the plans). Search documents go to `documents_dir`."""
    results = map_ranges(lambda start, stop: _write_chunk(plans[start:stop], render, site_dir, documents_dir),
                         len(plans), workers=workers, chunk=CHUNK)
    return sum(results, WriteResult(0))
