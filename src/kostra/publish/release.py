"""A release (preliminary or final figures, on the dates of the calendar): every year held, computed from its
statistics year, on the release year's borders, protected, written as JSON-stat 2.0, CSV and PX.

The same inputs give the same bytes: nothing in the files depends on when or where they were
made but the release time recorded in the manifest (`updated`), and pseudonyms only decide
which records are the same person, never a published number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kostra import text
from kostra.indicators.definitions import Definitions
from kostra.indicators.figures import YearFigures, on_borders, year_figures
from kostra.production.year import StatisticsYear
from kostra.publish.csv import to_csv
from kostra.publish.dataset import Dataset
from kostra.publish.jsonstat import to_jsonstat
from kostra.publish.protection import protect
from kostra.publish.px import to_px
from kostra.publish.tables import MATRICES, Year, tables

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "px": "text/plain; charset=utf-8",
}


class Stage(StrEnum):
    """How far a release's figures have come."""

    PRELIMINARY = "preliminary"
    FINAL = "final"

    @property
    def label(self) -> str:
        """The stage as the public pages name it."""
        return "Foreløpige tall" if self is Stage.PRELIMINARY else "Endelige tall"

    def dated(self, day: date) -> str:
        """The stage with its publication date: `Foreløpige tall (15. mars 2026)`."""
        return f"{self.label} ({text.long_date(day)})"


@dataclass(frozen=True)
class Built:
    """What a release is made of: its files, tables, and each year's figures."""

    files: dict[str, bytes]  # file name → bytes
    datasets: tuple[Dataset, ...]
    figures: dict[int, YearFigures]  # per year, on the release year's borders

    def digests(self) -> dict[str, str]:
        """File name → SHA-256 of its bytes."""
        return {name: hashlib.sha256(data).hexdigest() for name, data in self.files.items()}


def build(
    years: Mapping[int, StatisticsYear],
    release_year: int,
    defs: Definitions,
    *,
    max_n: int,
    updated: datetime,
) -> Built:
    """The release of `release_year` from the statistics years held (at most `release_year`)."""
    held = sorted(y for y in years if y <= release_year)
    if release_year not in held:
        raise ValueError(f"ingen statistikkårgang for {release_year}")
    figures: dict[int, YearFigures] = {}
    last_units = None
    protected = []
    for year in held:
        own = year_figures(years[year], last_units if year - 1 in figures else None, defs)
        last_units = own.units
        on_release = on_borders(own, release_year, defs)
        figures[year] = on_release
        protected.append(Year(on_release, protect(on_release, defs, max_n)))
    stamp = text.iso_moment(updated)
    datasets = tables(protected, defs, stamp)
    files: dict[str, bytes] = {}
    for dataset in datasets:
        files[f"{dataset.id}.json"] = to_jsonstat(dataset)
        files[f"{dataset.id}.csv"] = to_csv(dataset)
        files[f"{dataset.id}.px"] = to_px(dataset, matrix=MATRICES[dataset.id], created=updated)
    return Built(files, tuple(datasets), figures)


def media_type(name: str) -> str:
    """The media type of a release file, by its extension."""
    return MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
