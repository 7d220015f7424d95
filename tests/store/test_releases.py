"""Releases in the database, on SQLite and PostgreSQL: made from the accepted submissions (the
extracts and the web forms' answers), rebuilt byte for byte from their manifest, corrected with
an audit trail, compared."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kostra.catalog import load
from kostra.intake.access import Principal, Role
from kostra.intake.checking import check_upload
from kostra.production.corrections import CorrectionRefused
from kostra.publish.diff import diff
from kostra.publish.jsonstat import from_jsonstat
from kostra.publish.release import Stage
from kostra.records.answers import to_bytes
from kostra.registry import ReportingUnit
from kostra.services import delivery
from kostra.services.corrections import add_correction
from kostra.store import Database, accounts, calendar, deliveries, releases
from kostra.store.models import Release
from kostra.store.production import latest_submissions
from kostra.text import local, now
from tests.production import worked, worked_forms

KEY = b"release-test-key"


def deliver(db: Database, folder: Path) -> Principal:
    """Gamle Oslo and Grünerløkka submit the worked example's 11F; nobody else delivers."""
    files = worked.write(folder)
    today = local(now()).date()
    with db.write() as session:
        calendar.set_window(
            session, "11F", worked.YEAR,
            (today - timedelta(days=5), today + timedelta(days=5), today + timedelta(days=9),
             today + timedelta(days=20)), None, now(),
        )  # fmt: skip
        # One system delivers for every unit of the worked examples (Oslo, Bergen, Stord).
        user = accounts.add_user(session, username="system", name="System", role=Role.VENDOR,
                                 scopes=["0301", "4601", "4602"], at=now())  # fmt: skip
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
            delivery.submit_in(session, who, row.id, warnings_seen=True)
    return who


def staff_member(db: Database) -> Principal:
    """A staff member of the statistics office, who corrects."""
    with db.write() as session:
        user = accounts.add_user(session, username="siri", name="Siri Statistiker",
                                 role=Role.STAFF, scopes=[], at=now(), password="hemmelig-passord-1")  # fmt: skip
        return accounts.principal(session, user)


def deliver_answers(db: Database, who: Principal) -> None:
    """The worked web-form answers (tests/production/worked_forms.py) submitted as the portal
    submits them: an upload of their canonical JSON, checked, then submitted (by `who` where it
    may deliver for the unit, by a vendor system for the others)."""
    units = sorted({code for answers in worked_forms.ANSWERS.values() for code in answers})
    with db.write() as session:
        system = accounts.find_user(session, "worked-system") or accounts.add_user(
            session, username="worked-system", name="Fagsystem", role=Role.VENDOR,
            scopes=units, at=now(),
        )  # fmt: skip
        vendor = accounts.principal(session, system)
    today = local(now()).date()
    dates = (today - timedelta(days=5), today + timedelta(days=5), today + timedelta(days=9),
             today + timedelta(days=20))  # fmt: skip
    for form, units in worked_forms.ANSWERS.items():
        with db.write() as session:
            calendar.set_window(session, form, worked.YEAR, dates, None, now())
        scheme = load(form, worked.YEAR).reporting_units
        for code, answers in units.items():
            unit = ReportingUnit.from_code(code, worked.YEAR, scheme)
            data = to_bytes(answers)
            checked = check_upload(data, form, worked.YEAR, unit.municipality, unit.district)
            by = who if who.may_deliver_for(unit) else vendor
            with db.write() as session:
                row = deliveries.add_upload(session, unit=code, form=form, year=worked.YEAR,
                                            data=data, file_name=None, user_id=by.user_id,
                                            at=now(), channel="web")  # fmt: skip
                session.flush()
                deliveries.record_checked(session, row.id, checked, now())
                delivery.submit_in(session, by, row.id, warnings_seen=True)


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
    staff = staff_member(db)
    with pytest.raises(CorrectionRefused, match="hvorfor"):
        add_correction(db, staff, "030101", "11F", worked.YEAR, 2, "BIDRAG", "30000", " ")
    made = add_correction(db, staff, "030101", "11F", worked.YEAR, 2, "BIDRAG", "30000",
                          "Avtalt med bydelen: feil beløp i fagsystemet").saved  # fmt: skip
    assert made is not None
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
        assert releases.latest(session, now(), worked.YEAR).id == final.release.id  # final wins


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [("VKLO", "X", "gyldig kode"), ("PERSON_FODSELSNR", "12345678901", "kan ikke rettes"),
     ("BIDRAG", "123456789", "plass til")],
)  # fmt: skip
def test_a_correction_must_fit_the_field(
    db: Database, tmp_path: Path, field: str, value: str, says: str
) -> None:
    deliver(db, tmp_path)
    with pytest.raises(CorrectionRefused, match=says):
        add_correction(db, staff_member(db), "030101", "11F", worked.YEAR, 1, field, value, "x")


def test_a_release_with_web_forms_records_their_answers_and_is_rebuilt(
    db: Database, tmp_path: Path
) -> None:
    who = deliver(db, tmp_path)
    deliver_answers(db, who)
    made = releases.publish(db, worked.YEAR, Stage.PRELIMINARY, by=who.user_id, at=now(),
                            key=KEY, max_n=2)  # fmt: skip
    entries = {(e["form"], e["unit"]): e for e in made.document["years"]["2025"]}
    with db.read() as session:
        latest = latest_submissions(session, worked.YEAR)
    bergen = entries[("12", "4601")]
    assert bergen["standing"] == "delivered" and bergen["version"] == 1
    assert bergen["sha256"] == latest[("4601", "12")].sha256
    assert bergen["submission"] == latest[("4601", "12")].id
    assert entries[("7", "0301")]["standing"] == "delivered"  # Oslo as a whole reports 7
    assert entries[("7", "030103")]["standing"] == "missing"
    assert ("7B", "030101") not in entries and ("11F", "0301") not in entries
    assert {"bemanning.json", "krisesenter.px", "stonadssatser.csv"} <= set(made.built.files)
    rates = from_jsonstat(made.built.files["stonadssatser.json"])
    index = rates.flat_index(("EKA46", "rate_single", "2025"))
    assert rates.values[index] == 6450 and index not in rates.status
    rebuilt = releases.rebuild(db, made.release.id, key=b"another key")
    assert rebuilt.identical, rebuilt.differ


def test_a_corrected_answer_changes_the_next_release(db: Database, tmp_path: Path) -> None:
    who = deliver(db, tmp_path)
    deliver_answers(db, who)
    first = releases.publish(db, worked.YEAR, Stage.PRELIMINARY, by=who.user_id, at=now(),
                             key=KEY, max_n=0)  # fmt: skip
    staff = staff_member(db)
    with pytest.raises(CorrectionRefused, match="kan ikke brukes"):
        add_correction(db, staff, "4601", "7", worked.YEAR, 1, "ARSVERK_SOSIONOM", "mange", "x")
    with pytest.raises(CorrectionRefused, match="kan ikke rettes"):
        add_correction(db, staff, "4601", "7", worked.YEAR, 1, "ARSVERK_242", "1", "x")
    made = add_correction(db, staff, "4601", "7", worked.YEAR, 1, "ARSVERK_SOSIONOM", "70,0",
                          "Avtalt med kommunen: ti årsverk manglet", confirmed=True).saved  # fmt: skip
    assert made is not None
    assert (made.old_value, made.new_value) == ("60.0", "70,0")
    final = releases.publish(db, worked.YEAR, Stage.FINAL, by=who.user_id, at=now(), key=KEY,
                             max_n=0)  # fmt: skip
    before = from_jsonstat(first.built.files["bemanning.json"])
    after = from_jsonstat(final.built.files["bemanning.json"])
    changed = {(c.codes[0], c.codes[1]): (c.before, c.after) for c in diff(before, after)}
    assert changed[("4601", "staff_242")] == (100.0, 110.0)  # the total follows its part
    assert changed[("4601", "social_worker_share")] == (60.0, round(100 * 70 / 110, 1))
    assert releases.rebuild(db, final.release.id, key=KEY).identical


def test_the_public_reads_only_confirmed_releases_whose_moment_has_come(db: Database) -> None:
    at = now()
    hour = timedelta(hours=1)

    def add(stage: Stage, *, confirmed: bool = True, moment: datetime | None = None,
            withdrawn: bool = False) -> int:  # fmt: skip
        with db.write() as session:
            row = Release(year=2025, stage=stage.value, prepared_at=at - 3 * hour,
                          prepared_by=None, manifest="{}")  # fmt: skip
            session.add(row)
            session.flush()
            if confirmed:
                releases.confirm(session, row, by=None, at=at - 2 * hour)
            if moment is not None:
                releases.schedule(session, row, moment, by=None, at=at - 2 * hour)
            if withdrawn:
                releases.withdraw(session, row, "Feil i tallene", by=None, at=at - hour)
            return row.id

    preliminary = add(Stage.PRELIMINARY, moment=at - 2 * hour)
    add(Stage.FINAL, confirmed=False)  # prepared only
    add(Stage.FINAL, moment=at + hour)  # under embargo
    withdrawn = add(Stage.FINAL, moment=at - 2 * hour, withdrawn=True)
    add(Stage.FINAL, moment=at - hour / 2, withdrawn=True)  # withdrawn before its moment came
    with db.read() as session:
        assert [r.id for r in releases.public_releases(session, at)] == [preliminary]
        latest = releases.latest(session, at, 2025)
        assert latest is not None and latest.id == preliminary
        assert [r.id for r in releases.once_public(session, at)] == [withdrawn, preliminary]
        embargoed = releases.latest(session, at + 2 * hour, 2025)  # the final's moment came
        assert embargoed is not None and embargoed.stage == "final"
        assert releases.latest(session, at, 2024) is None
