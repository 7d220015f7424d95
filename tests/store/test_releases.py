"""Releases in the database, on SQLite and PostgreSQL: made from the accepted submissions,
rebuilt byte for byte from their manifest, corrected with an audit trail, compared."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from kostra.intake.access import Principal, Role
from kostra.intake.checking import check_upload
from kostra.intake.dates import local, now
from kostra.publish.diff import diff
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.store import Database, accounts, calendar, deliveries, releases
from kostra.store.deliveries import Acknowledgement
from kostra.store.production import CorrectionRefused, correct, latest_submissions
from tests.production import worked

KEY = b"release-test-key"


def deliver(db: Database, folder: Path) -> Principal:
    """Gamle Oslo and Grünerløkka submit the worked example's 11F; nobody else delivers."""
    files = worked.write(folder)
    today = local(now()).date()
    with db.write() as session:
        window = calendar.set_window(
            session, "11F", worked.YEAR,
            (today - timedelta(days=5), today + timedelta(days=5), today + timedelta(days=9),
             today + timedelta(days=20)), None, now(),
        )  # fmt: skip
        user = accounts.add_user(session, username="oslo", name="Oslo", role=Role.REPORTER,
                                 scopes=["0301"], at=now(), password="passord-1234")  # fmt: skip
        who = accounts.principal(session, user)
    for code, path in files.items():
        data = path.read_bytes()
        checked = check_upload(data, "11F", worked.YEAR, "0301", code[4:])
        with db.write() as session:
            row = deliveries.add_upload(session, unit=code, form="11F", year=worked.YEAR,
                                        data=data, file_name=path.name, user_id=who.user_id,
                                        at=now(), channel="web")  # fmt: skip
            session.flush()
            deliveries.record_checked(session, row.id, checked, now())
            deliveries.submit(session, row, who, window, Acknowledgement(True), now())
    return who


def test_a_release_is_made_kept_and_rebuilt(db: Database, tmp_path: Path) -> None:
    who = deliver(db, tmp_path)
    made = releases.publish(db, worked.YEAR, Stage.PRELIMINARY, by=who.user_id, at=now(),
                            key=KEY, max_n=0)  # fmt: skip
    with db.read() as session:
        names = releases.file_names(session, made.release.id)
        kept = releases.release_file(session, made.release.id, "grunnlagstall.json")
        assert kept is not None and kept.data == made.built.files["grunnlagstall.json"]
        manifest = json.loads(releases.release_file(session, made.release.id, "manifest.json").data)
    assert set(names) == {*made.built.files, "manifest.json"}
    gamle_oslo = next(
        e for e in manifest["years"]["2025"] if e["unit"] == "030101" and e["form"] == "11F"
    )
    assert gamle_oslo["standing"] == "delivered" and gamle_oslo["version"] == 1
    assert manifest["files"]["grunnlagstall.json"] == made.built.digests()["grunnlagstall.json"]
    # Another key gives other pseudonyms, but the same published figures.
    rebuilt = releases.rebuild(db, made.release.id, key=b"another key")
    assert rebuilt.identical, rebuilt.differ


def test_a_correction_changes_the_next_release_and_not_the_last(
    db: Database, tmp_path: Path
) -> None:
    who = deliver(db, tmp_path)
    first = releases.publish(db, worked.YEAR, Stage.PRELIMINARY, by=who.user_id, at=now(),
                             key=KEY, max_n=0)  # fmt: skip
    with db.write() as session:
        submission = latest_submissions(session, worked.YEAR)[("030101", "11F")]
        data = deliveries.blob(session, submission.sha256)
        with pytest.raises(CorrectionRefused, match="hvorfor"):
            correct(session, submission, data, line=2, field="BIDRAG", value="30000", reason=" ",
                    by=who.user_id, at=now())  # fmt: skip
        made = correct(session, submission, data, line=2, field="BIDRAG", value="30000",
                       reason="Avtalt med bydelen: feil beløp i fagsystemet",
                       by=who.user_id, at=now())  # fmt: skip
        assert (made.old_value.strip(), made.new_value.strip()) == ("20000", "30000")
    final = releases.publish(db, worked.YEAR, Stage.FINAL, by=who.user_id, at=now(), key=KEY,
                             max_n=0)  # fmt: skip
    before = from_jsonstat(first.built.files["grunnlagstall.json"])
    after = from_jsonstat(final.built.files["grunnlagstall.json"])
    changed = {(c.codes[0], c.codes[1]): (c.before, c.after) for c in diff(before, after)}
    assert changed[("030101", "paid")] == (33000, 43000)
    assert changed[("030101", "grant")] == (29000, 39000)
    assert releases.rebuild(db, first.release.id, key=KEY).identical  # its corrections: none
    with db.read() as session:
        assert releases.latest(session, worked.YEAR).id == final.release.id  # final wins


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [("VKLO", "X", "gyldig kode"), ("PERSON_FODSELSNR", "12345678901", "kan ikke rettes"),
     ("BIDRAG", "123456789", "plass til")],
)  # fmt: skip
def test_a_correction_must_fit_the_field(
    db: Database, tmp_path: Path, field: str, value: str, says: str
) -> None:
    who = deliver(db, tmp_path)
    with db.write() as session:
        submission = latest_submissions(session, worked.YEAR)[("030101", "11F")]
        data = deliveries.blob(session, submission.sha256)
        with pytest.raises(CorrectionRefused, match=says):
            correct(session, submission, data, line=1, field=field, value=value, reason="x",
                    by=who.user_id, at=now())  # fmt: skip
