"""Runs Pagefind over the finished site (article pages carry data-pagefind-body; listing
pages are not indexed). The CLI indexes ~10,000 pages in ~30 s here; Pagefind's Python
add_custom_record API took 0.1 s per record, so the CLI it is.

Pagefind holds ~370 KB per indexed page in memory while indexing (3.7 GB at 10,000 pages),
so a large archive is indexed in shards of consecutive years, one Pagefind run each; the
search page merges them in the browser (Pagefind's mergeIndex), filters and date sort
included. The first shard is `pagefind/`, the others `pagefind-2/`, `pagefind-3/`, ... and
`pagefind-shards.json` lists those.

A query downloads, per shard, the index files ("chunks") holding its words, and Pagefind cuts
chunks at a number of word occurrences (20,000 by default), so the chunk of a word in nearly
every article carries its alphabetical neighbours too -- once per shard. `chunk_size` sets that
number through Pagefind's PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (read by the pinned 1.5.2; a test
checks it still takes effect). Smaller chunks also lengthen the chunk list in each shard's
metadata, which every query loads: with a shard per year at 10k (~770 pages each), 600 to 800
were the best of the sizes measured (docs/performance.md; "dân vận" over the 13 shards:
1,142 KB at 600, 1,402 KB at 1,000; Pagefind's own single index with its default chunks 1,340 KB).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from typing import Callable

from .build_cache import SiteCache
from .urls import year_pages_glob

SHARDS_FILE = "pagefind-shards.json"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class SearchIndexResult:
    pages: int  # in the shards this build indexed or kept
    shards: list[str]  # every shard's folder
    counts: dict = field(default_factory=dict)  # folder -> pages, of the shards this build has


def plan_shards(year_counts: dict[int, int], limit: int) -> list[list[int]]:
    """Consecutive years grouped so that a shard holds at most `limit` articles (a single
    larger year is a shard of its own), listed newest first. Filled from the oldest year on,
    so the newest shard is the partly filled one: new articles land there, and an incremental
    build re-indexes that small shard only."""
    shards: list[list[int]] = []
    size = 0
    for year in sorted(year_counts):
        if shards and size + year_counts[year] <= limit:
            shards[-1].insert(0, year)
            size += year_counts[year]
        else:
            shards.append([year])
            size = year_counts[year]
    return shards[::-1]


CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"


def _run(site_dir: Path, years: list[int], subdir: str, chunk_size: int | None = None) -> int:
    glob = year_pages_glob(years)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", subdir, "--glob", glob]
    env = {**os.environ, CHUNK_SIZE_VARIABLE: str(chunk_size)} if chunk_size else None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, env=env)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"pagefind could not run: {err}") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind exited {done.returncode}:\n{output[-3000:]}")
    match = re.search(r"Indexed (\d+) pages?", output)
    return int(match.group(1)) if match else 0


def build_search_index(site_dir: Path, year_counts: dict[int, int], shard_limit: int,
                       cache: SiteCache | None = None, shard_key: Callable[[list[int]], str] | None = None,
                       runs: Callable[[int], bool] = lambda index: True,
                       chunk_size: int | None = None, second_run: Callable[[], bool] = lambda: False
                       ) -> SearchIndexResult:
    """With the build cache, a shard whose article pages are all unchanged (`shard_key` of its
    years) is kept from the last site instead of running Pagefind again. `second_run()`: whether
    a second Pagefind may run beside the first now (the caller's own work is done)."""
    shards = plan_shards(year_counts, shard_limit) or [[]]
    names, found, todo = [], {}, []
    for number, years in enumerate(shards, 1):
        if not years:
            break
        name = shard_name(number)
        names.append(f"{name}/")
        if not runs(number - 1):  # another slice's shard (builds split across machines)
            continue
        key = shard_key(years) if cache is not None and shard_key is not None else ""
        kept = cache.shard(name, key) if key else None
        if kept is None:
            todo.append((name, years, key))
        else:
            found[name] = kept
    small = all(sum(year_counts[y] for y in years) <= shard_limit for _, years, _ in todo)
    jobs = [lambda years=years, name=name: _run(site_dir, years, name, chunk_size) for name, years, _ in todo]
    for (name, _, key), indexed in zip(todo, _run_jobs(jobs, second_run if small else lambda: False)):
        if key:
            cache.record_shard(name, key, indexed)
        found[name] = indexed
    counts = {name: found[name] for name in (folder.rstrip("/") for folder in names) if name in found}
    (site_dir / SHARDS_FILE).write_text(json.dumps(names[1:]), encoding="utf-8")
    return SearchIndexResult(sum(counts.values()), names, counts)


# Pagefind uses ~1.4 of 2 cores and ~370 KB per page: a second run goes beside the first only
# when the caller says its own work is done, and only for shards within the shard limit (a
# larger single year, as at 50,000 articles, would double the memory of the biggest runs).
CONCURRENT_RUNS = 2


def _run_jobs(jobs: list[Callable[[], int]], second_run: Callable[[], bool]) -> list[int]:
    """Each job's result, in order; one at a time, two once `second_run()` says so."""
    results: list[int | None] = [None] * len(jobs)
    pending = list(enumerate(jobs))
    with ThreadPoolExecutor(CONCURRENT_RUNS) as pool:
        running: dict = {}
        while pending or running:
            limit = CONCURRENT_RUNS if second_run() else 1
            while pending and len(running) < limit:
                position, job = pending.pop(0)
                running[pool.submit(job)] = position
            done, _ = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
            for future in done:
                results[running.pop(future)] = future.result()
    return results


def shard_name(number: int) -> str:
    return "pagefind" if number == 1 else f"pagefind-{number}"
