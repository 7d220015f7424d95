"""`kostra forms` and `kostra rules`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kostra.cli.main import app

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
    assert "K004A" not in [r["rule"] for r in json.loads(out)]
    code, out = _run("rules", "list", "-f", "11cf")
    assert "K039" in out
    result = runner.invoke(app, ["rules", "list", "--form", "7"])
    assert result.exit_code == 2


def test_version_and_help() -> None:
    code, out = _run("--version")
    assert code == 0
    assert out.startswith("kostra ")
    code, out = _run("--help")
    assert code == 0
    for command in ("control", "forms", "rules", "synth"):
        assert command in out
