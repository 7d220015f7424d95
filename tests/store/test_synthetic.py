"""A synthetic year loaded into the portal's database as if delivered (what `make demo` shows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kostra.intake.access import Role
from kostra.intake.dates import local, now
from kostra.intake.status import Status
from kostra.settings import Settings
from kostra.store import Database, accounts
from kostra.store.models import Submission, Upload
from kostra.store.synthetic import deliver
from kostra.synth.country import synthesize
from kostra.web.followup import intake_matrix
from kostra.web.mail import Mailer
from kostra.web.portal import Portal
from kostra.web.rendering import Pages
from kostra.web.runner import ControlRunner

ONLY = ("4601", "1103", "5001")  # Bergen, Stavanger, Trondheim


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    exported, corrected = tmp_path_factory.mktemp("synth"), tmp_path_factory.mktemp("rettet")
    synthesize(exported, [2024, 2025], seed=7, error_rate=0.003, only=ONLY)
    synthesize(corrected, [2024, 2025], seed=7, error_rate=0.0, only=ONLY)
    return exported, corrected


def test_a_synthetic_year_is_delivered_as_the_portal_would(
    db: Database, years: tuple[Path, Path]
) -> None:
    exported, corrected = years
    with db.write() as session:
        staff = accounts.add_user(session, username="ssb", name="SSB", role=Role.STAFF,
                                  scopes=[], at=now(), password="passord-1234")  # fmt: skip
        staff_id = staff.id
    loaded = deliver(
        db, this_year=exported / "2025", corrected_year=corrected / "2025",
        last_year=corrected / "2024", today=local(now()).date(), staff_id=staff_id, seed=7,
        workers=1,
    )  # fmt: skip
    assert sum(loaded.stories.values()) == 2 * len(ONLY)
    with db.read() as session:
        versions = session.scalars(select(Submission)).all()
        assert versions, "something was submitted"
        for version in versions:
            upload = session.get(Upload, version.upload_id)
            assert upload is not None and upload.blob_sha256 == version.sha256
            assert upload.outcome in ("ok", "warning") and version.records == upload.records
        last_year = session.scalar(select(func.count()).where(Submission.year == 2024))
        assert last_year == 2 * len(ONLY)  # last year was delivered in full
    portal = Portal(
        Settings(database_url=db.url), db, ControlRunner(0), Mailer(Settings()), Pages()
    )
    table = intake_matrix(portal, 2025)
    bergen = next(row for row in table.rows if row.code == "4601")
    assert {cell.status.status for cell in bergen.cells} <= {
        Status.ACCEPTED,
        Status.ACCEPTED_WITH_WARNINGS,
    }
