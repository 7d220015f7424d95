"""Publishing and the public statistics in a real browser: staff prepare, confirm and publish
the preliminary figures (with the web forms' worked answers), anyone reads a region's page with its charts,
and the fact sheet prints on one or two A4 pages (the `page` fixture fails on a console error,
a CSP violation or a foreign request)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from kostra.store import accounts
from tests.browser.conftest import REPORTER, STAFF, Audit, LiveSite, log_in
from tests.store.test_releases import deliver_answers


def test_staff_publish_and_anyone_reads_the_fact_sheet(
    page: Page, audit: Audit, live_site: LiveSite
) -> None:
    with live_site.db.read() as session:
        staff = accounts.find_user(session, STAFF)
        assert staff is not None
        who = accounts.principal(session, staff)
    deliver_answers(live_site.db, who)  # Bergen's answers to skjema 7, 7B and 12
    log_in(page, REPORTER)
    page.goto("/portal/030101/11CF/2025")
    page.get_by_role("checkbox", name=re.compile("Jeg bekrefter")).check()
    page.get_by_role("button", name="Vi har ingen å rapportere for 2025").click()
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, STAFF)
    page.goto("/ssb/publisering")
    page.get_by_label("Foreløpige tall (15. mars 2026)").check()  # named from the calendar
    page.get_by_role("button", name="Forbered publisering").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("foreløpige tall for 2025")
    audit(page, "publisering")
    page.get_by_role("button", name="Godkjenn tallene").click()  # the preparer may: preliminary
    page.get_by_role("button", name="Publiser nå").click()
    expect(page.get_by_role("status")).to_contain_text("Publisert")
    page.get_by_role("button", name="Logg ut").click()

    page.goto("/statistikk")
    page.get_by_label("Region").select_option("4601")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"/statistikk/4601"))
    expect(
        page.get_by_role("img", name=re.compile("Andel sosialhjelpsmottakere 18–66"))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Stønadssatser i økonomisk sosialhjelp")
    ).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("i kommunene i Vestland"))).to_be_visible()
    audit(page, "statistikk-bergen")

    page.get_by_role("link", name="Faktaark for utskrift").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faktaark: 4601 Bergen")
    audit(page, "faktaark-bergen")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert 1 <= pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2
