"""How good the estimates are: withhold a share of the units of a complete year, estimate them
as if they were late, and compare the national figures with the truth."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random

import polars as pl

from kostra.indicators.definitions import Definitions
from kostra.indicators.figures import year_figures
from kostra.production.microdata import UNIT
from kostra.production.year import Delivery, Standing, StatisticsYear
from kostra.synth.manifest import read_manifest

FIGURES = ("cases", "persons", "paid", "months", "long_term", "kvp_participants", "kvp_paid")


@dataclass(frozen=True)
class Run:
    """One simulated year: which units were withheld, and each national figure's error."""

    withheld: tuple[str, ...]
    errors: dict[str, float]  # figure → (estimate − truth) / truth


@dataclass(frozen=True)
class Outcome:
    """All runs, with the truth."""

    truth: dict[str, int]
    runs: tuple[Run, ...]

    def mean_absolute(self, figure: str) -> float:
        """The mean of the absolute relative errors of `figure` over the runs."""
        return statistics.fmean(abs(r.errors[figure]) for r in self.runs)

    def worst(self, figure: str) -> float:
        """The largest absolute relative error of `figure`."""
        return max(abs(r.errors[figure]) for r in self.runs)

    def within(self, figure: str, tolerance: float) -> float:
        """The share of runs whose error of `figure` is within `tolerance`."""
        return sum(abs(r.errors[figure]) <= tolerance for r in self.runs) / len(self.runs)


def withhold(year: StatisticsYear, units: set[str]) -> StatisticsYear:
    """`year` as if `units` had not delivered (missing in every form)."""
    deliveries = tuple(
        replace(d, standing=Standing.MISSING, submission=None, version=None, sha256=None,
                corrections=())
        if d.unit in units else d
        for d in year.deliveries
    )  # fmt: skip
    micro = {
        form: frame.filter(~pl.col(UNIT).is_in(sorted(units)))
        for form, frame in year.microdata.items()
    }
    return StatisticsYear(year.year, deliveries, micro)


def _national(figures_frame: pl.DataFrame) -> dict[str, int]:
    row = figures_frame.filter(pl.col("region") == "EAK").row(0, named=True)
    return {name: int(row[name] or 0) for name in FIGURES if name in row}


def simulate(
    last: StatisticsYear,
    this: StatisticsYear,
    defs: Definitions,
    *,
    share: float,
    runs: int,
    seed: int,
) -> Outcome:
    """Withhold `share` of the units that delivered `this` year, at random, `runs` times."""
    if not 0 < share < 1:
        raise ValueError(f"andelen må være mellom 0 og 1, ikke {share}")
    previous = year_figures(last, None, defs)
    truth = _national(year_figures(this, previous.units, defs).basic)
    candidates = sorted({d.unit for d in this.deliveries if d.standing is Standing.DELIVERED})
    rng = Random(seed)
    made = []
    count = max(1, round(share * len(candidates)))
    for _ in range(runs):
        chosen = set(rng.sample(candidates, count))
        estimated = _national(year_figures(withhold(this, chosen), previous.units, defs).basic)
        errors = {
            name: (estimated[name] - truth[name]) / truth[name] if truth[name] else 0.0
            for name in truth
        }
        made.append(Run(tuple(sorted(chosen)), errors))
    return Outcome(truth, tuple(made))


def synthetic_deliveries(folder: Path) -> tuple[int, list[Delivery]]:
    """The year and deliveries of a synthetic year's folder (`kostra synth`), every unit
    delivered or with nothing to report; each file's path stands for its SHA-256."""
    year, entries = read_manifest(folder)
    found = [
        Delivery(e.unit.code, e.form, Standing.DELIVERED, submission=e.unit.code, version=1,
                 sha256=str(e.file))
        if e.file is not None
        else Delivery(e.unit.code, e.form, Standing.NOTHING_TO_REPORT)
        for e in entries
    ]  # fmt: skip
    return year, found
