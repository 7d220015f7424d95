"""Regions per reporting year: municipalities and Oslo's districts."""

from kostra.registry.regions import (
    OSLO,
    UnknownRegion,
    district_name,
    municipalities,
    municipality_name,
    oslo_districts,
)

__all__ = [
    "OSLO",
    "UnknownRegion",
    "district_name",
    "municipalities",
    "municipality_name",
    "oslo_districts",
]
