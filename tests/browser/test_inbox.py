"""The inbox "Fra SSB" in a real browser: SSB sends Gamle Oslo an error list with a note (no mail
server is set), and the unit's reporter finds it on the portal, reads it (on a phone, without
JavaScript too), and staff see that it was read.

Runs on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import REPORTER, STAFF, Audit, log_in, upload_file
from tests.web.conftest import extract

NOTE = "Rett fødselsnummer på linje 12, og send inn på nytt."
SUBJECT = "Feilliste: KOSTRA 11F for 2025, Gamle Oslo"
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _send_error_list_with_a_note(page: Page, tmp_path: Path) -> str:
    """Gamle Oslo uploads a file with errors; staff send its error list with `NOTE`. The upload's
    address."""
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    upload = upload_file(page, tmp_path, extract(records=30, errors=4, seed=3))
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, STAFF)
    page.goto("/ssb/enheter/030101?aar=2025")
    page.get_by_label("Merknad").first.fill(NOTE)
    page.get_by_role("button", name="Send feillisten for siste opplasting").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feilliste til 030101 Gamle Oslo")
    expect(page.locator(".message-note")).to_have_text(NOTE)
    page.get_by_role("button", name="Logg ut").click()
    return upload


def test_a_reporter_reads_a_message_from_ssb(
    page: Page, new_context: Callable[..., BrowserContext], audit: Audit, tmp_path: Path
) -> None:
    upload = _send_error_list_with_a_note(page, tmp_path)

    log_in(page, REPORTER)
    expect(page).to_have_url(re.compile(r"/portal$"))
    inbox_link = page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name=re.compile(r"^Fra SSB")
    )
    expect(inbox_link).to_have_text("Fra SSB 1 uleste")
    expect(page.get_by_role("link", name="Fra SSB: 1 ulest melding")).to_be_visible()
    inbox_link.click()
    expect(page).to_have_url(re.compile(r"/portal/meldinger$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fra SSB")
    expect(page.get_by_text("1 ulest melding.")).to_be_visible()
    unread = page.locator("table.inbox tr.unread")
    expect(unread).to_have_count(1)
    expect(unread).to_contain_text("Ikke lest")
    audit(page, "fra-ssb")

    unread.get_by_role("link", name=re.compile(SUBJECT)).click()
    expect(page).to_have_url(re.compile(r"/portal/meldinger/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(page.get_by_role("region", name="Merknad fra SSB")).to_contain_text(NOTE)
    expect(page.locator("pre.message-body")).to_contain_text("Vedlagt er feillisten")
    expect(inbox_link).to_have_text("Fra SSB")  # nothing unread now
    audit(page, "fra-ssb-melding")
    page.get_by_role("link", name="Se feillisten").click()
    expect(page).to_have_url(re.compile(re.escape(upload) + "$"))

    page.goto("/portal/meldinger")
    expect(page.locator("table.inbox tr.unread")).to_have_count(0)
    expect(page.locator("table.inbox tbody tr")).to_contain_text("av Kari Nordmann")

    # On a phone, without JavaScript: the same pages, and nothing scrolls sideways.
    phone = new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    small = phone.new_page()
    log_in(small, REPORTER)
    small.get_by_role("link", name=re.compile(r"^Fra SSB")).first.click()
    small.get_by_role("link", name=re.compile(SUBJECT)).click()
    expect(small.get_by_role("region", name="Merknad fra SSB")).to_contain_text(NOTE)
    assert small.evaluate(NO_SIDEWAYS_SCROLL)
    audit(small, "fra-ssb-melding-mobil")

    # Staff see who read it, and when.
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, STAFF)
    page.goto("/ssb/enheter/030101?aar=2025")
    messages = page.get_by_role("region", name="Meldinger fra SSB til enheten (1)")
    expect(messages.get_by_role("row", name=re.compile(SUBJECT))).to_contain_text(
        re.compile(r"Lest \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d av Kari Nordmann")
    )
