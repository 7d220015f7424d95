"""`kostra control` as a user runs it: exit status, JSON contract, HTML, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kostra.catalog import load
from kostra.cli.main import app
from tests.builders import fnr, line

runner = CliRunner()
FORM = load("11F", 2025)


def _write(
    tmp_path: Path, lines: list[str], name: str = "uttrekk.txt", encoding: str = "cp1252"
) -> Path:
    path = tmp_path / name
    path.write_bytes("".join(text + "\r\n" for text in lines).encode(encoding))
    return path


def _control(*args: str | Path, input: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["control", *map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


OSLO = ["--form", "11F", "--year", "2025", "--municipality", "0301", "--district", "01"]


def test_a_clean_file_may_be_submitted(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            line(FORM),
            line(FORM, PERSON_JOURNALNR="J0000002", PERSON_FODSELSNR=fnr("010190", "234")),
        ],
    )
    code, out, _ = _control(path, *OSLO)
    assert code == 0
    assert "filen kan sendes inn" in out.lower()


def test_errors_refuse_the_file_and_the_json_follows_the_contract(tmp_path: Path) -> None:
    path = _write(
        tmp_path, [line(FORM, KJONN="3"), line(FORM, PERSON_JOURNALNR="J0000002", BIDRAG="   abc")]
    )
    code, out, _ = _control(path, *OSLO, "--json")
    assert code == 1
    report = json.loads(out)
    assert {
        "form",
        "year",
        "municipality",
        "district",
        "records",
        "outcome",
        "findings",
        "stats",
    } <= set(report)
    assert (report["form"], report["year"], report["municipality"], report["district"]) == (
        "11F",
        2025,
        "0301",
        "01",
    )
    assert report["records"] == 2
    assert report["outcome"] == "error"
    finding = report["findings"][0]
    assert set(finding) >= {"rule", "severity", "lines", "message", "caseworker", "journal"}
    assert ("K008", "error", [1]) in [
        (f["rule"], f["severity"], f["lines"]) for f in report["findings"]
    ]
    assert all(
        f["severity"] in {"ok", "info", "warning", "error", "fatal"} for f in report["findings"]
    )


def test_warnings_only_may_be_submitted(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            line(
                FORM,
                BIDRAG="    100",
                LAAN="      0",
                BIDRAG_JAN="    100",
                BIDRAG_FEB="",
                LAAN_FEB="",
            )
        ],
    )
    code, out, _ = _control(path, *OSLO, "--json")
    assert code == 0
    assert json.loads(out)["outcome"] == "warning"


def test_html_error_list_is_written(tmp_path: Path) -> None:
    path = _write(tmp_path, [line(FORM, KJONN="3")])
    target = tmp_path / "feilliste.html"
    code, _, _ = _control(path, *OSLO, "--html", target)
    assert code == 1
    page = target.read_text("utf-8")
    assert "K008" in page
    assert "<html" in page.lower()


def test_standard_input(tmp_path: Path) -> None:
    data = (line(FORM, KJONN="3") + "\n").encode()
    code, out, _ = _control("-", *OSLO, "--json", input=data)
    assert code == 1
    assert "K008" in [f["rule"] for f in json.loads(out)["findings"]]


def test_nothing_to_report(tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(b" ")
    code, out, _ = _control(
        path, "-f", "11CF", "-y", "2025", "-m", "1103", "--nothing-to-report", "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["outcome"] == "ok"
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("K000", "ok")]


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "K000"),
        (b"\x00\x01\x02junk\xff\xfe", "K001"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "K001"),
        (b"kort linje\n", "K001"),
    ],
    ids=["empty", "junk", "zip", "short-line"],
)
def test_bad_files_get_a_finding_not_a_traceback(tmp_path: Path, data: bytes, rule: str) -> None:
    path = tmp_path / "fil.txt"
    path.write_bytes(data)
    code, out, err = _control(path, *OSLO, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["outcome"] == "fatal"
    assert report["findings"][0]["rule"] == rule
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["-f", "11X", "-y", "2025", "-m", "0301"], "ukjent skjema"),
        (["-f", "11F", "-y", "2019", "-m", "0301"], "finnes ikke for 2019"),
        (["-f", "11F", "-y", "2025", "-m", "9999"], "9999 finnes ikke i 2025"),
        (["-f", "11F", "-y", "2025", "-m", "1507"], "1507 finnes ikke i 2025"),
        (["-f", "11F", "-y", "2025", "-m", "301"], "fire sifre"),
        (["-f", "11F", "-y", "2025", "-m", "0301", "-d", "16"], "bydel 16"),
        (["-f", "11F", "-y", "2025", "-m", "1103", "-d", "01"], "bare Oslo"),
    ],
    ids=[
        "form",
        "year",
        "municipality",
        "old-municipality",
        "malformed",
        "district",
        "district-outside-oslo",
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(
    tmp_path: Path, args: list[str], complaint: str
) -> None:
    path = _write(tmp_path, [line(FORM)])
    code, out, err = _control(path, *args)
    assert code == 2
    assert complaint in err
    assert out == ""


def test_missing_file_and_directory_are_usage_errors(tmp_path: Path) -> None:
    code, _, err = _control(tmp_path / "finnes-ikke.txt", *OSLO)
    assert (code, "finner ikke filen" in err) == (2, True)
    code, _, err = _control(tmp_path, *OSLO)
    assert (code, "er ikke en fil" in err) == (2, True)


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kostra.settings import get_settings

    monkeypatch.setenv("KOSTRA_MAX_FILE_MB", "1")
    get_settings.cache_clear()
    try:
        path = tmp_path / "stor.txt"
        path.write_bytes(b" " * (1024 * 1024 + 1))
        code, _, err = _control(path, *OSLO)
        assert code == 2
        assert "KOSTRA_MAX_FILE_MB" in err
    finally:
        get_settings.cache_clear()


def test_both_encodings_give_the_same_findings(tmp_path: Path) -> None:
    lines = [line(FORM, SAKSBEHANDLER="Åse Ørn", KJONN="3")]
    utf8 = json.loads(_control(_write(tmp_path, lines, "a.txt", "utf-8"), *OSLO, "--json")[1])
    latin = json.loads(_control(_write(tmp_path, lines, "b.txt", "cp1252"), *OSLO, "--json")[1])
    assert utf8["findings"] == latin["findings"]
    sex = next(f for f in utf8["findings"] if f["rule"] == "K008")
    assert sex["caseworker"] == "Åse Ørn"
    assert (utf8["encoding"], latin["encoding"]) == ("utf-8", "windows-1252")


def test_no_identity_number_reaches_the_output(tmp_path: Path) -> None:
    number = fnr("150585", "123")
    lines = [
        line(FORM, PERSON_FODSELSNR=number),
        line(FORM, PERSON_FODSELSNR=number, PERSON_JOURNALNR="J0000002"),
    ]
    path = _write(tmp_path, lines)
    target = tmp_path / "f.html"
    for extra in ([], ["--json"], ["--html", str(target)]):
        code, out, err = _control(path, *OSLO, *extra)
        assert code == 1
        assert number not in out + err
    assert number not in target.read_text("utf-8")


def test_internal_faults_exit_3_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = _write(tmp_path, [line(FORM)])
    script = (
        "import kostra.cli.control as c\n"
        "def boom(*a, **k): raise RuntimeError('secret 15058512345')\n"
        "c.check = boom\n"
        "import sys; sys.argv = ['kostra', 'control', sys.argv[1], *sys.argv[2:]]\n"
        "from kostra.cli.main import run; run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path), *OSLO], capture_output=True, text=True
    )
    assert result.returncode == 3
    assert "intern feil (RuntimeError)" in result.stderr
    assert "Traceback" not in result.stderr
    assert "15058512345" not in result.stderr


def test_help_reads_well() -> None:
    result = runner.invoke(app, ["control", "--help"])
    assert result.exit_code == 0
    for text in (
        "--form",
        "--year",
        "--municipality",
        "--district",
        "--json",
        "--html",
        "Exit status",
    ):
        assert text in result.stdout


def test_a_web_forms_answers_are_checked_from_a_json_file(tmp_path: Path) -> None:
    from tests.webforms.answers import FORM_12

    answers = tmp_path / "satser.json"
    answers.write_text(json.dumps(FORM_12), encoding="utf-8")
    clean = runner.invoke(app, ["control", str(answers), "-f", "12", "-y", "2025", "-m", "1103",
                                "--json"])  # fmt: skip
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.output)["findings"] == []
    answers.write_text(json.dumps(FORM_12 | {"SATS_PAR": 5000}), encoding="utf-8")
    wrong = runner.invoke(app, ["control", str(answers), "-f", "12", "-y", "2025", "-m", "1103"])
    assert wrong.exit_code == 1 and "12-K04" in wrong.output
    district = runner.invoke(
        app, ["control", str(answers), "-f", "12", "-y", "2025", "-m", "0301", "-d", "01"]
    )
    assert district.exit_code == 2 and "rapporterer ikke skjema 12" in district.output
    answers.write_bytes(b"\xff not json")
    junk = runner.invoke(app, ["control", str(answers), "-f", "12", "-y", "2025", "-m", "1103"])
    assert junk.exit_code == 1 and "JSON-objekt" in junk.output
