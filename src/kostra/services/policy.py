"""Whether a delivery may be made now, and if not, why: the one place that decides.

The portal's pages (whether to offer "Send inn"), the API, the CLI and the demo loader all ask
here, and a submission is refused with exactly the reason the page would have shown.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kostra.controls import Severity
from kostra.errors import Reason, Refused
from kostra.intake.calendar import Decision, Window, may_deliver
from kostra.store import deliveries, followup
from kostra.store.models import Upload


def decision(
    session: Session, unit: str, form: str, year: int, window: Window, at: datetime
) -> Decision:
    """Whether the unit may deliver `form` for `year` at `at` by the calendar: a delivery made
    while another stands (a version or a declaration) is a correction."""
    standing = deliveries.standing_declaration(session, unit, form, year) is not None
    submitted = deliveries.has_submission(session, unit, form, year)
    return may_deliver(window, at, correction=standing or submitted)


def late(session: Session, unit: str, form: str, year: int, window: Window, at: datetime) -> bool:
    """Whether the unit's delivery, once one more is made at `at`, is late: the one rule for the
    receipt, the history, the status, the intake matrix and the API (`intake.status.status_of`).

    A delivery joins what has stood without a break before it (a version, a declaration), and
    the whole is late when it began after the deadline: a version replacing a late declaration
    is late, a correction of an on-time delivery is not, and a delivery after an on-time
    declaration was withdrawn is judged by its own time."""
    standing = followup.facts(session, window, at, unit=unit).get(unit)
    since = standing.standing_since if standing is not None else None
    return window.is_past_deadline(since or at)


def submission_refusal(
    upload: Upload, decided: Decision, *, web: bool, warnings_seen: bool = True
) -> Refused | None:
    """Why `upload` may not be submitted now (None when it may): not checked yet, errors found,
    warnings not confirmed as seen, or outside the calendar's time for it."""
    if upload.state != deliveries.CHECKED or upload.outcome is None:
        return Refused("Filen er ikke ferdig kontrollert ennå. Vent litt og prøv igjen.")
    if Severity(upload.outcome).blocks_submission:
        return Refused(
            "Svarene har feil og kan ikke sendes inn. Rett svarene i skjemaet og kontroller dem "
            "på nytt."
            if web
            else "Filen har feil og kan ikke sendes inn. Rett feilene i fagsystemet, lag et nytt "
            "uttrekk og last det opp.",
            reason=Reason.UNPROCESSABLE,
        )
    warnings = upload.warnings or 0
    if warnings and not warnings_seen:
        count = "én advarsel" if warnings == 1 else f"{warnings} advarsler"
        return Refused(
            f"{'Svarene' if web else 'Filen'} har {count}. Bekreft at du har sett gjennom "
            f"{'den' if warnings == 1 else 'dem'} før {'svarene' if web else 'filen'} "
            "sendes inn.",
            reason=Reason.UNPROCESSABLE,
        )
    if not decided.allowed:
        return Refused(decided.message, reason=Reason.CLOSED)
    return None


def declaration_refusal(
    session: Session, unit: str, form: str, year: int, window: Window, at: datetime
) -> Refused | None:
    """Why the unit may not declare it has nobody to report (None when it may)."""
    if deliveries.has_submission(session, unit, form, year):
        return Refused(
            "Enheten har allerede sendt inn et filuttrekk for dette året. Ta kontakt med SSB "
            "dersom innsendingen skal trekkes."
        )
    earlier = bool(deliveries.declarations(session, unit, form, year))
    decided = may_deliver(window, at, correction=earlier)
    return None if decided.allowed else Refused(decided.message, reason=Reason.CLOSED)


def withdrawal_refusal(window: Window, at: datetime) -> Refused | None:
    """Why a standing declaration may not be withdrawn now (None when it may)."""
    decided = may_deliver(window, at, correction=True)
    return None if decided.allowed else Refused(decided.message, reason=Reason.CLOSED)
