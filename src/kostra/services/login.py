"""Logging in and out of the portal: a password checked against its argon2 hash, failed
attempts throttled per account and address, a session started or ended on the server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kostra.errors import KostraError, Reason
from kostra.store import accounts
from kostra.store.database import Database
from kostra.store.models import User
from kostra.text import now

WRONG = "Feil brukernavn eller passord."  # the same whether the name or the password was wrong


@dataclass(frozen=True)
class LoggedIn:
    """A session started: its cookie value, and whether the account is the statistics office's."""

    cookie: str
    is_staff: bool


def log_in(
    db: Database,
    username: str,
    password: str,
    address: str,
    *,
    attempts: int,
    window: timedelta,
    lifetime: timedelta,
) -> LoggedIn:
    """Start a session for `username`; a KostraError (TOO_MANY after `attempts` failures within
    `window` from the account or the address, UNAUTHENTICATED for a wrong name or password)."""
    at = now()
    with db.read() as session:
        if accounts.throttled(session, username, address, at, attempts, window):
            minutes = int(window.total_seconds() // 60)
            raise KostraError(
                f"For mange mislykkede innlogginger. Vent {minutes} minutter og prøv igjen, "
                "eller kontakt SSB.",
                reason=Reason.TOO_MANY,
            )
        found = accounts.authenticate(session, username, password)
        user_id = found.id if found is not None else None
    with db.write() as session:  # the attempt is kept, whatever its outcome
        accounts.record_attempt(session, username, address, at, user_id is not None)
        accounts.forget_old_attempts(session, at - 2 * window)
        user = session.get(User, user_id) if user_id is not None else None
        if user is not None:
            started = accounts.start_session(session, user, at, lifetime)
            made = LoggedIn(started.cookie, accounts.principal(session, user).is_staff)
    if user is None:  # a wrong name or password (or the account deleted in between)
        raise KostraError(WRONG, reason=Reason.UNAUTHENTICATED)
    return made


def log_out(db: Database, cookie: str) -> None:
    """End the session behind `cookie` (nothing happens for an unknown one)."""
    with db.write() as session:
        accounts.end_session(session, cookie)
