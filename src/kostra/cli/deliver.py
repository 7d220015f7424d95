"""`kostra deliver`: deliver for a unit from the command line, as the portal and the API do.

The same use cases as the portal's (`kostra.services.delivery`): the file is kept as received,
checked against last year, and submitted only if the policy allows it; the account named with
`--as` must be one that may deliver for the unit (a reporter or a vendor system, not staff).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kostra.cli.db import open_database
from kostra.cli.options import REFUSED, JsonOption, fail
from kostra.errors import KostraError
from kostra.intake.access import Principal
from kostra.services import delivery
from kostra.services.targets import Target, resolve
from kostra.store import Database, accounts

app = typer.Typer(help="Deliver for a unit: upload and check, submit, declare nothing to report.")

UnitOption = Annotated[
    str, typer.Option("--unit", "-u", help="Municipality (1103), or Oslo district (030101).")
]
FormOption = Annotated[str, typer.Option("--form", "-f", help="Form: 11F, 11CF, 7, 7B or 12.")]
YearOption = Annotated[int, typer.Option("--year", "-y", help="Reporting year, e.g. 2025.")]
AsOption = Annotated[
    str, typer.Option("--as", help="The account that delivers (a reporter or vendor system).")
]


@contextmanager
def _acting_as(username: str) -> Iterator[tuple[Database, Principal]]:
    """The database, and the account that acts (a usage error if there is none); a refusal of
    what it does is said and exits 1."""
    database = open_database()
    try:
        with database.read() as session:
            user = accounts.find_user(session, username)
            if user is None or user.disabled_at is not None:
                fail(f"finner ingen aktiv konto «{username}»; se `kostra users list`")
            who = accounts.principal(session, user)
        yield database, who
    except KostraError as error:
        fail(error.message, REFUSED)
    finally:
        database.dispose()


def _target(unit: str, form: str, year: int) -> Target:
    try:
        return resolve(unit, form, year)
    except KostraError as error:
        fail(error.message)


@app.command("upload")
def upload(
    file: Annotated[Path, typer.Argument(help="The extract, or a web form's answers as JSON.")],
    unit: UnitOption,
    form: FormOption,
    year: YearOption,
    username: AsOption,
    submit: Annotated[
        bool, typer.Option("--submit", help="Submit it too, if it may be submitted.")
    ] = False,
    warnings_seen: Annotated[
        bool,
        typer.Option("--warnings-seen", help="Confirm that the warnings have been looked at."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Upload a file for a unit: kept, checked and compared with last year; with --submit, also
    submitted as the unit's next version. Exit status 1 when it may not be submitted."""
    if not file.is_file():
        fail(f"finner ikke filen {file}")
    target = _target(unit, form, year)
    with _acting_as(username) as (database, who):
        limit = 1 << 40  # the portal's upload limit guards a web server, not a local file
        view = delivery.upload(
            database, delivery.check_here, who, target, file.read_bytes(), file.name, "cli",
            limit=limit,
        )  # fmt: skip
        made, refused = None, None
        if submit:
            try:
                made = delivery.submit(database, who, view.upload.id, warnings_seen)
            except KostraError as error:  # the upload is kept; say why it was not submitted
                refused = error.message
    row = view.upload
    outcome = {
        "upload": row.id,
        "outcome": row.outcome,
        "records": row.records,
        "errors": row.errors,
        "warnings": row.warnings,
        "may_submit": view.may_submit,
        "receipt": made.receipt.to_dict() if made else None,
        "refused": refused,
    }
    if as_json:
        typer.echo(json.dumps(outcome, ensure_ascii=False, indent=2, default=str))
    else:
        console = Console(highlight=False)
        console.print(
            f"Opplasting {row.id}: {row.records} poster, {row.errors} feil, "
            f"{row.warnings} advarsler."
        )
        if made is not None:
            console.print(f"Sendt inn som versjon {made.submission.version}, kvittering "
                          f"{made.receipt.number}.")  # fmt: skip
        elif refused is not None:
            console.print(f"Ikke sendt inn: {refused}")
    if refused is not None:
        raise typer.Exit(REFUSED)


@app.command("declare")
def declare(unit: UnitOption, form: FormOption, year: YearOption, username: AsOption) -> None:
    """Declare that the unit has nobody to report for the form and year."""
    target = _target(unit, form, year)
    with _acting_as(username) as (database, who):
        made = delivery.declare(database, who, target)
    typer.echo(f"{target.unit.code} {target.name}: ingen å rapportere for skjema "
               f"{target.form.form} {target.year}{' (for sent)' if made.late else ''}.")  # fmt: skip


@app.command("withdraw")
def withdraw(unit: UnitOption, form: FormOption, year: YearOption, username: AsOption) -> None:
    """Withdraw the unit's declaration that it has nobody to report."""
    target = _target(unit, form, year)
    with _acting_as(username) as (database, who):
        delivery.withdraw(database, who, target)
    typer.echo(f"{target.unit.code} {target.name}: erklæringen for skjema {target.form.form} "
               f"{target.year} er trukket.")  # fmt: skip
