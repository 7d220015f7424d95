"""The inbox "Fra SSB": what the statistics office sends a unit reaches the unit's pages.

An error list's note and a reminder are kept as messages whether or not a mail server is set (none
is, here); the unit's reporters (and Oslo's own, for a district) see them with an unread count,
opening one marks it read with who and when, other units cannot see them, and staff see them on
the unit's page with their read status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.store import Database
from kostra.store.models import Message
from kostra.text import local, long_date, now
from tests.web.conftest import YEAR, Site, extract, make_site
from tests.web.test_followup import act_as

STAFF = "siri"
NOTE = "Rett fødselsnummer på linje 12, og send inn på nytt."
SUBJECT = "Feilliste: KOSTRA 11F for 2025, Gamle Oslo"
_MESSAGE_LINK = re.compile(r'href="/portal/meldinger/(\d+)"')


@pytest.fixture
def inbox_site(db: Database, runner: ControlRunner) -> Iterator[Site]:
    """The portal without a mail server: Gamle Oslo's reporter, Oslo's own, a reporter of
    another district and one of Stavanger, and staff."""
    with make_site(db, runner) as site:
        site.set_window("11F")
        site.add_user("kari", Role.REPORTER, ("030101",), email="kari@example.org")
        site.add_user("oslo", Role.REPORTER, ("0301",), email="oslo@example.org")
        site.add_user("grunerlokka", Role.REPORTER, ("030102",), email="gl@example.org")
        site.add_user("stavanger", Role.REPORTER, ("1103",), email="per@stavanger.example")
        site.add_user(STAFF, Role.STAFF, ())
        yield site


def _send_error_list(site: Site, note: str = NOTE) -> str:
    """As Gamle Oslo's reporter upload a file with errors; as staff send its error list with
    `note`. Leaves staff logged in; the upload's id."""
    act_as(site, "kari")
    upload_id = site.upload_id(extract(errors=3, seed=2), name="feil.txt")
    act_as(site, STAFF)
    sent = site.post("/ssb/feillister", opplasting=upload_id, merknad=note)
    assert sent.status_code == 200
    assert "lagt i enhetens innboks «Fra SSB»" in sent.text
    return upload_id


def _messages(db: Database) -> list[Message]:
    with db.read() as session:
        return list(session.scalars(select(Message).order_by(Message.id)))


def _unread_badge(page: str) -> str | None:
    found = re.search(r'href="/portal/meldinger">Fra SSB <span class="unread-count">(\d+)', page)
    return found.group(1) if found else None


def test_an_error_lists_note_reaches_the_units_inbox(inbox_site: Site) -> None:
    site = inbox_site
    upload_id = _send_error_list(site)
    (kept,) = _messages(site.db)
    assert (kept.unit, kept.form, kept.year, kept.kind) == ("030101", "11F", YEAR, "error_list")
    assert kept.note == NOTE and NOTE in kept.body and kept.subject == SUBJECT
    assert kept.delivery == "recorded"  # no mail server: the inbox is how it reaches the unit
    assert kept.sent_by == site.users[STAFF] and kept.read_at is None

    act_as(site, "kari")
    overview = site.client.get("/portal", params={"aar": YEAR}).text
    assert _unread_badge(overview) == "1"
    assert "Fra SSB: 1 ulest melding" in overview.replace("\u00a0", " ")
    listing = site.client.get("/portal/meldinger")
    assert listing.status_code == 200
    row = listing.text.split('<tr class="unread">', 1)[1].split("</tr>", 1)[0]
    assert "Ny</span>" in row and SUBJECT in row and "Ikke lest" in row
    (message_id,) = _MESSAGE_LINK.findall(listing.text)

    opened = site.client.get(f"/portal/meldinger/{message_id}")
    assert opened.status_code == 200
    assert "<h1>" + SUBJECT + "</h1>" in opened.text
    assert f'<p class="message-note">{NOTE}</p>' in opened.text
    assert f'href="/opplastinger/{upload_id}">Se feillisten</a>' in opened.text
    assert _unread_badge(opened.text) is None  # read now: the count is gone at once

    (read,) = _messages(site.db)
    assert read.read_by == site.users["kari"] and read.read_at is not None
    listing = site.client.get("/portal/meldinger").text
    assert 'class="unread"' not in listing
    assert f"{long_date(local(read.read_at).date())} kl." in listing and "av Kari" in listing
    assert _unread_badge(site.client.get("/portal", params={"aar": YEAR}).text) is None

    # Oslo's own reporter sees the district's messages; reading them later changes nothing.
    act_as(site, "oslo")
    assert message_id in _MESSAGE_LINK.findall(site.client.get("/portal/meldinger").text)
    assert site.client.get(f"/portal/meldinger/{message_id}").status_code == 200
    (still,) = _messages(site.db)
    assert still.read_by == site.users["kari"] and still.read_at == read.read_at


@pytest.mark.parametrize("username", ["grunerlokka", "stavanger"])
def test_other_units_cannot_see_the_message(inbox_site: Site, username: str) -> None:
    site = inbox_site
    _send_error_list(site)
    (kept,) = _messages(site.db)
    act_as(site, username)
    page = site.client.get("/portal", params={"aar": YEAR}).text
    assert _unread_badge(page) is None
    listing = site.client.get("/portal/meldinger")
    assert listing.status_code == 200
    assert _MESSAGE_LINK.findall(listing.text) == []
    assert "SSB har ikke sendt noen meldinger ennå" in listing.text
    refused = site.client.get(f"/portal/meldinger/{kept.id}")
    assert refused.status_code == 404  # as another unit's upload: not even acknowledged
    assert NOTE not in refused.text and "Meldingen finnes ikke" in refused.text
    assert _messages(site.db)[0].read_at is None  # and not marked read


@pytest.mark.parametrize("address", ["999999", "abc", "1" * 20])
def test_an_unknown_message_is_not_found(inbox_site: Site, address: str) -> None:
    act_as(inbox_site, "kari")
    response = inbox_site.client.get(f"/portal/meldinger/{address}")
    assert response.status_code == 404
    assert "Meldingen finnes ikke" in response.text


def test_the_inbox_needs_a_login(inbox_site: Site) -> None:
    for path in ("/portal/meldinger", "/portal/meldinger/1"):
        response = inbox_site.client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/innlogging?neste=")


def test_staff_see_who_sent_what_and_whether_it_was_read(inbox_site: Site) -> None:
    site = inbox_site
    _send_error_list(site)
    (kept,) = _messages(site.db)
    unit_page = site.client.get("/ssb/enheter/030101", params={"aar": YEAR}).text
    section = unit_page.split('<section aria-labelledby="meldinger">', 1)[1].split("</section>")[0]
    assert "Meldinger fra SSB til enheten (1)" in section
    row = section.split('<tr class="unread">', 1)[1].split("</tr>", 1)[0]
    assert f"{long_date(local(kept.sent_at).date())} kl." in row
    assert "<td>Siri</td>" in row and "<td>Feilliste</td>" in row and SUBJECT in row
    assert "Merknad: Rett fødselsnummer på linje 12" in row
    assert "Registrert (e-post er ikke satt opp)" in row and "Ikke lest" in row

    # Staff may open it, and it stays unread for the unit.
    opened = site.client.get(f"/portal/meldinger/{kept.id}")
    assert opened.status_code == 200 and "Ikke lest av enheten" in opened.text
    assert _messages(site.db)[0].read_at is None
    assert site.client.get("/portal/meldinger", follow_redirects=False).status_code == 303

    register = site.client.get("/ssb/feillister", params={"aar": YEAR}).text
    row = register.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert f'<a href="/portal/meldinger/{kept.id}">Rett fødselsnummer på linje 12' in row
    assert "<td>Ikke lest</td>" in row

    act_as(site, "kari")
    assert site.client.get(f"/portal/meldinger/{kept.id}").status_code == 200
    act_as(site, STAFF)
    register = site.client.get("/ssb/feillister", params={"aar": YEAR}).text
    row = register.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "<td>Ikke lest</td>" not in row
    assert re.search(r"<td>\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d</td>\s*<td><span", row)
    unit_page = site.client.get("/ssb/enheter/030101", params={"aar": YEAR}).text
    section = unit_page.split('<section aria-labelledby="meldinger">', 1)[1].split("</section>")[0]
    assert 'class="unread"' not in section
    assert re.search(r"Lest \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d av Kari", section)
    # Another unit's page lists none of it.
    other = site.client.get("/ssb/enheter/030102", params={"aar": YEAR}).text
    assert "Meldinger fra SSB til enheten (0)" in other and SUBJECT not in other


def test_a_reminder_reaches_the_units_inbox(inbox_site: Site) -> None:
    site = inbox_site
    act_as(site, STAFF)
    sent = site.post("/ssb/purringer", aar=str(YEAR), skjema="11F", enheter="030101")
    assert sent.status_code == 200
    (kept,) = _messages(site.db)
    assert kept.kind == "reminder" and kept.reminder_id is not None and kept.note is None
    assert kept.subject == "Purring: KOSTRA 11F for 2025, Gamle Oslo"
    assert kept.link == "/portal/030101/11F/2025"

    act_as(site, "kari")
    assert _unread_badge(site.client.get("/portal", params={"aar": YEAR}).text) == "1"
    opened = site.client.get(f"/portal/meldinger/{kept.id}").text
    assert "Til Gamle Oslo (030101)" in opened and "Purring: skjema 11F" in opened
    assert 'href="/portal/030101/11F/2025">Gå til leveransen</a>' in opened
    assert "Merknad fra SSB" not in opened
    assert now() >= _messages(site.db)[0].read_at  # type: ignore[operator]
