"""Pre-validation, both forms: K000 (is there a file to check?) and K001 (are its records whole?).

A finding here is FATAL (or OK, for a delivered "nothing to report") and ends the run, so each
row lists the only findings of the whole run. Reference: the control catalogue, sections 3.1–3.4;
SSB's `Rule000HasAttachmentTest`, `Rule001RecordLengthTest` and the main tests' pre-validation
rows.
"""

from __future__ import annotations

import codecs
from typing import Any

import pytest

from kostra.catalog import load
from kostra.controls import Context, Report, check
from tests.builders import fnr, line

Row = tuple[str, str, tuple[int, ...]]
CONTROLS = {"11F": 48, "11CF": 34}  # 2 pre-validation + the validation controls, per record


def fatal(rule: str, *lines: int) -> Row:
    return (rule, "fatal", lines)


def clean_lines(form: str, year: int = 2025, records: int = 1) -> list[str]:
    """Clean records of different persons with different journal numbers."""
    definition = load(form, year)
    return [
        line(definition, PERSON_JOURNALNR=f"J{n:07d}", PERSON_FODSELSNR=fnr(f"{n:02d}0585"))
        for n in range(1, records + 1)
    ]


def clean_file(form: str, year: int = 2025, records: int = 1, ending: str = "\n") -> bytes:
    return "".join(text + ending for text in clean_lines(form, year, records)).encode("utf-8")


def run_bytes(
    data: bytes, form: str = "11F", year: int = 2025, has_attachment: bool = True
) -> Report:
    context = Context(form=load(form, year), municipality="0301", has_attachment=has_attachment)
    return check(data, context)


def flat(report: Report) -> list[tuple[Any, ...]]:
    return report.flatten("rule", "severity", "lines")


# -- K000 ---------------------------------------------------------------------------------------

# (content, has_attachment, severity of the one K000 finding or None, a phrase of its message)
K000_CASES = [
    pytest.param(b" ", True, "fatal", "bare ett tegn", id="one-space-but-has-attachment"),
    pytest.param(b"\n", True, "fatal", "bare ett tegn", id="one-newline-but-has-attachment"),
    pytest.param(b"", True, "fatal", "tom", id="empty-file"),
    pytest.param(b"\n\n\n", True, "fatal", "tom", id="only-lf"),
    pytest.param(b"\r\n\r\n", True, "fatal", "tom", id="only-crlf"),
    pytest.param(None, False, "fatal", "har innhold", id="records-but-nothing-to-report"),
    pytest.param(b"", False, "fatal", "har innhold", id="empty-and-nothing-to-report"),
    pytest.param(b"  ", False, "fatal", "har innhold", id="two-spaces-nothing-to-report"),
    pytest.param(b" ", False, "ok", "alt som trengs", id="one-space-nothing-to-report"),
    pytest.param(b"\n", False, "ok", "alt som trengs", id="one-newline-nothing-to-report"),
    pytest.param(None, True, None, "", id="records-and-has-attachment"),
]


@pytest.mark.parametrize("form", ["11F", "11CF"])
@pytest.mark.parametrize(("content", "has_attachment", "severity", "phrase"), K000_CASES)
def test_k000_attachment(
    form: str, content: bytes | None, has_attachment: bool, severity: str | None, phrase: str
) -> None:
    data = clean_file(form) if content is None else content
    report = run_bytes(data, form, has_attachment=has_attachment)
    if severity is None:
        assert flat(report) == []
        assert report.controls_performed == CONTROLS[form]
        return
    assert flat(report) == [("K000", severity, ())]
    assert phrase in report.findings[0].message
    assert report.controls_performed == 2
    assert report.outcome.value == severity
    assert (report.findings[0].caseworker, report.findings[0].journal) == (None, None)


def test_k000_names_who_is_reported() -> None:
    assert "deltakere" in run_bytes(b" ", "11CF").findings[0].message
    assert "mottakere" in run_bytes(b" ", "11F").findings[0].message


def test_k000_stops_before_k001() -> None:
    """A wrong line in a file declared empty: only K000 speaks."""
    report = run_bytes(b"too short\n", "11F", has_attachment=False)
    assert flat(report) == [fatal("K000")]


# -- K001: record length ------------------------------------------------------------------------


def _lines(form: str, year: int, *lengths: int | None) -> bytes:
    """A file of clean records (None) and lines of spaces of the given lengths."""
    clean = iter(clean_lines(form, year, len(lengths)))
    return "".join((next(clean) if n is None else " " * n) + "\n" for n in lengths).encode()


@pytest.mark.parametrize(
    ("form", "year", "lengths", "expected"),
    [
        pytest.param("11F", 2025, (None, None), [], id="11f-2025-clean"),
        pytest.param("11F", 2025, (None, 337), [fatal("K001", 2)], id="11f-2025-one-short"),
        pytest.param("11F", 2025, (339,), [fatal("K001", 1)], id="11f-2025-one-long"),
        pytest.param(
            "11F",
            2025,
            (None, 348, None, 100),
            [fatal("K001", 2), fatal("K001", 4)],
            id="11f-2025-every-bad-line",
        ),
        pytest.param(
            "11F",
            2025,
            (1, 2, 3),
            [fatal("K001", 1), fatal("K001", 2), fatal("K001", 3)],
            id="11f-2025-all-bad",
        ),
        pytest.param("11F", 2025, (338,), None, id="11f-2025-spaces-right-length"),
        pytest.param("11F", 2024, (None,), [], id="11f-2024-clean-324"),
        pytest.param("11F", 2024, (338,), [fatal("K001", 1)], id="11f-2024-2025-length"),
        pytest.param("11F", 2025, (324,), [fatal("K001", 1)], id="11f-2025-2024-length"),
        pytest.param("11CF", 2025, (None, 151), [fatal("K001", 2)], id="11cf-2025-one-short"),
        pytest.param("11CF", 2026, (None,), [], id="11cf-2026-clean-152"),
        pytest.param("11CF", 2024, (None,), [], id="11cf-2024-clean-136"),
        pytest.param("11CF", 2023, (None,), [], id="11cf-2023-clean-138"),
        pytest.param("11CF", 2022, (None,), [], id="11cf-2022-clean-139"),
        pytest.param("11CF", 2022, (138,), [fatal("K001", 1)], id="11cf-2022-2023-length"),
        pytest.param("11CF", 2024, (152,), [fatal("K001", 1)], id="11cf-2024-2025-length"),
    ],
)
def test_k001_record_length(
    form: str, year: int, lengths: tuple[int | None, ...], expected: list[Row] | None
) -> None:
    report = run_bytes(_lines(form, year, *lengths), form, year)
    if expected is None:  # right length: K001 is silent, the record controls speak
        assert "K001" not in report.rule_counts()
        return
    assert flat(report) == expected
    if expected:
        assert report.controls_performed == 2


@pytest.mark.parametrize(
    ("form", "text", "expected"),
    [
        pytest.param("11F", lambda t: t[:-1] + "\t", [fatal("K001", 1)], id="tab-right-length"),
        pytest.param("11F", lambda t: "\t" + t[1:], [fatal("K001", 1)], id="tab-first"),
        pytest.param("11F", lambda t: t + "\t", [fatal("K001", 1)], id="tab-after-record"),
        pytest.param("11CF", lambda t: t[:100] + "\t" + t[101:], [fatal("K001", 1)], id="11cf-tab"),
        pytest.param("11F", lambda t: t + "\r", [], id="cr-at-end-trimmed"),
        pytest.param("11F", lambda t: "\r" + t, [], id="cr-at-start-trimmed"),
        pytest.param("11F", lambda t: t[:-1] + "\u00a0", [], id="nbsp-is-one-character"),
    ],
)
def test_k001_tab_and_carriage_return(form: str, text: Any, expected: list[Row]) -> None:
    changed: str = text(line(load(form, 2025)))
    report = run_bytes((changed + "\n").encode("utf-8"), form)
    assert flat(report) == expected


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_k001_line_endings(ending: str) -> None:
    report = run_bytes(clean_file("11F", records=3, ending=ending))
    assert flat(report) == []
    assert report.controls_performed == 3 * CONTROLS["11F"]


def test_k001_stops_the_run() -> None:
    """A record with a wrong municipality and a line too short: only K001 is reported."""
    form = load("11F", 2025)
    data = (line(form, KOMMUNE_NR="9999") + "\n" + "x" * 10 + "\n").encode("utf-8")
    report = run_bytes(data)
    assert flat(report) == [fatal("K001", 2)]
    assert report.controls_performed == 2
    assert report.findings[0].caseworker is None and report.findings[0].journal is None


def test_k001_line_numbers_are_the_editors_after_an_empty_line() -> None:
    """SSB counts only non-empty lines (it would say line 2); kostra keeps the line number a
    reporter's editor shows (docs/control-program.md, "Where kostra differs")."""
    clean = line(load("11F", 2025))
    data = (clean + "\n\n" + "x" * 10 + "\n").encode("utf-8")
    assert flat(run_bytes(data)) == [fatal("K001", 3)]


@pytest.mark.parametrize(
    ("form", "year", "length", "hint"),
    [
        pytest.param("11F", 2025, 324, "2024", id="11f-2025-given-324"),
        pytest.param("11F", 2024, 338, "2025", id="11f-2024-given-338"),
        pytest.param("11CF", 2025, 136, "2024", id="11cf-2025-given-136"),
        pytest.param("11CF", 2025, 138, "2023", id="11cf-2025-given-138"),
        pytest.param("11CF", 2025, 139, "2022", id="11cf-2025-given-139"),
        pytest.param("11CF", 2024, 152, "2025", id="11cf-2024-given-152"),
        pytest.param("11F", 2025, 348, None, id="11f-2025-no-layout-has-348"),
    ],
)
def test_k001_hint_names_the_year_whose_layout_fits(
    form: str, year: int, length: int, hint: str | None
) -> None:
    (finding,) = run_bytes(_lines(form, year, length), form, year).findings
    assert str(length) in finding.message
    if hint is None:
        assert "passer med filbeskrivelsen" not in finding.message
    else:
        assert "passer med filbeskrivelsen" in finding.message and hint in finding.message


def test_k001_message_mentions_the_tab() -> None:
    text = line(load("11F", 2025))
    (finding,) = run_bytes((text[:-1] + "\t\n").encode("utf-8")).findings
    assert "tabulator" in finding.message


# -- K001: not a text file ---------------------------------------------------------------------


def _with_nul(form: str) -> bytes:
    text = line(load(form, 2025))
    return (text[:-1] + "\x00\n").encode("utf-8")


@pytest.mark.parametrize(
    ("data", "has_attachment", "expected"),
    [
        pytest.param(b"PK\x03\x04" + b"\x14" * 400, True, [fatal("K001")], id="zip"),
        pytest.param(b"%PDF-1.7\n" + b"x" * 400, True, [fatal("K001")], id="pdf"),
        pytest.param(b"\xd0\xcf\x11\xe0" + b"\x00" * 400, True, [fatal("K001")], id="old-excel"),
        pytest.param(b"\x1f\x8b\x08" + b"x" * 400, True, [fatal("K001")], id="gzip"),
        pytest.param(_with_nul("11F"), True, [fatal("K001")], id="nul-byte-in-record"),
        pytest.param(
            b"PK\x03\x04" + b"x" * 400,
            False,
            [fatal("K000"), fatal("K001")],
            id="zip-and-nothing-to-report",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + (line(load("11F", 2025)) + "\n").encode("utf-16-le"),
            True,
            [],
            id="utf-16-with-bom-is-text",
        ),
    ],
)
def test_k001_not_a_text_file(data: bytes, has_attachment: bool, expected: list[Row]) -> None:
    report = run_bytes(data, "11F", has_attachment=has_attachment)
    assert flat(report) == expected
    assert report.controls_performed == 2 or not expected


def test_k001_not_a_text_file_for_11cf() -> None:
    report = run_bytes(_with_nul("11CF"), "11CF")
    assert flat(report) == [fatal("K001")]
    assert "11CF" in report.findings[0].message
