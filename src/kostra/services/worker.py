"""The first thing a control worker process does (it imports no polars before this runs).

Each worker gets one polars thread: the pool already gives every core a process of its own, and
a file's checks are many small expressions, for which threads only add hand-over costs. Then the
catalog's definitions and rules are loaded, so the first upload does not pay for them.
"""

from __future__ import annotations

import os


def start(forms: tuple[str, ...], years: tuple[int, ...], folders: tuple[str, ...] = ()) -> None:
    """Set up a worker process (`folders`: forms defined outside the catalog, as in the app)."""
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    from pathlib import Path

    from kostra.catalog import add_folder
    from kostra.intake.checking import warm_up

    for folder in folders:
        add_folder(Path(folder))
    warm_up(forms, years)
