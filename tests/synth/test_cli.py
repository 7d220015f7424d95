"""`kostra synth extract` and `kostra synth errors` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kostra.cli.synth import app
from kostra.synth import generate

runner = CliRunner()


def test_extract_writes_file_and_expectations(tmp_path: Path) -> None:
    out, expected = tmp_path / "11f.dat", tmp_path / "11f.json"
    options = "--form 11F --year 2025 --municipality 0301 --district 01 --records 40 --errors 4"
    options += " --seed 1 --encoding utf-8 --crlf"
    result = runner.invoke(
        app, ["extract", *options.split(), "--output", str(out), "--expected", str(expected)]
    )
    assert result.exit_code == 0, result.output
    same = generate(
        "11F",
        2025,
        "0301",
        40,
        seed=1,
        errors=4,
        encoding="utf-8",
        line_ending="\r\n",
        district="01",
    )
    assert out.read_bytes() == same.data
    listed = json.loads(expected.read_text("utf-8"))
    assert tuple((e["line"], e["rule"]) for e in listed["expected"]) == same.expected
    assert len(listed["injections"]) == 4
    assert "40 poster" in result.output


def test_named_errors(tmp_path: Path) -> None:
    out = tmp_path / "x.dat"
    options = "-f 11CF -y 2024 -m 4601 -n 20 --error status-invalid --error journal-duplicate"
    result = runner.invoke(app, ["extract", *options.split(), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size == 20 * 137


def test_usage_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    out = str(tmp_path / "x.dat")
    cases = [
        (["-f", "11X", "-y", "2025", "-m", "0301"], "ukjent skjema"),
        (["-f", "11F", "-y", "2019", "-m", "0301"], "finnes ikke for 2019"),
        (["-f", "11F", "-y", "2025", "-m", "9998"], "finnes ikke i 2025"),
        (["-f", "11F", "-y", "2025", "-m", "4601", "-d", "01"], "bare Oslo"),
        (["-f", "11F", "-y", "2025", "-m", "0301", "--error", "nope"], "ukjent feiltype"),
        (["-f", "11F", "-y", "2025", "-m", "0301", "-n", "2", "-e", "9"], "fikk plass"),
        (
            ["-f", "11F", "-y", "2025", "-m", "0301", "-e", "1", "--error", "sex-invalid"],
            "ikke begge",
        ),
    ]
    for arguments, message in cases:
        result = runner.invoke(app, ["extract", *arguments, "-o", out])
        assert result.exit_code == 2, arguments
        assert message in result.output, (arguments, result.output)


def test_errors_lists_the_catalogue() -> None:
    result = runner.invoke(app, ["errors", "--form", "11CF", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {"id": "status-invalid", "rules": ["K036"]}.items() <= next(
        r for r in rows if r["id"] == "status-invalid"
    ).items()
    table = runner.invoke(app, ["errors", "--form", "11F"])
    assert table.exit_code == 0
    assert "amounts-missing" in table.output
    assert runner.invoke(app, ["errors", "--form", "7"]).exit_code == 2
