"""Reporting units: who delivers a form. Every municipality, except Oslo, which reports per district.

That is the extracts' scheme (`districts`). A web form says its own in its definition: per
municipality, Oslo as a whole (`municipalities`: 7B, 12), or Oslo's districts and Oslo as a whole
for what the districts cannot report, such as measures bought centrally (`districts-and-oslo`: 7).

A unit is named by its region code: the four-digit municipality number, or the six-digit code of
an Oslo district (030101–030115, SSB's KLASS 241). SSB's six-digit region form (municipality and
district, `00` for a whole municipality) is `region`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kostra.registry.errors import UnknownRegion
from kostra.registry.regions import (
    OSLO,
    district_name,
    district_region,
    municipalities,
    municipality_name,
    oslo_districts,
)

DISTRICTS = "districts"  # Oslo by its districts (the extracts)
DISTRICTS_AND_OSLO = "districts-and-oslo"  # Oslo's districts, and Oslo for what they cannot
MUNICIPALITIES = "municipalities"  # every municipality, Oslo as a whole
SCHEMES = (DISTRICTS, DISTRICTS_AND_OSLO, MUNICIPALITIES)


@dataclass(frozen=True, order=True)
class ReportingUnit:
    """A reporting unit: a municipality, or one of Oslo's districts."""

    municipality: str
    district: str | None = None

    @property
    def code(self) -> str:
        """The unit's region code: the municipality number, or the district's 0301xx."""
        return self.municipality if self.district is None else district_region(self.district)

    @property
    def region(self) -> str:
        """SSB's six-digit region: municipality and district (00 for a whole municipality)."""
        return self.municipality + (self.district or "00")

    def name(self, year: int) -> str:
        """The unit's name in `year` ("Gamle Oslo" for district 01)."""
        if self.district is not None:
            return district_name(self.municipality, self.district)
        return municipality_name(self.municipality, year)

    @classmethod
    def from_code(cls, code: str, year: int, scheme: str = DISTRICTS) -> ReportingUnit:
        """The unit named by `code` in `year` under `scheme`; UnknownRegion if no such unit
        reports then."""
        by_district = scheme in (DISTRICTS, DISTRICTS_AND_OSLO)
        if (
            by_district
            and len(code) == 6
            and code.startswith(OSLO)
            and code[4:] in oslo_districts()
        ):
            return cls(OSLO, code[4:])
        known = len(code) == 4 and code.isdigit() and code in municipalities(year)
        if known and (code != OSLO or scheme != DISTRICTS):
            return cls(code)
        if code == OSLO:
            raise UnknownRegion("Oslo (0301) rapporterer per bydel: velg en bydel, 030101–030115")
        if not by_district and code.startswith(OSLO) and len(code) == 6:
            raise UnknownRegion("Oslo rapporterer dette skjemaet samlet, som 0301, ikke per bydel")
        raise UnknownRegion(f"ingen rapporteringsenhet med nummer «{code}» i {year}")


def reporting_units(year: int, scheme: str = DISTRICTS) -> list[ReportingUnit]:
    """Every unit that reports in `year` under `scheme`; by default the municipalities with Oslo
    by its districts."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown reporting scheme {scheme!r}; one of {SCHEMES}")
    units: list[ReportingUnit] = []
    for number in municipalities(year):
        if number != OSLO:
            units.append(ReportingUnit(number))
            continue
        if scheme != MUNICIPALITIES:
            units.extend(ReportingUnit(OSLO, district) for district in oslo_districts())
        if scheme != DISTRICTS:
            units.append(ReportingUnit(OSLO))
    return units


def reports_under(unit: ReportingUnit, scheme: str) -> bool:
    """Whether `unit` is a reporting unit under `scheme` (Oslo's districts, Oslo, or both)."""
    if unit.municipality != OSLO or scheme == DISTRICTS_AND_OSLO:
        return True
    return (unit.district is None) == (scheme == MUNICIPALITIES)
