"""`kostra forms` and `kostra rules`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kostra.catalog import remove_folder
from kostra.cli.main import app
from kostra.controls import declared

ROOT = Path(__file__).resolve().parents[2]

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.stdout


def test_forms_list() -> None:
    code, out = _run("forms", "list", "--json")
    assert code == 0
    forms = {row["form"]: row for row in json.loads(out)}
    assert forms["11F"]["years"] == [2022, 2023, 2024, 2025, 2026]
    assert forms["11CF"]["record_length"]["2025"] == 152
    code, out = _run("forms", "list")
    assert "Økonomisk sosialhjelp" in out


def test_forms_show() -> None:
    code, out = _run("forms", "show", "11F", "2025", "--json")
    assert code == 0
    definition = json.loads(out)
    assert definition["record_length"] == 338
    assert definition["fields"][0]["name"] == "KOMMUNE_NR"
    code, out = _run("forms", "show", "11f", "2025")
    assert code == 0
    assert "PERSON_FODSELSNR" in out
    assert "25–35" in out


def test_forms_diff() -> None:
    code, out = _run("forms", "diff", "11F", "2024", "2025", "--json")
    assert code == 0
    changes = json.loads(out)
    assert {
        "field": "FODSELSDATO",
        "kind": "added",
        "old": "",
        "new": "9–16 (8 tegn)",
        "shift": 0,
    } in changes
    code, out = _run("forms", "diff", "11F", "2024", "2025")
    assert "lagt til" in out
    assert "flyttet" in out
    assert "338" in out
    code, out = _run("forms", "diff", "11F", "2025", "2026")
    assert "Ingen endringer" in out


def test_unknown_form_or_year_is_a_usage_error() -> None:
    result = runner.invoke(app, ["forms", "show", "11Q", "2025"])
    assert result.exit_code == 2
    assert "ukjent skjema" in result.stderr
    result = runner.invoke(app, ["forms", "diff", "11F", "2010", "2025"])
    assert result.exit_code == 2


def test_rules_list() -> None:
    code, out = _run("rules", "list", "--form", "11F", "--json")
    assert code == 0
    rules = json.loads(out)
    assert [r["rule"] for r in rules][-1] == "K043"
    assert {"rule": "K020B", "severity": "error"}.items() <= next(
        r for r in rules if r["rule"] == "K020B"
    ).items()
    code, out = _run("rules", "list", "--form", "11F", "--year", "2024", "--json")
    listed = {r["rule"]: r for r in json.loads(out)}
    assert listed["K004A"]["runs"] is False
    assert listed["K004A"]["reason"] == "feltet FODSELSDATO finnes ikke i 11F 2024"
    assert listed["K020B"]["runs"] is True
    code, out = _run("rules", "list", "--form", "11F", "--year", "2024")
    assert "Kontroller som ikke kjøres for skjema 11F 2024" in out
    assert "feltet FODSELSDATO finnes ikke i 11F 2024" in out
    code, out = _run("rules", "list", "-f", "11cf")
    assert "K039" in out
    result = runner.invoke(app, ["rules", "list", "--form", "7"])
    assert result.exit_code == 2


@pytest.fixture
def year_2027(tmp_path: Path) -> Iterator[Path]:
    """A 2027 definition of 11F, copied from 2026, in a folder of its own (KOSTRA_FORMS_DIR)."""
    (tmp_path / "11F").mkdir()
    last = (ROOT / "src/kostra/catalog/forms/11F/2026.yaml").read_text("utf-8")
    (tmp_path / "11F" / "2027.yaml").write_text(last.replace("\nyear: 2026", "\nyear: 2027"))
    yield tmp_path
    remove_folder(tmp_path)


def test_a_new_year_runs_every_control_in_force(year_2027: Path, tmp_path: Path) -> None:
    env = {"COLUMNS": "250", "KOSTRA_FORMS_DIR": str(year_2027)}
    result = runner.invoke(app, ["rules", "list", "-f", "11F", "-y", "2027", "--json"], env=env)
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert len(listed) == len(declared("11F"))
    assert all(r["runs"] for r in listed)
    extract = tmp_path / "x.dat"
    extract.write_text("X" * 338 + "\n")
    result = runner.invoke(
        app,
        ["control", str(extract), "--form", "11F", "--year", "2027", "-m", "0301", "--json"],
        env=env,
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["outcome"] == "error"
    assert {"K002", "K008"} <= {f["rule"] for f in report["findings"]}


def test_version_and_help() -> None:
    code, out = _run("--version")
    assert code == 0
    assert out.startswith("kostra ")
    code, out = _run("--help")
    assert code == 0
    for command in ("control", "forms", "rules", "synth"):
        assert command in out
