"""A web form's answers in the store: drafts, and the answers of submitted versions.

A web form is delivered like an extract: its answers, as canonical JSON, are an upload (the blob
is the JSON), checked, then submitted as the unit's next version with a receipt. What is added
here is the draft, saved as often as the reporter likes and never part of the statistics, and
reading answers back: the latest submitted, or last year's accepted ones to compare with.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kostra.intake.totals import predecessors
from kostra.records.answers import Answers, from_bytes, to_bytes
from kostra.registry import ReportingUnit
from kostra.store.deliveries import blob, standing_declaration
from kostra.store.models import Draft, Submission, Upload


def save_draft(
    session: Session, unit: str, form: str, year: int, answers: Answers, user_id: int, at: datetime
) -> Draft:
    """Keep `answers` as the unit's draft of the form and year (replacing an earlier draft)."""
    text = to_bytes(answers).decode("utf-8")
    draft = session.get(Draft, (unit, form, year))
    if draft is None:
        draft = Draft(unit=unit, form=form, year=year, answers=text, saved_by=user_id, saved_at=at)
        session.add(draft)
    else:
        draft.answers, draft.saved_by, draft.saved_at = text, user_id, at
    return draft


def draft(session: Session, unit: str, form: str, year: int) -> Draft | None:
    """The unit's draft of the form and year, if it has saved one."""
    return session.get(Draft, (unit, form, year))


def draft_answers(row: Draft) -> Answers:
    """The answers of a draft."""
    loaded: Answers = json.loads(row.answers)
    return loaded


def submitted(
    session: Session, unit: str, form: str, year: int
) -> tuple[Submission, Answers] | None:
    """The unit's latest submitted version of the form and year, with its answers."""
    query = (
        select(Submission, Upload.blob_sha256)
        .join(Upload, Upload.id == Submission.upload_id)
        .where(Submission.unit == unit, Submission.form == form, Submission.year == year)
        .order_by(Submission.version.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    if row is None:
        return None
    return row[0], from_bytes(blob(session, row[1]))


def accepted_answers(session: Session, unit: str, form: str, year: int) -> Answers | None:
    """The answers a unit delivered for `year`: its latest submitted version's; none (an empty
    mapping) for a standing "nothing to report"; None when it delivered nothing."""
    if standing_declaration(session, unit, form, year) is not None:
        return {}
    found = submitted(session, unit, form, year)
    return found[1] if found is not None else None


def last_year_answers(
    session: Session, unit: ReportingUnit, form: str, year: int
) -> Answers | None:
    """The unit's accepted answers of the year before `year`, to compare with. A unit made of
    several municipalities in a reform has nothing to compare with: its answers (rates, places)
    are not the sum of its predecessors'."""
    parts = predecessors(unit, year)
    if len(parts) != 1:
        return None
    predecessor, _share = parts[0]
    return accepted_answers(session, predecessor.code, form, year - 1)


def draft_times(session: Session, year: int, units: list[str]) -> dict[tuple[str, str], datetime]:
    """When each (unit, form) of `units` last saved a draft in `year`."""
    rows = session.execute(
        select(Draft.unit, Draft.form, Draft.saved_at).where(
            Draft.year == year, Draft.unit.in_(units)
        )
    )
    return {(unit, form): saved_at for unit, form, saved_at in rows}
