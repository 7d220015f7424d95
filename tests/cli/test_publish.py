"""`kostra publish`: a release prepared, confirmed and published at once, through the same
steps the portal takes one by one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kostra.cli.main import app
from kostra.settings import get_settings
from kostra.store import Database, releases
from kostra.text import now
from tests.production import worked
from tests.store.test_releases import deliver

runner = CliRunner()


@pytest.fixture
def delivered(
    db: Database, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    """The worked example's two districts have delivered 11F; the production key is set."""
    monkeypatch.setenv("KOSTRA_DATABASE_URL", database_url)
    monkeypatch.setenv("KOSTRA_PSEUDONYM_KEY", "cli-nokkel")
    get_settings.cache_clear()
    deliver(db, tmp_path)
    yield db
    get_settings.cache_clear()


def test_publish_at_once_and_list(delivered: Database, tmp_path: Path) -> None:
    made = runner.invoke(app, ["publish", "--year", str(worked.YEAR), "--stage", "final",
                               "--out", str(tmp_path / "ut")])  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "Publisering 1: endelige tall for 2025" in made.stdout
    assert (tmp_path / "ut" / "manifest.json").exists()
    with delivered.read() as session:
        row = releases.latest(session, now(), worked.YEAR)
        assert row is not None and releases.is_public(row, now())
        assert row.confirmed_at == row.prepared_at == row.publish_at  # one go
    listed = runner.invoke(app, ["publish", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    (entry,) = json.loads(listed.stdout)
    assert entry["stage"] == "final" and entry["state"].startswith("Publisert ")


def test_withdraw_with_a_reason(delivered: Database) -> None:
    assert runner.invoke(app, ["publish", "--year", str(worked.YEAR)]).exit_code == 0
    short = runner.invoke(app, ["publish", "withdraw", "1", "--reason", "feil"])
    assert short.exit_code == 2 and "Skriv hvorfor" in short.output
    reason = "Feil i tallene for Gamle Oslo"
    done = runner.invoke(app, ["publish", "withdraw", "1", "--reason", reason])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["publish", "withdraw", "1", "--reason", reason])
    assert again.exit_code == 1 and "allerede trukket tilbake" in again.output
    with delivered.read() as session:
        assert releases.latest(session, now(), worked.YEAR) is None
        (row,) = releases.releases(session)
        assert row.withdrawn_reason == reason and row.withdrawn_by is None
    listed = json.loads(runner.invoke(app, ["publish", "list", "--json"]).stdout)
    assert listed[0]["state"].endswith(f": {reason}")
