"""Reading a synthetic year's folder back: its manifest's units, forms and files.

The extracts (11F, 11CF) are listed per unit; the web forms' answers (7, 7B, 12) in a list of
their own, since those forms have units of their own (Oslo as a whole). `read_manifest` gives
the extracts, and with `answers=True` the answers too, after them.
"""

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
    answers: bool = False  # the file holds a web form's answers (JSON), not an extract
    mistake: str | None = None  # answers: the mistake placed in them (`answer_errors`), if any


def read_manifest(folder: Path, *, answers: bool = False) -> tuple[int, list[Entry]]:
    """The year and entries of a synthetic year's folder (`<out>/<year>`): the extracts, and with
    `answers` every unit's answers to the web forms after them (none in a folder made before
    there were any)."""
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
    entries = []
    for unit in manifest["units"]:
        reporting_unit = ReportingUnit(unit["municipality"], unit["district"])
        for form, written in unit["forms"].items():
            path = folder / written["file"] if written["file"] else None
            entries.append(
                Entry(reporting_unit, unit["vendor"], form, path, written["errors_placed"])
            )
    if answers:
        entries += [
            Entry(
                ReportingUnit(item["municipality"], item["district"]),
                item["vendor"],
                item["form"],
                folder / item["file"],
                item["errors_placed"],
                answers=True,
                mistake=item["mistake"],
            )
            for item in manifest.get("answers", ())
        ]
    return int(manifest["year"]), entries
