"""Reporters fill in the web forms in a real browser. Gamle Oslo fills in form 7: findings follow
the answers as they change, a conditional question comes and goes, the worked-out sum updates, a
draft is saved and shown again, and the answers are checked and submitted with a receipt; without
JavaScript too. Oslo as a whole fills in 7B (submitted with a warning left) and 12 (an error
corrected first), and SSB's staff find both delivered in the intake matrix.

Each test runs on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import OSLO_REPORTER, REPORTER, STAFF, Audit, form_step, log_in
from tests.webforms.answers import FORM_7, FORM_7B, FORM_12, as_posted

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
    form_step(page, "030101", "7").get_by_role("link", name="Fyll ut skjemaet").click()
    expect(page).to_have_url(re.compile(FORM_URL + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skjema 7")
    # A fresh form does not shout: what is mandatory is marked, and counted as remaining.
    expect(page.locator("#telling")).to_have_text("17 spørsmål gjenstår å besvare.")
    expect(page.locator(".question.has-errors")).to_have_count(0)
    expect(page.locator("#sporsmal-OKRAD_SAKER .req")).to_have_text("Må fylles ut")
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
    # The answers are read back before they are sent in, with a way back to change them.
    readback = page.locator("section.readback")
    expect(
        readback.get_by_role("heading", name="Se over svarene før du sender inn")
    ).to_be_visible()
    expect(readback).to_contain_text("19 av 20 spørsmål besvart")
    part_4 = readback.get_by_role("definition").filter(has_text=re.compile(r"^0,5 årsverk$"))
    expect(part_4).to_have_count(1)
    expect(page.get_by_text("Størrelse")).to_have_count(0)
    audit(page, "skjema-7-se-over")
    readback.get_by_role("link", name="Endre del 4").click()
    expect(page).to_have_url(re.compile(FORM_URL + r"\?kontroll=1#del-4$"))
    expect(
        page.get_by_label("Statlige årsverk i NAV-kontoret som utfører kommunale oppgaver")
    ).to_have_value("0,5")
    page.go_back()
    page.get_by_role("button", name="Send inn").click()
    expect(page).to_have_url(re.compile(r"/innsendinger/[0-9a-f]{32}$"))
    expect(page.get_by_text("7-2025-030101-v1")).to_be_visible()
    facts = page.locator("table.receipt-facts")
    expect(facts).to_contain_text("Svar på skjema 7 for 2025")
    expect(facts).to_contain_text("19 av 20 spørsmål besvart")
    expect(facts).not_to_contain_text(".json")
    expect(page.get_by_role("heading", name="Svarene som ble sendt inn")).to_be_visible()
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


def test_without_javascript_a_fresh_form_is_quiet_and_checking_shows_the_errors(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, REPORTER)
    page.goto(FORM_URL)
    expect(page.locator("#telling")).to_have_text("17 spørsmål gjenstår å besvare.")
    expect(page.locator(".question.has-errors")).to_have_count(0)
    page.get_by_label("E-postadresse til skjemaansvarlig").fill("kari@")
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page.locator("td.message").filter(has_text="gyldig e-postadresse")).to_be_visible()
    page.get_by_role("link", name="Rett svarene i skjemaet").click()
    expect(page.locator("#telling")).to_have_text("17 feil må rettes før skjemaet kan sendes inn.")
    expect(page.locator(".question.has-errors")).to_have_count(17)
    expect(page.locator("#funn-EPOST")).to_contain_text("er ikke en gyldig e-postadresse")


def test_required_questions_speak_up_once_visited_and_formats_are_checked_as_typed(
    page: Page, audit: Audit
) -> None:
    log_in(page, REPORTER)
    page.goto(FORM_URL)
    expect(page.locator("#telling")).to_have_text("17 spørsmål gjenstår å besvare.")
    # Into a required question and out again, unanswered: now it says so, in red.
    page.get_by_label("Ansvarlig for innholdet i skjemaet").focus()
    page.keyboard.press("Tab")
    responsible = page.locator("#sporsmal-ANSVARLIG")
    expect(responsible).to_have_class(re.compile(r"\bhas-errors\b"))
    expect(responsible.locator("#funn-ANSVARLIG")).to_contain_text("er ikke besvart")
    expect(page.locator("#telling")).to_have_text(
        "1 feil må rettes før skjemaet kan sendes inn. 16 spørsmål gjenstår å besvare."
    )
    expect(page.locator(".question.has-errors")).to_have_count(1)

    # An e-mail address being typed is not judged before the reporter leaves it.
    form = page.locator("#skjema")
    before = form.get_attribute("data-checked") or ""
    email = page.get_by_label("E-postadresse til skjemaansvarlig")
    email.press_sequentially("kari@")
    expect(form).not_to_have_attribute("data-checked", before)  # checked on the server
    expect(page.locator("#funn-EPOST")).to_be_empty()
    email.press("Tab")
    expect(page.locator("#funn-EPOST")).to_contain_text("er ikke en gyldig e-postadresse")
    # Once visited, it is checked as it changes.
    email.press_sequentially("kommune.no")
    expect(page.locator("#funn-EPOST")).to_be_empty()

    phone = page.get_by_label("Telefon")
    phone.fill("22 86 50")
    phone.press("Tab")
    expect(page.locator("#funn-TELEFON")).to_contain_text("er ikke et gyldig norsk telefonnummer")
    audit(page, "skjema-7-format")
    phone.fill("+47 22 86 50 00")
    expect(page.locator("#funn-TELEFON")).to_be_empty()

    # The server is the judge: a wrong address posted is refused on the error list too.
    fill(page, as_posted(FORM_7) | {"EPOST": "kari.nordmann@"})
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page.locator("td.message").filter(has_text="gyldig e-postadresse")).to_be_visible()
    expect(page.get_by_role("button", name="Send inn")).to_have_count(0)


def test_the_draft_is_saved_as_the_reporter_types_and_leaving_unsaved_asks_first(
    page: Page,
) -> None:
    log_in(page, REPORTER)
    page.goto(FORM_URL)
    saved = page.locator("#utkast-status")
    expect(saved).to_be_empty()
    held: list[Route] = []  # the draft's save, kept back so that the change stays unsaved
    page.route("**/skjema/utkast", lambda route: held.append(route))
    cases = page.get_by_label("Antall saker om økonomisk rådgivning i året")
    cases.press_sequentially("180")
    expect(page.locator("#skjema")).to_have_attribute("data-unsaved", "ja")
    # While the change is not saved, leaving the page asks first.
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    dialog = asked.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()  # stay on the page
    for _ in range(100):  # the save is sent 1.5 s after the last change
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    page.unroute("**/skjema/utkast")
    expect(saved).to_have_text(re.compile(r"^Utkast lagret kl\. [0-2][0-9]:[0-5][0-9]\.$"))
    expect(page.locator("#skjema")).to_have_attribute("data-unsaved", "nei")
    page.get_by_label("Ansvarlig for innholdet i skjemaet").fill("Kari Nordmann")
    expect(page.locator("#skjema")).to_have_attribute("data-unsaved", "nei")  # saved again
    page.reload()  # nothing unsaved: no question, and nothing typed is lost
    expect(cases).to_have_value("180")
    expect(page.get_by_label("Ansvarlig for innholdet i skjemaet")).to_have_value("Kari Nordmann")
    expect(page.get_by_text("Utkastet ditt (ikke sendt inn).")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_form_and_its_read_back_fit_the_screen(
    new_context: Callable[..., BrowserContext], audit: Audit, width: int
) -> None:
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    log_in(page, REPORTER)
    page.goto(FORM_URL)
    fits = "document.documentElement.scrollWidth <= window.innerWidth"
    wide = """() => [...document.querySelectorAll('body *')].filter(
        (el) => el.getBoundingClientRect().right > window.innerWidth + 1
    ).slice(0, 8).map((el) => el.tagName + '.' + el.className + '#' + el.id + ' ' + Math.round(el.getBoundingClientRect().right))"""
    assert page.evaluate(fits), page.evaluate(wide)
    fill(page, as_posted(FORM_7))
    expect(page.locator("#telling")).to_have_text("Ingen feil eller advarsler.")
    assert page.evaluate(fits), page.evaluate(wide)
    audit(page, f"skjema-7-{width}")
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page.get_by_role("heading", name="Se over svarene før du sender inn")).to_be_visible()
    assert page.evaluate(fits), page.evaluate(wide)
    audit(page, f"skjema-7-se-over-{width}")


def submit(page: Page, receipt: str, *, warnings: bool = False) -> None:
    """From a filled-in form: check, land on the error list, confirm the warnings were looked
    at, send in, see the receipt."""
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page).to_have_url(re.compile(r"/opplastinger/[0-9a-f]{32}$"))
    if warnings:
        page.get_by_label(re.compile("Jeg har sett gjennom advarsel")).check()
    page.get_by_role("button", name="Send inn").click()
    expect(page).to_have_url(re.compile(r"/innsendinger/[0-9a-f]{32}$"))
    expect(page.get_by_text(receipt)).to_be_visible()


def test_oslo_as_a_whole_submits_7b_and_12_and_staff_see_them(
    page: Page, new_context: Callable[..., BrowserContext], audit: Audit
) -> None:
    log_in(page, OSLO_REPORTER)
    form_step(page, "0301", "7B").get_by_role("link", name="Fyll ut skjemaet").click()
    expect(page).to_have_url(re.compile(r"/portal/0301/7B/2025/skjema$"))
    expect(page.locator("p.lead")).to_contain_text("Oslo samlet")

    # No costs to the crisis centre: a warning to look at, which does not keep the form back.
    fill(page, as_posted(FORM_7B) | {"KOSTNADER": "0"})
    costs = page.locator("#sporsmal-KOSTNADER")
    expect(costs.locator("#funn-KOSTNADER")).to_contain_text("oppgitt til 0 kr")
    expect(page.locator("#telling")).to_have_text("Ingen feil. 1 advarsel å se gjennom.")
    expect(costs).to_have_class(re.compile(r"\bhas-findings\b"))
    expect(costs).not_to_have_class(re.compile(r"\bhas-errors\b"))

    # Not in cooperation with other municipalities: how many is not asked.
    page.locator("[data-question=SAMARBEID]").get_by_label("Nei").check()
    expect(page.locator("#sporsmal-SAMARBEID_ANTALL")).to_be_hidden()
    audit(page, "skjema-7b-advarsel")
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    # The error list of a form speaks of the form and its questions, not of a file's lines.
    findings = page.locator("table.findings")
    expect(findings.locator("tbody tr")).to_have_count(1)
    expect(findings.get_by_role("columnheader", name="Spørsmål")).to_be_visible()
    expect(findings.get_by_role("columnheader", name="Linje")).to_have_count(0)
    expect(
        findings.get_by_role("cell", name=re.compile(r"^2 Kommunens totale kostnader"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Statistikk")).to_have_count(0)
    expect(page.get_by_label("Saksbehandler")).to_have_count(0)
    audit(page, "skjema-7b-feilliste")
    findings.get_by_role("link", name=re.compile(r"^2 Kommunens totale kostnader")).click()
    expect(page).to_have_url(
        re.compile(r"/portal/0301/7B/2025/skjema\?kontroll=1#sporsmal-KOSTNADER$")
    )
    expect(page.get_by_label(re.compile("^2 Kommunens totale kostnader"))).to_have_value("0")
    submit(page, "7B-2025-0301-v1", warnings=True)

    page.goto("/portal")
    expect(form_step(page, "0301", "7B").get_by_role("link", name="Se kvittering")).to_be_visible()
    form_step(page, "0301", "12").get_by_role("link", name="Fyll ut skjemaet").click()
    expect(page).to_have_url(re.compile(r"/portal/0301/12/2025/skjema$"))
    fill(page, as_posted(FORM_12))
    expect(page.locator("#telling")).to_have_text("Ingen feil eller advarsler.")

    # The couples' rate typed in the single persons' field: an error, marked red, at the question.
    page.get_by_label("Ektepar og samboere").fill("7000")
    couples = page.locator("#sporsmal-SATS_PAR")
    expect(couples.locator("#funn-SATS_PAR")).to_contain_text(
        "må være høyere enn satsen for enslige"
    )
    expect(couples).to_have_class(re.compile(r"\bhas-errors\b"))
    expect(page.locator("#telling")).to_have_text("1 feil må rettes før skjemaet kan sendes inn.")
    page.get_by_label("Ektepar og samboere").fill("12400")
    expect(couples).not_to_have_class(re.compile(r"\bhas-findings\b"))

    # No ceiling on housing costs: the ceiling is not asked.
    page.locator("[data-question=BOUTGIFT_GRENSE]").get_by_label("Nei").check()
    expect(page.locator("#sporsmal-BOUTGIFT_ENSLIG")).to_be_hidden()
    expect(page.locator("#telling")).to_have_text("Ingen feil eller advarsler.")
    audit(page, "skjema-12-utfylt")
    submit(page, "12-2025-0301-v1")

    staff = new_context().new_page()
    log_in(staff, STAFF)
    staff.get_by_label("Fylke").select_option(label="03 Oslo")
    staff.get_by_role("button", name="Vis").click()
    matrix = staff.locator("table.matrix")
    headers = [h.strip() for h in matrix.locator("thead th").all_inner_texts()]
    oslo = matrix.get_by_role("row").filter(
        has=staff.get_by_role("rowheader", name=re.compile(r"^0301 Oslo\b"))
    )
    cells = oslo.get_by_role("cell")
    for form, status in (("7B", "Godkjent med advarsler"), ("12", "Godkjent")):
        column = headers.index(form) - 1  # the unit is the row's header, not one of its cells
        expect(cells.nth(column).locator(".status")).to_have_text(status)
        expect(cells.nth(column)).to_contain_text("v1")
    audit(staff, "ssb-datainngang-nettskjema")
