"""Regions per reporting year (2020–2026): municipalities, Oslo's districts, counties, KOSTRA
groups, SSB's aggregates, the 2024 renumbering, and population by sex and age.

Data files live in `data/` (written by scripts/import_registry.py, see docs/registry.md) and
are read on first use, not at import.
"""

from kostra.registry._tables import FIRST_YEAR, LAST_YEAR, YEARS
from kostra.registry.aggregates import Aggregate, aggregates, region_name
from kostra.registry.correspondence import Link, correspondence, to_borders
from kostra.registry.counties import counties, county_of
from kostra.registry.errors import RegistryDataError, UnknownRegion
from kostra.registry.groups import GROUPS, group_name, kostra_group, kostra_groups
from kostra.registry.population import population, population_in
from kostra.registry.regions import (
    OSLO,
    district_name,
    district_region,
    district_regions,
    municipalities,
    municipality_name,
    oslo_districts,
)
from kostra.registry.units import (
    DISTRICTS,
    DISTRICTS_AND_OSLO,
    MUNICIPALITIES,
    ReportingUnit,
    reporting_units,
    reports_under,
)
from kostra.registry.validation import validate

__all__ = [
    "DISTRICTS",
    "DISTRICTS_AND_OSLO",
    "FIRST_YEAR",
    "GROUPS",
    "LAST_YEAR",
    "MUNICIPALITIES",
    "OSLO",
    "YEARS",
    "Aggregate",
    "Link",
    "RegistryDataError",
    "ReportingUnit",
    "UnknownRegion",
    "aggregates",
    "correspondence",
    "counties",
    "county_of",
    "district_name",
    "district_region",
    "district_regions",
    "group_name",
    "kostra_group",
    "kostra_groups",
    "municipalities",
    "municipality_name",
    "oslo_districts",
    "population",
    "population_in",
    "region_name",
    "reporting_units",
    "reports_under",
    "to_borders",
    "validate",
]
