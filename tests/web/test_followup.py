"""The statistics office's follow-up of intake, end to end through the staff pages.

Checks the intake matrix (each unit's status per form, the counts, the filters), who was missing
at a chosen date (page and CSV), reminders e-mailed through a real local SMTP server (and
recorded when there is no server or it is down), error lists sent as attachments and marked
returned when the unit submits again, the reporting calendar that staff set, and the API twin of
the matrix.

Deliveries are made through the API by a vendor system that serves every unit of the scenario;
to place a delivery in the past, its rows are moved back in time directly in the database. The
tests that only read the scenario share one portal and database per database kind.
"""

from __future__ import annotations

import csv
import email
import email.policy
import html
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any, NamedTuple

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import select

from kostra.intake.access import Role
from kostra.registry import county_of, reporting_units
from kostra.services.runner import ControlRunner
from kostra.store import Database
from kostra.store.models import Declaration, ErrorListDispatch, Reminder, Submission, Upload
from kostra.text import local, long_date, now
from tests.databases import Databases, free_port
from tests.web.conftest import YEAR, Site, extract, make_site

FORMS = ("11F", "11CF")
WEB_FORMS = ("7", "7B", "12")  # in the matrix too; the scenario leaves them alone
STAFF = "siri"
ALL_UNITS = frozenset(u.code for u in reporting_units(YEAR))
COUNT_LABELS = (  # the columns of the counts, most pressing first
    "Forsinket",
    "Mottatt med feil",
    "Ikke mottatt",
    "Godkjent med advarsler",
    "Godkjent",
    "Ingen å rapportere",
)
STATUS_ORDER = (  # the Status values of those columns
    "late",
    "received_with_errors",
    "not_received",
    "accepted_with_warnings",
    "accepted",
    "nothing_to_report",
)
CSV_COLUMNS = [
    "enhet",
    "navn",
    "fylke",
    "kostragruppe",
    "skjema",
    "status",
    "forsinket",
    "versjon",
    "sist_opplastet",
    "opplastinger",
    "purringer",
    "feillister_sendt",
    "feillister_ikke_returnert",
]


def today() -> date:
    """Today on Oslo's clock."""
    return local(now()).date()


def days(n: int) -> timedelta:
    """`n` days."""
    return timedelta(days=n)


# -- acting in the portal -------------------------------------------------------------------


def act_as(site: Site, username: str) -> None:
    """Log out whoever is logged in, and log in as `username`."""
    if site.csrf:
        site.logout()
    assert site.login(username).status_code == 303


@dataclass
class Vendor:
    """A case-handling system delivering through the API for the units of its token."""

    site: Site
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def upload(self, data: bytes, unit: str, form: str = "11F", year: int = YEAR) -> str:
        response = self.site.client.post(
            "/api/v1/uploads",
            headers=self.headers,
            data={"unit": unit, "form": form, "year": str(year)},
            files={"file": ("uttrekk.txt", data, "text/plain")},
        )
        assert response.status_code == 201, response.text
        upload_id: str = response.json()["id"]
        return upload_id

    def submit(self, upload_id: str) -> dict[str, Any]:
        response = self.site.client.post(
            f"/api/v1/uploads/{upload_id}/submission",
            headers=self.headers,
            json={"acknowledge_warnings": True},
        )
        assert response.status_code == 201, response.text
        receipt: dict[str, Any] = response.json()
        return receipt

    def deliver(self, data: bytes, unit: str, form: str = "11F", year: int = YEAR) -> None:
        self.submit(self.upload(data, unit, form, year))

    def declare(self, unit: str, form: str = "11F") -> None:
        response = self.site.client.put(
            f"/api/v1/deliveries/{unit}/{form}/{YEAR}/declaration", headers=self.headers
        )
        assert response.status_code == 200, response.text

    def withdraw(self, unit: str, form: str = "11F") -> None:
        response = self.site.client.delete(
            f"/api/v1/deliveries/{unit}/{form}/{YEAR}/declaration", headers=self.headers
        )
        assert response.status_code == 200, response.text


def vendor_for(site: Site, *units: str, email: str | None = None) -> Vendor:
    """A vendor account for `units`."""
    token = site.add_user(f"fag{len(site.users)}", Role.VENDOR, units, email=email)
    assert token is not None
    return Vendor(site, token)


def backdate(db: Database, unit: str, form: str, by: timedelta, year: int = YEAR) -> None:
    """Move everything a unit did with a form back by `by`, as if it had happened then."""
    with db.write() as session:
        where = (Upload.unit == unit, Upload.form == form, Upload.year == year)
        for upload in session.scalars(select(Upload).where(*where)):
            upload.uploaded_at -= by
            if upload.checked_at is not None:
                upload.checked_at -= by
        where = (Submission.unit == unit, Submission.form == form, Submission.year == year)
        for submission in session.scalars(select(Submission).where(*where)):
            submission.submitted_at -= by
        where = (Declaration.unit == unit, Declaration.form == form, Declaration.year == year)
        for declaration in session.scalars(select(Declaration).where(*where)):
            declaration.declared_at -= by
            if declaration.withdrawn_at is not None:
                declaration.withdrawn_at -= by


def withdrawn_ago(db: Database, unit: str, form: str, ago: timedelta) -> None:
    """Say that the unit's withdrawn declarations were withdrawn `ago`."""
    with db.write() as session:
        where = (Declaration.unit == unit, Declaration.form == form, Declaration.year == YEAR)
        for declaration in session.scalars(select(Declaration).where(*where)):
            assert declaration.withdrawn_at is not None
            declaration.withdrawn_at = now() - ago


# -- reading the pages ----------------------------------------------------------------------


class Cell(NamedTuple):
    """One unit and form as a staff page shows it."""

    status: str  # the Status value in the badge's class
    late: bool  # the "forsinket" mark (or the status "Forsinket" itself)
    text: str  # the cell's words, tags stripped


_ROW = re.compile(r'<tr>\s*<th scope="row"><a href="/ssb/enheter/(\d+)\?aar=\d+">.*?</tr>', re.S)
_TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _cell(html: str) -> Cell:
    found = re.search(r'class="status status-([a-z_]+)"', html)
    assert found is not None, html
    words = " ".join(_TAG.sub(" ", html).split())
    late = found.group(1) == "late" or '<span class="late">forsinket</span>' in html
    return Cell(found.group(1), late, words)


def matrix_of(page: str) -> dict[str, dict[str, Cell]]:
    """The rows of the intake page: unit code → form → cell."""
    table = page.split('<table class="matrix compact">', 1)[1].split("</table>", 1)[0]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert header == ["Enhet", "Fylke", *FORMS, *WEB_FORMS]
    rows = {}
    for found in _ROW.finditer(table):
        cells = _TD.findall(found.group(0))[1:]  # after the county
        every = dict(zip((*FORMS, *WEB_FORMS), cells, strict=True))
        if "status-" not in every[FORMS[0]]:
            continue  # Oslo as a whole: it reports the web forms only
        rows[found.group(1)] = {form: _cell(every[form]) for form in FORMS}  # the scenario's
    return rows


_NEXT_PAGE = re.compile(r'<a href="([^"]+)" rel="next">')


def matrix_pages(site: Site, **params: Any) -> tuple[dict[str, dict[str, Cell]], list[str]]:
    """Every row of the intake matrix as `params` filter it, page after page ("Neste side"),
    and the pages read."""
    response = site.client.get("/ssb", params={"aar": YEAR, **params})
    assert response.status_code == 200
    pages = [response.text]
    while (found := _NEXT_PAGE.search(pages[-1])) is not None:
        following = site.client.get(html.unescape(found.group(1)))
        assert following.status_code == 200
        pages.append(following.text)
    rows: dict[str, dict[str, Cell]] = {}
    for page in pages:
        on_page = matrix_of(page)
        assert not set(on_page) & set(rows)  # no unit on two pages
        rows |= on_page
    return rows, pages


def counts_of(page: str) -> dict[str, dict[str, int]]:
    """The counts of the intake page: form → status label → units, and "I alt"."""
    table = page.split('<table class="counts-matrix">', 1)[1].split("</table>", 1)[0]
    labels = re.findall(r'<th scope="col" class="num">([^<]*)</th>', table)
    assert labels == [*COUNT_LABELS, "I alt"]
    found = {}
    for form, body in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        numbers = [int(_TAG.sub("", td).replace("\u00a0", "")) for td in _TD.findall(body)]
        found[form] = dict(zip(labels, numbers, strict=True))
    return found


def missing_of(page: str) -> dict[str, tuple[str, dict[str, Cell]]]:
    """The missing page per form: its heading and unit code → cell."""
    found = {}
    for form in FORMS:
        section = page.split(f'<section aria-labelledby="mangler-{form}">', 1)[1]
        section = section.split("</section>", 1)[0]
        heading = _TAG.sub("", section.split("</h2>", 1)[0]).strip()
        rows = {m.group(1): _cell(_TD.findall(m.group(0))[1]) for m in _ROW.finditer(section)}
        found[form] = (heading, rows)
    return found


def statuses(rows: dict[str, dict[str, Cell]]) -> dict[tuple[str, str], str]:
    """(unit, form) → status value."""
    return {
        (unit, form): cell.status for unit, cells in rows.items() for form, cell in cells.items()
    }


def count(rows: dict[str, dict[str, Cell]], form: str, status: str) -> int:
    """Units of `rows` with `status` in `form`."""
    return sum(1 for cells in rows.values() if cells[form].status == status)


# -- the scenario ---------------------------------------------------------------------------


# What the scenario's units have done, per form: unit → (status now, whether late now, status
# at the end of `Intake.before`). Every other unit has done nothing.
EXPECTED = {
    "11F": {
        "1103": ("accepted", False, "accepted"),  # delivered on time, ten days ago
        "1106": ("accepted_with_warnings", False, "accepted_with_warnings"),  # ten days ago
        "3301": ("received_with_errors", True, "not_received"),  # uploaded today, with errors
        "4601": ("nothing_to_report", False, "nothing_to_report"),  # declared ten days ago
        "5001": ("accepted", True, "not_received"),  # delivered today, after the deadline
        "4204": ("late", True, "not_received"),  # declared, withdrawn fifteen days ago
        "1108": ("late", True, "nothing_to_report"),  # declared, withdrawn three days ago
    },
    "11CF": {
        "1103": ("accepted", False, "not_received"),  # delivered today
        "4601": ("nothing_to_report", False, "not_received"),  # declared today
    },
}


@dataclass
class Intake:
    """The portal with a handful of units in every state (`EXPECTED`), and staff logged in.

    11F's deadline was five days ago; 11CF is due in ten days. `before` is two days before the
    11F deadline: what the units had done then differs from what they have done now.
    """

    site: Site
    vendor: Vendor
    before: date = field(default_factory=lambda: today() - days(7))


def build_intake(site: Site) -> Intake:
    t = today()
    site.set_dates("11F", YEAR, (t - days(30), t - days(5), t + days(20), t + days(30)))
    site.set_dates("11CF", YEAR, (t - days(30), t + days(10), t + days(20), t + days(30)))
    site.set_dates("11F", YEAR - 1, (t - days(400), t - days(5), t + days(20), t + days(30)))
    vendor = vendor_for(site, "1103", "1106", "1108", "3301", "4204", "4601", "5001")
    db = site.db

    vendor.deliver(extract(unit="1103", records=20, seed=11), "1103")
    # Last year's 300 recipients make this year's 20 a large change: accepted with warnings.
    vendor.deliver(extract(unit="1106", records=300, seed=12, year=YEAR - 1), "1106", year=YEAR - 1)
    vendor.deliver(extract(unit="1106", records=20, seed=13), "1106")
    vendor.declare("4601")
    for unit in ("1103", "1106", "4601"):
        backdate(db, unit, "11F", days(10))
    for unit in ("4204", "1108"):
        vendor.declare(unit)
        vendor.withdraw(unit)
        backdate(db, unit, "11F", days(20))
    withdrawn_ago(db, "4204", "11F", days(15))
    withdrawn_ago(db, "1108", "11F", days(3))
    vendor.upload(extract(unit="3301", records=20, errors=3, seed=14), "3301")
    vendor.deliver(extract(unit="5001", records=20, seed=15), "5001")

    vendor.deliver(extract("11CF", unit="1103", records=10, seed=16), "1103", "11CF")
    vendor.declare("4601", "11CF")

    site.add_user(STAFF, Role.STAFF, ())
    act_as(site, STAFF)
    return Intake(site, vendor)


@pytest.fixture(scope="module")
def intake(databases: Databases, runner: ControlRunner) -> Iterator[Intake]:
    """The scenario, built once per database kind for the tests that only read it."""
    url = databases.new_url()
    db = Database(url)
    try:
        with make_site(db, runner) as site:
            yield build_intake(site)
    finally:
        db.dispose()
        databases.drop(url)


def _expected(intake: Intake, at_before: bool) -> dict[tuple[str, str], str]:
    """Every (unit, form) → status value, now or at the end of `intake.before`."""
    default = {"11F": "not_received" if at_before else "late", "11CF": "not_received"}
    found = {(unit, form): default[form] for unit in ALL_UNITS for form in FORMS}
    for form, table in EXPECTED.items():
        for unit, (current, _, earlier) in table.items():
            found[unit, form] = earlier if at_before else current
    return found


# -- the intake matrix ----------------------------------------------------------------------


def test_the_matrix_shows_each_units_status_and_the_counts(intake: Intake) -> None:
    rows, pages = matrix_pages(intake.site)
    page = pages[0]
    assert "Datainngang 2025" in page
    assert set(rows) == ALL_UNITS
    assert statuses(rows) == _expected(intake, at_before=False)
    for form, table in EXPECTED.items():
        for unit, (_, late, _) in table.items():
            assert rows[unit][form].late is late, (unit, form)
    assert "v1" in rows["1103"]["11F"].text  # the version standing
    assert "Forsinket" in rows["1101"]["11F"].text  # a unit that never delivered
    assert "Ikke mottatt" in rows["1101"]["11CF"].text

    assert len(pages) == -(-(len(ALL_UNITS) + 1) // 50)  # 50 units a page, and Oslo itself
    assert all(p.count('<tr>\n        <th scope="row">') <= 50 for p in pages)
    counts = counts_of(page)
    assert counts["11F"] == {
        "Forsinket": len(ALL_UNITS) - 5,
        "Mottatt med feil": 1,
        "Ikke mottatt": 0,
        "Godkjent med advarsler": 1,
        "Godkjent": 2,
        "Ingen å rapportere": 1,
        "I alt": len(ALL_UNITS),
    }
    assert counts["11CF"] == {
        "Forsinket": 0,
        "Mottatt med feil": 0,
        "Ikke mottatt": len(ALL_UNITS) - 2,
        "Godkjent med advarsler": 0,
        "Godkjent": 1,
        "Ingen å rapportere": 1,
        "I alt": len(ALL_UNITS),
    }
    for form in FORMS:  # the counts are the page's own rows counted
        for label, status in zip(COUNT_LABELS, STATUS_ORDER, strict=True):
            assert counts[form][label] == count(rows, form, status)


def test_the_matrix_at_a_date_before_the_deadline(intake: Intake) -> None:
    rows, pages = matrix_pages(intake.site, dato=intake.before.isoformat())
    page = pages[0]
    assert f"ved utgangen av {long_date(intake.before)}" in page
    assert statuses(rows) == _expected(intake, at_before=True)
    assert all(f"dato={intake.before.isoformat()}" in p for p in pages[1:])  # kept on every page
    assert counts_of(page)["11F"]["Ikke mottatt"] == len(ALL_UNITS) - 4
    assert counts_of(page)["11F"]["Forsinket"] == 0


def _units_in(county: str) -> set[str]:
    return {u.code for u in reporting_units(YEAR) if county_of(u.municipality, YEAR) == county}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"skjema": "11F", "status": ["accepted"]}, {"1103", "5001"}),
        (
            {"skjema": "11F", "status": ["accepted", "accepted_with_warnings"]},
            {"1103", "1106", "5001"},
        ),
        ({"skjema": "11F", "status": ["received_with_errors"]}, {"3301"}),
        ({"skjema": "11CF", "status": ["accepted"]}, {"1103"}),
        ({"status": ["nothing_to_report"]}, {"4601"}),  # in any form
        ({"status": ["accepted"]}, {"1103", "5001"}),
        ({"fylke": "46"}, _units_in("46")),
        ({"fylke": "11", "skjema": "11F", "status": ["accepted"]}, {"1103"}),
        ({"fylke": "50", "skjema": "11F", "status": ["late"]}, _units_in("50") - {"5001"}),
        ({"skjema": "11F"}, ALL_UNITS),  # a form alone chooses no rows
    ],
    ids=[
        "accepted-11F",
        "accepted-or-warnings-11F",
        "errors-11F",
        "accepted-11CF",
        "nothing-to-report-any-form",
        "accepted-any-form",
        "county",
        "county-form-status",
        "county-late",
        "form-only",
    ],
)
def test_the_matrix_filters(intake: Intake, query: dict[str, Any], expected: set[str]) -> None:
    rows, pages = matrix_pages(intake.site, **query)
    assert set(rows) == expected
    assert f"Enheter ({len(expected)})" in pages[0].replace("\u00a0", "")
    counts = counts_of(pages[0])  # the counts stay those of every unit
    assert counts["11F"]["I alt"] == len(ALL_UNITS)


def test_the_matrix_is_paged_and_the_page_links_keep_the_filters(intake: Intake) -> None:
    site = intake.site
    late = _expected(intake, at_before=False)
    late_11f = {unit for (unit, form), status in late.items() if form == "11F" and status == "late"}
    query = {"skjema": "11F", "status": "late"}
    rows, pages = matrix_pages(site, **query)
    assert set(rows) == late_11f
    assert len(pages) == -(-len(late_11f) // 50) > 1
    first = pages[0].replace("\u00a0", "")
    assert f"Viser 1–50 av {len(late_11f)}, side 1 av {len(pages)}." in first
    links = re.findall(r'<a href="(/ssb\?[^"]+)"(?: rel="next"| aria-label="Side \d+")>', first)
    assert links and all(
        "aar=2025" in link and "skjema=11F" in link and "status=late" in link for link in links
    )
    # A page past the end shows the last one; the counts are those of every unit on every page.
    last = site.client.get("/ssb", params={"aar": YEAR, **query, "side": 999})
    assert last.status_code == 200
    assert f'<span aria-current="page">{len(pages)}</span>' in last.text
    assert set(matrix_of(last.text)) == set(matrix_of(pages[-1]))
    assert counts_of(last.text) == counts_of(pages[0])
    bad = site.client.get("/ssb", params={"aar": YEAR, "side": "null"})
    assert bad.status_code == 422 and "Ugyldig forespørsel" in bad.text
    # A short list has no pager.
    rows, (page,) = matrix_pages(site, fylke="46", skjema="11F", status="nothing_to_report")
    assert set(rows) == {"4601"} and 'class="pager"' not in page


def test_the_matrix_cells_are_compact(intake: Intake) -> None:
    page = intake.site.client.get("/ssb", params={"aar": YEAR, "fylke": "11"}).text
    table = page.split('<table class="matrix compact">', 1)[1].split("</table>", 1)[0]
    assert '<div class="table-scroll">\n  <table class="matrix compact">' in page
    assert "Frist" not in table  # the deadline is not repeated in every cell
    assert '<td><abbr title="Rogaland">11</abbr></td>' in table  # the county by its number


# -- missing at a date ----------------------------------------------------------------------


def test_missing_at_a_date(intake: Intake) -> None:
    day = intake.before.isoformat()
    page = intake.site.client.get("/ssb/mangler", params={"aar": YEAR, "dato": day})
    assert page.status_code == 200
    assert f"Hvem manglet ved utgangen av {long_date(intake.before)}?" in page.text
    per_form = missing_of(page.text)

    heading, rows = per_form["11F"]
    delivered_then = {"1103", "1106", "4601", "1108"}
    assert set(rows) == ALL_UNITS - delivered_then
    assert heading == f"Skjema 11F: {len(ALL_UNITS) - 4} av {len(ALL_UNITS)} enheter mangler"
    assert "5001" in rows  # delivered after the date
    assert "1103" not in rows  # delivered before it
    assert "4204" in rows  # its declaration was withdrawn before the date
    assert "1108" not in rows  # its declaration still stood at the date
    assert rows["5001"].status == "not_received"

    heading, rows = per_form["11CF"]
    assert set(rows) == ALL_UNITS  # 11CF's two deliveries came after the date
    assert heading == f"Skjema 11CF: {len(ALL_UNITS)} av {len(ALL_UNITS)} enheter mangler"

    now_page = intake.site.client.get("/ssb/mangler", params={"aar": YEAR}).text
    _, rows_now = missing_of(now_page)["11F"]
    assert set(rows_now) == ALL_UNITS - {"1103", "1106", "4601", "5001"}
    assert "Hvem manglet nå?" in now_page


def _csv(site: Site, **params: Any) -> list[dict[str, str]]:
    response = site.client.get("/ssb/datainngang.csv", params={"aar": YEAR, **params})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    reader = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    header, *lines = list(reader)
    assert header == CSV_COLUMNS
    return [dict(zip(header, line, strict=True)) for line in lines]


def test_the_csv_of_the_missing_lists_exactly_the_missing_units(intake: Intake) -> None:
    day = intake.before.isoformat()
    lines = _csv(intake.site, dato=day, mangler=1)
    page = intake.site.client.get("/ssb/mangler", params={"aar": YEAR, "dato": day}).text
    per_form = missing_of(page)
    for form in FORMS:
        listed = {line["enhet"] for line in lines if line["skjema"] == form}
        assert listed == set(per_form[form][1]), form
    extracts = [line for line in lines if line["skjema"] in FORMS]  # the scenario's forms
    assert len(extracts) == sum(len(rows) for _, rows in per_form.values())  # one line per form
    by_key = {(line["enhet"], line["skjema"]): line for line in lines}
    assert by_key["5001", "11F"]["status"] == "Ikke mottatt"
    assert by_key["5001", "11F"]["navn"] == "Trondheim - Tråante"
    assert by_key["5001", "11F"]["fylke"] == "50"
    assert by_key["4204", "11F"]["status"] == "Ikke mottatt"
    assert ("1103", "11F") not in by_key
    assert ("1103", "11CF") in by_key  # 11CF came after the date

    everything = [line for line in _csv(intake.site, dato=day) if line["skjema"] in FORMS]
    assert len(everything) == 2 * len(ALL_UNITS)
    whole = {(line["enhet"], line["skjema"]): line for line in everything}
    assert whole["1103", "11F"]["status"] == "Godkjent"
    assert whole["1103", "11F"]["versjon"] == "1"
    assert whole["1103", "11F"]["forsinket"] == "nei"


# -- reminders ------------------------------------------------------------------------------


@dataclass
class Mailbox:
    """What a local SMTP server received."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        content = envelope.content
        assert isinstance(content, bytes)
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to `address`."""
        return [message for rcpt, message in self.messages if address in rcpt]


@dataclass
class MailServer:
    """A running local SMTP server."""

    port: int
    mailbox: Mailbox


@pytest.fixture
def smtp_server() -> Iterator[MailServer]:
    """An SMTP server on a free loopback port that keeps what it receives."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield MailServer(controller.port, mailbox)
    finally:
        controller.stop()


@contextmanager
def _mail_site(db: Database, runner: ControlRunner, **settings: object) -> Iterator[Site]:
    """The portal with `settings`, 11F past its deadline, and people to remind."""
    with make_site(db, runner, **settings) as site:
        t = today()
        site.set_dates("11F", YEAR, (t - days(30), t - days(5), t + days(20), t + days(30)))
        site.set_dates("11CF", YEAR, (t - days(30), t + days(10), t + days(20), t + days(30)))
        site.add_user("kari", Role.REPORTER, ("030101",), email="kari@example.org")
        site.add_user("ola", Role.REPORTER, ("030101",))  # no address
        site.add_user("oslo", Role.REPORTER, ("0301",), email="oslo@example.org")
        site.add_user("grunerlokka", Role.REPORTER, ("030102",), email="gl@example.org")
        site.add_user("stavanger", Role.REPORTER, ("1103",), email="per@stavanger.example")
        site.add_user(STAFF, Role.STAFF, (), email="siri@ssb.example")
        # A vendor system's address is not a reporter's: it gets no reminders.
        vendor = vendor_for(site, "1106", "4601", "030101", email="fag@vendor.example")
        vendor.deliver(extract(unit="1106", records=20, seed=21), "1106")
        vendor.declare("4601")
        act_as(site, STAFF)
        yield site


@pytest.fixture
def mail_site(db: Database, runner: ControlRunner, smtp_server: MailServer) -> Iterator[Site]:
    with _mail_site(db, runner, smtp_host="127.0.0.1", smtp_port=smtp_server.port) as site:
        yield site


def _remind(site: Site, *units: str, form: str = "11F") -> Any:
    return site.client.post(
        "/ssb/purringer",
        data={"aar": str(YEAR), "skjema": form, "enheter": list(units), "csrf_token": site.csrf},
    )


def _reminders(db: Database) -> list[Reminder]:
    with db.read() as session:
        return list(session.scalars(select(Reminder).order_by(Reminder.unit)))


def test_reminders_are_emailed_to_the_units_reporters(
    mail_site: Site, smtp_server: MailServer
) -> None:
    site = mail_site
    due = site.client.get("/ssb/purringer", params={"aar": YEAR})
    assert due.status_code == 200
    due_11f = due.text.split('<section aria-labelledby="purr-11F">', 1)[1].split("</section>")[0]
    assert 'value="030101"' in due_11f and 'value="1106"' not in due_11f

    response = _remind(site, "030101", "1103", "1106", "4601", "3301")
    assert response.status_code == 200
    assert "Purringer for skjema 11F 2025" in response.text
    assert "Ikke purret: Godkjent" in response.text
    assert "Ikke purret: Ingen å rapportere" in response.text
    assert response.text.count("Sendt på e-post") == 2
    assert "Registrert (ingen e-postadresse)" in response.text  # 3301 has no reporter

    recorded = _reminders(site.db)
    assert [(r.unit, r.form, r.year, r.delivery) for r in recorded] == [
        ("030101", "11F", YEAR, "sent"),
        ("1103", "11F", YEAR, "sent"),
        ("3301", "11F", YEAR, "no_address"),
    ]  # the delivered and the declared are not recorded
    assert recorded[0].recipients == "kari@example.org, oslo@example.org"
    assert recorded[0].sent_by == site.users[STAFF]

    mailbox = smtp_server.mailbox
    assert len(mailbox.messages) == 2
    oslo = mailbox.to("kari@example.org")
    assert len(oslo) == 1 and oslo == mailbox.to("oslo@example.org")  # one message to both
    assert mailbox.to("gl@example.org") == []  # another district's reporter
    assert mailbox.to("fag@vendor.example") == []  # a vendor system's address
    message = oslo[0]
    assert message["Subject"] == "Purring: KOSTRA 11F for 2025, Gamle Oslo"
    assert message["From"] == "kostra@ssb.no"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Til Gamle Oslo (030101)" in text
    assert "Purring: skjema 11F" in text and "for 2025" in text
    deadline = today() - days(5)
    assert f"Fristen var {long_date(deadline)}." in text
    assert "SSB har ikke mottatt noen innsending fra dere." in text
    assert "/portal/030101/11F/2025" in text

    stavanger = mailbox.to("per@stavanger.example")
    assert len(stavanger) == 1
    assert stavanger[0]["Subject"] == "Purring: KOSTRA 11F for 2025, Stavanger"

    history = site.client.get("/ssb/purringer", params={"aar": YEAR}).text
    assert "Sendte purringer (3)" in history
    matrix, _ = matrix_pages(site, fylke="03")
    assert "1 purr." in matrix["030101"]["11F"].text


def test_reminders_are_previewed_before_they_are_sent(
    mail_site: Site, smtp_server: MailServer
) -> None:
    site = mail_site
    due = site.client.get("/ssb/purringer", params={"aar": YEAR}).text
    assert 'action="/ssb/purringer/forhandsvisning"' in due
    assert "Forhåndsvis purring til valgte" in due
    preview = site.post(
        "/ssb/purringer/forhandsvisning", aar=str(YEAR), skjema="11F",
        enheter=["030101", "1103", "1106"],  # type: ignore[arg-type]
    )  # fmt: skip
    assert preview.status_code == 200
    text = preview.text.replace("\u00a0", " ")
    assert "Forhåndsvis purringer for skjema 11F 2025" in text
    assert "2 enheter får purringen under. Ingenting er sendt ennå." in text
    assert "Emne: <strong>Purring: KOSTRA 11F for 2025, Gamle Oslo</strong>" in text
    assert "Til: kari@example.org, oslo@example.org" in text
    assert "Til Gamle Oslo (030101)" in text and "Til Stavanger (1103)" in text
    assert f"Fristen var {long_date(today() - days(5))}." in text
    assert "<li>1106 Haugesund: Godkjent</li>" in text  # delivered: not reminded
    send = text.split('<form method="post" action="/ssb/purringer">', 1)[1].split("</form>")[0]
    assert re.findall(r'name="enheter" value="(\d+)"', send) == ["030101", "1103"]
    assert "Send 2 purringer" in send
    assert _reminders(site.db) == [] and smtp_server.mailbox.messages == []  # nothing sent yet

    assert _remind(site, "030101", "1103").status_code == 200  # the preview's send button
    assert [r.unit for r in _reminders(site.db)] == ["030101", "1103"]
    assert len(smtp_server.mailbox.messages) == 2


def test_a_reminders_status_follows_the_unit(mail_site: Site) -> None:
    site = mail_site
    assert _remind(site, "030101", "1103").status_code == 200
    register = site.client.get("/ssb/purringer", params={"aar": YEAR}).text
    outcomes = dict(re.findall(
        r'<a href="/ssb/enheter/(\d+)\?aar=2025">.*?<td class="reminder-outcome">(.*?)</td>',
        register, re.S,
    ))  # fmt: skip
    assert outcomes == {
        "030101": "Fortsatt utestående: forsinket",
        "1103": "Fortsatt utestående: forsinket",
    }
    act_as(site, "kari")
    assert site.submit(site.upload_id(extract(seed=33))).status_code == 303
    act_as(site, STAFF)
    register = site.client.get("/ssb/purringer", params={"aar": YEAR}).text
    outcomes = dict(re.findall(
        r'<a href="/ssb/enheter/(\d+)\?aar=2025">.*?<td class="reminder-outcome">(.*?)</td>',
        register, re.S,
    ))  # fmt: skip
    assert outcomes["1103"] == "Fortsatt utestående: forsinket"
    assert outcomes["030101"] == (
        '<span class="status status-accepted">'
        f"Levert etter purring {long_date(today())} (godkjent)</span>"
    )


def test_a_reminder_about_an_error_file_says_so(mail_site: Site, smtp_server: MailServer) -> None:
    vendor = vendor_for(mail_site, "1103")
    vendor.upload(extract(unit="1103", records=20, errors=2, seed=22), "1103")
    assert _remind(mail_site, "1103").status_code == 200
    (message,) = smtp_server.mailbox.to("per@stavanger.example")
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert "har feil som må rettes" in body.get_content()


@pytest.mark.parametrize(
    ("mail", "delivery", "says"),
    [
        ("unset", "recorded", "Registrert (e-post er ikke satt opp)"),
        ("down", "failed", "E-post feilet"),
    ],
    ids=["no-smtp-configured", "smtp-server-down"],
)
def test_reminders_are_recorded_without_a_working_mail_server(
    db: Database, runner: ControlRunner, mail: str, delivery: str, says: str
) -> None:
    settings: dict[str, object] = {}
    if mail == "down":  # a port nobody listens on
        settings = {"smtp_host": "127.0.0.1", "smtp_port": free_port()}
    with _mail_site(db, runner, **settings) as site:
        response = _remind(site, "030101", "1106")
        assert response.status_code == 200
        assert says in response.text
        recorded = _reminders(db)
        assert [(r.unit, r.delivery) for r in recorded] == [("030101", delivery)]
        if mail == "down":
            assert recorded[0].detail  # why it failed


def test_a_reminder_needs_a_unit(site: Site) -> None:
    site.add_user(STAFF, Role.STAFF, ())
    act_as(site, STAFF)
    response = _remind(site)
    assert response.status_code == 422
    assert "Velg minst én enhet" in response.text


# -- error lists ----------------------------------------------------------------------------


def test_an_error_list_is_sent_and_returned(mail_site: Site, smtp_server: MailServer) -> None:
    site = mail_site
    act_as(site, "kari")
    upload_id = site.upload_id(extract(errors=3, seed=2), name="feil.txt")
    act_as(site, STAFF)
    unit_page = site.client.get("/ssb/enheter/030101", params={"aar": YEAR}).text
    assert f'name="opplasting" value="{upload_id}"' in unit_page

    sent = site.post("/ssb/feillister", opplasting=upload_id, merknad="Se på fødselsnumrene.")
    assert sent.status_code == 200
    assert "Feilliste til 030101 Gamle Oslo" in sent.text
    assert "Sendt på e-post" in sent.text

    (message,) = smtp_server.mailbox.messages
    recipients, mail = message
    assert sorted(recipients) == ["kari@example.org", "oslo@example.org"]
    assert mail["Subject"] == "Feilliste: KOSTRA 11F for 2025, Gamle Oslo"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Vedlagt er feillisten for skjema 11F for 2025" in text
    assert "Se på fødselsnumrene." in text
    (attachment,) = list(mail.iter_attachments())
    # Named as the download is, stamped with when the file was checked (Oslo's clock).
    assert attachment.get_filename() == downloaded_name(site, upload_id)
    assert attachment.get_content_type() == "text/html"
    downloaded = site.client.get(f"/opplastinger/{upload_id}/feilliste.html")
    assert downloaded.status_code == 200
    assert attachment.get_payload(decode=True) == downloaded.content

    listing = site.client.get("/ssb/feillister", params={"aar": YEAR}).text
    assert "1 feilliste sendt, 1 ikke returnert" in listing
    assert "Ikke returnert</span>" in listing
    assert f'href="/opplastinger/{upload_id}"' in listing
    cell = matrix_pages(site, fylke="03")[0]["030101"]["11F"]
    assert "1 feilliste ute" in cell.text
    assert cell.status == "received_with_errors"

    act_as(site, "kari")
    corrected = site.upload_id(extract(seed=32))
    assert site.submit(corrected).status_code == 303
    act_as(site, STAFF)

    listing = site.client.get("/ssb/feillister", params={"aar": YEAR}).text
    assert "1 feilliste sendt, 0 ikke returnert" in listing
    assert "Ikke returnert</span>" not in listing
    with site.db.read() as session:
        (dispatch,) = session.scalars(select(ErrorListDispatch))
        submission = session.scalar(select(Submission).where(Submission.upload_id == corrected))
    assert dispatch.upload_id == upload_id and dispatch.delivery == "sent"
    assert submission is not None
    assert dispatch.returned_at == submission.submitted_at
    assert dispatch.returned_submission_id == submission.id
    returned_row = listing.split(f'href="/opplastinger/{upload_id}"', 1)[1].split("</tr>", 1)[0]
    assert re.search(r"<td>\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d</td>", returned_row)
    cell = matrix_pages(site, fylke="03")[0]["030101"]["11F"]
    assert "feilliste ute" not in cell.text
    assert cell.status == "accepted"


def test_an_error_list_of_an_unknown_upload(site: Site) -> None:
    site.add_user(STAFF, Role.STAFF, ())
    act_as(site, STAFF)
    response = site.post("/ssb/feillister", opplasting="0" * 32)
    assert response.status_code == 404
    assert "Finner ikke opplastingen" in response.text


def test_reporters_cannot_use_the_staff_pages(site: Site) -> None:
    act_as(site, "kari")
    assert site.client.get("/ssb", params={"aar": YEAR}).status_code == 403
    assert _remind(site, "030101").status_code == 403
    assert _reminders(site.db) == []


# -- the calendar ---------------------------------------------------------------------------


@pytest.fixture
def staff(site: Site) -> Site:
    site.add_user(STAFF, Role.STAFF, ())
    act_as(site, STAFF)
    return site


def _set_calendar(site: Site, form: str, dates: tuple[date, date, date, date]) -> Any:
    opens, deadline, corrections, closes = (d.isoformat() for d in dates)
    return site.post(
        "/ssb/kalender", aar=str(YEAR), skjema=form, apner=opens, frist=deadline,
        rettefrist=corrections, stenger=closes,
    )  # fmt: skip


def _calendar_row(page: str, form: str) -> list[str]:
    row = page.split(f'name="skjema" value="{form}"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'type="date" name="[a-z]+" value="([0-9-]+)"', row)


def test_staff_set_the_calendar(staff: Site) -> None:
    page = staff.client.get("/ssb/kalender", params={"aar": YEAR}).text
    assert "Rapporteringskalender 2025" in page
    assert '<th scope="row">11F</th>' in page  # the site set its dates: not the defaults
    assert '12 <span class="muted">(standard)</span>' in page
    t = today()
    dates = (t - days(3), t + days(4), t + days(40), t + days(60))
    response = _set_calendar(staff, "11F", dates)
    assert response.status_code == 303
    page = staff.client.get(response.headers["location"]).text
    assert _calendar_row(page, "11F") == [d.isoformat() for d in dates]
    delivery = staff.client.get("/api/v1/calendar/2025", headers=_bearer(staff, STAFF)).json()
    window = next(w for w in delivery if w["form"] == "11F")
    assert window["deadline"] == dates[1].isoformat()
    assert window["phase"] == "open"


def _bearer(site: Site, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.token_for(username)}"}


@pytest.mark.parametrize(
    "offsets",
    [(0, -1, 20, 30), (0, 10, 5, 30), (0, 10, 20, 15), (40, 10, 20, 30)],
    ids=["deadline-before-opening", "corrections-before-deadline", "closes-before-corrections",
         "opens-after-everything"],
)  # fmt: skip
def test_dates_out_of_order_are_refused(staff: Site, offsets: tuple[int, int, int, int]) -> None:
    before = _calendar_row(staff.client.get("/ssb/kalender", params={"aar": YEAR}).text, "11F")
    t = today()
    opens, deadline, corrections, closes = (t + days(n) for n in offsets)
    response = _set_calendar(staff, "11F", (opens, deadline, corrections, closes))
    assert response.status_code == 422
    assert "Datoene for skjema 11F ble ikke lagret" in response.text
    assert "datoene må komme i rekkefølgen" in response.text
    after = _calendar_row(staff.client.get("/ssb/kalender", params={"aar": YEAR}).text, "11F")
    assert after == before  # nothing saved


def test_an_unknown_form_in_the_calendar_is_refused(staff: Site) -> None:
    t = today()
    response = _set_calendar(staff, "99X", (t, t + days(1), t + days(2), t + days(3)))
    assert response.status_code == 422
    assert "Ukjent skjema «99X»" in response.text


@pytest.mark.parametrize(
    ("offsets", "says"),
    [((5, 10, 20, 30), "åpner"), ((-40, -30, -20, -1), "stengte")],
    ids=["not-yet-open", "closed"],
)
def test_a_submission_outside_the_new_window_is_refused(
    staff: Site, offsets: tuple[int, int, int, int], says: str
) -> None:
    t = today()
    opens, deadline, corrections, closes = (t + days(n) for n in offsets)
    assert _set_calendar(staff, "11F", (opens, deadline, corrections, closes)).status_code == 303
    act_as(staff, "kari")
    upload_id = staff.upload_id(extract(seed=41))
    response = staff.submit(upload_id)
    assert response.status_code == 403
    assert says in response.text
    with staff.db.read() as session:
        assert session.scalars(select(Submission)).all() == []


# -- the API twin ---------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["before", "today"], ids=["before-the-deadline", "today"])
def test_the_api_gives_the_same_statuses_as_the_page(intake: Intake, when: str) -> None:
    site = intake.site
    day = intake.before if when == "before" else today()
    rows, (page, *_) = matrix_pages(site, dato=day.isoformat())
    response = site.client.get(
        f"/api/v1/intake/{YEAR}", params={"at": day.isoformat()}, headers=_bearer(site, STAFF)
    )
    assert response.status_code == 200
    body = response.json()
    from_api = {
        (row["unit"], cell["form"]): cell["status"]
        for row in body["rows"]
        for cell in row["forms"]
        if cell["form"] in FORMS  # the scenario's
    }
    assert from_api == statuses(rows)
    assert from_api == _expected(intake, at_before=when == "before")
    page_counts = counts_of(page)
    for form in FORMS:
        for label, status in zip(COUNT_LABELS, STATUS_ORDER, strict=True):
            assert body["counts"][form][status] == page_counts[form][label]
    late = {
        (row["unit"], cell["form"]): cell["late"]
        for row in body["rows"]
        for cell in row["forms"]
        if cell["form"] in FORMS
    }
    assert late == {
        (unit, form): cell.late for unit, cells in rows.items() for form, cell in cells.items()
    }
    if when == "today":
        assert late["5001", "11F"] is True and late["1103", "11F"] is False


def test_the_intake_api_is_for_staff_only(intake: Intake) -> None:
    response = intake.site.client.get(f"/api/v1/intake/{YEAR}", headers=intake.vendor.headers)
    assert response.status_code == 403


def downloaded_name(site: Site, upload_id: str) -> str:
    """The file name the portal gives an upload's error list as HTML."""
    response = site.client.get(f"/opplastinger/{upload_id}/feilliste.html")
    disposition = response.headers["content-disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    assert re.fullmatch(r"feilliste_11F_2025_030101_\d{8}-\d{4}\.html", name)
    return name
