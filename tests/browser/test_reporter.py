"""A municipality's reporter in a real browser: log in, open a form, upload an extract and work
through its error list (with htmx, and without JavaScript), submit and print the receipt, declare
"nothing to report" and withdraw it, log out.

Each test runs on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.conftest import REPORTER, Audit, fits_the_width, form_step, log_in, upload_file
from tests.web.conftest import PASSWORD, extract

CASEWORKER = "Tormod Ø"


def with_errors() -> bytes:
    """An extract of Gamle Oslo with errors and warnings, about the whole file and from two named
    case workers (DOL and Tormod Ø)."""
    return extract(records=100, errors=10, seed=1)


def with_warnings() -> bytes:
    """An extract of Gamle Oslo with two warnings and no errors."""
    return extract(records=40, errors=2, seed=31)


def severities(listing: Locator) -> Locator:
    """The severity badges of the findings shown."""
    return listing.locator("td.c-sev .sev")


def receipt_fact(page: Page, label: str) -> Locator:
    """The value of one labelled line of a receipt."""
    line = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return line.get_by_role("cell")


def test_log_in_and_open_a_form(page: Page, audit: Audit) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/innlogging$"))
    audit(page, "innlogging")

    log_in(page, REPORTER, "feil-passord")
    expect(page.get_by_role("alert")).to_have_text("Feil brukernavn eller passord.")
    expect(page.get_by_label("Brukernavn")).to_have_value(REPORTER)

    log_in(page, REPORTER)
    expect(page).to_have_url(re.compile(r"/portal$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine leveranser for 2025")
    expect(page.get_by_role("link", name="Mine leveranser")).to_be_visible()
    unit = page.get_by_role("region", name="030101 Gamle Oslo")
    expect(unit.locator(".status")).to_have_text(["Ikke mottatt"] * 3)  # 11F, 11CF and 7
    audit(page, "mine-leveranser")

    unit.get_by_role("link", name=re.compile(r"^Skjema 11F ")).click()
    expect(page).to_have_url(re.compile(r"/portal/030101/11F/2025$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Skjema 11F .*, 2025$"))
    expect(page.get_by_role("heading", name="Last opp filuttrekk")).to_be_visible()
    audit(page, "leveranse-11F")


def test_the_error_list_filters_in_place_and_without_javascript(
    page: Page, new_context: Callable[..., BrowserContext], tmp_path: Path, audit: Audit
) -> None:
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    address = upload_file(page, tmp_path, with_errors(), "med feil.txt")
    expect(
        page.get_by_role(
            "heading", name="Resultat: Filen kan ikke sendes inn før feilene er rettet"
        )
    ).to_be_visible()
    expect(page.get_by_role("button", name="Send inn")).to_have_count(0)
    audit(page, "feilliste")

    listing = page.locator("#funnliste")
    counted = listing.get_by_text(re.compile(r"^Viser \d+ av \d+ funn"))
    everything = counted.inner_text()
    expect(severities(listing).filter(has_text=re.compile("^Advarsel$"))).not_to_have_count(0)
    page.evaluate("() => { window.sameDocument = true; }")  # gone if the page reloads

    # Only errors: the list is swapped in place by htmx, and the address follows.
    with page.expect_response(lambda r: "alvorlighet=error" in r.url) as swapped:
        page.get_by_label("Feil", exact=True).check()
    assert swapped.value.request.headers.get("hx-request") == "true"
    expect(page).to_have_url(re.compile(r"\?alvorlighet=error&"))
    expect(severities(listing).filter(has_not_text=re.compile("^Feil$"))).to_have_count(0)
    expect(severities(listing)).not_to_have_count(0)
    expect(counted).not_to_have_text(everything)

    # Only warnings, of one case worker.
    page.get_by_label("Feil", exact=True).uncheck()
    page.get_by_label("Advarsel", exact=True).check()
    expect(page).to_have_url(re.compile(r"\?alvorlighet=warning&"))
    expect(severities(listing).filter(has_not_text=re.compile("^Advarsel$"))).to_have_count(0)
    page.get_by_label("Saksbehandler", exact=True).select_option(CASEWORKER)
    expect(page).to_have_url(re.compile(r"saksbehandler=(?!\*)"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["alvorlighet"] == ["warning"]
    assert query["saksbehandler"] == [CASEWORKER]
    workers = listing.locator("td.c-worker")
    expect(workers).not_to_have_count(0)
    expect(workers.filter(has_not_text=CASEWORKER)).to_have_count(0)
    expect(listing.get_by_role("link", name="Last ned utvalget som CSV")).to_be_visible()
    assert page.evaluate("() => window.sameDocument") is True

    # Back goes to the previous filter, with the whole page still there.
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?alvorlighet=warning&saksbehandler=\*&"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feilliste")
    expect(page.get_by_label("Saksbehandler", exact=True)).to_have_value("*")
    expect(listing.locator("td.c-worker").filter(has_not_text=CASEWORKER)).not_to_have_count(0)

    # When htmx's history cache cannot hold the page (a long list fills the tab's storage), it
    # asks the portal for the page, and the whole page comes back, not only the list.
    page.evaluate("() => { htmx.config.historyCacheSize = 0; }")
    with page.expect_response(lambda r: "hx-history-restore-request" in r.request.headers):
        page.go_back()
    expect(page).to_have_url(  # nothing ticked; the list's own order, not grouped
        re.compile(r"\?saksbehandler=\*&journal=&sorter=saksbehandler&grupper=ingen$")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feilliste")
    expect(page.get_by_role("button", name="Filtrer")).to_be_visible()
    expect(counted).to_have_text(everything)

    # Without JavaScript the same form is an ordinary GET.
    plain = new_context(java_script_enabled=False).new_page()
    log_in(plain, REPORTER)
    plain.goto(address)
    plain_listing = plain.locator("#funnliste")
    plain.get_by_label("Advarsel", exact=True).check()
    plain.get_by_label("Saksbehandler", exact=True).select_option(CASEWORKER)
    plain.get_by_role("button", name="Filtrer").click()
    expect(plain).to_have_url(re.compile(r"alvorlighet=warning"))
    query = parse_qs(urlsplit(plain.url).query)
    assert query["saksbehandler"] == [CASEWORKER]
    expect(severities(plain_listing).filter(has_not_text=re.compile("^Advarsel$"))).to_have_count(0)
    plain_workers = plain_listing.locator("td.c-worker")
    expect(plain_workers).not_to_have_count(0)
    expect(plain_workers.filter(has_not_text=CASEWORKER)).to_have_count(0)
    expect(plain.get_by_label("Advarsel", exact=True)).to_be_checked()


def test_submit_a_file_with_warnings_and_print_the_receipt(
    page: Page, tmp_path: Path, audit: Audit
) -> None:
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    data = with_warnings()
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    upload_file(page, tmp_path, data, "sosialhjelp 2025.txt")
    expect(page.get_by_role("heading", name="Resultat: Filen kan sendes inn")).to_be_visible()

    seen = page.get_by_label(re.compile(r"Jeg har sett gjennom de 2 advarslene"))
    assert seen.evaluate("box => box.validity.valueMissing") is True  # the browser asks first
    seen.check()
    audit(page, "feilliste-advarsler")
    page.get_by_role("button", name="Send inn").click()

    expect(page).to_have_url(re.compile(r"/innsendinger/[0-9a-f]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for innsending")
    expect(receipt_fact(page, "Kvitteringsnummer")).to_have_text("11F-2025-030101-v1")
    expect(receipt_fact(page, "SHA-256")).to_have_text(hashlib.sha256(data).hexdigest())
    expect(receipt_fact(page, "Fil")).to_have_text("sosialhjelp 2025.txt")
    expect(receipt_fact(page, "Advarsler bekreftet")).to_have_text("2")
    expect(receipt_fact(page, "Levert etter fristen")).to_have_text("Nei")
    audit(page, "kvittering")

    page.get_by_role("button", name="Skriv ut kvitteringen").click()
    page.wait_for_function("() => window.printed === 1")

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    expect(page.get_by_role("button", name="Logg ut")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut kvitteringen")).to_be_hidden()
    expect(page.get_by_role("heading", name="Kvittering for innsending")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert 1 <= len(pages) <= 2
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(sizes) == len(pages)
    for width, height in sizes:  # A4 is 210 × 297 mm: 595 × 842 points
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2
    (tmp_path / "kvittering.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")

    page.get_by_role("link", name=re.compile("030101 Gamle Oslo: skjema 11F 2025")).click()
    expect(page.locator("p.lead .status")).to_have_text("Godkjent med advarsler")


def test_declare_nothing_to_report_and_withdraw_it(page: Page, audit: Audit) -> None:
    log_in(page, REPORTER)
    form_step(page, "030101", "11CF").get_by_role("link", name=re.compile(r"^Skjema 11CF ")).click()
    expect(page).to_have_url(re.compile(r"/portal/030101/11CF/2025$"))
    status = page.locator("p.lead .status")
    expect(status).to_have_text("Ikke mottatt")

    page.get_by_role("checkbox", name=re.compile("Jeg bekrefter")).check()

    page.get_by_role("button", name="Vi har ingen å rapportere for 2025").click()
    expect(status).to_have_text("Ingen å rapportere")
    expect(page.get_by_text(re.compile(r"at enheten ikke har deltakere i 2025"))).to_be_visible()
    declarations = page.get_by_role("region", name="Erklæringer om ingen å rapportere")
    expect(declarations.get_by_role("cell", name="Står ved lag")).to_be_visible()
    audit(page, "leveranse-11CF-erklart")

    page.get_by_role("button", name="Trekk erklæringen").click()
    expect(status).to_have_text("Ikke mottatt")
    expect(page.get_by_role("button", name="Vi har ingen å rapportere for 2025")).to_be_visible()
    expect(declarations.get_by_role("cell", name="Trukket av enheten")).to_be_visible()


def test_logging_out_ends_the_session(page: Page) -> None:
    log_in(page, REPORTER)
    form_step(page, "030101", "11F").get_by_role("link", name=re.compile(r"^Skjema 11F ")).click()
    expect(page).to_have_url(re.compile(r"/portal/030101/11F/2025$"))

    page.get_by_role("button", name="Logg ut").click()
    expect(page).to_have_url(re.compile(r"/innlogging$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")
    expect(page.get_by_role("button", name="Logg ut")).to_have_count(0)

    page.go_back()  # the page is not kept (no-store): it is asked for again, and refused
    expect(page).to_have_url(re.compile(r"/innlogging\?neste=%2Fportal%2F030101%2F11F%2F2025$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")

    # Logging in again there leads back to the page that was asked for.
    page.get_by_label("Brukernavn").fill(REPORTER)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(re.compile(r"/portal/030101/11F/2025$"))


PHONE = {"width": 390, "height": 844}


def test_the_overview_leads_with_the_next_step_at_desktop_and_phone_width(
    page: Page, new_context: Callable[..., BrowserContext], tmp_path: Path, audit: Audit
) -> None:
    log_in(page, REPORTER)
    expect(page.locator("p.deadline-all")).to_have_text(
        re.compile(r"^Frist \d+\. \w+ 2026 – om 10 dager$")
    )
    step = form_step(page, "030101", "11F")
    expect(step.locator(".step-sentence")).to_have_text("Ikke levert ennå.")
    expect(
        form_step(page, "030101", "7").get_by_role("link", name="Fyll ut skjemaet")
    ).to_be_visible()
    assert fits_the_width(page)

    step.get_by_role("link", name="Last opp uttrekk").click()
    expect(page).to_have_url(re.compile(r"/portal/030101/11F/2025#last-opp$"))
    address = upload_file(page, tmp_path, with_errors(), "med feil.txt")
    page.goto("/portal")
    expect(step.locator(".step-sentence")).to_have_text(
        re.compile(r"^Siste opplasting har \d+ feil som må rettes\.$")
    )
    to_list = step.get_by_role("link", name=re.compile(r"^Se feillisten \(\d+ feil\)$"))
    expect(to_list).to_have_attribute("href", urlsplit(address).path)
    audit(page, "mine-leveranser-neste-steg")

    phone = new_context(viewport=PHONE).new_page()
    log_in(phone, REPORTER)
    expect(
        form_step(phone, "030101", "11F").get_by_role("link", name=re.compile("^Se feillisten"))
    ).to_be_visible()
    assert fits_the_width(phone)
    audit(phone, "mine-leveranser-mobil")


def test_the_compact_error_list_sorts_groups_and_fits_a_phone(
    page: Page, new_context: Callable[..., BrowserContext], tmp_path: Path, audit: Audit
) -> None:
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    address = upload_file(page, tmp_path, with_errors(), "med feil.txt")
    listing = page.locator("#funnliste")
    expect(listing.locator("table.findings")).to_have_count(1)
    expect(listing.locator("table.findings thead th")).to_have_text(
        ["Alvorlighet", "Kontroll", "Linje", "Saksbehandler", "Journalnummer", "Melding"]
    )
    assert fits_the_width(page)

    # A column heading sorts by its column.
    listing.get_by_role("link", name="Linje", exact=True).click()
    expect(page).to_have_url(re.compile(r"sorter=linje"))
    firsts = listing.locator("td.c-lines").all_inner_texts()
    numbers = [int(re.split(r"[,–]", text)[0]) for text in firsts if text != "–"]
    assert numbers == sorted(numbers)
    expect(listing.locator('th[aria-sort="ascending"]')).to_have_text("Linje")

    # Grouped by case worker: headings in the one table, swapped in place.
    page.get_by_label("Grupper etter").select_option("saksbehandler")
    expect(page).to_have_url(re.compile(r"grupper=saksbehandler"))
    expect(listing.locator("table.findings")).to_have_count(1)
    expect(listing.locator("tr.group").first).to_have_text(re.compile(r"^Hele filen \(\d+ funn\)$"))
    expect(listing.locator("tr.group", has_text=f"Saksbehandler: {CASEWORKER}")).to_have_count(1)

    # Each finding says how to correct it, folded until asked for.
    advice = listing.locator("details.fix").first
    expect(advice.locator("p")).to_be_hidden()
    advice.locator("summary").click()
    expect(advice.locator("p")).to_be_visible()
    expect(listing.locator("small.field-ref").first).to_contain_text("posisjon")
    audit(page, "feilliste-kompakt")

    phone = new_context(viewport=PHONE).new_page()
    log_in(phone, REPORTER)
    phone.goto(address)
    expect(phone.locator("table.findings")).to_have_count(1)
    assert fits_the_width(phone)
    phone.goto(address + "?grupper=journal&sorter=alvorlighet")
    expect(phone.locator("tr.group").first).to_be_visible()
    assert fits_the_width(phone)
    audit(phone, "feilliste-mobil")
