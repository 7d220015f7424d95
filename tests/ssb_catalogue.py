"""The controls of SSB's program as the control catalogue lists them (tests/data/ssb_controls.csv)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_CSV = Path(__file__).resolve().parent / "data" / "ssb_controls.csv"


@cache
def ssb_controls(form: str) -> tuple[tuple[str, str], ...]:
    """(id, severity) in run order, from the catalogue's quick-reference tables 0.1 and 0.2."""
    lines = _CSV.read_text("utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return tuple((r["rule"], r["severity"]) for r in rows if r["form"] == form)
