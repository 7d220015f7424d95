"""Every renderer a person reads shows moments on Oslo's clock.

The moment used, 23:30:05 UTC on 11 March 2026, is 00:30:05 on 12 March in Oslo: a renderer that
formats the moment as given shows the wrong day as well as the wrong hour.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kostra.controls import Finding, Report, Severity
from kostra.controls.errorlist import file_name
from kostra.controls.html_report import render_html
from kostra.controls.text_report import render_text
from kostra.indicators.definitions import definitions
from kostra.intake import notices
from kostra.intake.calendar import Window
from kostra.intake.receipt import Receipt
from kostra.intake.status import Status, UnitStatus
from kostra.production.year import build as build_year
from kostra.publish.px import to_px
from kostra.publish.release import build
from tests.controls import test_errorlist as errorlist_tests
from tests.production import worked
from tests.publish.samples import TINY

MOMENT = datetime(2026, 3, 11, 23, 30, 5, tzinfo=UTC)
# The same moment as the database hands it back (naive, in UTC).
STORED = MOMENT.replace(tzinfo=None)
SHORT, LONG, SECONDS = "12.03.2026 kl. 00:30", "12. mars 2026 kl. 00:30", "12.03.2026 00:30:05"
WRONG_DAY = ("11.03.2026", "11. mars 2026")

HEADING = replace(errorlist_tests.HEADING, checked_at=MOMENT)
REPORT = Report(
    form="11F",
    year=2025,
    municipality="0301",
    district="01",
    records=1,
    findings=(Finding("K010", Severity.ERROR, (1,), "Feil i posten."),),
    encoding="utf-8",
    controls_performed=40,
)


def assert_oslo(shown: str, expected: str) -> None:
    assert expected in shown
    for wrong in WRONG_DAY:
        assert wrong not in shown


@pytest.mark.parametrize("moment", [MOMENT, STORED], ids=["aware", "naive-utc"])
def test_error_list_in_html_and_text(moment: datetime) -> None:
    heading = replace(HEADING, checked_at=moment)
    assert_oslo(render_html(REPORT, heading), SHORT)
    assert_oslo(render_text(REPORT, heading), SHORT)


@pytest.mark.parametrize("moment", [MOMENT, STORED], ids=["aware", "naive-utc"])
def test_error_list_file_name(moment: datetime) -> None:
    name = file_name("11F", 2025, "030101", moment, "csv")
    assert name == "feilliste_11F_2025_030101_20260312-0030.csv"


def test_receipt() -> None:
    receipt = Receipt(
        form="11F", form_title="Økonomisk sosialhjelp", year=2025, unit="030101",
        unit_name="Gamle Oslo", version=2, submitted_at=STORED, submitted_by="kari",
        file_name="sosialhjelp.dat", sha256="0" * 64, size=338, records=1, warnings=0, late=False,
    )  # fmt: skip
    assert dict(receipt.facts())["Sendt inn"] == SECONDS


def test_e_mails() -> None:
    window = Window(form="11F", year=2025, opens=date(2026, 1, 2), deadline=date(2026, 1, 15),
                    corrections=date(2026, 3, 1), closes=date(2026, 6, 1))  # fmt: skip
    status = UnitStatus(Status.NOT_RECEIVED, late=True)
    reminder = notices.reminder(
        "030101", "Gamle Oslo", "11F", "Økonomisk sosialhjelp", window, status, MOMENT, "http://x"
    )
    sent = notices.error_list("030101", "Gamle Oslo", "11F", 2025, 1, 1, STORED, "http://x")
    assert_oslo(reminder.body, f"Sendt {LONG}.")
    assert_oslo(sent.body, f"Sendt {LONG}.")
    assert "1 feil og 1 advarsel." in sent.body


def test_px_metadata() -> None:
    shown = to_px(TINY, matrix="T", created=MOMENT).decode("utf-8")
    assert 'CREATION-DATE="20260312 00:30";' in shown


def test_release_metadata(tmp_path: Path) -> None:
    files = worked.write(tmp_path)
    year = build_year(worked.YEAR, worked.deliveries(files, ()), worked.read, worked.KEY)
    built = build({worked.YEAR: year}, worked.YEAR, definitions(), max_n=2, updated=MOMENT)
    jsonstat = [json.loads(data) for name, data in built.files.items() if name.endswith(".json")]
    assert jsonstat
    assert {document["updated"] for document in jsonstat} == {"2026-03-12T00:30:05+01:00"}
    px = [data.decode("utf-8") for name, data in built.files.items() if name.endswith(".px")]
    assert px
    assert all('CREATION-DATE="20260312 00:30";' in shown for shown in px)
    assert all('")="20260312 00:30";' in shown for shown in px)  # LAST-UPDATED per content
