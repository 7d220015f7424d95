"""`kostra synth --year Y --out DIR`: a whole synthetic reporting year, and how it adds up."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kostra import text
from kostra.cli.options import fail
from kostra.synth import calibration, tally
from kostra.synth.answers import WEB_FORMS
from kostra.synth.country import FORMS, SyntheticYear, synthesize
from kostra.synth.forms import synth_form

_BASIS = {"published": "publisert", "inferred": "avledet", "assumed": "antatt"}


def default_jobs() -> int:
    """Worker processes: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run(
    first: int,
    last: int,
    out: Path,
    seed: int,
    error_rate: float,
    jobs: int,
    only: Sequence[str] = (),
) -> None:
    """Write the years `first`..`last` under `out` and print what they add up to."""
    if last < first:
        fail(f"--through ({last}) kan ikke være før --year ({first})")
    console = Console(stderr=True)
    columns = (
        TextColumn("Lager syntetiske uttrekk"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("enheter"),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("synth", total=None)

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            years = synthesize(
                out,
                range(first, last + 1),
                seed=seed,
                error_rate=error_rate,
                jobs=jobs,
                only=only,
                progress=advance,
            )
    except ValueError as error:
        fail(str(error))
    except OSError as error:
        fail(f"kan ikke skrive til {out}: {error.strerror}")
    for year in years:
        _report(console, year, whole_country=not only)


def _report(console: Console, year: SyntheticYear, *, whole_country: bool) -> None:
    files = {form: year.files(form) for form in FORMS}
    units = len({w.unit for w in year.written})
    written = ", ".join(f"{len(files[form])} {form}-filer" for form in FORMS)
    without = " og ".join(str(units - len(files[form])) for form in FORMS)
    console.print(
        f"[bold]{year.year}[/]: {units} rapporteringsenheter skrevet til {year.folder} "
        f"({written}; {without} uten noe å rapportere), "
        f"{sum(w.errors for f in FORMS for w in files[f])} feil plassert."
    )
    if year.answers:
        counts = {form: sum(1 for a in year.answers if a.form == form) for form in WEB_FORMS}
        shown = [f"{n} på skjema {form}" for form, n in counts.items() if n]
        listed = ", ".join(shown[:-1]) + (" og " if len(shown) > 1 else "") + shown[-1]
        console.print(
            f"Svar på nettskjema: {listed} (i answers/), "
            f"{sum(a.errors for a in year.answers)} med en feil plassert."
        )
    if not whole_country:
        return
    table = Table("Skjema", "Tall", "Syntetisk", "Mål", "Avvik", "Målet er")
    for column in table.columns[2:5]:
        column.no_wrap = True
        column.justify = "right"
    for form in FORMS:
        totals = year.totals(form)
        for name, base in synth_form(form).shown:
            value = (
                totals.get(name, 0) / (totals.get(base, 0) or 1) if base else totals.get(name, 0)
            )
            goal = _goal(year.year, name)
            label = tally.LABELS[name] + (" per tilfelle" if name == tally.MONTHS else "")
            row = [
                form,
                label,
                _format(value, share=base is not None and name != tally.MONTHS),
            ]
            if goal is None:
                row += ["", "", ""]
            else:
                deviation = (value - goal.value) / goal.value * 100
                row += [
                    _format(goal.value, share=base is not None and name != tally.MONTHS),
                    f"{deviation:+.1f} %",
                    _BASIS[goal.basis],
                ]
            table.add_row(*row)
    console.print(table)
    console.print("Kilder for målene: kostra.synth.calibration og docs/synth.md.")


def _goal(year: int, name: str) -> calibration.Target | None:
    if name in calibration.SHARES:
        return calibration.SHARES[name]
    return calibration.NATIONAL.get(year, {}).get(name)


def _format(value: float, *, share: bool) -> str:
    if share:
        return f"{text.number(value * 100, 1)} %"
    if value >= 100 or value == int(value):
        return text.number(value)
    return text.number(value, 2)
