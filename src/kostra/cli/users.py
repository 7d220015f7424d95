"""`kostra users`: accounts of the portal: reporters, vendor systems, staff, admins."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kostra.cli.db import open_database
from kostra.cli.options import JsonOption, fail
from kostra.intake.access import InvalidScope, Role
from kostra.store import accounts
from kostra.text import long_time, now

app = typer.Typer(help="Accounts of the portal: add, list, disable, new API token.")

ROLES = ", ".join(role.value for role in Role)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Passord", hide_input=True)
    second = typer.prompt("Gjenta passordet", hide_input=True)
    if first != second:
        fail("passordene er ikke like")
    return str(first)


@app.command("add")
def add(
    username: Annotated[
        str, typer.Argument(help="User name to log in with (e.g. an e-mail address).")
    ],
    role: Annotated[str, typer.Option("--role", "-r", help=f"One of: {ROLES}.")],
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            "-u",
            help="Municipality (1103), Oslo district (030101) or Oslo (0301) the account reports "
            "for: one for a reporter, one or more for a vendor system; none for staff.",
        ),
    ] = None,
    name: Annotated[str, typer.Option("--name", "-n", help="The person's or system's name.")] = "",
    email: Annotated[
        str | None, typer.Option("--email", "-e", help="Address for reminders and error lists.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add an account. A person is asked for a password; a vendor system gets an API token,
    printed once."""
    try:
        chosen = Role(role.strip().lower())
    except ValueError:
        fail(f"ukjent rolle «{role}»; velg en av {ROLES}")
    password = None if chosen is Role.VENDOR else _password(password_stdin)
    database = open_database()
    try:
        with database.write() as session:
            user = accounts.add_user(
                session, username=username, name=name or username, role=chosen,
                scopes=list(unit or []), at=now(), email=email, password=password,
            )  # fmt: skip
            token = (
                accounts.issue_token(session, user, "fagsystem", now())
                if chosen is Role.VENDOR
                else None
            )
    except (accounts.AccountError, InvalidScope) as error:
        fail(str(error))
    finally:
        database.dispose()
    typer.echo(f"La til {user.username} ({chosen.label}).")
    if token:
        typer.echo(f"API-nøkkel (vises bare nå): {token}")


@app.command("list")
def list_users(as_json: JsonOption = False) -> None:
    """List every account with its role, units and status."""
    database = open_database()
    try:
        with database.read() as session:
            found = accounts.users(session)
    finally:
        database.dispose()
    if as_json:
        rows = [
            {"username": u.username, "name": u.name, "role": u.role, "units": sorted(s),
             "email": u.email, "disabled": u.disabled_at is not None}
            for u, s in found
        ]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Brukere")
    for column in ("Brukernavn", "Navn", "Rolle", "Enheter", "E-post", "Status"):
        table.add_column(column)
    for user, scopes in found:
        state = f"sperret {long_time(user.disabled_at)}" if user.disabled_at else "aktiv"
        table.add_row(user.username, user.name, Role(user.role).label, ", ".join(sorted(scopes)),
                      user.email or "", state)  # fmt: skip
    Console(highlight=False).print(table)


@app.command("disable")
def disable(username: Annotated[str, typer.Argument(help="The account to disable.")]) -> None:
    """Disable an account: it can no longer log in, its sessions end, its tokens stop working."""
    database = open_database()
    try:
        with database.write() as session:
            user = accounts.disable_user(session, username, now())
    except accounts.AccountError as error:
        fail(str(error))
    finally:
        database.dispose()
    typer.echo(f"Sperret {user.username}.")


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="The account to give a new API token.")],
    revoke_old: Annotated[
        bool, typer.Option("--revoke-old", help="Revoke the account's earlier tokens.")
    ] = False,
) -> None:
    """Give an account a new API token (printed once)."""
    database = open_database()
    try:
        with database.write() as session:
            user = accounts.find_user(session, username)
            if user is None or user.disabled_at is not None:
                fail(f"finner ingen aktiv bruker «{username}»")
            revoked = accounts.revoke_tokens(session, user, now()) if revoke_old else 0
            issued = accounts.issue_token(session, user, "kommandolinje", now())
    finally:
        database.dispose()
    if revoked:
        typer.echo(f"Trakk tilbake {revoked} eldre nøkler.")
    typer.echo(f"API-nøkkel for {user.username} (vises bare nå): {issued}")


@app.command("password")
def password(
    username: Annotated[str, typer.Argument(help="The person whose password to set.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a person's password."""
    new = _password(password_stdin)
    database = open_database()
    try:
        with database.write() as session:
            user = accounts.find_user(session, username)
            if user is None:
                fail(f"finner ingen bruker «{username}»")
            accounts.set_password(session, user, new)
    except accounts.AccountError as error:
        fail(str(error))
    finally:
        database.dispose()
    typer.echo(f"Nytt passord satt for {username}.")
