"""The intake matrix: every reporting unit × form with its status at a moment, and the counts.

A unit has a cell only for the forms it reports: Oslo's districts deliver the extracts and form
7, Oslo as a whole forms 7, 7B and 12 (each form's `reporting_units`).

The same matrix taken at the end of a chosen day answers who was missing then (at the
preliminary release on 15 March, say). Exported as CSV for the statistics office's own tools.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from kostra.catalog import load
from kostra.intake.calendar import Window
from kostra.intake.status import Facts, Status, UnitStatus, counts, status_of
from kostra.registry import ReportingUnit, county_of, kostra_group, reports_under
from kostra.text import time_with_seconds


@dataclass(frozen=True)
class Cell:
    """One unit and form: its status and what it was worked out from."""

    form: str
    status: UnitStatus
    facts: Facts


@dataclass(frozen=True)
class Row:
    """One unit across the forms."""

    unit: ReportingUnit
    name: str
    county: str
    kostra_group: str | None
    cells: tuple[Cell | None, ...]  # one per form of the matrix; None: the unit does not report it

    @property
    def code(self) -> str:
        """The unit's code."""
        return self.unit.code

    def cell(self, form: str) -> Cell | None:
        """The unit's cell of `form`; None when the unit does not report the form."""
        return next((cell for cell in self.cells if cell is not None and cell.form == form), None)

    def reported(self) -> tuple[Cell, ...]:
        """The cells of the forms the unit reports."""
        return tuple(cell for cell in self.cells if cell is not None)


@dataclass(frozen=True)
class Matrix:
    """The intake of one reporting year at one moment."""

    year: int
    at: datetime
    forms: tuple[str, ...]
    rows: tuple[Row, ...]

    def _cells(self, form: str) -> list[Cell]:
        return [cell for row in self.rows if (cell := row.cell(form)) is not None]

    def counts(self, form: str) -> dict[Status, int]:
        """Units per status for `form`."""
        return counts(cell.status for cell in self._cells(form))

    def reporting(self, form: str) -> int:
        """How many units report `form`."""
        return len(self._cells(form))

    def missing(self, form: str | None = None) -> tuple[Row, ...]:
        """Rows with a form (or `form`) not delivered."""
        return self._where(lambda cell: not cell.status.status.delivered, form)

    def only(self, statuses: set[Status], form: str | None = None) -> tuple[Row, ...]:
        """Rows with one of `statuses` in a form (or in `form`)."""
        return self._where(lambda cell: cell.status.status in statuses, form)

    def _where(self, test: Callable[[Cell], bool], form: str | None) -> tuple[Row, ...]:
        forms = (form,) if form else self.forms
        return tuple(
            row
            for row in self.rows
            if any((cell := row.cell(f)) is not None and test(cell) for f in forms)
        )


def matrix(
    year: int,
    at: datetime,
    units: Sequence[ReportingUnit],
    windows: Mapping[str, Window],
    facts: Mapping[str, Mapping[str, Facts]],
) -> Matrix:
    """The matrix of `units` × the forms of `windows`, at `at`, from each form's `facts`."""
    forms = tuple(windows)
    schemes = {form: load(form, year).reporting_units for form in forms}
    rows = []
    for unit in units:
        cells: list[Cell | None] = []
        for form in forms:
            if not reports_under(unit, schemes[form]):
                cells.append(None)
                continue
            known = facts.get(form, {}).get(unit.code) or Facts(unit=unit.code)
            cells.append(Cell(form, status_of(known, windows[form], at), known))
        rows.append(
            Row(
                unit=unit,
                name=unit.name(year),
                county=county_of(unit.municipality, year),
                kostra_group=kostra_group(unit.municipality, year),
                cells=tuple(cells),
            )
        )
    return Matrix(year, at, forms, tuple(rows))


CSV_HEADER = (
    "enhet",
    "navn",
    "fylke",
    "kostragruppe",
    "skjema",
    "status",
    "forsinket",
    "versjon",
    "sist_opplastet",
    "opplastinger",
    "purringer",
    "feillister_sendt",
    "feillister_ikke_returnert",
)


def csv_rows(table: Matrix, rows: Sequence[Row] | None = None) -> list[tuple[str, ...]]:
    """One line per unit and form (of `rows`, default all), as `CSV_HEADER` names them."""
    lines: list[tuple[str, ...]] = []
    for row in table.rows if rows is None else rows:
        for cell in row.reported():
            facts = cell.facts
            lines.append(
                (
                    row.code,
                    row.name,
                    row.county,
                    row.kostra_group or "",
                    cell.form,
                    cell.status.status.label,
                    "ja" if cell.status.late else "nei",
                    str(facts.version or ""),
                    time_with_seconds(facts.last_upload_at) if facts.last_upload_at else "",
                    str(facts.uploads),
                    str(facts.reminders),
                    str(facts.error_lists_sent),
                    str(facts.error_lists_open),
                )
            )
    return lines
