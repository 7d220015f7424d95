"""One check of everything the registry holds for a year (each table also checks itself on load)."""

from __future__ import annotations

from kostra.registry._tables import fail_if, require_year
from kostra.registry.correspondence import problems as correspondence_problems
from kostra.registry.counties import problems as county_problems
from kostra.registry.groups import problems as group_problems
from kostra.registry.population import problems as population_problems


def validate(year: int) -> None:
    """Raise RegistryDataError naming every broken invariant of `year`, or return quietly.

    Every municipality in exactly one county and one KOSTRA group, numbers unique, population
    present and non-negative for every municipality and Oslo district with the districts
    summing to at most Oslo, and the correspondence into `year` consistent.
    """
    require_year(year, "registerdata")
    found = [
        *county_problems(year),
        *group_problems(year),
        *correspondence_problems(year),
        *population_problems(year),
    ]
    fail_if(found, f"år {year}")
