"""A reporter fills in web form 7 in a real browser: findings follow the answers as they change,
a conditional question comes and goes, the worked-out sum updates, a draft is saved and shown
again, and the answers are checked and submitted with a receipt; without JavaScript too.

Each test runs on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import REPORTER, Audit, log_in
from tests.webforms.answers import FORM_7, as_posted

FORM_URL = "/portal/030101/7/2025/skjema"


def fill(page: Page, answers: dict[str, str]) -> None:
    """Answer the questions as a person does: type numbers and text, click yes/no and codes."""
    for name, value in answers.items():
        question = page.locator(f"[data-question={name}]")
        radio = question.locator(f"input[type=radio][value='{value}']")
        if radio.count():
            radio.check()
        else:
            question.locator(f"input[name={name}]").fill(value)


def test_findings_follow_the_answers_and_the_form_is_submitted(page: Page, audit: Audit) -> None:
    log_in(page, REPORTER)
    page.get_by_role("link", name="Fyll ut 7").click()
    expect(page).to_have_url(re.compile(FORM_URL + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skjema 7")
    expect(page.locator("#telling")).to_contain_text("feil må rettes")
    audit(page, "skjema-7-tomt")

    fill(page, as_posted(FORM_7))
    expect(page.locator("#telling")).to_have_text("Ingen feil eller advarsler.")
    expect(page.locator("[data-sum=ARSVERK_242]")).to_have_text("32,7")

    # More cases without social assistance than cases in all: a finding at the question.
    page.get_by_label("Herav saker der brukeren ikke mottok økonomisk sosialhjelp").fill("500")
    at_question = page.locator("#funn-OKRAD_UTEN_SOSHJ")
    expect(at_question).to_contain_text("kan ikke være flere enn saker om økonomisk rådgivning")
    expect(page.locator("#telling")).to_have_text("1 feil må rettes før skjemaet kan sendes inn.")
    page.get_by_label("Herav saker der brukeren ikke mottok økonomisk sosialhjelp").fill("40")
    expect(at_question).to_be_empty()

    # No outreach work: its årsverk are not asked; yes again: asked again.
    outreach = page.locator("[data-question=UTEKONTAKT]")
    outreach.get_by_label("Nei").check()
    expect(page.locator("#sporsmal-UTEKONTAKT_ARSVERK")).to_be_hidden()
    outreach.get_by_label("Ja").check()
    expect(page.locator("#sporsmal-UTEKONTAKT_ARSVERK")).to_be_visible()

    # A decimal comma in the wrong place of a half-årsverk question: said at the question.
    page.get_by_label("Statlige årsverk i NAV-kontoret som utfører kommunale oppgaver").fill("0,3")
    expect(page.locator("#funn-STATLIG_KOMMUNAL")).to_contain_text("steg på 0,5")
    page.get_by_label("Statlige årsverk i NAV-kontoret som utfører kommunale oppgaver").fill("0,5")
    expect(page.locator("#telling")).to_have_text("Ingen feil eller advarsler.")
    audit(page, "skjema-7-utfylt")

    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.get_by_role("status").filter(has_text="Utkastet er lagret")).to_be_visible()
    expect(
        page.get_by_label("Statlige årsverk i NAV-kontoret som utfører kommunale oppgaver")
    ).to_have_value("0,5")

    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page).to_have_url(re.compile(r"/opplastinger/[0-9a-f]{32}$"))
    page.get_by_role("button", name="Send inn").click()
    expect(page).to_have_url(re.compile(r"/innsendinger/[0-9a-f]{32}$"))
    expect(page.get_by_text("7-2025-030101-v1")).to_be_visible()
    audit(page, "skjema-7-kvittering")

    page.goto(FORM_URL)
    expect(page.get_by_text("Svarene i innsendt versjon 1.")).to_be_visible()


def test_the_form_works_without_javascript(
    new_context: Callable[..., BrowserContext], audit: Audit
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, REPORTER)
    page.goto(FORM_URL)
    answers = as_posted(FORM_7) | {"OKRAD_SAKER": "mange"}
    fill(page, answers)
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page).to_have_url(re.compile(r"/opplastinger/[0-9a-f]{32}$"))
    expect(page.locator("td.message").filter(has_text="kan ikke leses")).to_be_visible()
    expect(page.get_by_role("button", name="Send inn")).to_have_count(0)
    page.goto(FORM_URL)  # the draft keeps what was typed, the findings say what to correct
    expect(page.get_by_label("Antall saker om økonomisk rådgivning i året")).to_have_value("mange")
    expect(page.locator("#funn-OKRAD_SAKER")).to_contain_text("Skriv et tall")
    audit(page, "skjema-7-uten-js")
