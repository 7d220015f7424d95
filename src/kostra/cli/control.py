"""`kostra control`: run the control program on an extract and print the error list."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kostra.cli.options import (
    DistrictOption,
    FormOption,
    MunicipalityOption,
    YearOption,
    check_region,
    fail,
    form_definition,
)
from kostra.controls import Context, check, has_rules
from kostra.controls.errorlist import Heading
from kostra.controls.html_report import render_html
from kostra.controls.text_report import render_text
from kostra.intake.checking import check_answers
from kostra.registry import DISTRICTS, OSLO, ReportingUnit, reports_under
from kostra.settings import get_settings


def _read(file: Path) -> bytes:
    """The bytes of FILE (`-` for standard input), or a usage error that says what is wrong."""
    limit = get_settings().max_file_mb * 1024 * 1024
    if str(file) == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        if not file.exists():
            fail(f"finner ikke filen {file}")
        if not file.is_file():
            fail(f"{file} er ikke en fil")
        if file.stat().st_size > limit:
            fail(
                f"{file} er {file.stat().st_size / 1024 / 1024:.0f} MB; største tillatte filuttrekk er "
                f"{limit // 1024 // 1024} MB (KOSTRA_MAX_FILE_MB). Er det riktig fil?"
            )
        try:
            data = file.read_bytes()
        except OSError as error:
            fail(f"kan ikke lese {file}: {error.strerror}")
    if len(data) > limit:
        fail(f"filuttrekket er større enn {limit // 1024 // 1024} MB (KOSTRA_MAX_FILE_MB)")
    return data


def control(
    file: Annotated[
        Path,
        typer.Argument(
            help="The extract to check: a fixed-width text file from the case-handling system "
            "(UTF-8 or ISO-8859-1/Windows-1252); for a web form (7, 7B, 12) its answers as a "
            "JSON object. Use - to read standard input.",
            show_default=False,
            metavar="FILE",
        ),
    ],
    form: FormOption,
    year: YearOption,
    municipality: MunicipalityOption,
    district: DistrictOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the report as JSON (for programs) instead of text."),
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the error list as a printable HTML page to this file.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    nothing_to_report: Annotated[
        bool,
        typer.Option(
            "--nothing-to-report",
            help="Declare that there are no recipients (11F) or participants (11CF) this year; "
            "the file must then hold a single space.",
        ),
    ] = False,
) -> None:
    """Check an extract exactly as the statistics office will, and print the error list.

    Exit status: 0 when the file may be submitted (no errors; warnings must be looked at),
    1 when it may not (errors or a fatal finding), 2 when the command was used wrongly,
    3 on a fault in kostra itself.

    \b
    Example:
      kostra control sosialhjelp.txt --form 11F --year 2025 --municipality 0301 --district 01
      kostra control satser.json --form 12 --year 2025 --municipality 1103
    """
    definition = form_definition(form, year)
    if not has_rules(definition.form) and not definition.is_web:
        fail(f"kostra har ikke kontrollprogram for skjema {definition.form}")
    municipality_name, district_name = check_region(municipality, district, year)
    data = _read(file)
    if definition.is_web:
        unit = ReportingUnit(municipality, district)
        if not reports_under(unit, definition.reporting_units) or (
            municipality == OSLO and district is None and definition.reporting_units == DISTRICTS
        ):
            fail(f"{unit.code} rapporterer ikke skjema {definition.form}")
        report = check_answers(data, definition, unit, None).report
    else:
        context = Context(
            form=definition,
            municipality=municipality,
            district=district,
            has_attachment=not nothing_to_report,
        )
        with Console(stderr=True).status(f"Kontrollerer {definition.key} …"):
            report = check(data, context)
    heading = Heading(
        form=definition.form,
        form_title=definition.title,
        year=year,
        municipality=municipality,
        municipality_name=municipality_name,
        district=district,
        district_name=district_name,
        file_name=None if str(file) == "-" else file.name,
        checked_at=datetime.now().astimezone(),
    )
    if html is not None:
        try:
            html.write_text(render_html(report, heading), encoding="utf-8")
        except OSError as error:
            fail(f"kan ikke skrive {html}: {error.strerror}")
    if as_json:
        # Indented for a person at a terminal; compact for programs (a file of wrong lines can
        # have hundreds of thousands of findings).
        indent = 2 if sys.stdout.isatty() else None
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=indent))
    else:
        typer.echo(render_text(report, heading), nl=False)
    raise typer.Exit(0 if report.may_submit else 1)
