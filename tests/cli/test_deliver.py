"""`kostra deliver`: the portal's use cases from the command line, with the portal's policy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kostra.cli.main import app
from kostra.intake.access import Role
from kostra.settings import get_settings
from kostra.store import Database, accounts, calendar, deliveries
from kostra.synth.extract import generate
from kostra.text import local, now

YEAR = 2025
runner = CliRunner()


@pytest.fixture
def portal_db(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    """The portal's database with Gamle Oslo's reporter, the staff, and 11F's window open."""
    monkeypatch.setenv("KOSTRA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    today = local(now()).date()
    day = timedelta(days=1)
    with db.write() as session:
        for username, role, scopes in (
            ("kari", Role.REPORTER, ["030101"]),
            ("ola", Role.STAFF, []),
        ):
            accounts.add_user(session, username=username, name=username.title(), role=role,
                              scopes=scopes, at=now(), password="passord-1234")  # fmt: skip
        calendar.set_window(session, "11F", YEAR,
                            (today - 10 * day, today + 10 * day, today + 20 * day,
                             today + 30 * day), None, now())  # fmt: skip
    yield db
    get_settings.cache_clear()


def _extract(tmp_path: Path, errors: int) -> Path:
    made = generate("11F", YEAR, "0301", 30, seed=3, errors=errors, encoding="utf-8",
                    line_ending="\n", district="01")  # fmt: skip
    path = tmp_path / f"uttrekk-{errors}.txt"
    path.write_bytes(made.data)
    return path


def _deliver(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["deliver", *args])
    return result.exit_code, result.stdout + result.stderr


TARGET = ("--unit", "030101", "--form", "11F", "--year", str(YEAR))


def test_a_clean_extract_is_uploaded_checked_and_submitted(
    portal_db: Database, tmp_path: Path
) -> None:
    path = _extract(tmp_path, errors=0)
    code, out = _deliver("upload", str(path), *TARGET, "--as", "kari", "--submit",
                         "--warnings-seen", "--json")  # fmt: skip
    assert code == 0, out
    made = json.loads(out)
    assert made["receipt"]["version"] == 1
    with portal_db.read() as session:
        (submission,) = deliveries.submissions(session, "030101", "11F", YEAR)
        upload = deliveries.get_upload(session, submission.upload_id)
        assert upload is not None and upload.channel == "cli"
        assert deliveries.blob(session, upload.blob_sha256) == path.read_bytes()


def test_an_extract_with_errors_is_kept_but_not_submitted(
    portal_db: Database, tmp_path: Path
) -> None:
    code, out = _deliver("upload", str(_extract(tmp_path, errors=5)), *TARGET, "--as", "kari",
                         "--submit")  # fmt: skip
    assert code == 1
    assert "Ikke sendt inn: Filen har feil og kan ikke sendes inn." in out
    with portal_db.read() as session:
        assert len(deliveries.uploads(session, "030101", "11F", YEAR)) == 1
        assert not deliveries.submissions(session, "030101", "11F", YEAR)


def test_staff_do_not_deliver_for_a_unit(portal_db: Database, tmp_path: Path) -> None:
    code, out = _deliver("upload", str(_extract(tmp_path, errors=0)), *TARGET, "--as", "ola")
    assert code == 1
    assert "SSB leverer ikke på vegne av enhetene" in out
    with portal_db.read() as session:
        assert not deliveries.uploads(session, "030101", "11F", YEAR)


def test_declare_and_withdraw(portal_db: Database) -> None:
    code, out = _deliver("declare", *TARGET, "--as", "kari")
    assert code == 0, out
    assert "ingen å rapportere" in out
    code, out = _deliver("withdraw", *TARGET, "--as", "kari")
    assert code == 0, out
    code, out = _deliver("withdraw", *TARGET, "--as", "kari")
    assert code == 1
    assert "ingen erklæring" in out


def test_an_unknown_account_or_unit_is_a_usage_error(portal_db: Database) -> None:
    assert _deliver("declare", *TARGET, "--as", "ingen")[0] == 2
    assert _deliver("declare", "--unit", "9999", "--form", "11F", "--year", str(YEAR),
                    "--as", "kari")[0] == 2  # fmt: skip
