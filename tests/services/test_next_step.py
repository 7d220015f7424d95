"""The next step of a form on the reporter's overview: one sentence, one action, across states."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kostra.controls import Severity
from kostra.intake.calendar import Window
from kostra.intake.status import Status, UnitStatus
from kostra.services.next_step import (
    CONTINUE,
    DELIVERY,
    FILL_IN,
    PENDING,
    RECEIPT,
    REVIEW_WARNINGS,
    SUBMIT,
    UPLOAD,
    FormState,
    LastUpload,
    LastVersion,
    Tone,
    deadline_phrase,
    next_step,
)
from kostra.services.targets import Target, resolve
from kostra.text import OSLO

EXTRACT = resolve("030101", "11F", 2025)
WEB = resolve("030101", "7", 2025)
WINDOW = Window("11F", 2025, date(2026, 1, 1), date(2026, 3, 3), date(2026, 4, 1), date(2026, 6, 1))
BEFORE = datetime(2026, 2, 28, 12, tzinfo=OSLO)  # 3 days before the deadline
AFTER = datetime(2026, 3, 5, 12, tzinfo=OSLO)  # 2 days after it
EARLIER = datetime(2026, 2, 20, 9, tzinfo=OSLO)


def upload(
    outcome: Severity | None, errors: int = 0, warnings: int = 0, state: str = "checked",
    at: datetime = EARLIER, id: str = "u1",
) -> LastUpload:  # fmt: skip
    return LastUpload(id, at, state, outcome, errors, warnings)


def state(
    target: Target = EXTRACT,
    status: Status = Status.NOT_RECEIVED,
    late: bool = False,
    *,
    upload: LastUpload | None = None,
    version: LastVersion | None = None,
    draft_at: datetime | None = None,
) -> FormState:
    return FormState(target, WINDOW, UnitStatus(status, late), upload, version, draft_at)


VERSION = LastVersion("s1", 2, EARLIER, "u1")


@pytest.mark.parametrize(
    ("known", "at", "sentence", "label", "href", "tone"),
    [
        pytest.param(
            state(), BEFORE, "Ikke levert ennå.", UPLOAD, "/portal/030101/11F/2025#last-opp",
            Tone.OPEN, id="nothing-uploaded",
        ),
        pytest.param(
            state(WEB), BEFORE, "Skjemaet er ikke fylt ut ennå.", FILL_IN,
            "/portal/030101/7/2025/skjema", Tone.OPEN, id="web-form-not-begun",
        ),
        pytest.param(
            state(status=Status.RECEIVED_WITH_ERRORS, upload=upload(Severity.ERROR, errors=14)),
            BEFORE, "Siste opplasting har 14 feil som må rettes.", "Se feillisten (14 feil)",
            "/opplastinger/u1", Tone.OPEN, id="upload-with-errors",
        ),
        pytest.param(
            state(upload=upload(Severity.WARNING, warnings=3)), BEFORE,
            "Siste opplasting har ingen feil, men 3 advarsler som må ses gjennom før innsending.",
            REVIEW_WARNINGS, "/opplastinger/u1", Tone.OPEN, id="warnings-to-acknowledge",
        ),
        pytest.param(
            state(upload=upload(Severity.OK)), BEFORE,
            "Siste opplasting er kontrollert uten feil, men ikke sendt inn.", SUBMIT,
            "/opplastinger/u1", Tone.OPEN, id="checked-ok-not-submitted",
        ),
        pytest.param(
            state(upload=upload(None, state="received")), BEFORE, "Siste opplasting kontrolleres.",
            PENDING, "/opplastinger/u1", Tone.OPEN, id="being-checked",
        ),
        pytest.param(
            state(status=Status.ACCEPTED, upload=upload(Severity.OK), version=VERSION), BEFORE,
            "Sendt inn som versjon 2 20. februar 2026.", RECEIPT, "/innsendinger/s1", Tone.DONE,
            id="submitted",
        ),
        pytest.param(
            state(status=Status.ACCEPTED, late=True, upload=upload(Severity.OK), version=VERSION),
            AFTER, "Sendt inn etter fristen, som versjon 2 20. februar 2026.", RECEIPT,
            "/innsendinger/s1", Tone.DONE, id="submitted-late",
        ),
        pytest.param(
            state(status=Status.NOTHING_TO_REPORT), BEFORE, "Levert: ingen å rapportere for 2025.",
            DELIVERY, "/portal/030101/11F/2025", Tone.DONE, id="declared",
        ),
        pytest.param(
            state(status=Status.LATE, late=True), AFTER, "Ikke levert ennå.", UPLOAD,
            "/portal/030101/11F/2025#last-opp", Tone.LATE, id="late",
        ),
        pytest.param(
            state(WEB, draft_at=EARLIER), BEFORE, "Skjemaet er påbegynt, men ikke sendt inn.",
            CONTINUE, "/portal/030101/7/2025/skjema", Tone.OPEN, id="web-form-draft",
        ),
        pytest.param(
            state(WEB, upload=upload(Severity.ERROR, errors=2), draft_at=EARLIER - timedelta(1)),
            BEFORE, "Svarene har 2 feil som må rettes.", "Se feillisten (2 feil)",
            "/opplastinger/u1", Tone.OPEN, id="web-answers-checked-after-the-draft",
        ),
        pytest.param(
            state(
                status=Status.ACCEPTED, version=VERSION,
                upload=upload(Severity.ERROR, errors=1, at=EARLIER + timedelta(1), id="u2"),
            ),
            BEFORE,
            "Siste opplasting har 1 feil som må rettes. Versjon 2 er sendt inn og gjelder til en "
            "ny sendes inn.", "Se feillisten (1 feil)", "/opplastinger/u2", Tone.OPEN,
            id="correction-with-errors",
        ),
        pytest.param(
            state(), datetime(2026, 6, 2, 12, tzinfo=OSLO),
            "Ikke levert, og leveransen er stengt. Kontakt SSB.", DELIVERY,
            "/portal/030101/11F/2025", Tone.LATE, id="closed",
        ),
        pytest.param(
            state(), datetime(2025, 12, 1, 12, tzinfo=OSLO),
            "Innsendingen åpner 1. januar 2026. Du kan forberede leveransen før det.", UPLOAD,
            "/portal/030101/11F/2025#last-opp", Tone.OPEN, id="not-open",
        ),
    ],
)  # fmt: skip
def test_next_step(
    known: FormState, at: datetime, sentence: str, label: str, href: str, tone: Tone
) -> None:
    step = next_step(known, at)
    assert (step.sentence, step.label, step.href, step.tone) == (sentence, label, href, tone)


def test_late_is_said_plainly_until_delivered() -> None:
    late = next_step(state(status=Status.LATE, late=True), AFTER)
    assert late.late_note == "Fristen var 3. mars 2026: leveransen er forsinket."
    assert next_step(state(), BEFORE).late_note == ""
    delivered = state(status=Status.ACCEPTED, late=True, version=VERSION)
    assert next_step(delivered, AFTER).late_note == ""


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (BEFORE, "Frist 3. mars 2026 – om 3 dager"),
        (datetime(2026, 3, 2, 23, 30, tzinfo=OSLO), "Frist 3. mars 2026 – i morgen"),
        (datetime(2026, 3, 3, 23, 59, tzinfo=OSLO), "Frist 3. mars 2026 – i dag"),
        (datetime(2026, 3, 4, 0, 1, tzinfo=OSLO), "Fristen var 3. mars 2026 – i går"),
        (AFTER, "Fristen var 3. mars 2026 – for 2 dager siden"),
    ],
    ids=["days", "tomorrow", "today", "yesterday", "days-ago"],
)
def test_the_deadline_said_once(at: datetime, said: str) -> None:
    assert deadline_phrase(WINDOW, at) == said
