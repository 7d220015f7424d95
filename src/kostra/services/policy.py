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
    """Whether the unit may deliver `form` for `year` at `at` by the calendar, and whether the
    delivery is late then: a delivery made while another stands (a version or a declaration)
    is a correction, and counts together with it (`Window.is_late`)."""
    since = followup.delivery_standing_since(session, unit, form, year, at)
    return may_deliver(window, at, since=since)


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


def declaration_decision(
    session: Session, unit: str, form: str, year: int, window: Window, at: datetime
) -> Decision:
    """The calendar's decision on declaring that the unit has nobody to report, when nothing
    stands (one after an earlier declaration was withdrawn corrects it); Refused when it may not
    be made: a version has been submitted, or it is outside the calendar's time for it."""
    if deliveries.has_submission(session, unit, form, year):
        raise Refused(
            "Enheten har allerede sendt inn et filuttrekk for dette året. Ta kontakt med SSB "
            "dersom innsendingen skal trekkes."
        )
    earlier = bool(deliveries.declarations(session, unit, form, year))
    decided = may_deliver(window, at, correction=earlier)
    if not decided.allowed:
        raise Refused(decided.message, reason=Reason.CLOSED)
    return decided


def withdrawal_refusal(window: Window, at: datetime) -> Refused | None:
    """Why a standing declaration may not be withdrawn now (None when it may)."""
    decided = may_deliver(window, at, correction=True)
    return None if decided.allowed else Refused(decided.message, reason=Reason.CLOSED)
