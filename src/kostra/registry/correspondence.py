"""How municipality numbers of one year map onto another's (the 2024 reform).

`data/correspondence.csv` holds the steps where numbers changed (2023→2024: 114 municipalities
renumbered into new counties, Ålesund split into Ålesund and Haram); every other step between
consecutive years is the identity. Links chain through the steps in either direction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kostra.registry._tables import YEARS, fail_if, read_table, require_year
from kostra.registry.errors import UnknownRegion
from kostra.registry.regions import municipalities


@dataclass(frozen=True)
class Link:
    """Municipality `old` of the first year goes to `new` with `share` of its population."""

    old: str
    new: str
    share: float


Step = tuple[Link, ...]


@cache
def _steps() -> dict[int, Step]:
    """Year y → the links from y's numbers to y+1's."""
    listed: dict[int, list[Link]] = defaultdict(list)
    for row in read_table("correspondence.csv"):
        if int(row["to_year"]) != int(row["from_year"]) + 1:
            fail_if(
                [f"steg {row['from_year']}→{row['to_year']} er ikke ett år"], "correspondence.csv"
            )
        listed[int(row["from_year"])].append(Link(row["old"], row["new"], float(row["share"])))
    steps = {
        year: tuple(listed[year]) if year in listed else _identity(year) for year in YEARS[:-1]
    }
    fail_if([p for year in steps for p in _step_problems(year, steps[year])], "correspondence.csv")
    return steps


def _identity(year: int) -> Step:
    return tuple(Link(number, number, 1.0) for number in municipalities(year))


def _step_problems(year: int, step: Step) -> list[str]:
    before, after = municipalities(year), municipalities(year + 1)
    shares: dict[str, float] = defaultdict(float)
    for link in step:
        shares[link.old] += link.share
    bad = [f"{year}: {n} mangler i {year + 1}" for n in before if n not in shares]
    bad += [f"{year}: {n} er ingen kommune i {year}" for n in shares if n not in before]
    bad += [
        f"{year}: andelene for {n} summerer til {s}" for n, s in shares.items() if abs(s - 1) > 1e-6
    ]
    reached = {link.new for link in step}
    bad += [f"{year + 1}: {n} har ingen kilde i {year}" for n in after if n not in reached]
    bad += [f"{year + 1}: {n} er ingen kommune" for n in reached if n not in after]
    return bad


def problems(year: int) -> list[str]:
    """What is wrong with the step from `year - 1` into `year` (none for the first year)."""
    return [] if year - 1 not in _steps() else _step_problems(year - 1, _steps()[year - 1])


def _compose(first: Step, then: Step) -> Step:
    onward: dict[str, list[Link]] = defaultdict(list)
    for link in then:
        onward[link.old].append(link)
    shares: dict[tuple[str, str], float] = defaultdict(float)
    for a in first:
        for b in onward[a.new]:
            shares[(a.old, b.new)] += a.share * b.share
    return tuple(Link(old, new, share) for (old, new), share in sorted(shares.items()))


def _reverse(step: Step) -> Step:
    """A later year's numbers back to an earlier year's: each new unit's sources, by share."""
    into: dict[str, float] = defaultdict(float)
    for link in step:
        into[link.new] += link.share
    reverse = (Link(link.new, link.old, link.share / into[link.new]) for link in step)
    return tuple(sorted(reverse, key=lambda link: (link.old, link.new)))


@cache
def _links(from_year: int, to_year: int) -> Step:
    if from_year > to_year:
        return _reverse(_links(to_year, from_year))
    result = _identity(from_year)
    for year in range(from_year, to_year):
        result = _compose(result, _steps()[year])
    return result


def correspondence(from_year: int, to_year: int) -> list[Link]:
    """Links from `from_year`'s municipality numbers to `to_year`'s, in either direction.

    Shares say which part of the old unit's population goes to the new one; backwards, a unit
    made of several older ones is shared out by the forward shares (one source: share 1).
    """
    require_year(from_year, "kommuneliste")
    require_year(to_year, "kommuneliste")
    return list(_links(from_year, to_year))


def to_borders(values: Mapping[str, float], from_year: int, to_year: int) -> dict[str, float]:
    """Additive figures per `from_year` municipality re-aggregated onto `to_year`'s numbers.

    A split municipality's figure is shared out by population share; a merged one's summed.
    Only municipalities reached from `values` appear in the result.
    """
    links = correspondence(from_year, to_year)
    known = municipalities(from_year)
    if unknown := sorted(set(values) - set(known)):
        raise UnknownRegion(f"kommunenummer {', '.join(unknown)} finnes ikke i {from_year}")
    result: dict[str, float] = defaultdict(float)
    for link in links:
        if link.old in values:
            result[link.new] += values[link.old] * link.share
    return dict(sorted(result.items()))
