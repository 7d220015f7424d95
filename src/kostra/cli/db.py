"""`kostra db`: the portal's database."""

from __future__ import annotations

import typer

from kostra.cli.options import fail
from kostra.settings import get_settings
from kostra.store import Database

app = typer.Typer(help="The portal's database (KOSTRA_DATABASE_URL; a SQLite file by default).")


def open_database() -> Database:
    """The configured database, or a usage error that says how to set it."""
    url = get_settings().database_url
    try:
        return Database(url)
    except Exception as error:  # a malformed URL or a missing driver
        fail(f"kan ikke åpne databasen {url!r}: {type(error).__name__}. Sjekk KOSTRA_DATABASE_URL.")


@app.command("upgrade")
def upgrade() -> None:
    """Create the tables, or bring them to the newest migration."""
    database = open_database()
    try:
        database.upgrade()
    except Exception as error:
        fail(f"kunne ikke oppdatere databasen: {type(error).__name__}: {error}")
    finally:
        database.dispose()
    typer.echo(f"Databasen er oppdatert: {_safe_url(database.url)}")


@app.command("status")
def status() -> None:
    """Say whether the database is at the newest migration (exit 1 if not)."""
    database = open_database()
    try:
        current = database.is_current()
    except Exception as error:
        fail(f"kan ikke lese databasen: {type(error).__name__}")
    finally:
        database.dispose()
    if current:
        typer.echo(f"Databasen er oppdatert: {_safe_url(database.url)}")
        return
    typer.echo("Databasen er ikke oppdatert; kjør «kostra db upgrade».")
    raise typer.Exit(1)


def _safe_url(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
