"""`kostra publish`: releases of the statistics (preliminary and final figures, on the dates of
the calendar)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kostra.cli.db import open_database
from kostra.cli.options import REFUSED, USAGE_ERROR, JsonOption, fail
from kostra.errors import KostraError, Reason
from kostra.production.workers import pool
from kostra.publish.diff import diff
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.manifest import to_json
from kostra.publish.release import Stage
from kostra.services import production, publishing
from kostra.settings import get_settings
from kostra.store import releases
from kostra.store.releases import MANIFEST, NothingToPublish
from kostra.text import long_time, now

app = typer.Typer(
    help="Releases of the statistics: make one from the accepted submissions, list them, "
    "rebuild one from its manifest, compare two.",
    no_args_is_help=True,
)
console = Console(highlight=False, stderr=True)


def pseudonym_key() -> bytes:
    """The production key (KOSTRA_PSEUDONYM_KEY), or a usage error that says how to set it."""
    try:
        return production.pseudonym_key(get_settings())
    except KostraError as error:
        fail(error.message)


def _write(out: Path, files: dict[str, bytes]) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (out / name).write_bytes(data)
    except OSError as error:
        fail(f"kan ikke skrive til {out}: {error.strerror}")


@app.callback(invoke_without_command=True)
def make(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Reporting year to publish.")
    ] = None,
    stage: Annotated[
        Stage, typer.Option("--stage", "-s", help="preliminary or final figures.")
    ] = Stage.PRELIMINARY,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Also write the release's files to this folder."),
    ] = None,
) -> None:
    """Make a release of a reporting year from the accepted submissions, with every year held
    before it: JSON-stat 2.0, CSV and PX for key figures and basic figures, and a manifest of
    exactly what it was made from. Published at once: prepared, confirmed and made public in
    one go (the portal's staff take the steps one by one, with a preview and an embargo).

    \b
    Example:
      kostra publish --year 2025 --stage final --out utgivelse-2025
    """
    if ctx.invoked_subcommand is not None:
        return
    if year is None:
        fail("oppgi rapporteringsåret med --year")
    pseudonym_key()  # said before the database is opened
    database = open_database()
    try:
        with console.status(f"Lager {stage.label.lower()} for {year} …"):
            made = publishing.publish(database, get_settings(), year, stage, by=None)
    except NothingToPublish as error:
        fail(str(error))
    finally:
        database.dispose()
    if out is not None:
        _write(out, {**made.built.files, MANIFEST: to_json(made.document)})
    typer.echo(
        f"Publisering {made.release.id}: {stage.label.lower()} for {year}, "
        f"{len(made.built.files)} filer" + (f", skrevet til {out}" if out else "") + "."
    )


@app.command("list")
def list_releases(as_json: JsonOption = False) -> None:
    """List every release, newest first."""
    database = open_database()
    try:
        with database.read() as session:
            at = now()
            rows = [(r.id, r.year, r.stage, r.prepared_at, r.publish_at,
                     publishing.state_text(r, at)) for r in releases.releases(session)]  # fmt: skip
    finally:
        database.dispose()
    if as_json:
        data = [{"release": i, "year": y, "stage": s, "prepared_at": t.isoformat(),
                 "publish_at": p.isoformat() if p else None, "state": state}
                for i, y, s, t, p, state in rows]  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title="Publiseringer")
    for column in ("Nr.", "År", "Stadium", "Forberedt", "Status"):
        table.add_column(column)
    for number, year, stage, made, _, state in rows:
        table.add_row(str(number), str(year), Stage(stage).label, long_time(made), state)
    Console(highlight=False).print(table)


@app.command("withdraw")
def withdraw(
    release: Annotated[int, typer.Argument(help="The release's number (kostra publish list).")],
    reason: Annotated[
        str, typer.Option("--reason", "-r", help="Why, in Norwegian: the public pages show it.")
    ],
) -> None:
    """Withdraw a release: the public no longer reads it, but reads that it was withdrawn and
    why; the release of the year before it is current again."""
    database = open_database()
    try:
        publishing.withdraw(database, None, release, reason)
    except KostraError as error:  # refused (already withdrawn) or asked wrongly (no reason)
        fail(error.message, REFUSED if error.reason is Reason.CONFLICT else USAGE_ERROR)
    finally:
        database.dispose()
    typer.echo(f"Publisering {release} er trukket tilbake.")


@app.command("rebuild")
def rebuild(
    release: Annotated[int, typer.Argument(help="The release's number (kostra publish list).")],
) -> None:
    """Make a release again from exactly what its manifest names, and check that every file
    comes out byte for byte the same (exit 1 if not)."""
    key, database = pseudonym_key(), open_database()
    try:
        with console.status(f"Bygger publisering {release} på nytt …"), pool() as workers:
            rebuilt = releases.rebuild(database, release, key=key, pool=workers)
    except LookupError as error:
        fail(str(error))
    finally:
        database.dispose()
    if rebuilt.identical:
        typer.echo(f"Publisering {release}: alle {len(rebuilt.built.files)} filer er like.")
        return
    typer.echo(f"Publisering {release}: ulike filer: {', '.join(rebuilt.differ)}")
    raise typer.Exit(1)


@app.command("diff")
def compare(
    before: Annotated[int, typer.Argument(help="The earlier release (e.g. the preliminary).")],
    after: Annotated[int, typer.Argument(help="The later release (e.g. the final).")],
    table: Annotated[
        str, typer.Option("--table", "-t", help="nokkeltall or grunnlagstall.")
    ] = "nokkeltall",
    as_json: JsonOption = False,
) -> None:
    """List the cells of a table that differ between two releases."""
    database = open_database()
    try:
        with database.read() as session:
            files = [releases.release_file(session, r, f"{table}.json") for r in (before, after)]
            if files[0] is None or files[1] is None:
                fail(f"finner ikke tabellen {table} i begge publiseringene")
            old, new = (from_jsonstat(f.data) for f in files if f is not None)
    finally:
        database.dispose()
    changes = diff(old, new)
    if as_json:
        data = [{"cell": list(c.codes), "before": c.before,
                 "before_status": c.before_status.value if c.before_status else None,
                 "after": c.after, "after_status": c.after_status.value if c.after_status else None}
                for c in changes]  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    shown = Table(
        title=f"{table}: {len(changes)} celler endret fra publisering {before} til {after}"
    )
    for column in ("Region", "Variabel", "År", "Før", "Etter"):
        shown.add_column(column)
    for change in changes[:500]:
        shown.add_row(*change.labels, _text(change.before, change.before_status),
                      _text(change.after, change.after_status))  # fmt: skip
    Console(highlight=False).print(shown)


def _text(value: object, status: object) -> str:
    if value is None:
        return str(status.value) if hasattr(status, "value") else ""
    suffix = " (anslått)" if getattr(status, "value", None) == "e" else ""
    return f"{value}{suffix}"
