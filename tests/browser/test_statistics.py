"""Publishing and the public statistics in a real browser: staff prepare, confirm and publish
the preliminary figures (with the web forms' worked answers), anyone finds a region by typing its
name (with the keyboard, or without script through the page of results) and reads its page with
its charts, and the fact sheet prints on one or two A4 pages. On a phone (390 px) no page is
wider than the screen: tables scroll in their own box with the first column in view, and the
charts' text stays readable (the `page` fixture fails on a console error, a CSP violation or a
foreign request)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kostra.publish.release import Stage
from kostra.store import accounts, releases
from kostra.text import now
from tests.browser.conftest import REPORTER, STAFF, Audit, LiveSite, log_in
from tests.store.test_releases import deliver_answers

PHONE = {"width": 390, "height": 844}


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
    page.get_by_label("Finn kommune, bydel, fylke eller KOSTRA-gruppe").fill("4601")
    page.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(re.compile(r"/statistikk/4601"))
    # Each chart is drawn wide and narrow; until the style sheet has loaded, both are shown.
    page.wait_for_load_state("load")
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


@pytest.fixture
def published(live_site: LiveSite) -> LiveSite:
    """The web forms' worked answers (Bergen's among them) published as preliminary figures."""
    with live_site.db.read() as session:
        staff = accounts.find_user(session, STAFF)
        assert staff is not None
        who = accounts.principal(session, staff)
    deliver_answers(live_site.db, who)
    releases.publish(live_site.db, 2025, Stage.PRELIMINARY, by=who.user_id, at=now(),
                     key=b"nettlesertest", max_n=0)  # fmt: skip
    return live_site


def test_typing_bergen_and_choosing_with_the_keyboard(
    page: Page, audit: Audit, published: LiveSite
) -> None:
    page.goto("/statistikk")
    field = page.get_by_role("combobox", name="Finn kommune, bydel, fylke eller KOSTRA-gruppe")
    field.press_sequentially("Berg", delay=40)
    expect(field).to_have_attribute("aria-expanded", "true")
    suggestions = page.get_by_role("listbox", name="Forslag").get_by_role("option")
    expect(suggestions.first).to_contain_text("Bergen")
    expect(suggestions.first).to_contain_text("Kommune 4601")
    field.press_sequentially("en", delay=40)
    expect(suggestions).to_have_count(1)
    audit(page, "forslag-bergen")
    field.press("ArrowDown")
    expect(suggestions.first).to_have_attribute("aria-selected", "true")
    option_id = suggestions.first.get_attribute("id")
    expect(field).to_have_attribute("aria-activedescendant", option_id or "")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/statistikk/4601\?aar=2025$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("4601 Bergen: sosialtjenesten")

    # Oslo: the municipality first, then the county and the districts; Escape closes the list.
    field = page.get_by_role("combobox", name="Finn kommune, bydel, fylke eller KOSTRA-gruppe")
    field.press_sequentially("oslo", delay=40)
    expect(suggestions.first).to_contain_text("Oslo")
    expect(suggestions.first).to_contain_text("Kommune 0301")
    expect(suggestions.filter(has_text="Gamle Oslo")).to_have_count(1)
    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox", name="Forslag")).to_be_hidden()
    field.press("ArrowDown")  # opens it again
    field.press("ArrowDown")
    field.press("ArrowDown")
    field.press("ArrowUp")
    expect(suggestions.first).to_have_attribute("aria-selected", "true")
    suggestions.filter(has_text="Gamle Oslo").click()
    expect(page).to_have_url(re.compile(r"/statistikk/030101"))


def test_finding_a_region_without_javascript(
    new_context: Callable[..., BrowserContext], audit: Audit, published: LiveSite
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/statistikk")
    field = page.get_by_label("Finn kommune, bydel, fylke eller KOSTRA-gruppe")
    expect(field).not_to_have_attribute("role", "combobox")
    field.fill("sand")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/statistikk/sok\?q=sand"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Regioner som passer til «sand»")
    results = page.locator("ul.search-results a")
    expect(results.first).to_have_text("Sande")
    audit(page, "sok-sand")
    page.get_by_role("link", name="Sandnes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1108 Sandnes: sosialtjenesten")
    page.get_by_label("Finn kommune, bydel, fylke eller KOSTRA-gruppe").fill("Bergen")
    page.get_by_role("button", name="Søk").click()  # one region is called so: opened at once
    expect(page.get_by_role("heading", level=1)).to_have_text("4601 Bergen: sosialtjenesten")


# How wide the page is, and the window (a page wider than the window scrolls sideways).
_FITS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# The smallest text of the charts shown, in CSS pixels as drawn: its font size times the scale
# the SVG is drawn at (its width on the page over its viewBox's).
_SMALLEST_CHART_TEXT = """
() => {
  const sizes = [...document.querySelectorAll("svg.kostra-chart")]
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .flatMap((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll("text")].map(
        (text) => parseFloat(getComputedStyle(text).fontSize) * scale);
    });
  return sizes.length ? Math.min(...sizes) : null;
}
"""
# The texts of the charts shown that run out of their chart (none should).
_CUT_TEXT = """
() => [...document.querySelectorAll("svg.kostra-chart")]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .flatMap((svg) => {
    const chart = svg.getBoundingClientRect();
    return [...svg.querySelectorAll("text")]
      .filter((text) => {
        const box = text.getBoundingClientRect();
        return box.left < chart.left || box.right > chart.right;
      })
      .map((text) => text.textContent);
  })
"""
# The first box of figures: scrolled sideways, where its first column and its last cell are.
_SCROLLED = """
() => {
  const box = document.querySelector(".table-scroll");
  const before = box.querySelector("tbody th[scope=row]").getBoundingClientRect().left;
  box.scrollLeft = box.scrollWidth;
  const after = box.querySelector("tbody th[scope=row]").getBoundingClientRect().left;
  return {scrolls: box.scrollWidth > box.clientWidth, scrolled: box.scrollLeft > 0,
          boxLeft: box.getBoundingClientRect().left, before, after,
          tabindex: box.getAttribute("tabindex"), label: box.getAttribute("aria-label")};
}
"""


@pytest.mark.parametrize(
    "address",
    ["/statistikk", "/statistikk/4601", "/statistikk/faktaark/4601", "/statistikk/030101"],
)
def test_the_public_pages_fit_a_phone(
    new_context: Callable[..., BrowserContext], audit: Audit, published: LiveSite, address: str
) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit(page, "mobil-" + address.strip("/").replace("/", "-"))
    width, screen = page.evaluate(_FITS)
    assert width <= screen == PHONE["width"], f"{address} is {width} px wide on {screen} px"
    if address == "/statistikk":
        return
    table = page.evaluate(_SCROLLED)
    assert table["scrolls"] and table["scrolled"], table
    assert table["tabindex"] == "0" and table["label"], table
    assert abs(table["after"] - table["boxLeft"]) < 1  # the first column stays
    assert abs(table["before"] - table["after"]) < 1
    smallest = page.evaluate(_SMALLEST_CHART_TEXT)
    assert smallest is not None and smallest >= 11, smallest
    assert page.evaluate(_CUT_TEXT) == []
    chart = page.locator(".chart-narrow svg").first
    expect(chart).to_be_visible()
    expect(page.locator(".chart-wide svg").first).to_be_hidden()
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_charts_are_drawn_wide_on_a_desktop(page: Page, published: LiveSite) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/statistikk/4601")
    expect(page.locator(".chart-wide svg").first).to_be_visible()
    expect(page.locator(".chart-narrow svg").first).to_be_hidden()
    for address in ("/statistikk/4601", "/statistikk/faktaark/4601"):  # the sheet's in a grid
        page.goto(address)
        smallest = page.evaluate(_SMALLEST_CHART_TEXT)
        assert smallest is not None and smallest >= 11, (address, smallest)
        assert page.evaluate(_CUT_TEXT) == []
        width, screen = page.evaluate(_FITS)
        assert width <= screen


def test_the_reporter_s_pages_fit_a_phone(
    new_context: Callable[..., BrowserContext], audit: Audit
) -> None:
    page = new_context(viewport=PHONE).new_page()
    log_in(page, REPORTER)

    def fits(name: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit(page, name)
        width, screen = page.evaluate(_FITS)
        assert width <= screen == PHONE["width"], f"{page.url} is {width} px wide on {screen} px"

    page.goto("/portal")
    fits("mobil-oversikt")  # a card per form, one under the other
    page.goto("/portal/030101/11F/2025")
    fits("mobil-leveranse-11F")
    page.goto("/portal/030101/7/2025/skjema")
    fits("mobil-skjema-7")
    page.get_by_role("button", name="Kontroller og gå til innsending").click()
    expect(page).to_have_url(re.compile(r"/opplastinger/"))
    fits("mobil-skjema-7-kontrollert")
