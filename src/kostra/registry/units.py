"""Reporting units: who delivers a form. Every municipality, except Oslo, which reports per district.

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
    def from_code(cls, code: str, year: int) -> ReportingUnit:
        """The unit named by `code` in `year`; UnknownRegion if no such unit reports then."""
        if len(code) == 6 and code.startswith(OSLO) and code[4:] in oslo_districts():
            return cls(OSLO, code[4:])
        if len(code) == 4 and code.isdigit() and code != OSLO and code in municipalities(year):
            return cls(code)
        if code == OSLO:
            raise UnknownRegion("Oslo (0301) rapporterer per bydel: velg en bydel, 030101–030115")
        raise UnknownRegion(f"ingen rapporteringsenhet med nummer «{code}» i {year}")


def reporting_units(year: int) -> list[ReportingUnit]:
    """Every unit that reports in `year`: the municipalities, Oslo by its districts."""
    units: list[ReportingUnit] = []
    for number in municipalities(year):
        if number == OSLO:
            units.extend(ReportingUnit(OSLO, district) for district in oslo_districts())
        else:
            units.append(ReportingUnit(number))
    return units
