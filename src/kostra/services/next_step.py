"""What a reporter does next with one form: a status sentence and one action, for the overview.

The overview leads with this, per form of each unit: what has happened so far in one sentence
("Siste opplasting har 14 feil som må rettes."), whether the delivery is late, and one link with
one of a few fixed labels ("Last opp uttrekk", "Se feillisten (14 feil)", "Send inn", "Fyll ut
skjemaet", "Fortsett utfyllingen", "Se kvittering"). The deadline is said once, by
`deadline_phrase`, where the forms share it. `next_step` decides from plain facts, so it is
tested without a database; `views.overview` gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kostra import text
from kostra.controls import Severity
from kostra.intake.calendar import Phase, Window
from kostra.intake.status import Status, UnitStatus
from kostra.services.targets import Target

# The labels of the actions: the same words for the same step on every form.
UPLOAD = "Last opp uttrekk"
SUBMIT = "Send inn"
REVIEW_WARNINGS = "Se advarslene og send inn"
FILL_IN = "Fyll ut skjemaet"
CONTINUE = "Fortsett utfyllingen"
RECEIPT = "Se kvittering"
DELIVERY = "Se leveransen"
PENDING = "Se opplastingen"


def error_list_label(errors: int) -> str:
    """`Se feillisten (14 feil)`."""
    return f"Se feillisten ({text.number(errors)} feil)"


class Tone(StrEnum):
    """How pressing the step is, for the page's emphasis."""

    OPEN = "open"  # something to do, on time
    LATE = "late"  # something to do, and the deadline has passed
    DONE = "done"  # delivered: nothing to do


@dataclass(frozen=True)
class LastUpload:
    """The unit's newest upload (or a web form's answers checked) of the form and year."""

    id: str
    at: datetime
    state: str  # received, checked, failed
    outcome: Severity | None
    errors: int
    warnings: int


@dataclass(frozen=True)
class LastVersion:
    """The unit's newest submitted version of the form and year."""

    id: str
    version: int
    at: datetime
    upload_id: str


@dataclass(frozen=True)
class FormState:
    """What is known of a unit's form and year, for deciding its next step."""

    target: Target
    window: Window
    status: UnitStatus
    upload: LastUpload | None = None
    version: LastVersion | None = None
    draft_at: datetime | None = None  # a web form's saved answers, not yet submitted


@dataclass(frozen=True)
class NextStep:
    """One form's status sentence and the one action that moves it on."""

    sentence: str
    label: str
    href: str
    tone: Tone
    late_note: str = ""  # said plainly when the delivery is (or would be) late


def next_step(state: FormState, at: datetime) -> NextStep:
    """The next step of `state`'s form at `at`."""
    target, status = state.target, state.status
    web = target.form.is_web
    late = _late_note(state, at)
    tone = Tone.LATE if late else Tone.OPEN
    upload, version = state.upload, state.version
    newer_upload = upload is not None and (
        version is None or (upload.id != version.upload_id and upload.at > version.at)
    )
    draft_newer = state.draft_at is not None and all(
        moment is None or state.draft_at > moment
        for moment in (upload.at if upload else None, version.at if version else None)
    )

    if status.status is Status.NOTHING_TO_REPORT:
        sentence = f"Levert: ingen å rapportere for {target.year}."
        if status.late:
            sentence = f"Levert etter fristen: ingen å rapportere for {target.year}."
        return NextStep(sentence, DELIVERY, target.url, Tone.DONE)
    if web and draft_newer:
        return NextStep(
            "Skjemaet er påbegynt, men ikke sendt inn.", CONTINUE, target.form_url, tone, late
        )
    if newer_upload and upload is not None:
        return _upload_step(state, upload, tone, late)
    if version is not None:
        when = text.long_date(version.at)
        sentence = f"Sendt inn som versjon {version.version} {when}."
        if status.late:
            sentence = f"Sendt inn etter fristen, som versjon {version.version} {when}."
        if status.status is Status.ACCEPTED_WITH_WARNINGS:
            sentence += " Advarslene er bekreftet."
        return NextStep(sentence, RECEIPT, f"/innsendinger/{version.id}", Tone.DONE)
    if state.window.phase(at) is Phase.NOT_OPEN:
        opens = text.long_date(state.window.opens)
        sentence = f"Innsendingen åpner {opens}. Du kan forberede leveransen før det."
        return _start(target, sentence, Tone.OPEN, "")
    if state.window.phase(at) is Phase.CLOSED:
        return NextStep(
            "Ikke levert, og leveransen er stengt. Kontakt SSB.", DELIVERY, target.url, Tone.LATE,
            late,
        )  # fmt: skip
    sentence = "Skjemaet er ikke fylt ut ennå." if web else "Ikke levert ennå."
    return _start(target, sentence, tone, late)


def _start(target: Target, sentence: str, tone: Tone, late: str) -> NextStep:
    """Nothing delivered: fill in the web form, or upload the extract."""
    if target.form.is_web:
        return NextStep(sentence, FILL_IN, target.form_url, tone, late)
    return NextStep(sentence, UPLOAD, f"{target.url}#last-opp", tone, late)


def _upload_step(state: FormState, upload: LastUpload, tone: Tone, late: str) -> NextStep:
    """The newest upload (or checked answers) is not submitted: what it needs."""
    target = state.target
    web = target.form.is_web
    page = f"/opplastinger/{upload.id}"
    what = "Svarene" if web else "Siste opplasting"
    replaces = (
        f" Versjon {state.version.version} er sendt inn og gjelder til en ny sendes inn."
        if state.version is not None
        else ""
    )
    if upload.state == "failed":
        again = FILL_IN if web else UPLOAD
        href = target.form_url if web else f"{target.url}#last-opp"
        return NextStep(
            f"Kontrollen av {what.lower()} stoppet på grunn av en feil hos oss. Prøv igjen.",
            again, href, tone, late,
        )  # fmt: skip
    if upload.outcome is None:
        return NextStep(f"{what} kontrolleres.", PENDING, page, tone, late)
    if upload.outcome.blocks_submission:
        errors = max(upload.errors, 1)
        found = text.plural(errors, "feil", "feil")
        return NextStep(
            f"{what} har {found} som må rettes.{replaces}", error_list_label(errors), page, tone,
            late,
        )  # fmt: skip
    if upload.warnings:
        warnings = text.plural(upload.warnings, "advarsel", "advarsler")
        return NextStep(
            f"{what} har ingen feil, men {warnings} som må ses gjennom før innsending.{replaces}",
            REVIEW_WARNINGS, page, tone, late,
        )  # fmt: skip
    return NextStep(
        f"{what} er kontrollert uten feil, men ikke sendt inn.{replaces}", SUBMIT, page, tone, late
    )


def _late_note(state: FormState, at: datetime) -> str:
    """Plain words when the form is not delivered and its deadline has passed."""
    if state.status.status.delivered or not state.window.is_past_deadline(at):
        return ""
    return f"Fristen var {text.long_date(state.window.deadline)}: leveransen er forsinket."


def deadline_phrase(window: Window, at: datetime) -> str:
    """`Frist 3. mars 2025 – om 3 dager`; `Fristen var 3. mars 2025 – for 2 dager siden`."""
    day = window.deadline
    days = (day - text.local(at).date()).days
    if days < 0:
        return f"Fristen var {text.long_date(day)} – {text.days_from_now(days)}"
    return f"Frist {text.long_date(day)} – {text.days_from_now(days)}"
