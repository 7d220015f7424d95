"""`kostra synth`: synthetic but realistic extracts with known errors, for tests and demos."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kostra.catalog import available, normalise_form_id
from kostra.cli import synth_country
from kostra.cli.options import (
    DistrictOption,
    FormOption,
    MunicipalityOption,
    YearOption,
    check_region,
    fail,
    form_definition,
)
from kostra.synth import UnknownInjector, answer_errors, generate, injectors
from kostra.synth.quirks import layout_check_runs

app = typer.Typer(
    help="Make synthetic extracts (11F, 11CF) that look like real ones, with errors placed "
    "where you ask and a list of exactly what the control program must find: a whole country's "
    "reporting year, with every unit's answers to the web forms 7, 7B and 12 (kostra synth "
    "--year 2024 --out DIR), or one municipality's file (kostra synth extract). Every person "
    "and number in them is made up.",
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def country(
    context: typer.Context,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Reporting year to make for every municipality (Oslo per district).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write into; each year goes to its own subfolder (DIR/2024) with a "
            "manifest.json, one extract per unit and form, the truth beside each, and the web "
            "forms' answers (DIR/2024/answers/<form>/<unit>.json).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    through: Annotated[
        int | None,
        typer.Option(
            "--through",
            help="Also make the following years up to this one, with the same people partly "
            "coming back from year to year (for comparisons with last year).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", "-s", help="Seed: the same seed gives the same bytes.")
    ] = 0,
    error_rate: Annotated[
        float,
        typer.Option(
            "--error-rate",
            min=0.0,
            max=0.25,
            help="Errors to place per record (0.01: about one in a hundred records), drawn "
            "across the controls; the truth is written beside each extract. In the web forms' "
            "answers, per answered question (at most one mistake per unit and form, listed in "
            "the manifest).",
        ),
    ] = 0.0,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
    ] = synth_country.default_jobs(),
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--municipality",
            "-m",
            help="Only this municipality (repeat for more; 0301 gives all of Oslo's districts). "
            "Its files are the same as in the whole country's year.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Make a whole synthetic reporting year (or several) for every reporting unit."""
    if context.invoked_subcommand is not None:
        if year is not None or out is not None:
            fail("--year og --out hører til «kostra synth» alene, ikke til en underkommando")
        return
    if year is None or out is None:
        if year is None and out is None and through is None:
            typer.echo(context.get_help())
            raise typer.Exit(0)
        fail("oppgi både --year og --out, for eksempel: kostra synth --year 2024 --out syntetisk")
    synth_country.run(year, through or year, out, seed, error_rate, jobs, only or ())


class Encoding(StrEnum):
    """Encodings case-handling systems write extracts in."""

    UTF8 = "utf-8"
    WINDOWS_1252 = "windows-1252"


@app.command("extract")
def extract(
    form: FormOption,
    year: YearOption,
    municipality: MunicipalityOption,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write the extract to (- for standard output).",
            dir_okay=False,
            show_default=False,
        ),
    ],
    district: DistrictOption = None,
    records: Annotated[
        int,
        typer.Option("--records", "-n", min=1, max=1_000_000, help="Number of records (lines)."),
    ] = 500,
    errors: Annotated[
        int,
        typer.Option(
            "--errors",
            "-e",
            min=0,
            help="Number of errors to place, drawn at random from the form's catalogue, each on "
            "its own record(s). Errors that stop the control run (wrong line length) are only "
            "placed when asked for by name with --error.",
        ),
    ] = 0,
    error_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--error",
            help="Place this error (an id from `kostra synth errors`); repeat for more. "
            "Used instead of --errors.",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", "-s", help="Seed: the same seed gives the same file.")
    ] = 0,
    encoding: Annotated[
        Encoding, typer.Option("--encoding", help="Character encoding of the file.")
    ] = Encoding.WINDOWS_1252,
    crlf: Annotated[
        bool, typer.Option("--crlf", help="End lines with CR LF (Windows) instead of LF.")
    ] = False,
    duf_only: Annotated[
        float,
        typer.Option(
            "--duf-only",
            min=0.0,
            max=1.0,
            help="11F only: share of recipients known by a DUF number alone, without "
            "fødselsnummer (they get SSB's K006 age warning, which is expected).",
        ),
    ] = 0.0,
    expected: Annotated[
        Path | None,
        typer.Option(
            "--expected",
            help="Also write, as JSON, every finding the control program must give "
            "(line and rule id) and where each error was placed.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a synthetic extract for a form, year and municipality (Oslo: optionally one district)."""
    definition = form_definition(form, year)
    check_region(municipality, district, year)
    if error_ids and errors:
        fail("bruk enten --errors (antall) eller --error (feiltyper), ikke begge")
    try:
        with Console(stderr=True).status(f"Lager {records} syntetiske poster …"):
            made = generate(
                definition.form,
                year,
                municipality,
                records,
                seed=seed,
                errors=list(error_ids) if error_ids else errors,
                encoding=encoding.value,
                line_ending="\r\n" if crlf else "\n",
                district=district,
                duf_only=duf_only,
            )
    except (UnknownInjector, ValueError) as error:
        fail(str(error))
    _write(output, made.data)
    if expected is not None:
        _write(expected, (json.dumps(made.to_dict(), ensure_ascii=False, indent=2) + "\n").encode())
    where = f"kommune {municipality}" + (f" bydel {district}" if district else "")
    typer.echo(
        f"Skrev {made.records} poster ({made.form} {made.year}, {where}) til {output}: "
        f"{len(made.injections)} feil plassert, {len(made.expected)} funn forventet.",
        err=True,
    )


@app.command("errors")
def list_errors(
    form: FormOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the errors that can be placed in a form's extracts (11F, 11CF) or a web form's
    answers (7, 7B, 12), with the rules they make fire."""
    web = answer_errors.mistakes(normalise_form_id(form))
    if web:
        _list_answer_mistakes(web, as_json)
        return
    catalogue = injectors(form)
    if not catalogue:
        fail(
            f"ukjent skjema «{form}»; syntetiske feil finnes for uttrekkene 11F og 11CF og "
            "nettskjemaene 7, 7B og 12"
        )
    latest = form_definition(form, max(available()[normalise_form_id(form)]))
    layout = {"K002"} if layout_check_runs(latest) else set()
    if as_json:
        rows = [
            {
                "id": i.id,
                "description": i.description,
                "rules": sorted(i.fires | (layout if i.malformed else set())),
                "records": i.records,
                "years": [i.years.start, i.years.stop - 1],
                "where": i.where.value,
                "stops_run": i.fatal,
            }
            for i in catalogue
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    caption = (
        "K002 (file description) also fires where a mandatory field is left blank (from 2025)."
        if layout
        else None
    )
    table = Table("id", "description", "rules", "years", "where", caption=caption)
    for i in catalogue:
        rules = ", ".join(sorted(i.fires | (layout if i.malformed else set())))
        table.add_row(
            i.id, i.description, rules, f"{i.years.start}–{i.years.stop - 1}", i.where.value
        )
    Console(width=160).print(table)


def _list_answer_mistakes(
    catalogue: tuple[answer_errors.AnswerMistake, ...], as_json: bool
) -> None:
    """The mistakes placed in a web form's answers (`kostra synth` places them in a share of the
    units' answers, as --error-rate says)."""
    if as_json:
        rows = [
            {"id": m.id, "description": m.description, "rules": sorted(m.fires),
             "severity": m.severity.value}
            for m in catalogue
        ]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    caption = "A comparison with last year (-FJOR) may warn besides, depending on last year."
    table = Table("id", "description", "rules", "severity", caption=caption)
    for m in catalogue:
        table.add_row(m.id, m.description, ", ".join(sorted(m.fires)), m.severity.label)
    Console(width=160).print(table)


def _write(path: Path, data: bytes) -> None:
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        path.write_bytes(data)
    except OSError as error:
        fail(f"kan ikke skrive {path}: {error.strerror}")
