"""Work split across forked processes: the one place the engine uses more than one core.

The fork start method is what makes it cheap: the workers inherit the job (templates, plans,
file contents) from the parent's memory; only range bounds go to them and results come back
pickled. The caller decides whether forking is safe (never in a threaded server).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")
RangeJob = Callable[[int, int], T]  # does items[start:stop] of the caller's own list

_job: RangeJob | None = None  # set in each worker by `_start`: inherited, never pickled


def _start(job: RangeJob) -> None:
    global _job
    _job = job


def _run(start: int, stop: int):
    return _job(start, stop)


MAX_WORKERS = 4  # beyond this the parent's share of the work (and memory per worker) dominates


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def map_ranges(job: RangeJob, total: int, *, workers: int, chunk: int) -> list[T]:
    """`job(start, stop)` for consecutive ranges of `chunk` items covering `total`, results in
    order, in `workers` forked processes when that is worth it; else one job over the whole
    range, in this one."""
    bounds = [(start, min(start + chunk, total)) for start in range(0, total, chunk)]
    if workers <= 1 or len(bounds) <= 1 or not can_fork():
        return [job(0, total)] if total else []
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start, initargs=(job,)) as pool:
        return [future.result() for future in [pool.submit(_run, start, stop) for start, stop in bounds]]


def in_forked_child(job: Callable[[], None]) -> Callable[[], None]:
    """Start `job` in a forked child (it sees this process's data as it is now, which this
    one goes on changing); returns the function that waits for it. Without fork: run here."""
    if not can_fork():
        job()
        return lambda: None
    pid = os.fork()
    if pid == 0:  # the child: the job, then out without running the parent's exit handlers
        code = 1
        try:
            job()
            code = 0
        finally:
            os._exit(code)
    return lambda: os.waitpid(pid, 0)
