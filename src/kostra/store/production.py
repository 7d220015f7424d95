"""What statistics production reads from the portal: every unit's standing delivery of a year,
and the corrections made on top of the submitted versions (with their audit trail).

Each form is delivered by its own units (`FormDefinition.reporting_units`): the extracts by
Oslo's districts, skjema 7 by the districts and by Oslo as a whole, 7B and 12 by Oslo as a
whole only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.production.microdata import Correction as Change
from kostra.production.year import Delivery, Standing, units_of
from kostra.store.models import Correction, Declaration, Submission


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
    *,
    line: int,
    field: str,
    old: str,
    new: str,
    reason: str,
    by: int,
    at: datetime,
) -> Correction:
    """Record a correction of one field of one record of a submitted version: the value it had
    (after earlier corrections), the new value as the field keeps it, who, when and why. Whether
    the field takes the value is decided before (`production.corrections`)."""
    row = Correction(
        year=submission.year, form=submission.form, unit=submission.unit,
        submission_id=submission.id, line=line, field=field, old_value=old,
        new_value=new, reason=reason.strip(), made_by=by, made_at=at,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row
