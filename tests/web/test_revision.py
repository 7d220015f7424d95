"""The revision list (staff): every accepted extract against last year, flagged with the thresholds
of the comparison at upload, the flagged first by the size of their change, filtered by form,
county and status, 50 rows a page. The deliveries are laid straight into the store with their
totals, as checking would have stored them."""

from __future__ import annotations

import html
import json
import re

import pytest

from kostra.catalog import load
from kostra.controls import Context
from kostra.controls.webform import check
from kostra.intake import comparison
from kostra.intake.access import Role
from kostra.production.year import units_of
from kostra.records.answers import to_bytes
from kostra.registry import ReportingUnit
from kostra.services.revision import PAGE_ROWS
from kostra.store import accounts, deliveries
from kostra.text import now
from tests.production import worked_forms
from tests.web.conftest import Site

YEAR = 2025
SAME = {"recipients": 200, "paid": 5_000_000, "months": 1_000}
# unit → (this year, last year); None: no delivery last year
SPECIAL: dict[str, tuple[dict[str, int], dict[str, int] | None]] = {
    # 1 → 1 recipients, but 10 000 kr → 120 000 kr: more than 30 % and more than 100 000 kr
    "4601": ({"recipients": 1, "paid": 120_000, "months": 2}, {"recipients": 1, "paid": 10_000, "months": 2}),
    # 1 000 → 1 500 recipients: large both ways, and the largest change counted in floors
    "030101": ({"recipients": 1500, "paid": 5_000_000, "months": 1000}, SAME),
    # 1 → 8 recipients (700 %), 2 000 → 20 000 kr, 3 → 12 months: large shares, every change
    # under its floor (10 persons, 100 000 kr, 30 months), so nothing is flagged
    "1101": ({"recipients": 8, "paid": 20_000, "months": 12}, {"recipients": 1, "paid": 2_000, "months": 3}),
    # 25 % more recipients: under the share
    "030102": ({"recipients": 250, "paid": 5_000_000, "months": 1000}, SAME),
    "030103": (SAME, None),
}  # fmt: skip


@pytest.fixture
def revised(site: Site) -> Site:
    """70 units' accepted 11F: the `SPECIAL` ones, and the rest unchanged since last year."""
    units = [u.code for u in units_of("11F", YEAR)]
    chosen = list(SPECIAL) + [u for u in units if u not in SPECIAL][: 70 - len(SPECIAL)]
    site.add_user("system", Role.VENDOR, tuple(sorted({u[:4] for u in chosen})))
    site.add_user("siri", Role.STAFF, ())
    with site.db.write() as session:
        user = accounts.find_user(session, "system")
        assert user is not None
        who = accounts.principal(session, user)
        for code in chosen:
            this, last = SPECIAL.get(code, (SAME, SAME))
            upload = deliveries.add_upload(
                session, unit=code, form="11F", year=YEAR, data=code.encode(),
                file_name="uttrekk.txt", user_id=who.user_id, at=now(), channel="api",
            )  # fmt: skip
            upload.state, upload.checked_at, upload.outcome = "checked", now(), "ok"
            upload.records, upload.errors, upload.warnings = this["recipients"], 0, 0
            upload.totals = json.dumps(this)
            upload.last_year = json.dumps(last) if last is not None else None
            session.flush()
            deliveries.add_submission(session, upload, who, now(), late=False)
    site.login("siri")
    return site


def units_listed(page: str) -> list[str]:
    return re.findall(r'<th scope="row" rowspan="\d+"><a href="/ssb/enheter/(\d+)\?', page)


def flags(page: str, unit: str) -> list[str]:
    row = page.split(f'href="/ssb/enheter/{unit}?')[1].split('<th scope="row"')[0]
    return re.findall(r'<span class="flag">([^<]*)</span>', row)


def test_flagged_first_by_size_with_the_measure_named(revised: Site) -> None:
    page = revised.client.get("/ssb/produksjon", params={"aar": YEAR}).text
    listed = units_listed(page)
    assert len(listed) == PAGE_ROWS
    assert listed[:2] == ["030101", "4601"]  # flagged, the largest change first
    assert listed[2:4] == ["030102", "1101"]  # then the others, by the size of their change
    assert "030103" not in listed  # without last year: last of all (on the next page)
    assert flags(page, "030101") == ["Antall mottakere"]
    assert flags(page, "4601") == ["Utbetalt stønad (bidrag + lån)"]
    assert flags(page, "1101") == [] and flags(page, "030102") == []
    assert "70 godkjente leveranser; 2 flagget (11F: 2)." in page


def test_flagged_as_the_upload_warns(revised: Site) -> None:
    """The list flags exactly the totals the comparison at upload warns about (one definition)."""
    form = load("11F", YEAR)
    page = revised.client.get("/ssb/produksjon", params={"aar": YEAR}).text
    for unit, (this, last) in SPECIAL.items():
        if unit not in units_listed(page):
            continue
        ctx = Context(form=form, municipality=unit[:4], district=unit[4:] or None)
        warned = {f.message.split(":")[0] for f in comparison.compare(this, last, ctx)}
        assert set(flags(page, unit)) == warned, unit


def test_filtered_by_status_form_and_county(revised: Site) -> None:
    flagged = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "status": "flagget"})
    assert units_listed(flagged.text) == ["030101", "4601"]
    assert "Viser 2 av 2 leveranser." in flagged.text
    vestland = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "fylke": "46"}).text
    assert units_listed(vestland)[0] == "4601"
    assert all(u.startswith("46") for u in units_listed(vestland))
    none = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "skjema": "11CF"}).text
    assert "Ingen leveranser passer til utvalget." in none
    without = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "status": "uten-fjor"})
    assert units_listed(without.text) == ["030103"]
    odd = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "status": "tull"})
    assert odd.status_code == 200 and len(units_listed(odd.text)) == PAGE_ROWS


def test_paged_with_links_keeping_the_filters(revised: Site) -> None:
    first = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "skjema": "11F"}).text
    assert "Viser 50 av 70 leveranser, side 1 av 2." in first
    following = re.search(r'<a href="([^"]+)">Neste side</a>', first)
    assert following is not None
    link = html.unescape(following.group(1))
    assert "skjema=11F" in link and "aar=2025" in link and "side=2" in link
    second = revised.client.get(link).text
    assert "Viser 20 av 70 leveranser, side 2 av 2." in second
    assert units_listed(second)[-1] == "030103"
    assert "Forrige side" in second and "Neste side" not in second
    beyond = revised.client.get("/ssb/produksjon", params={"aar": YEAR, "side": 9}).text
    assert "side 2 av 2" in beyond  # a page past the end shows the last


def test_staff_only(revised: Site) -> None:
    revised.logout()
    revised.login("kari")
    assert revised.client.get("/ssb/produksjon", params={"aar": YEAR}).status_code == 403


def test_a_web_form_is_flagged_as_its_check_warns(site: Site) -> None:
    """Bergen's skjema 7: 400 cases of financial counselling against 200 last year (more than 30 %
    and more than 20), 4 counsellors against 3,5 (under the floor of 1): one answer flagged, as
    the form's own check warns at upload (its -FJOR warning)."""
    answers = worked_forms.ANSWERS["7"]["4601"]
    last = {**answers, "OKRAD_SAKER": 200, "OKRAD_ARSVERK": 3.5}
    site.add_user("system", Role.VENDOR, ("4601",))
    site.add_user("siri", Role.STAFF, ())
    with site.db.write() as session:
        user = accounts.find_user(session, "system")
        assert user is not None
        who = accounts.principal(session, user)
        upload = deliveries.add_upload(
            session, unit="4601", form="7", year=YEAR, data=to_bytes(answers),
            file_name=None, user_id=who.user_id, at=now(), channel="api",
        )  # fmt: skip
        upload.state, upload.checked_at, upload.outcome = "checked", now(), "warning"
        upload.records, upload.errors, upload.warnings = 1, 0, 1
        upload.totals, upload.last_year = "{}", json.dumps(last)
        session.flush()
        deliveries.add_submission(session, upload, who, now(), late=False)
    site.login("siri")
    page = site.client.get("/ssb/produksjon", params={"aar": YEAR, "skjema": "7"}).text
    assert units_listed(page) == ["4601"]
    warned = check(answers, load("7", YEAR), ReportingUnit("4601"), last).report.findings
    fjor = [f for f in warned if f.rule == "7-FJOR"]
    assert [f.fields for f in fjor] == [("OKRAD_SAKER",)]
    assert flags(page, "4601") == ["2.2 Antall saker om økonomisk rådgivning i året"]
    assert "7: 1" in page  # flagged per form
    row = page.split('href="/ssb/enheter/4601?')[1]
    assert re.search(r">400</td>\s*<td class=\"num\">200</td>", row)
    assert 'href="/ssb/produksjon/4601/7?aar=2025"' in row
