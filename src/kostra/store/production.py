"""What statistics production reads from the portal: every unit's standing delivery of a year,
and the corrections made on top of the submitted versions (with their audit trail).

Each form is delivered by its own units (`FormDefinition.reporting_units`): the extracts by
Oslo's districts, skjema 7 by the districts and by Oslo as a whole, 7B and 12 by Oslo as a
whole only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.catalog import FormDefinition, load
from kostra.errors import KostraError, Reason
from kostra.production.answers import LINE as ANSWERS_LINE
from kostra.production.answers import is_free_text
from kostra.production.microdata import Correction as Change
from kostra.production.year import Delivery, Standing, units_of
from kostra.records import read_lines, split_fields
from kostra.records.answers import from_bytes, read_value
from kostra.store.models import Correction, Declaration, Submission


class CorrectionRefused(KostraError, ValueError):
    """A correction that cannot be made as asked (said in Norwegian)."""

    reason = Reason.UNPROCESSABLE


def latest_submissions(session: Session, year: int) -> dict[tuple[str, str], Submission]:
    """(unit, form) → the unit's latest submitted version of `year`."""
    rows = session.scalars(
        select(Submission).where(Submission.year == year).order_by(Submission.version)
    )
    return {(row.unit, row.form): row for row in rows}


def deliveries(
    session: Session,
    year: int,
    forms: Sequence[str],
    *,
    submissions: dict[tuple[str, str], str] | None = None,
    correction_ids: set[int] | None = None,
) -> list[Delivery]:
    """Every unit's standing delivery of each form: the latest submitted version (with its
    corrections), a standing declaration, or missing.

    To rebuild a release, `submissions` names the submission ids it used per (unit, form) and
    `correction_ids` the corrections; nothing newer is read then.
    """
    if submissions is None:
        chosen = latest_submissions(session, year)
    else:
        rows = session.scalars(select(Submission).where(Submission.id.in_(submissions.values())))
        chosen = {(row.unit, row.form): row for row in rows}
    declared = {
        (row.unit, row.form)
        for row in session.scalars(
            select(Declaration).where(Declaration.year == year, Declaration.withdrawn_at.is_(None))
        )
    }
    changes = corrections(session, year)
    found = []
    for form in forms:
        for unit in units_of(form, year):
            submission = chosen.get((unit.code, form))
            if submission is not None:
                applied = tuple(
                    (c.id, Change(c.line, c.field, c.new_value))
                    for c in changes
                    if c.submission_id == submission.id
                    and (correction_ids is None or c.id in correction_ids)
                )
                found.append(
                    Delivery(unit.code, form, Standing.DELIVERED, submission.id,
                             submission.version, submission.sha256, applied)
                )  # fmt: skip
            elif (unit.code, form) in declared:
                found.append(Delivery(unit.code, form, Standing.NOTHING_TO_REPORT))
            else:
                found.append(Delivery(unit.code, form, Standing.MISSING))
    return found


def corrections(session: Session, year: int) -> list[Correction]:
    """The corrections of a year, oldest first."""
    query = select(Correction).where(Correction.year == year).order_by(Correction.id)
    return list(session.scalars(query))


def correct(
    session: Session,
    submission: Submission,
    data: bytes,
    *,
    line: int,
    field: str,
    value: str,
    reason: str,
    by: int,
    at: datetime,
) -> Correction:
    """Record a correction of one field of one record of a submitted version.

    The value is checked against the field (width, code list; a web form's answer against its
    question's type, on line 1); the old value is read from the version's file as it is now,
    after earlier corrections of the same field and line.
    """
    if not reason.strip():
        raise CorrectionRefused("Oppgi hvorfor verdien rettes (avtalt med kommunen, revisjon, …).")
    form = load(submission.form, submission.year)
    if form.is_web:
        old, new = _answer_correction(form, data, line, field, value)
    else:
        old, new = _record_correction(form, data, line, field, value)
    for earlier in corrections(session, submission.year):
        if (
            earlier.submission_id == submission.id
            and earlier.line == line
            and earlier.field == field
        ):
            old = earlier.new_value
    row = Correction(
        year=submission.year, form=submission.form, unit=submission.unit,
        submission_id=submission.id, line=line, field=field, old_value=old,
        new_value=new, reason=reason.strip(), made_by=by, made_at=at,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def _record_correction(
    form: FormDefinition, data: bytes, line: int, field: str, value: str
) -> tuple[str, str]:
    """An extract's field on `line`: its value now, and `value` as the field holds it."""
    if not form.has(field) or field in form.identity_fields:
        raise CorrectionRefused(f"Feltet {field} kan ikke rettes her.")
    definition = form.field(field)
    width = definition.width or len(value)
    if len(value) > width:
        raise CorrectionRefused(f"{field} har plass til {width} tegn; «{value}» er for lang.")
    padded = value.rjust(width) if definition.type.value == "integer" else value.ljust(width)
    if (
        definition.codes
        and value.strip()
        and value.strip() not in {c.code.strip() for c in definition.codes}
    ):
        codes = ", ".join(c.code for c in definition.codes)
        raise CorrectionRefused(f"«{value}» er ikke en gyldig kode for {field} ({codes}).")
    records = split_fields(read_lines(data).lines, form)
    found = records.filter(records["_line"] == line)
    if found.height == 0:
        raise CorrectionRefused(f"Filen har ingen post på linje {line}.")
    return str(found[field].item()), padded


def _answer_correction(
    form: FormDefinition, data: bytes, line: int, field: str, value: str
) -> tuple[str, str]:
    """A web form's answer to question `field`: the answer now, and `value` as it is kept."""
    if line != ANSWERS_LINE:
        raise CorrectionRefused(f"Et webskjema har bare én post, linje {ANSWERS_LINE}.")
    if not form.has(field) or is_free_text(form.field(field)) or form.field(field).sum_of:
        raise CorrectionRefused(f"Spørsmålet {field} kan ikke rettes her.")
    _read, problem = read_value(form.field(field), value)
    if problem is not None:
        raise CorrectionRefused(f"«{value}» kan ikke brukes som svar på {field}: {problem}")
    answer = from_bytes(data).get(field)
    old = "" if answer is None else answer if isinstance(answer, str) else json.dumps(answer)
    return old, value.strip()
