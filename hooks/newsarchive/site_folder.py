"""The published folder is replaced whole or not at all.

A production build writes into a fresh staging folder beside `site/` and swaps it in only
when the build has succeeded; a failed or killed build leaves the previous `site/` as it was
(its staging folder is removed by the next build). A lock file beside the site makes a
second build wait for the first instead of both writing the same folder.
"""
from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable


class SiteSwap:
    def __init__(self, site_dir: Path, *, detach: bool = False):
        """`detach`: old and left-over folders are deleted by a process of their own that
        outlives this one (a one-shot build need not wait ~10 s for 50,000 directory entries
        to go, nor for the rest of an earlier build's; their names are this process's own, so
        they are never in the way)."""
        self.detach = detach
        self.site_dir = site_dir.resolve()
        parent, name = self.site_dir.parent, self.site_dir.name
        own = f"{os.getpid()}-{secrets.token_hex(4)}"  # never an earlier build's name (PIDs are reused)
        self.staging = parent / f".{name}.building-{own}"
        self._old = parent / f".{name}.old-{own}"
        self._lock_path = parent / f".{name}.lock"
        self._lock = None

    def begin(self, on_wait: Callable[[], None] = lambda: None) -> None:
        """Take the lock (waiting for another build), clear leftovers of killed builds, and
        create an empty staging folder."""
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(self._lock_path, "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        for pattern in (f".{self.site_dir.name}.building-*", f".{self.site_dir.name}.old-*"):
            for stale in self.site_dir.parent.glob(pattern):
                self._delete(stale)
        self.staging.mkdir()

    def commit(self, after: Callable[[Path | None], None] = lambda replaced: None) -> None:
        """Put the finished staging folder in place of the site (two renames; the old site is
        deleted only once the new one is in place), then release the lock. `after` gets the
        replaced site's folder (None: there was none) and may move it away to keep it (the
        build cache does); if it is still there afterwards, it is deleted."""
        replaced = None
        if self.site_dir.exists():
            os.rename(self.site_dir, self._old)
            replaced = self._old
        os.rename(self.staging, self.site_dir)
        try:
            after(replaced)
        finally:
            if self._old.exists():
                self._delete(self._old)
            self.release()

    def _delete(self, folder: Path) -> None:
        """Delete a folder: by a detached process, or here."""
        if self.detach:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                              str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        shutil.rmtree(folder, ignore_errors=True)

    def release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None
