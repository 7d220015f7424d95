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
    unknown = runner.invoke(app, ["errors", "--form", "9"])
    assert unknown.exit_code == 2 and "nettskjemaene 7, 7B og 12" in unknown.output


def test_errors_lists_a_web_forms_mistakes() -> None:
    result = runner.invoke(app, ["errors", "--form", "7b", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["kostnader-i-tusen"] | {"description": ""} == {
        "id": "kostnader-i-tusen", "description": "", "rules": ["7B-K06"], "severity": "warning"
    }  # fmt: skip
    table = runner.invoke(app, ["errors", "--form", "12"])
    assert table.exit_code == 0 and "satser-byttet" in table.output and "12-K04" in table.output


def test_country_year_for_chosen_municipalities(tmp_path: Path) -> None:
    options = "--year 2024 --through 2025 --seed 2 --error-rate 0.02 --jobs 1 -m 5501 -m 1580"
    result = runner.invoke(app, [*options.split(), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for year in (2024, 2025):
        manifest = json.loads((tmp_path / str(year) / "manifest.json").read_text("utf-8"))
        assert [u["region"] for u in manifest["units"]] == ["158000", "550100"]
        assert manifest["units"][1]["name"] == "Tromsø"
        assert (tmp_path / str(year) / "11F" / "550100.dat").is_file()
        assert (tmp_path / str(year) / "11F" / "550100.expected.json").is_file()
        assert [a["unit"] for a in manifest["answers"]] == ["1580", "5501"] * 3  # 7, 7B, 12
        assert (tmp_path / str(year) / "answers" / "7B" / "5501.json").is_file()
    assert "2 rapporteringsenheter" in result.stderr
    assert "Svar på nettskjema: 2 på skjema 7, 2 på skjema 7B og 2 på skjema 12" in result.stderr
    assert not list(tmp_path.glob(".*"))  # nothing half-built left behind


def test_country_year_usage_errors(tmp_path: Path) -> None:
    cases = [
        (["--year", "2024"], "oppgi både --year og --out"),
        (["--year", "2019", "--out", str(tmp_path)], "finnes for 2022–2026"),
        (["--year", "2024", "--through", "2023", "--out", str(tmp_path)], "kan ikke være før"),
        (["--year", "2024", "--out", str(tmp_path), "-m", "1507"], "1507 finnes ikke i 2024"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
    assert not list(tmp_path.iterdir())


def test_synth_without_options_shows_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "--year" in result.stdout and "extract" in result.stdout
