"""Disclosure control of a year's figures: which regions' figures are suppressed (SSB's `:`).

Every published count is a table over the region hierarchy: the units are its inner cells, and
each region's figure is the sum over its units (Oslo, EAB, county 03 and group 13 are all
Oslo's districts). Small counts are suppressed (`max_n`, a setting), and then enough other
regions that none of them can be worked out (`kostra.disclosure`, Gaussian elimination). A sum
(amount paid, months) is suppressed where the count of persons behind it is, and a key figure
where any count or sum it reads is. Regions whose figures have not come in are not published,
so they take no part. Population is public and never suppressed.

Not protected (as in SSB's per-table practice): differences between two published counts of
the same region (cases 18–24 out of cases), and across years. Nor the web forms' figures
(skjema 7, 7B, 12): their answers are about the municipality, not about persons, so a count
of three municipalities or of two crisis-centre places reveals nobody (`Definitions.is_personal`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.disclosure import Table, suppress
from kostra.indicators.definitions import Definitions, Kind
from kostra.indicators.figures import YearFigures
from kostra.indicators.regions import PERSON_REGIONS


@dataclass(frozen=True)
class Protected:
    """The suppressed regions of each basic and key figure of one year."""

    basic: dict[str, frozenset[str]]
    key: dict[str, frozenset[str]]
    primary: dict[str, frozenset[str]]  # per count: the regions suppressed for their own count


def protect(figures: YearFigures, defs: Definitions, max_n: int) -> Protected:
    """Suppress small counts of `figures`, and what would reveal them."""
    units = {row["unit"]: row for row in figures.units.iter_rows(named=True)}
    values = {row["region"]: row for row in figures.basic.iter_rows(named=True)}
    basic: dict[str, frozenset[str]] = {}
    primary: dict[str, frozenset[str]] = {}
    for figure in defs.basic:
        if not defs.is_personal(figure):
            continue
        if figure.kind is Kind.COUNT:
            form = figure.form or ""
            missing = figures.missing.get(form, frozenset())
            own = figures.coverage.own.get(form, frozenset(units))
            published = {
                r.code: members
                for r in figures.regions
                if r.code not in missing and (members := frozenset(u for u in r.units if u in own))
            }
            inner = {u: int(units[u][figure.id] or 0) for u in units if u in own}
            result = suppress(Table(inner=inner, cells=published), max_n)
            basic[figure.id] = result.suppressed
            primary[figure.id] = result.primary
        elif figure.kind is Kind.PERSONS:
            small = {
                code
                for code in PERSON_REGIONS
                if code in values and 0 < int(values[code][figure.id] or 0) <= max_n
            }
            basic[figure.id] = frozenset(small)
            primary[figure.id] = frozenset(small)
    for figure in defs.basic:
        if not defs.is_personal(figure):
            basic[figure.id] = frozenset()  # population, and the web forms' answers
        elif figure.kind is Kind.SUM and figure.basis is not None:
            basic[figure.id] = basic.get(figure.basis, frozenset())
    key = {
        k.id: frozenset().union(*(basic[name] for name in defs.counts_behind(k))) for k in defs.key
    }
    return Protected(basic, key, primary)
