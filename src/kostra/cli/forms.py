"""`kostra forms`: the form catalog: which forms and years exist, their fields, what changed."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kostra.catalog import FieldChange, FormDefinition, available, diff, load
from kostra.cli.options import JsonOption, form_definition

app = typer.Typer(help="The form catalog: forms per reporting year, their fields and changes.")

FormArgument = Annotated[str, typer.Argument(help="Form id, e.g. 11F or 11CF.", show_default=False)]


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


@app.command("list")
def list_forms(as_json: JsonOption = False) -> None:
    """List every form with the reporting years it is defined for."""
    rows: list[dict[str, Any]] = [
        {
            "form": form,
            "title": load(form, years[-1]).title,
            "years": list(years),
            "record_length": {str(y): load(form, y).record_length for y in years},
        }
        for form, years in available().items()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Skjema i katalogen")
    for column in ("Skjema", "Tittel", "Årganger", "Postlengde"):
        table.add_column(column)
    for row in rows:
        lengths = sorted({n for n in row["record_length"].values() if n is not None})
        table.add_row(
            row["form"],
            row["title"],
            ", ".join(str(y) for y in row["years"]),
            " / ".join(str(n) for n in lengths),
        )
    _console().print(table)


@app.command("show")
def show(
    form: FormArgument,
    year: Annotated[int, typer.Argument(help="Reporting year, e.g. 2025.", show_default=False)],
    as_json: JsonOption = False,
) -> None:
    """Show a form's fields in one year: position, width, type, mandatory, codes."""
    definition = form_definition(form, year)
    if as_json:
        typer.echo(json.dumps(definition.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    if definition.is_web:
        _show_web(definition)
        return
    table = Table(
        title=f"{definition.form} {definition.title} {definition.year} "
        f"(postlengde {definition.record_length})"
    )
    for column in ("Felt", "Posisjon", "Bredde", "Type", "Obligatorisk", "Koder", "Spørsmål"):
        table.add_column(column, overflow="fold")
    for field in definition.fields:
        kind = f"{field.type} {field.pattern}" if field.pattern else str(field.type)
        codes = ", ".join(f"{c.code}={c.label}" for c in field.codes[:12])
        if len(field.codes) > 12:
            codes += f", … ({len(field.codes)} koder)"
        table.add_row(
            field.name,
            field.position,
            str(field.width),
            kind,
            "ja" if field.mandatory else "",
            codes,
            field.label,
        )
    _console().print(table)


def _show_web(definition: FormDefinition) -> None:
    """A web form's questions part by part, then its declared controls."""
    console = _console()
    table = Table(title=f"{definition.form} {definition.title} {definition.year} (nettskjema)")
    for column in ("Felt", "Del", "Nr.", "Type", "Obligatorisk", "Enhet og grenser", "Stilles når",
                   "Spørsmål"):  # fmt: skip
        table.add_column(column, overflow="fold")
    for field in definition.fields:
        limits = [field.unit or ""]
        if field.minimum is not None or field.maximum is not None:
            limits.append(f"{field.minimum:g}–{field.maximum:g}" if field.minimum is not None
                          and field.maximum is not None else "")  # fmt: skip
        if field.step is not None:
            limits.append(f"steg {field.step:g}")
        if field.sum_of:
            limits.append("sum av " + " + ".join(field.sum_of))
        if field.codes:
            limits.append(", ".join(f"{c.code}={c.label}" for c in field.codes))
        table.add_row(
            field.name, field.part or "", field.number or "", str(field.type),
            "ja" if field.mandatory else "", "; ".join(x for x in limits if x),
            field.asked_when or "", field.label,
        )  # fmt: skip
    console.print(table)
    controls = Table(title="Kontroller")
    for column in ("Kontroll", "Alvorlighet", "Regel", "Tittel"):
        controls.add_column(column, overflow="fold")
    for control in definition.controls:
        controls.add_row(control.id, control.severity, control.rule, control.title)
    console.print(controls)


@app.command("diff")
def diff_years(
    form: FormArgument,
    old: Annotated[int, typer.Argument(help="The earlier reporting year.", show_default=False)],
    new: Annotated[int, typer.Argument(help="The later reporting year.", show_default=False)],
    as_json: JsonOption = False,
) -> None:
    """Show what changed in a form between two years: fields added, removed, moved, resized,
    retyped or made mandatory, and codes added, removed or relabelled; for a web form also
    questions reworded, moved to another part, asked on new conditions or given new limits, and
    controls added, removed or changed."""
    before, after = form_definition(form, old), form_definition(form, new)
    changes = diff(before, after)
    if as_json:
        typer.echo(json.dumps([c.__dict__ for c in changes], ensure_ascii=False, indent=2))
        return
    console = _console()
    if not changes:
        console.print(f"Ingen endringer i {before.form} fra {old} til {new}.")
        return
    table = Table(title=f"Endringer i {before.form} fra {old} til {new}")
    for column in ("Felt", "Endring", f"{old}", f"{new}"):
        table.add_column(column, overflow="fold")
    for field, kind, was, now in _collapsed(changes):
        table.add_row(field, kind, was, now)
    console.print(table)
    if before.record_length != after.record_length:
        console.print(f"Postlengde: {before.record_length} → {after.record_length}")


def _collapsed(changes: list[FieldChange]) -> list[tuple[str, str, str, str]]:
    """Rows for the table: what changed first, then where fields moved, runs of fields moved
    by the same number of positions folded into one row."""
    rows: list[tuple[str, str, str, str]] = []
    for change in changes:
        if change.kind == "moved":
            continue
        old, new = change.old, change.new
        if change.kind == "mandatory":
            old, new = _yes_no(old), _yes_no(new)
        rows.append((change.field, _KIND_LABELS.get(change.kind, change.kind), old, new))
    runs: list[list[FieldChange]] = []
    for change in (c for c in changes if c.kind == "moved"):
        if runs and runs[-1][-1].shift == change.shift:
            runs[-1].append(change)
        else:
            runs.append([change])
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 1:
            rows.append((first.field, "flyttet", first.old, f"{first.new} ({first.shift:+d})"))
        else:
            rows.append(
                (
                    f"{first.field} … {last.field}",
                    f"flyttet ({len(run)} felt)",
                    f"{first.old} …",
                    f"{first.new} … ({first.shift:+d})",
                )
            )
    return rows


def _yes_no(text: str) -> str:
    return "ja" if text == "True" else "nei"


_KIND_LABELS = {
    "added": "lagt til",
    "removed": "fjernet",
    "moved": "flyttet",
    "resized": "ny bredde",
    "retyped": "ny type",
    "mandatory": "obligatorisk",
    "codes-added": "nye koder",
    "codes-removed": "fjernede koder",
    "relabelled": "ny tekst",
    "reworded": "ny ordlyd",
    "part": "ny del",
    "condition": "nytt vilkår",
    "limits": "nye grenser",
    "control-added": "ny kontroll",
    "control-removed": "kontroll fjernet",
    "control-changed": "kontroll endret",
}
