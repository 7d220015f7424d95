"""Worker processes for production: the statistics year's files are read in parallel.

Spawned, not forked (a fork of a process that has run polars can deadlock), each with one
polars thread (the pool gives every core its own process). This module imports no polars
before the worker has set that.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def _start() -> None:
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    import kostra.production.year  # noqa: F401 - loaded once, before the first file


def pool(workers: int = 0) -> ProcessPoolExecutor:
    """A pool of `workers` processes (0: one per core)."""
    return ProcessPoolExecutor(
        max_workers=workers or max(1, os.cpu_count() or 1),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
    )
