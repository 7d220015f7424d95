"""`kostra simulate-nonresponse`: how well national figures are estimated while units are late."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kostra import text
from kostra.cli.options import JsonOption, fail
from kostra.indicators.definitions import definitions
from kostra.production.simulation import FIGURES, synthetic_deliveries
from kostra.production.simulation import simulate as run_simulation
from kostra.production.workers import pool
from kostra.production.year import build

KEY = b"simulation"  # pseudonyms only tell persons apart here; nothing leaves the process


def _read(path: str) -> bytes:
    return Path(path).read_bytes()


def simulate(
    synth: Annotated[
        Path,
        typer.Option(
            "--synth", help="A folder made by `kostra synth --year Y-1 --through Y` (both years)."
        ),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="The year to withhold units from.")],
    share: Annotated[
        float, typer.Option("--share", help="Share of the units withheld in each run, e.g. 0.05.")
    ] = 0.05,
    runs: Annotated[int, typer.Option("--runs", help="Number of runs.", min=1)] = 20,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random choices.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Withhold a share of the units of a synthetic year at random, estimate them as if they
    were late (the same method as the releases), and print how far the national figures are
    from the truth."""
    folders = {y: synth / str(y) for y in (year - 1, year)}
    for y, folder in folders.items():
        if not (folder / "manifest.json").is_file():
            fail(f"{folder} er ikke en syntetisk årgang {y}; lag den med «kostra synth --year "
                 f"{year - 1} --through {year} --out {synth}»")  # fmt: skip
    if not 0 < share < 1:
        fail(f"--share må være mellom 0 og 1, ikke {share}")
    console = Console(highlight=False, stderr=True)
    with console.status("Leser årgangene …"), pool() as workers:
        years = {
            y: build(y, synthetic_deliveries(f)[1], _read, KEY, workers) for y, f in folders.items()
        }
    with console.status(f"Simulerer {runs} år med {share:.0%} av enhetene borte …"):
        outcome = run_simulation(years[year - 1], years[year], definitions(), share=share,
                                 runs=runs, seed=seed)  # fmt: skip
    shown = [name for name in FIGURES if name in outcome.truth]
    if as_json:
        data = {
            "year": year, "share": share, "runs": runs, "seed": seed, "truth": outcome.truth,
            "figures": {name: {"mean_absolute_error": outcome.mean_absolute(name),
                               "worst": outcome.worst(name),
                               "within_1_percent": outcome.within(name, 0.01)}
                        for name in shown},
        }  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Landstall {year} med {share:.0%} av enhetene anslått ({runs} kjøringer)")
    table.add_column("Tall")
    for column in ("Sann verdi", "Snittfeil", "Største feil", "Innen 1 %"):
        table.add_column(column, justify="right")
    defs = definitions()
    for name in shown:
        table.add_row(defs.basic_figure(name).name, text.number(outcome.truth[name]),
                      _percent(outcome.mean_absolute(name), 2), _percent(outcome.worst(name), 2),
                      _percent(outcome.within(name, 0.01), 0))  # fmt: skip
    Console(highlight=False).print(table)


def _percent(share: float, decimals: int) -> str:
    return f"{text.number(share * 100, decimals)} %"
