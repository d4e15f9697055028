"""Search documents: what Pagefind indexes, one small HTML file per article page.

Pagefind used to read the published pages. It now reads, from a folder of their own, documents
holding only the article (overrides/search_document.html): the published pages carry none of
Pagefind's attributes or the hidden search aids (~1 KB less each), Pagefind reads ~7 KB per
article instead of ~19 KB, and -- since a document is made from its article alone -- a build
can write the documents of changed articles as soon as they are planned and start re-indexing
their shard while it plans and writes everything else.

A document lives at its page's path (Pagefind takes the URL from it). The folder keeps, in
`documents.json`, each document's key (its search record's: writer.search_record_key) with the
size and modification time it was written with; a document whose file no longer matches is
written again. Production builds keep the folder in the cache (`.cache/search/build/`), under
the build cache's fingerprint: any other fingerprint and the folder is emptied first.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .build_cache import remove_empty_parents

MANIFEST = "documents.json"


@dataclass
class SearchDocuments:
    folder: Path
    fingerprint: str = ""
    known: dict = field(default_factory=dict)  # page path -> [key, size, mtime_ns]

    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> "SearchDocuments":
        """The folder as the last build with this fingerprint left it; emptied if anything else
        (no fingerprint: a build that keeps nothing) or if its manifest does not read."""
        known = {}
        if fingerprint:
            try:
                data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
                if data.get("fingerprint") == fingerprint and isinstance(data.get("documents"), dict):
                    known = data["documents"]
            except (OSError, ValueError):
                pass
        if not known:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        # A build that fails after writing documents leaves the manifest as it was: a document
        # it rewrote has another modification time, so it is not taken for the recorded one.
        return cls(folder, fingerprint, known)

    def current(self, path: str, key: str) -> bool:
        """Whether the document at `path` is the one `key` describes, as written."""
        entry = self.known.get(path)
        if not entry or entry[0] != key:
            return False
        try:
            stat = os.stat(self.folder / path)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == entry[1:]

    def record(self, path: str, key: str) -> None:
        """`path` was just written with this key."""
        stat = os.stat(self.folder / path)
        self.known[path] = [key, stat.st_size, stat.st_mtime_ns]

    def keep_only(self, paths: set[str], prefixes: tuple[str, ...]) -> None:
        """Delete the documents under these year folders that are not in `paths` (articles
        deleted or moved): Pagefind indexes every document it finds there."""
        for path in [p for p in self.known if p.startswith(prefixes) and p not in paths]:
            del self.known[path]
        for prefix in prefixes:
            top = self.folder / prefix
            for folder, _dirs, names in os.walk(top):
                for name in names:
                    relative = os.path.relpath(os.path.join(folder, name), self.folder).replace(os.sep, "/")
                    if relative not in paths:
                        os.unlink(os.path.join(folder, name))
                        remove_empty_parents(Path(folder), self.folder)

    def save(self) -> None:
        if not self.fingerprint:
            return
        temporary = self.folder / f".{MANIFEST}.{os.getpid()}"
        temporary.write_text(json.dumps({"fingerprint": self.fingerprint, "documents": self.known}), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)
