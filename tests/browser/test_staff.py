"""SSB's staff in a real browser: the intake matrix, who was missing at a date, and reminders.

The deadlines of 2025 have passed (`window_phase` "late"), so units that have not delivered are
late; Gamle Oslo's reporter has declared "nothing to report" for 11CF, and nothing for 11F. Runs
on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kostra.text import local, long_date, now
from tests.browser.conftest import REPORTER, STAFF, Audit, log_in

GAMLE_OSLO = re.compile(r"^030101 Gamle Oslo\b")


@pytest.fixture
def window_phase() -> str:
    """The deadlines have passed."""
    return "late"


def declare_nothing_for_11cf(page: Page) -> None:
    """As Gamle Oslo's reporter: nobody to report for 11CF."""
    log_in(page, REPORTER)
    page.goto("/portal/030101/11CF/2025")
    page.get_by_role("checkbox", name=re.compile("Jeg bekrefter")).check()
    page.get_by_role("button", name="Vi har ingen å rapportere for 2025").click()
    expect(page.locator("p.lead .status")).to_have_text("Ingen å rapportere")


# Gamle Oslo's 11F, 11CF (declared nothing to report) and 7; a district reports no 7B or 12.
STATUSES = ["Forsinket", "Ingen å rapportere", "Forsinket"]


def test_staff_follow_the_intake_and_send_a_reminder(
    page: Page, new_context: Callable[..., BrowserContext], audit: Audit
) -> None:
    declare_nothing_for_11cf(new_context().new_page())

    log_in(page, STAFF)
    expect(page).to_have_url(re.compile(r"/ssb$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Datainngang 2025")
    matrix = page.locator("table.matrix")
    gamle_oslo = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=GAMLE_OSLO)
    )
    expect(gamle_oslo.locator(".status")).to_have_text(STATUSES)

    # Oslo's units only.
    page.get_by_label("Fylke").select_option(label="03 Oslo")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"fylke=03"))
    expect(page.get_by_role("heading", name="Enheter (16)")).to_be_visible()  # and Oslo itself
    expect(gamle_oslo.locator(".status")).to_have_text(STATUSES)
    audit(page, "ssb-datainngang-oslo")

    # Who was missing at the end of yesterday, and of today (the declaration came today).
    today = local(now()).date()
    yesterday = today - timedelta(days=1)
    page.get_by_role("link", name="Mangler per dato").click()
    expect(page).to_have_url(re.compile(r"/ssb/mangler$"))
    for day, missing_11cf in ((yesterday, 1), (today, 0)):
        page.get_by_label(re.compile(r"^Dato")).fill(day.isoformat())
        page.get_by_label("Skjema", exact=True).select_option(label="Filuttrekkene (11F, 11CF)")
        page.get_by_role("button", name="Vis").click()
        expect(page).to_have_url(re.compile(rf"dato={day.isoformat()}"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Hvem manglet ved utgangen av {long_date(day)}? Rapporteringsår 2025"
        )
        for form, count in (("11F", 1), ("11CF", missing_11cf)):
            section = page.get_by_role("region", name=re.compile(rf"^Skjema {form}:"))
            expect(section.get_by_role("rowheader", name=GAMLE_OSLO)).to_have_count(count)
    audit(page, "ssb-mangler")

    page.get_by_role("link", name="Purringer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Purringer 2025")
    expect(page.get_by_text("Ingen purringer er sendt for 2025.")).to_be_visible()
    audit(page, "ssb-purringer")
    section = page.get_by_role("region", name=re.compile(r"^Skjema 11F:"))
    boxes = section.get_by_role("checkbox")
    expect(boxes.first).to_be_checked()  # late units are chosen to begin with
    # Stands in for unticking the other few hundred late units one by one.
    boxes.evaluate_all("boxes => boxes.forEach((box) => { box.checked = false; })")
    section.get_by_label(GAMLE_OSLO).check()
    section.get_by_role("button", name="Send purring til valgte").click()

    expect(page).to_have_url(re.compile(r"/ssb/purringer$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Purringer for skjema 11F 2025")
    results = page.locator("table.history tbody tr")
    expect(results).to_have_count(1)
    expect(results.get_by_role("rowheader")).to_have_text("030101 Gamle Oslo")
    expect(results.get_by_role("cell")).to_have_text(re.compile(r"^Registrert"))
    audit(page, "ssb-purringer-sendt")

    page.get_by_role("link", name="Tilbake til purringer").click()
    sent = page.get_by_role("region", name="Sendte purringer (1)")
    expect(sent.get_by_role("row", name=re.compile(r"030101 11F Siri Statistiker"))).to_be_visible()
