"""Runs Pagefind over the articles' search documents (search_documents.py: only articles are
indexed) into the site. The CLI indexes ~10,000 pages in ~30 s here; Pagefind's Python
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


def _run(documents_dir: Path, site_dir: Path, years: list[int], name: str, chunk_size: int | None = None) -> int:
    glob = year_pages_glob(years)
    command = [sys.executable, "-m", "pagefind", "--site", str(documents_dir), "--output-path", str(site_dir / name),
               "--glob", glob]
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


@dataclass
class SearchPlan:
    """Which shards this build has (`names`, as folders), which it keeps from the last site
    (`kept`: name -> pages) and which it indexes (`todo`: name, years, key)."""

    names: list[str]
    kept: dict
    todo: list
    limit: int
    year_counts: dict

    def todo_years(self) -> set[int]:
        return {year for _, years, _ in self.todo for year in years}


def plan_search(year_counts: dict[int, int], shard_limit: int, cache: SiteCache | None = None,
                shard_key: Callable[[list[int]], str] | None = None,
                runs: Callable[[int], bool] = lambda index: True) -> SearchPlan:
    """With the build cache, a shard whose articles' search records are all unchanged
    (`shard_key` of its years) is kept from the last site instead of running Pagefind again
    (and a shard to index again is removed from it now)."""
    shards = plan_shards(year_counts, shard_limit) or [[]]
    names, kept, todo = [], {}, []
    for number, years in enumerate(shards, 1):
        if not years:
            break
        name = shard_name(number)
        names.append(f"{name}/")
        if not runs(number - 1):  # another slice's shard (builds split across machines)
            continue
        key = shard_key(years) if cache is not None and shard_key is not None else ""
        pages = cache.shard(name, key) if key else None
        if pages is None:
            todo.append((name, years, key))
        else:
            kept[name] = pages
    return SearchPlan(names, kept, todo, shard_limit, year_counts)


def build_search_index(plan: SearchPlan, documents_dir: Path, site_dir: Path, cache: SiteCache | None = None,
                       chunk_size: int | None = None, second_run: Callable[[], bool] = lambda: False
                       ) -> SearchIndexResult:
    """Index the plan's shards to do from the documents folder into the site. `second_run()`:
    whether a second Pagefind may run beside the first now (the caller's own work is done)."""
    found = dict(plan.kept)
    small = all(sum(plan.year_counts[y] for y in years) <= plan.limit for _, years, _ in plan.todo)
    jobs = [lambda years=years, name=name: _run(documents_dir, site_dir, years, name, chunk_size)
            for name, years, _ in plan.todo]
    for (name, _, key), indexed in zip(plan.todo, _run_jobs(jobs, second_run if small else lambda: False)):
        if key:
            cache.record_shard(name, key, indexed)
        found[name] = indexed
    counts = {name: found[name] for name in (folder.rstrip("/") for folder in plan.names) if name in found}
    (site_dir / SHARDS_FILE).write_text(json.dumps(plan.names[1:]), encoding="utf-8")
    return SearchIndexResult(sum(counts.values()), plan.names, counts)


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
