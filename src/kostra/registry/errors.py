"""The registry's two failures: a region that does not exist, and broken registry data."""

from __future__ import annotations


class UnknownRegion(LookupError):
    """A municipality, district, county, group or year the registry does not hold."""


class RegistryDataError(RuntimeError):
    """The registry's own data files break an invariant: a fault of the program, not the user."""
