"""Runs the control program on uploads in a pool, so a check never holds up anything else.

A pool of worker processes (spawned, not forked: a fork of a process that has run polars can
deadlock) takes the CPU work, so a slow file never holds up other requests and several files are
checked at once, one per core. With `workers=0` the checks run in a thread instead (one process,
for small installations and tests); the event loop is free either way. A worker that dies (out of
memory on an absurd file) is replaced, and the check is tried once more.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kostra.catalog import available
from kostra.intake.checking import Checked, check_upload
from kostra.intake.totals import Totals
from kostra.records.answers import Answers
from kostra.registry import ReportingUnit
from kostra.services import worker


class ControlRunner:
    """A pool that checks uploads."""

    def __init__(self, workers: int, folders: tuple[str, ...] = ()) -> None:
        self.workers = workers
        self.folders = folders  # forms defined outside the catalog, added in each worker
        self._pool: Executor | None = None

    def _make_pool(self) -> Executor:
        if self.workers == 0:
            return ThreadPoolExecutor(
                max_workers=os.cpu_count() or 1, thread_name_prefix="kontroll"
            )
        forms = tuple(available())
        years = tuple(sorted({year for y in available().values() for year in y})[-2:])
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.start,
            initargs=(forms, years, self.folders),
        )

    def start(self) -> Executor:
        """The pool, started if it was not (workers start as they are first needed)."""
        if self._pool is None:
            self._pool = self._make_pool()
        return self._pool

    def check(
        self,
        data: bytes,
        form: str,
        year: int,
        unit: ReportingUnit,
        last_year: Totals | Answers | None,
    ) -> Checked:
        """The report and totals of an extract, compared with `last_year`, computed in the pool
        (the calling thread waits; call it off the event loop)."""
        args = (data, form, year, unit.municipality, unit.district, last_year)
        try:
            return self.start().submit(check_upload, *args).result()
        except BrokenProcessPool:
            self.stop()
            return self.start().submit(check_upload, *args).result()

    def stop(self) -> None:
        """Stop the pool."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
