"""Runs Pagefind over the finished site (article pages carry data-pagefind-body; listing
pages are not indexed). The CLI indexes ~10,000 pages in ~30 s here; Pagefind's Python
add_custom_record API took 0.1 s per record, so the CLI it is."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .urls import ARTICLE_PAGES_GLOB


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class SearchIndexResult:
    pages: int
    output: str


def build_search_index(site_dir: Path) -> SearchIndexResult:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--glob", ARTICLE_PAGES_GLOB]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"pagefind could not run: {err}") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind exited {done.returncode}:\n{output[-3000:]}")
    match = re.search(r"Indexed (\d+) pages?", output)
    return SearchIndexResult(int(match.group(1)) if match else 0, output)
