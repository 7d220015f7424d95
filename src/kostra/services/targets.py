"""What a delivery request is about (a unit, a form, a year), and whether the caller may see or
deliver for it. Shared by the pages, the API and the staff's follow-up."""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog import FormDefinition, UnknownForm, UnknownYear, available, load
from kostra.controls import has_rules, programs
from kostra.errors import Forbidden, NotFound
from kostra.intake.access import Principal
from kostra.registry import (
    DISTRICTS_AND_OSLO,
    ReportingUnit,
    UnknownRegion,
    reporting_units,
    reports_under,
)
from kostra.store.models import Submission, Upload


@dataclass(frozen=True)
class Target:
    """A unit, form and year that a delivery is about."""

    unit: ReportingUnit
    form: FormDefinition

    @property
    def year(self) -> int:
        """The reporting year."""
        return self.form.year

    @property
    def name(self) -> str:
        """The unit's name in the year."""
        return self.unit.name(self.year)

    @property
    def url(self) -> str:
        """The delivery's page on the portal."""
        return f"/portal/{self.unit.code}/{self.form.form}/{self.year}"

    @property
    def form_url(self) -> str:
        """A web form's page, where it is filled in."""
        return f"{self.url}/skjema"

    @property
    def checked_form_url(self) -> str:
        """A web form's page with every finding shown, as after checking the answers (those
        not answered yet too)."""
        return f"{self.form_url}?kontroll=1"


def delivered_forms(year: int | None = None) -> list[str]:
    """Every form the portal takes (extracts, then web forms), of `year` if given."""
    forms = [*programs.extract_forms(), *programs.web_forms()]
    return [f for f in forms if year is None or year in available()[f]]


def reporting_years() -> list[int]:
    """Reporting years any form is defined for, newest first."""
    years = {year for form in delivered_forms() for year in available()[form]}
    return sorted(years, reverse=True)


def reports(unit: ReportingUnit, form: str, year: int) -> bool:
    """Whether `unit` reports `form` in `year` (Oslo's districts, Oslo as a whole, or both)."""
    return reports_under(unit, load(form, year).reporting_units)


def units_of(year: int) -> list[ReportingUnit]:
    """Every unit that reports some form in `year`: the municipalities, Oslo's districts and
    Oslo as a whole (for the web forms)."""
    return reporting_units(year, DISTRICTS_AND_OSLO)


def resolve(unit_code: str, form: str, year: int) -> Target:
    """The target named in a request; NotFound if any part of it does not exist."""
    form = form.strip().upper()
    try:
        definition = load(form, year)
    except (UnknownForm, UnknownYear) as error:
        raise NotFound(f"Finner ikke skjemaet: {error}.") from None
    if not has_rules(definition.form) and not definition.is_web:
        raise NotFound(f"Skjema {definition.form} tas ikke imot i portalen.")
    try:
        unit = ReportingUnit.from_code(unit_code.strip(), year, definition.reporting_units)
    except UnknownRegion as error:
        raise NotFound(f"Finner ikke enheten: {error}.") from None
    return Target(unit, definition)


def may_deliver_for(who: Principal, target: Target) -> None:
    """Forbidden unless `who` may deliver for the target's unit."""
    if not who.may_deliver_for(target.unit):
        if who.is_staff:
            raise Forbidden("SSB leverer ikke på vegne av enhetene; det gjør enheten selv.")
        raise Forbidden(f"Du kan ikke levere for {target.unit.code} {target.name}.")


def may_see(who: Principal, target: Target) -> None:
    """NotFound unless `who` may see the target's unit (its data are not even acknowledged)."""
    if not who.may_see(target.unit):
        raise NotFound("Siden finnes ikke, eller du har ikke tilgang til den.")


def target_of(row: Upload | Submission) -> Target:
    """What a stored upload or submission is about."""
    return resolve(row.unit, row.form, row.year)
