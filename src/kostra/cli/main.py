"""The `kostra` command: one application object, command groups registered explicitly."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from kostra import __version__
from kostra.catalog import InvalidDefinition, add_folder
from kostra.cli import (
    control,
    db,
    deliver,
    forms,
    publish,
    rules,
    serve,
    simulate,
    synth,
    users,
)
from kostra.cli.options import INTERNAL_ERROR, REFUSED, USAGE_ERROR
from kostra.errors import KostraError, Reason

# Problems that mean the command was given wrong input (exit 2); others are refusals (exit 1).
_USAGE = frozenset({Reason.INVALID, Reason.UNPROCESSABLE, Reason.NOT_FOUND, Reason.TOO_LARGE})

app = typer.Typer(
    name="kostra",
    help="KOSTRA reporting for the municipal social services: check extracts (11F, 11CF) "
    "exactly as the statistics office will, browse the forms and their controls, run the "
    "reporting portal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kostra {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """KOSTRA reporting for the municipal social services."""
    folder = os.environ.get("KOSTRA_FORMS_DIR")
    if folder:  # forms defined only as data (the setting `forms_dir`)
        try:
            add_folder(Path(folder))
        except InvalidDefinition as error:
            typer.echo(f"kostra: KOSTRA_FORMS_DIR: {error}", err=True)
            raise typer.Exit(2) from None


app.command("control")(control.control)
app.add_typer(forms.app, name="forms")
app.add_typer(rules.app, name="rules")
app.add_typer(synth.app, name="synth")
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(deliver.app, name="deliver")
app.command("serve")(serve.serve)
app.add_typer(publish.app, name="publish")
app.command("simulate-nonresponse")(simulate.simulate)


def run() -> None:
    """Entry point of the `kostra` script: a fault of kostra's own is reported in one line
    (exit status 3), never as a traceback; set KOSTRA_DEBUG=1 to see the traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except KostraError as error:  # a problem the user can act on, said as it is
        typer.echo(f"kostra: {error.message}", err=True)
        sys.exit(USAGE_ERROR if error.reason in _USAGE else REFUSED)
    except Exception as error:
        if os.environ.get("KOSTRA_DEBUG"):
            raise
        # The exception's text is not shown: it could quote a record.
        typer.echo(
            f"kostra: intern feil ({type(error).__name__}). Filen er ikke endret. Kjør på nytt med "
            "KOSTRA_DEBUG=1 for detaljer, og meld feilen til kostra-utviklerne.",
            err=True,
        )
        sys.exit(INTERNAL_ERROR)
