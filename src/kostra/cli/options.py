"""Options and checks shared by the commands: form, year, municipality, output format."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer

from kostra.catalog import FormDefinition, UnknownForm, UnknownYear, load
from kostra.registry import UnknownRegion, district_name, municipality_name

REFUSED = 1  # the command ran, and what it was asked to do may not be done (or the file not sent)
USAGE_ERROR = 2
INTERNAL_ERROR = 3

FormOption = Annotated[
    str,
    typer.Option("--form", "-f", help="Form id, as SSB names it: 11F or 11CF.", show_default=False),
]
YearOption = Annotated[
    int, typer.Option("--year", "-y", help="Reporting year (årgang) the file describes, e.g. 2025.")
]
MunicipalityOption = Annotated[
    str,
    typer.Option(
        "--municipality",
        "-m",
        help="Four-digit municipality number the file is delivered for, e.g. 0301 (Oslo).",
    ),
]
DistrictOption = Annotated[
    str | None,
    typer.Option(
        "--district",
        "-d",
        help="Oslo only: the two-digit district (bydel) delivering, 01–15.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    """Print an error to stderr and exit (2: the command was used wrongly)."""
    typer.echo(f"kostra: {message}", err=True)
    raise typer.Exit(code)


def form_definition(form: str, year: int) -> FormDefinition:
    """The definition of `form` for `year`, or a usage error naming what exists."""
    try:
        return load(form, year)
    except (UnknownForm, UnknownYear) as error:
        fail(str(error))


def check_region(municipality: str, district: str | None, year: int) -> tuple[str, str | None]:
    """Names of the municipality and district, or a usage error if either does not exist."""
    if not (len(municipality) == 4 and municipality.isdigit()):
        fail(f"kommunenummer må være fire sifre, som 0301, ikke «{municipality}»")
    try:
        name = municipality_name(municipality, year)
        return name, (district_name(municipality, district) if district is not None else None)
    except UnknownRegion as error:
        fail(str(error))
