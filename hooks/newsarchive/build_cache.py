"""The build cache (`.cache/build/`): why a production build after a small change costs a
fraction of a cold one, and never serves a stale page.

Everything is keyed by content and thrown away whole at the first doubt:

- The **fingerprint** hashes what every output depends on besides the articles: our code,
  the theme overrides, the hand-written pages, the registries, `mkdocs.yml`, the versions of
  every installed distribution, Python, the settings and the message language. A cache made
  under another fingerprint (other code, templates, settings, dependencies, another project)
  is not used at all.
- The **article memo** keeps each article file's read-and-validate result keyed by the hash
  of its bytes. Articles that refer to other files (photos, attachments, links) are never
  memoised: their result depends on files the hash does not cover. A file whose size, times
  and inode are those recorded is not even read (git's index does the same); one changed in
  the last seconds is always read, and a fresh checkout (new times) reads every file.
- The **last site** is a hard-linked copy of the site the last build published, with a
  manifest giving the key of every file we wrote (a page: the hash of its PagePlan; a feed:
  the hash of its entries; any other file: the hash of its bytes) and of every search shard
  (the keys of its article pages). A file whose size, modification time or inode differs
  from the manifest (someone wrote into `site/`) is not reused.

Files are a magic line, the fingerprint, a checksum of the payload and the payload (pickle,
written by this project for itself only); a file that does not check out is ignored and
deleted. Only `mkdocs build` (a production build) reads or writes the last site.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import pickle
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

FORMAT = b"newsarchive-build-cache 1\n"
ARTICLES_FILE = "articles-{part:02d}.pickle"
MEMO_PARTS = 16  # the memo in parts by path: one changed article rewrites 1/16 of it (76 MB at 10k)
MANIFEST_FILE = "site.manifest"
SITE_FOLDER = "site"
EARLY_FOLDER = "site.early"  # a cold build's copy while it is being made (EarlyCopy)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def value_key(value: object) -> str:
    """The key of plain data (dicts, lists, strings, dataclasses of those): equal values give
    equal keys. The pickler's memo is off, so which objects happen to be shared (fresh from
    the files or from the memo) does not change the bytes; the data has no cycles."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return digest(buffer.getvalue())


def _tree_entries(path: Path) -> Iterable[tuple[str, bytes]]:
    if path.is_file():
        yield str(path), path.read_bytes()
    elif path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if "__pycache__" not in file.parts:  # Python's own compiled copies come and go
                yield str(file), file.read_bytes()


def fingerprint(inputs: Iterable[Path | None], values: Iterable[str]) -> str:
    """Hash of the given files and folders (every file's path and bytes; None: absent), the given values,
    Python's version and every installed distribution's name and version."""
    h = hashlib.blake2b(FORMAT, digest_size=20)
    for path in inputs:
        if path is None:
            continue
        for name, data in _tree_entries(Path(path)):
            h.update(f"\0file {name} {len(data)}\0".encode())
            h.update(data)
    for value in values:
        h.update(f"\0value {value}".encode())
    h.update(_environment())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _environment() -> bytes:
    """Python's version and every installed distribution's name and version."""
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return "\n".join([sys.version, *dists]).encode()


def _read(path: Path, key: str):
    """The payload stored under `key`, or None (missing, foreign or corrupt: then deleted)."""
    try:
        with open(path, "rb") as handle:
            if handle.readline() != FORMAT or handle.readline().strip().decode() != key:
                raise ValueError("foreign cache")
            checksum = handle.readline().strip().decode()
            payload = handle.read()
        if digest(payload) != checksum:
            raise ValueError("corrupt cache")
        return pickle.loads(payload)
    except FileNotFoundError:
        return None
    except Exception:  # anything unreadable means a cold build, never a crash
        path.unlink(missing_ok=True)
        return None


def _write(path: Path, key: str, value) -> None:
    """Atomically: a killed build leaves the previous file or none."""
    payload = pickle.dumps(value, protocol=5)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "wb") as handle:
        handle.write(FORMAT + f"{key}\n{digest(payload)}\n".encode() + payload)
    os.replace(temporary, path)


# --- article memo -------------------------------------------------------------------------

_REFERENCE_MARKS = (b"](", b"]:", b"<img", b"<IMG", b"src=", b"href=")  # `in` scans: faster than one regex


def memoisable(data: bytes) -> bool:
    """An article whose bytes refer to no other file: its result depends on its bytes alone."""
    return not any(mark in data for mark in _REFERENCE_MARKS)


def memo_part(path: str) -> int:
    return int.from_bytes(hashlib.blake2b(path.encode(), digest_size=2).digest(), "big") % MEMO_PARTS


def _memo_parts(memo: dict) -> list[dict]:
    parts: list[dict] = [{} for _ in range(MEMO_PARTS)]
    for path, entry in memo.items():
        parts[memo_part(path)][path] = entry
    return parts


def load_article_memo(cache_dir: Path, key: str) -> dict:
    """Entries of every part that checks out (each entry stands alone: a lost part costs only
    its files' loading)."""
    memo: dict = {}
    for part in range(MEMO_PARTS):
        memo.update(_read(cache_dir / ARTICLES_FILE.format(part=part), key) or {})
    return memo


def save_article_memo(cache_dir: Path, key: str, memo: dict, last: dict | None = None) -> None:
    """Write the parts whose entries are not those of `last` (the memo this build loaded: its
    unchanged entries are the very same objects)."""
    before = _memo_parts(last or {})
    for number, part in enumerate(_memo_parts(memo)):
        path = cache_dir / ARTICLES_FILE.format(part=number)
        old = before[number]
        if last is not None and path.exists() and part.keys() == old.keys() \
                and all(entry is old[name] for name, entry in part.items()):
            continue
        _write(path, key, part)


# --- the last site ------------------------------------------------------------------------

@dataclass
class SiteCache:
    """The last published site, linked into this build's staging folder: files we can keep
    (`reusable`), and what this build produced (`produce`), from which the next manifest is
    made. Files of the last site this build does not produce again are deleted (`prune`)."""

    staging: Path
    files: dict = field(default_factory=dict)  # path -> key, of the last site, still valid
    shards: dict = field(default_factory=dict)  # search shard folder -> (key, pages)
    produced: dict = field(default_factory=dict)  # path -> key, this build
    produced_shards: dict = field(default_factory=dict)
    written: set = field(default_factory=set)  # paths this build wrote (the others were kept)
    base: dict | None = None  # the manifest of the cached copy the staging folder was linked from:
                              # each file's (key, (size, mtime, inode))
    moved: bool = False  # the staging folder is the cached copy itself (moved, not linked)
    removed_shards: set = field(default_factory=set)  # shard folders of the copy removed for re-indexing

    @property
    def warm(self) -> bool:
        return bool(self.files)

    def reusable(self, path: str, key: str) -> bool:
        """True (and recorded as produced) if the last site has this file with this key (its
        bytes as they were written: `restore_site` checked each file)."""
        if self.files.get(path) == key:
            self.produced[path] = key
            return True
        return False

    def produce(self, path: str, key: str) -> None:
        """This build writes `path`: an existing hard link must be broken first, or the
        write would change the published site's copy too."""
        self.produced[path] = key
        self.written.add(path)
        if path in self.files:
            (self.staging / path).unlink(missing_ok=True)

    def shard(self, name: str, key: str) -> int | None:
        """The page count of a search shard the last site has with this key (kept), or None
        (then its folder is removed, for Pagefind to write it again)."""
        known = self.shards.get(name)
        if known and known[0] == key and (self.staging / name).is_dir():
            self.produced_shards[name] = known
            return known[1]
        shutil.rmtree(self.staging / name, ignore_errors=True)
        self.removed_shards.add(name)
        return None

    def record_shard(self, name: str, key: str, pages: int) -> None:
        self.produced_shards[name] = (key, pages)

    def discard(self, paths: Iterable[str]) -> None:
        """Delete files of the last site now (pages that must not reach the search index)."""
        for path in paths:
            if self.files.pop(path, None) is not None:
                target = self.staging / path
                target.unlink(missing_ok=True)
                remove_empty_parents(target.parent, self.staging)

    def prune(self) -> None:
        """Delete the last site's files and shards this build did not produce again."""
        self.discard(set(self.files) - set(self.produced))
        for name in set(self.shards) - set(self.produced_shards):
            shutil.rmtree(self.staging / name, ignore_errors=True)


def remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _stat(path: Path | str) -> tuple[int, int, int] | None:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return (s.st_size, s.st_mtime_ns, s.st_ino)


class SiteRestore:
    """`restore_site` in a thread: the hard links are made while this build loads and plans
    the articles (file-system work beside CPU work: both cores busy). `result()` waits."""

    def __init__(self, cache_dir: Path, key: str, staging: Path, move: bool = False):
        self._result: SiteCache | None = None
        self._thread = threading.Thread(target=self._run, args=(cache_dir, key, staging, move))
        self._staging = staging
        self._thread.start()

    def _run(self, cache_dir: Path, key: str, staging: Path, move: bool) -> None:
        try:
            self._result = restore_site(cache_dir, key, staging, move)
        except Exception:  # a cache that fails us means a cold build, in an empty staging folder
            shutil.rmtree(staging, ignore_errors=True)  # never links MkDocs could write through
            staging.mkdir(exist_ok=True)

    def result(self) -> SiteCache:
        self._thread.join()
        return self._result if self._result is not None else SiteCache(self._staging)


def restore_site(cache_dir: Path, key: str, staging: Path, move: bool = False) -> SiteCache:
    """Link the cached copy of the last site into the (empty) staging folder. The copy holds
    only the files the manifest lists and the search shards (`save_site` keeps it so), never
    a file MkDocs writes itself: that write would go through the shared inode into the copy
    and the published site. Each file is checked against the manifest here; only those that
    match are reusable. The cached copy itself is left as it is. No usable cache: an empty one.

    `move`: the copy itself becomes the staging folder (one rename, where linking ~58,000
    files and ~29,000 folders took ~10 s of file-system time at 10k). For where the published
    site is still there: `save_site` then makes the replaced site the next copy, and a failed
    build gives the copy back (`give_back`)."""
    manifest = _read(cache_dir / MANIFEST_FILE, key)
    last = cache_dir / SITE_FOLDER
    if manifest is None or not last.is_dir():
        shutil.rmtree(last, ignore_errors=True)
        return SiteCache(staging)
    moved = False
    try:
        staging.rmdir()
        if move:
            try:
                os.rename(last, staging)
                moved = True
            except OSError:  # another file system: linked below
                pass
        linked = moved or link_tree(last, staging)
    except OSError:
        linked = False
    if not linked:  # another file system, or a staging folder not empty: a cold build
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(exist_ok=True)
        return SiteCache(staging)
    # Only files as they were written are reusable: someone may have changed one in `site/`,
    # which shares its inode with the copy. Checked here, in the restore's thread.
    root = str(staging)
    files = {path: file_key for path, (file_key, stat) in manifest["files"].items()
             if _stat(f"{root}/{path}") == tuple(stat)}
    shards = {name: value for name, value in manifest["shards"].items() if (staging / name).is_dir()}
    return SiteCache(staging, files, shards, base=manifest, moved=moved)


def give_back(cache_dir: Path, cache: SiteCache) -> None:
    """A build that fails after its staging folder took the cached copy (`moved`) returns it:
    what the build added goes (MkDocs' files, new pages, shards it indexed anew); a file it
    rewrote or deleted no longer matches the manifest, so the next build does not reuse it."""
    if not cache.moved or cache.base is None or not cache.staging.is_dir():
        return
    last = cache_dir / SITE_FOLDER
    for name in cache.removed_shards:
        shutil.rmtree(cache.staging / name, ignore_errors=True)
    kept_shards = [name for name in cache.base["shards"] if name not in cache.removed_shards]
    keep_only(cache.staging, set(cache.base["files"]), kept_shards)
    shutil.rmtree(last, ignore_errors=True)
    os.rename(cache.staging, last)
    cache.moved = False


def keep_only(root: Path, files: set, shard_names: Iterable[str]) -> None:
    """Delete every file under `root` that is neither in `files` nor in a search shard."""
    for path in _files_under(root, shard_names):
        if path not in files:
            os.unlink(f"{root}/{path}")


def _files_under(root: Path, skipped: Iterable[str]) -> list[str]:
    """Relative paths of the files under `root`, without the top-level folders `skipped`.
    GNU find lists them in C: os.walk took ~1.8 s of a warm 10k build (~29,000 folders)."""
    skipped = list(skipped)
    if shutil.which("find") and sys.platform.startswith("linux"):
        prune = [arg for name in skipped for arg in ("-o", "-path", f"./{name}")][1:]
        command = ["find", ".", *(["(", *prune, ")", "-prune", "-o"] if prune else []), "!", "-type", "d", "-print0"]
        done = subprocess.run(command, cwd=root, capture_output=True)
        if done.returncode == 0:
            return [name[2:] for name in os.fsdecode(done.stdout).split("\0") if name]
    shard_roots = tuple(f"{name}/" for name in skipped)
    found, top = [], str(root)
    for folder, dirnames, filenames in os.walk(top, topdown=True):
        prefix = folder[len(top) + 1:] + "/" if folder != top else ""  # strings: ~29,000 folders at 10k
        if prefix.startswith(shard_roots):
            dirnames[:] = []
            continue
        found.extend(prefix + name for name in filenames)
    return found


def save_site(cache_dir: Path, key: str, site_dir: Path, cache: SiteCache, previous: Path | None = None,
              early: "EarlyCopy | None" = None) -> bool:
    """Keep a hard-linked copy of the published site and its manifest for the next build:
    the copy this build started from, brought up to date by what it wrote and deleted (a
    few files after a small change), or made anew. False where hard links are impossible
    (another file system): then there is no cache.

    When this build took the copy itself (`moved`), `previous` -- the site it replaced, which
    shares the copy's files -- becomes the copy instead (moved here: the caller need not
    delete it), less what only it holds (MkDocs' own files). `early`: the copy a cold build
    began while Pagefind ran (EarlyCopy), finished here instead of linking the site anew."""
    last = cache_dir / SITE_FOLDER
    (cache_dir / MANIFEST_FILE).unlink(missing_ok=True)
    if cache.moved and previous is not None and cache.base is not None:
        shutil.rmtree(last, ignore_errors=True)
        try:
            os.rename(previous, last)
        except OSError:
            pass
    updated = cache.base is not None and last.is_dir() and _update_copy(last, site_dir, cache)
    if not updated:
        shutil.rmtree(last, ignore_errors=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        made = early.result() if early is not None else None
        if made is not None and _complete_copy(made, site_dir, cache):
            os.rename(made, last)
        elif not link_tree(site_dir, last):
            shutil.rmtree(last, ignore_errors=True)
            return False
    if early is not None:
        early.discard()
    if cache.moved or not updated:  # a replaced site or a whole site linked: MkDocs' own files go
        keep_only(last, set(cache.produced), cache.produced_shards)
    files, root, known = {}, str(last), cache.base["files"] if updated else {}
    for path, file_key in cache.produced.items():
        # A file kept from the last site is the same inode, unchanged (restore_site checked it).
        stat = tuple(known[path][1]) if path in known and path not in cache.written else _stat(f"{root}/{path}")
        if stat is not None:
            files[path] = (file_key, stat)
    _write(cache_dir / MANIFEST_FILE, key, {"files": files, "shards": dict(cache.produced_shards)})
    return True


class EarlyCopy:
    """A cold build's copy of its site, hard-linked in a thread while Pagefind indexes (the
    build's own process is idle then; linking ~29,000 folders at 10k is seconds of system
    time). The search shards being written are left out; `save_site` adds them and any file
    written or replaced since (`_complete_copy`)."""

    def __init__(self, cache_dir: Path, site_dir: Path, skipped: Iterable[str]):
        self.folder = cache_dir / EARLY_FOLDER
        self._made = False
        self._thread = threading.Thread(target=self._run, args=(site_dir, set(skipped)), daemon=True)
        self._thread.start()

    def _run(self, site_dir: Path, skipped: set) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        try:
            self.folder.mkdir(parents=True)
            self._made = link_entries(site_dir, sorted(set(os.listdir(site_dir)) - skipped), self.folder)
        except OSError:
            self._made = False

    def result(self) -> Path | None:
        self._thread.join()
        return self.folder if self._made else None

    def discard(self) -> None:
        """What is left of it (a copy not used, or a build that failed)."""
        self._thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def _complete_copy(copy: Path, site_dir: Path, cache: SiteCache) -> bool:
    """Bring an EarlyCopy up to the finished site: the search shards, and every produced file
    the copy lacks or holds as another inode (written after its link was made)."""
    try:
        for name in cache.produced_shards:
            shutil.rmtree(copy / name, ignore_errors=True)
            if not link_tree(site_dir / name, copy / name):
                return False
        for path in cache.produced:
            source, target = site_dir / path, copy / path
            try:
                if os.stat(target).st_ino == os.stat(source).st_ino:
                    continue
                target.unlink()
            except FileNotFoundError:
                target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        return True
    except OSError:
        return False


def _update_copy(last: Path, site_dir: Path, cache: SiteCache) -> bool:
    """Make the cached copy hold what the site holds, for every file and search shard the
    manifest will list: files deleted or written anew, shards indexed anew."""
    try:
        for path in set(cache.base["files"]) - set(cache.produced):
            (last / path).unlink(missing_ok=True)
            remove_empty_parents((last / path).parent, last)
        for path in cache.written:
            target = last / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            os.link(site_dir / path, target)
        old_shards = cache.base["shards"]
        for name in set(old_shards) | set(cache.produced_shards):
            if name in cache.produced_shards and cache.produced_shards[name] == old_shards.get(name):
                continue
            shutil.rmtree(last / name, ignore_errors=True)
            if name in cache.produced_shards and not link_tree(site_dir / name, last / name):
                return False
        return True
    except OSError:
        return False


def link_entries(source: Path, names: list[str], target: Path) -> bool:
    """Hard-linked copies of the named entries of `source` in the existing folder `target`."""
    if not names:
        return True
    if shutil.which("cp") and sys.platform.startswith("linux"):
        done = subprocess.run(["cp", "-al", "--", *(str(source / name) for name in names), str(target)],
                              capture_output=True)
        return done.returncode == 0
    for name in names:
        if (source / name).is_dir() and not (source / name).is_symlink():
            if not link_tree(source / name, target / name):
                return False
        else:
            try:
                os.link(source / name, target / name)
            except OSError:
                return False
    return True


def link_tree(source: Path, target: Path) -> bool:
    """A hard-linked copy of a folder: GNU cp does it in C, else file by file."""
    if shutil.which("cp") and sys.platform.startswith("linux"):
        done = subprocess.run(["cp", "-al", str(source), str(target)], capture_output=True)
        return done.returncode == 0
    try:
        for folder, _dirs, names in os.walk(source):
            out = target / Path(folder).relative_to(source)
            out.mkdir(parents=True, exist_ok=True)
            for name in names:
                os.link(os.path.join(folder, name), out / name)
        return True
    except OSError:
        return False
