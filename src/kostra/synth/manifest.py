"""Reading a synthetic year's folder back: its manifest's units, forms and files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kostra.registry import ReportingUnit


@dataclass(frozen=True)
class Entry:
    """One unit and form of a synthetic year's manifest."""

    unit: ReportingUnit
    vendor: str
    form: str
    file: Path | None  # None: nobody to report
    errors_placed: int


def read_manifest(folder: Path) -> tuple[int, list[Entry]]:
    """The year and entries of a synthetic year's folder (`<out>/<year>`)."""
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
    entries = []
    for unit in manifest["units"]:
        reporting_unit = ReportingUnit(unit["municipality"], unit["district"])
        for form, written in unit["forms"].items():
            path = folder / written["file"] if written["file"] else None
            entries.append(
                Entry(reporting_unit, unit["vendor"], form, path, written["errors_placed"])
            )
    return int(manifest["year"]), entries
