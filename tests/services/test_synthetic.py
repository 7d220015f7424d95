"""A synthetic year loaded into the portal's database as if delivered (what `make demo` shows)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Date, func, select

from kostra.intake.access import Role
from kostra.intake.status import Status
from kostra.records.answers import from_bytes
from kostra.registry import OSLO, ReportingUnit
from kostra.services.followup import intake_matrix
from kostra.services.synthetic import FORMS, Loaded, deliver, demo_window, move_in_time
from kostra.services.synthetic_plan import MISSING, ON_TIME, plan_this_year
from kostra.store import Database, accounts, answers, deliveries
from kostra.store.models import Base, Submission, Upload, UTCDateTime
from kostra.synth.answers import WEB_FORMS
from kostra.synth.country import synthesize
from kostra.synth.manifest import Entry
from kostra.text import local, now
from tests.databases import Databases

ONLY = ("4601", "1103", "5001")  # Bergen, Stavanger, Trondheim


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    exported, corrected = tmp_path_factory.mktemp("synth"), tmp_path_factory.mktemp("rettet")
    synthesize(exported, [2024, 2025], seed=7, error_rate=0.003, only=ONLY)
    synthesize(corrected, [2024, 2025], seed=7, error_rate=0.0, only=ONLY)
    return exported, corrected


@pytest.fixture(scope="module")
def loaded(databases: Databases, years: tuple[Path, Path]) -> Iterator[tuple[Database, Loaded]]:
    """A database with the synthetic years loaded (once per module and kind of database)."""
    exported, corrected = years
    url = databases.new_url()
    db = Database(url)
    with db.write() as session:
        staff = accounts.add_user(session, username="ssb", name="SSB", role=Role.STAFF,
                                  scopes=[], at=now(), password="passord-1234")  # fmt: skip
        staff_id = staff.id
    made = deliver(
        db, this_year=exported / "2025", corrected_year=corrected / "2025",
        last_year=corrected / "2024", today=local(now()).date(), staff_id=staff_id, seed=7,
        workers=1,
    )  # fmt: skip
    yield db, made
    db.dispose()
    databases.drop(url)


def test_a_synthetic_year_is_delivered_as_the_portal_would(
    loaded: tuple[Database, Loaded],
) -> None:
    db, made = loaded
    forms = len(FORMS) + len(WEB_FORMS)  # one unit each per form (Oslo is not among them)
    assert sum(made.stories.values()) == forms * len(ONLY)
    with db.read() as session:
        versions = session.scalars(select(Submission)).all()
        assert versions, "something was submitted"
        for version in versions:
            upload = session.get(Upload, version.upload_id)
            assert upload is not None and upload.blob_sha256 == version.sha256
            assert upload.outcome in ("ok", "warning") and version.records == upload.records
        last_year = session.scalar(select(func.count()).where(Submission.year == 2024))
        assert last_year == forms * len(ONLY)  # last year was delivered in full
        delivered = {v.form for v in versions if v.unit == "4601" and v.year == 2025}
        assert delivered == {*FORMS, *WEB_FORMS}  # the demo's Bergen has delivered every form
    with db.read() as session:
        table = intake_matrix(session, 2025)
    bergen = next(row for row in table.rows if row.code == "4601")
    assert {cell.status.status for cell in bergen.cells} <= {
        Status.ACCEPTED,
        Status.ACCEPTED_WITH_WARNINGS,
    }


def test_web_forms_are_delivered_as_their_answers(
    loaded: tuple[Database, Loaded], years: tuple[Path, Path]
) -> None:
    """Every unit's answers to 7, 7B and 12 of last year are submitted as the portal keeps
    them: the upload's bytes are the answers, read back as the file holds them; this year's
    are compared with last year's."""
    db, _ = loaded
    _, corrected = years
    with db.read() as session:
        for unit in ONLY:
            for form in WEB_FORMS:
                found = answers.submitted(session, unit, form, 2024)
                assert found is not None, (unit, form)
                submission, sent = found
                path = corrected / "2024" / "answers" / form / f"{unit}.json"
                assert sent == from_bytes(path.read_bytes())
                assert submission.file_name == f"skjema-{form}-2024.json"
        bergen = session.scalars(
            select(Upload).where(Upload.unit == "4601", Upload.form == "12", Upload.year == 2025)
        ).all()
        assert bergen and all(u.last_year is not None for u in bergen)  # compared with 2024
        assert from_bytes(deliveries.blob(session, bergen[0].blob_sha256))["SATS_ENSLIG"] > 0


def _moments(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every date and moment column of every table, row by row in key order."""
    found = {}
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, UTCDateTime | Date)]
            keys = list(table.primary_key.columns)
            if columns:
                rows = session.execute(select(*columns).order_by(*keys)).all()
                found[table.name] = [tuple(row) for row in rows]
    return found


def _statuses(db: Database, at: datetime) -> dict[tuple[str, str], tuple[Status, bool]]:
    """Each unit and form's status in the intake matrix at `at`, and whether it is late."""
    with db.read() as session:
        table = intake_matrix(session, 2025, at)
    return {
        (row.code, cell.form): (cell.status.status, cell.status.late)
        for row in table.rows
        for cell in row.reported()
    }


def test_the_demo_moved_in_time_tells_the_same_story(loaded: tuple[Database, Loaded]) -> None:
    """Moved 30 days on, every date and moment is 30 days later and the intake matrix 30 days
    on reads exactly as it did; moved back, the database is as it was."""
    db, _ = loaded
    at, shift = now(), timedelta(days=30)
    before, statuses = _moments(db), _statuses(db, at)
    assert sum(map(len, before.values())) > 50
    move_in_time(db, 30)
    try:
        after = _moments(db)
        assert after.keys() == before.keys()
        for name, rows in before.items():
            moved = [tuple(None if v is None else v + shift for v in row) for row in rows]
            assert after[name] == moved, name
        assert _statuses(db, at + shift) == statuses
        assert _statuses(db, at) != statuses  # the deadline is no longer 12 days past
    finally:
        move_in_time(db, -30)
    assert _moments(db) == before


@pytest.mark.parametrize(
    ("unit", "form", "story", "kinds"),
    [
        (ReportingUnit(OSLO, "01"), "7", MISSING, set()),  # for the demo's user to fill in
        (ReportingUnit("4601"), "7", ON_TIME, {"upload", "submit"}),
        (ReportingUnit("4601"), "7B", ON_TIME, {"upload", "submit"}),
        (ReportingUnit("4601"), "12", ON_TIME, {"upload", "submit"}),
    ],
    ids=["gamle-oslo-7", "bergen-7", "bergen-7B", "bergen-12"],
)
def test_the_demo_accounts_units_have_fixed_stories(
    tmp_path: Path, unit: ReportingUnit, form: str, story: str, kinds: set[str]
) -> None:
    today = date(2026, 3, 1)
    entry = Entry(unit, "Fagsystem A", form, tmp_path / f"{unit.code}.json", 0, answers=True)
    stories: dict[str, int] = {}
    events = plan_this_year([entry], {}, 2025, demo_window(form, 2025, today), today, 7, stories)
    assert stories == {story: 1}
    assert {e.kind for e in events} - {"remind"} == kinds
