"""SSB's staff in a real browser: the intake matrix, who was missing at a date, reminders, a
correction opened from the revision list, and a release of final figures prepared by one member
of staff and confirmed by another.

The deadlines of 2025 have passed (`window_phase` "late"), so units that have not delivered are
late; Gamle Oslo's reporter has declared "nothing to report" for 11CF, and nothing for 11F. Runs
on SQLite and on PostgreSQL, against the real server (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kostra.intake.access import Role
from kostra.services.targets import units_of
from kostra.store import Database, accounts, followup
from kostra.store.models import Declaration
from kostra.text import local, long_date, now
from tests.browser.conftest import REPORTER, STAFF, Audit, LiveSite, log_in, upload_file
from tests.production import worked
from tests.store.test_releases import deliver_answers
from tests.web.conftest import PASSWORD

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
    section.get_by_role("button", name="Forhåndsvis purring til valgte").click()

    # The text as it will be sent, before anything is sent.
    expect(page).to_have_url(re.compile(r"/ssb/purringer/forhandsvisning$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Forhåndsvis purringer for skjema 11F 2025"
    )
    draft = page.get_by_role("region", name="030101 Gamle Oslo")
    expect(draft.locator("pre")).to_contain_text("Til Gamle Oslo (030101)")
    expect(draft.locator("pre")).to_contain_text("Purring: skjema 11F")
    audit(page, "ssb-purringer-forhandsvisning")
    page.get_by_role("button", name="Send 1 purring").click()

    expect(page).to_have_url(re.compile(r"/ssb/purringer$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Purringer for skjema 11F 2025")
    results = page.locator("table.history tbody tr")
    expect(results).to_have_count(1)
    expect(results.get_by_role("rowheader")).to_have_text("030101 Gamle Oslo")
    expect(results.get_by_role("cell")).to_have_text(re.compile(r"^Registrert"))
    audit(page, "ssb-purringer-sendt")

    page.get_by_role("link", name="Tilbake til purringer").click()
    sent = page.get_by_role("region", name="Sendte purringer (1)")
    row = sent.get_by_role("row", name=re.compile(r"030101 11F Siri Statistiker"))
    expect(row).to_be_visible()
    expect(row.locator(".reminder-outcome")).to_have_text("Fortsatt utestående: forsinket")


def test_final_figures_are_prepared_previewed_and_confirmed_by_a_second_person(
    page: Page, audit: Audit, live_site: LiveSite
) -> None:
    with live_site.db.write() as session:
        accounts.add_user(
            session, username="per", name="Per Kontroll", role=Role.STAFF, scopes=[], at=now(),
            email="per@ssb.example", password=PASSWORD,
        )  # fmt: skip
        staff = accounts.find_user(session, STAFF)
        assert staff is not None
        who = accounts.principal(session, staff)
    deliver_answers(live_site.db, who)  # the worked answers to skjema 7, 7B and 12

    log_in(page, STAFF)
    page.get_by_role("link", name="Publisering").click()
    page.get_by_label("Endelige tall (15. juni 2026)").check()
    page.get_by_role("button", name="Forbered publisering").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("endelige tall for 2025")
    state = page.get_by_role("status")
    expect(state).to_have_text("Under forberedelse: venter på godkjenning")
    # The preview: what is missing and estimated, suppressed, and against last year.
    expect(page.get_by_role("heading", name="Hva den bygger på (2025)")).to_be_visible()
    missing = page.locator("details").filter(
        has=page.get_by_text(re.compile(r"^Skjema 7: \d+ enheter mangler og er anslått$"))
    )
    missing.get_by_text(re.compile("^Skjema 7:")).click()
    expect(missing).to_contain_text("030103 Sagene")
    expect(missing).not_to_contain_text("030101 Gamle Oslo")  # delivered
    expect(page.get_by_role("heading", name=re.compile("^Prikket"))).to_be_visible()
    expect(page.get_by_role("heading", name="Landet: 2025 mot 2024")).to_be_visible()
    expect(page.get_by_text("Du forberedte denne publiseringen.")).to_be_visible()
    expect(page.get_by_role("button", name="Godkjenn tallene")).to_have_count(0)
    audit(page, "publisering-forhandsvisning")
    preview = page.url
    page.get_by_role("button", name="Logg ut").click()
    page.goto("/statistikk")
    expect(page.get_by_text("Ingen tall er publisert ennå.")).to_be_visible()

    log_in(page, "per")
    page.goto(preview)
    expect(page.get_by_text("(forberedt av Siri Statistiker)")).to_be_visible()
    page.get_by_role("button", name="Godkjenn tallene").click()
    expect(state).to_have_text("Godkjent: tidspunkt for publisering er ikke satt")
    expect(page.get_by_label("Dag for publisering")).to_have_value("")  # 15 June 2026 has passed
    expect(page.get_by_label("Klokkeslett (norsk tid)")).to_have_value("08:00")
    embargo = local(now()).date() + timedelta(days=30)
    page.get_by_label("Dag for publisering").fill(embargo.isoformat())
    page.get_by_role("button", name="Sett tidspunkt").click()
    expect(state).to_have_text(f"Planlagt publisert {long_date(embargo)} kl. 08:00")
    expect(page.get_by_role("button", name="Flytt tidspunktet")).to_be_visible()
    page.get_by_role("button", name="Publiser nå").click()
    expect(state).to_have_text(re.compile(r"^Publisert \d+\. \w+ \d{4} kl\. \d\d:\d\d$"))
    expect(page.get_by_text(re.compile(r"^Godkjent .* av Per Kontroll\.$"))).to_be_visible()
    audit(page, "publisering-publisert")
    page.get_by_role("link", name="Se den offentlige siden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(": sosialtjenesten")
    expect(page.get_by_text(re.compile("^Endelige tall for 2025, publisert"))).to_be_visible()


def submit_the_worked_example(page: Page, folder: Path) -> None:
    """As Gamle Oslo's reporter: submit the worked example (tests/production/worked.py), whose
    line 2 has BIDRAG 20 000 against 9 000 by month (a K036 warning)."""
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    data = "".join(line + "\n" for line in worked.GAMLE_OSLO).encode("utf-8")
    upload_file(page, folder, data, "sosialhjelp 2025.txt")
    page.get_by_label(re.compile(r"Jeg har sett gjennom de 4 advarslene")).check()
    page.get_by_role("button", name="Send inn").click()
    expect(page).to_have_url(re.compile(r"/innsendinger/[0-9a-f]+$"))


def test_staff_correct_a_value_from_the_revision_list(
    page: Page, new_context: Callable[..., BrowserContext], audit: Audit, tmp_path: Path
) -> None:
    submit_the_worked_example(new_context().new_page(), tmp_path)

    log_in(page, STAFF)
    page.goto("/ssb/produksjon?aar=2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Revisjon 2025: mot fjoråret")
    page.get_by_label("Fylke").select_option(label="03 Oslo")
    page.get_by_role("button", name="Vis", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"fylke=03"))
    audit(page, "ssb-revisjon")
    page.get_by_role("link", name="Funn og rettelser for 030101 skjema 11F").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "030101 Gamle Oslo, skjema 11F 2025: versjon 1"
    )
    findings = page.get_by_role("region", name=re.compile(r"^Funn i innsendt versjon"))
    findings.get_by_role("row", name=re.compile(r"^2 K036")).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"linje=2&felt=BIDRAG"))
    expect(page.locator("tr.chosen code")).to_have_text("BIDRAG")  # the field, highlighted
    expect(page.get_by_label("Felt", exact=True)).to_have_value("BIDRAG")
    expect(page.get_by_label("Ny verdi")).to_have_value("20000")
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth")
    record = page.url

    # Letters in an integer field are refused, said beside the field.
    page.get_by_label("Ny verdi").fill("20 000 kr")
    page.get_by_role("button", name="Kontroller rettelsen").click()
    expect(page.get_by_role("alert")).to_contain_text("heltallsfelt")

    # 9 000, as the months add up to: the K036 warning would go away.
    page.get_by_label("Ny verdi").fill("9000")
    page.get_by_role("button", name="Kontroller rettelsen").click()
    check = page.get_by_role("region", name=re.compile(r"^Kontroll av rettelsen"))
    expect(check).to_contain_text("Rettelsen gir ingen nye feil eller advarsler.")
    expect(check.locator("ul.findings-gone li")).to_contain_text(["K036"])
    audit(page, "ssb-rettelse-kontroll")

    # On line 1 (9 000 = 4 500 + 4 500), 3 000 would cause the warning: shown, then confirmed.
    page.get_by_label("Gå til post på linje").fill("1")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.get_by_role("link", name="Rett BIDRAG", exact=True).click()
    page.get_by_label("Ny verdi").fill("3000")
    page.get_by_label("Begrunnelse", exact=True).fill("Bydelen bekrefter 3 000 kr")
    page.get_by_role("button", name="Lagre rettelsen").click()
    check = page.get_by_role("region", name=re.compile(r"^Kontroll av rettelsen"))
    expect(check.get_by_role("alert")).to_have_text(re.compile(r"Rettelsen gir 1 nytt funn"))
    expect(check.locator("ul.findings-new li")).to_contain_text(
        ["K036 Bidrag per måned og for året: Summen av bidrag per måned er 9"]
    )
    audit(page, "ssb-rettelse-bekreft")
    expect(page.get_by_label("Begrunnelse for rettelsen")).to_have_value(
        "Bydelen bekrefter 3 000 kr"
    )
    check.get_by_role("button", name="Lagre likevel").click()

    expect(page.get_by_role("status")).to_have_text("Rettelsen er lagret på linje 1.")
    trail = page.get_by_role("region", name="Rettelser (1)")
    expect(
        trail.get_by_role("row", name=re.compile(r"Siri Statistiker 1 BIDRAG 9000 3000"))
    ).to_be_visible()
    audit(page, "ssb-rettelse-lagret")

    # On a phone, the correction form fits the screen.
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(phone, STAFF)
    phone.goto(record)
    form = phone.locator("form.correction")
    expect(form.get_by_label("Felt", exact=True)).to_have_value("BIDRAG")
    box = form.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    for name in ("Felt", "Ny verdi", "Begrunnelse"):
        field = form.get_by_label(name, exact=True).bounding_box()
        assert field is not None and field["x"] + field["width"] <= 390, name
    audit(phone, "ssb-rettelse-mobil")


def _busy_intake(db: Database) -> None:
    """Every unit reminded twice of 11F, and a fifth of them declared late "nothing to report"
    for 11CF: cells with as much in them as on deadline day."""
    at = now()
    with db.write() as session:
        staff = accounts.find_user(session, STAFF)
        assert staff is not None
        for n, unit in enumerate(units_of(2025)):
            for _ in range(2):
                followup.add_reminder(
                    session, unit=unit.code, form="11F", year=2025, sent_by=staff.id, at=at,
                    recipients=[], delivery="recorded", detail=None,
                )  # fmt: skip
            if n % 5 == 0 and unit.code != "0301":
                session.add(Declaration(
                    unit=unit.code, form="11CF", year=2025, declared_by=staff.id,
                    declared_at=at, late=True,
                ))  # fmt: skip


NO_SIDEWAYS_SCROLL = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def test_the_intake_matrix_fits_a_laptop_screen_and_pages(
    new_context: Callable[..., BrowserContext], live_site: LiveSite, audit: Audit
) -> None:
    _busy_intake(live_site.db)
    page = new_context(viewport={"width": 1366, "height": 768}).new_page()
    log_in(page, STAFF)
    expect(page.get_by_role("heading", level=1)).to_have_text("Datainngang 2025")
    total = len(units_of(2025))
    expect(page.get_by_role("heading", name=f"Enheter ({total})")).to_be_visible()
    rows = page.locator("table.matrix tbody tr")
    expect(rows).to_have_count(50)
    expect(rows.first.locator(".cell-facts").first).to_contain_text("2 purr.")
    scroll_width, viewport = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert scroll_width <= viewport == 1366
    audit(page, "ssb-datainngang-1366")

    # The next page; then a form and a status, whose pages keep them; then a county.
    page.get_by_role("link", name="Neste side").click()
    expect(page).to_have_url(re.compile(r"side=2"))
    expect(page.get_by_text(f"Viser 51–100 av {total}, side 2 av")).to_be_visible()
    page.get_by_label("Skjema", exact=True).select_option("11F")
    page.get_by_role("checkbox", name="Forsinket").check()
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"skjema=11F&fylke=&status=late$"))
    page.get_by_role("link", name="Neste side").click()
    expect(page).to_have_url(re.compile(r"skjema=11F&status=late&side=2$"))
    expect(page.get_by_label("Skjema", exact=True)).to_have_value("11F")
    expect(page.get_by_role("checkbox", name="Forsinket")).to_be_checked()
    expect(rows).to_have_count(50)
    page.get_by_label("Fylke").select_option(label="46 Vestland")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"skjema=11F&fylke=46&status=late$"))
    expect(rows.first.get_by_role("rowheader")).to_have_text(re.compile(r"^46\d\d "))
    expect(page.get_by_role("navigation", name="Sider i listen over enheter")).to_have_count(0)
    scroll_width, viewport = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert scroll_width <= viewport
