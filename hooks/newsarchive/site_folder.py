"""The published folder is replaced whole or not at all.

A production build writes into a fresh staging folder beside `site/` and swaps it in only
when the build has succeeded; a failed or killed build leaves the previous `site/` as it was
(its staging folder is removed by the next build). A lock file beside the site makes a
second build wait for the first instead of both writing the same folder.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        parent, name = self.site_dir.parent, self.site_dir.name
        self.staging = parent / f".{name}.building-{os.getpid()}"
        self._old = parent / f".{name}.old-{os.getpid()}"
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
        for stale in self.site_dir.parent.glob(f".{self.site_dir.name}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for stale in self.site_dir.parent.glob(f".{self.site_dir.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.staging.mkdir()

    def commit(self, after: Callable[[], None] = lambda: None, *, detach: bool = False) -> None:
        """Put the finished staging folder in place of the site (two renames; the old site is
        deleted only once the new one is in place), then release the lock. `after` runs while
        the old site is being deleted (both are file-system work: tens of thousands of files).
        `detach`: the old site is deleted by a process of its own that outlives this one (a
        one-shot build need not wait ~10 s for 50,000 directory entries to go; the next build
        removes whatever is left of it)."""
        if self.site_dir.exists():
            os.rename(self.site_dir, self._old)
        os.rename(self.staging, self.site_dir)
        deleting = None
        if self._old.exists():
            if detach:
                subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                                  str(self._old)], start_new_session=True, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            else:
                deleting = threading.Thread(target=shutil.rmtree, args=(self._old,), kwargs={"ignore_errors": True})
                deleting.start()
        try:
            after()
        finally:
            if deleting is not None:
                deleting.join()
            self.release()

    def release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None
