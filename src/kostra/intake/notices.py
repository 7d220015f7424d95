"""The e-mails intake sends: reminders (purringer) to late units, and error lists (feillister).

Plain text in bokmål; `services/followup.py` adds the portal's address and sends them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kostra import text
from kostra.intake.calendar import Window
from kostra.intake.status import Status, UnitStatus
from kostra.text import long_date, long_time


@dataclass(frozen=True)
class Message:
    """One e-mail's subject and body."""

    subject: str
    body: str


def reminder(
    unit: str, unit_name: str, form: str, form_title: str, window: Window,
    status: UnitStatus, at: datetime, link: str,
) -> Message:  # fmt: skip
    """A reminder to a unit that has not delivered `form` for `window.year`."""
    what = f"skjema {form} {form_title} for {window.year}"
    if status.status is Status.RECEIVED_WITH_ERRORS:
        state = (
            "Dere har lastet opp et filuttrekk, men det har feil som må rettes før det kan sendes "
            "inn. Feillisten ligger i portalen."
        )
    else:
        state = "SSB har ikke mottatt noen innsending fra dere."
    due = (
        f"Fristen var {long_date(window.deadline)}."
        if window.is_past_deadline(at)
        else f"Fristen er {long_date(window.deadline)}."
    )
    body = (
        f"Til {unit_name} ({unit})\n\n"
        f"Purring: {what}.\n\n"
        f"{state} {due} Send inn så snart som mulig, og senest "
        f"{long_date(window.closes)}, da portalen stenger.\n\n"
        "Har dere ingen mottakere eller deltakere å rapportere, kryss av for «Ingen å "
        "rapportere» i portalen; da stopper purringene.\n\n"
        f"Portalen: {link}\n\n"
        f"Sendt {long_time(at)}.\n"
        "Med vennlig hilsen\nStatistisk sentralbyrå, KOSTRA sosialtjenester\n"
    )
    return Message(f"Purring: KOSTRA {form} for {window.year}, {unit_name}", body)


def error_list(
    unit: str, unit_name: str, form: str, year: int, errors: int, warnings: int,
    at: datetime, link: str, note: str = "",
) -> Message:  # fmt: skip
    """The notice that goes with an error list sent to a unit; the list itself is attached."""
    body = (
        f"Til {unit_name} ({unit})\n\n"
        f"Vedlagt er feillisten for skjema {form} for {year}: {text.number(errors)} feil og "
        f"{text.plural(warnings, 'advarsel', 'advarsler')}. Rett opplysningene i fagsystemet, lag et nytt uttrekk, og last det opp "
        "i portalen. Feillisten regnes som returnert når en rettet versjon er sendt inn.\n\n"
        + (f"{note}\n\n" if note else "")
        + f"Portalen: {link}\n\nSendt {long_time(at)}.\n"
        "Med vennlig hilsen\nStatistisk sentralbyrå, KOSTRA sosialtjenester\n"
    )
    return Message(f"Feilliste: KOSTRA {form} for {year}, {unit_name}", body)
