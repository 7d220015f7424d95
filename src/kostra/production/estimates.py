"""Estimates for the units that have not delivered, so counties, KOSTRA groups and the country
can be published while some municipalities are late.

The method (version `METHOD`), per form and per count or sum:
- a unit that declared nothing to report counts as zero, and is no estimate;
- a missing unit that delivered last year is given last year's figure (on this year's borders:
  a renumbered or split municipality takes its predecessors' figures by their shares), scaled
  by how the same figure changed from last year to this year among the units of its KOSTRA
  group that delivered both years (Oslo's districts: among the other districts);
- a missing unit with no figure last year is given its group's figure per inhabitant 18–66
  this year, times its own inhabitants 18–66.
Estimates are whole numbers (a sum with decimals, such as årsverk, keeps them), and every region
whose figure includes one is flagged. Each form is estimated among its own units only (Oslo as
a whole for skjema 7B and 12, beside its districts for skjema 7). What is counted over the units
that answered only (`estimate: false`: the municipalities' rates, the shares of municipalities
that answered yes) is not estimated: a region's mean or share is over its respondents.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import polars as pl

from kostra.indicators.compute import additive, estimated_column
from kostra.indicators.definitions import Definitions
from kostra.intake.totals import predecessors
from kostra.production.microdata import UNIT
from kostra.registry import DISTRICTS_AND_OSLO, OSLO, ReportingUnit, kostra_group

METHOD = "kostra-estimat-1: fjorårets tall skalert med endringen i KOSTRA-gruppen"


def peer_group(unit: str, year: int) -> str:
    """The units a unit is estimated from: its KOSTRA group, or all of Oslo's districts."""
    return "EAB" if len(unit) == 6 and unit.startswith(OSLO) else kostra_group(unit, year)


def on_borders(
    last: pl.DataFrame, units: Sequence[str], year: int, names: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Last year's figures of each of this year's `units`, through renumberings and splits
    (a unit is left out when any of its predecessors has no figure last year)."""
    known = {row[UNIT]: row for row in last.iter_rows(named=True)}
    found: dict[str, dict[str, float]] = {}
    for code in units:
        unit = ReportingUnit.from_code(code, year, DISTRICTS_AND_OSLO)
        parts = predecessors(unit, year)
        if not all(p.code in known for p, _ in parts):
            continue
        found[code] = {n: sum(float(known[p.code][n] or 0) * s for p, s in parts) for n in names}
    return found


def estimate(
    this: pl.DataFrame,
    last: pl.DataFrame | None,
    missing: Mapping[str, Collection[str]],
    inhabitants: Mapping[str, Mapping[str, int]],
    year: int,
    defs: Definitions,
    own: Mapping[str, Collection[str]] | None = None,
) -> pl.DataFrame:
    """`this` (unit figures, missing units' rows zero) with the missing units' figures estimated
    per form among the form's `own` units (default: every unit), each from the inhabitants
    18–66 it reports for (per form: unit → inhabitants), and per form a column
    `_estimated_<form>`, true for the units estimated in it."""
    units = this[UNIT].to_list()
    rows = {row[UNIT]: dict(row) for row in this.iter_rows(named=True)}
    groups = {u: peer_group(u, year) for u in units}
    estimated: dict[str, set[str]] = {form: set() for form in missing}
    for form, absent in missing.items():
        figures = [f for f in additive(defs) if f.form == form and f.estimate]
        members = set(own[form]) if own is not None and form in own else set(units)
        responding = [u for u in units if u in members and u not in absent]
        if not figures or not absent or not responding:
            continue
        names = [f.id for f in figures]
        earlier = (
            on_borders(last, [u for u in units if u in members], year, names)
            if last is not None
            else {}
        )
        for unit in sorted(absent):
            peers = [u for u in responding if groups[u] == groups[unit]] or responding
            both = [u for u in peers if u in earlier]
            for figure in figures:
                rows[unit][figure.id] = _estimate_one(
                    unit, figure.id, peers, both, rows, earlier, inhabitants[form],
                    figure.decimals,
                )  # fmt: skip
            estimated[form].add(unit)
    frame = pl.DataFrame(list(rows.values()), schema=this.schema)
    return frame.with_columns(
        pl.col(UNIT).is_in(sorted(chosen)).alias(estimated_column(form))
        for form, chosen in estimated.items()
    )


def _estimate_one(
    unit: str,
    name: str,
    peers: list[str],
    both: list[str],
    rows: Mapping[str, Mapping[str, object]],
    earlier: Mapping[str, Mapping[str, float]],
    inhabitants: Mapping[str, int],
    decimals: int,
) -> int | float:
    if unit in earlier and both:
        now = sum(_number(rows[u][name]) for u in both)
        before = sum(earlier[u][name] for u in both)
        change = now / before if before else 1.0
        return _kept(earlier[unit][name] * change, decimals)
    people = sum(inhabitants.get(u, 0) for u in peers)
    per_inhabitant = sum(_number(rows[u][name]) for u in peers) / people if people else 0.0
    return _kept(per_inhabitant * inhabitants.get(unit, 0), decimals)


def _kept(value: float, decimals: int) -> int | float:
    return round(value, decimals) if decimals else round(value)


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0
