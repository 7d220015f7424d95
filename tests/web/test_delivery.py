"""Delivering an extract through the portal: upload, error list, submit, receipt, versions."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest

from kostra.services import delivery
from kostra.services.targets import resolve
from kostra.store import accounts
from kostra.text import now
from tests.web.conftest import Site, extract


@pytest.fixture
def reporter(site: Site) -> Site:
    site.login("kari")
    return site


def test_an_extract_with_errors_shows_its_error_list_and_cannot_be_submitted(
    reporter: Site,
) -> None:
    upload_id = reporter.upload_id(extract(errors=3, seed=2))
    page = reporter.client.get(f"/opplastinger/{upload_id}")
    assert page.status_code == 200
    assert "Filen kan ikke sendes inn før feilene er rettet" in page.text
    assert "/innsending" not in page.text  # no submit form
    refused = reporter.submit(upload_id)
    assert refused.status_code == 422
    assert "Filen har feil og kan ikke sendes inn" in refused.text


def test_a_clean_extract_is_submitted_with_a_receipt(reporter: Site) -> None:
    data = extract(seed=3)
    upload_id = reporter.upload_id(data, name="sosialhjelp 2025.txt")
    page = reporter.client.get(f"/opplastinger/{upload_id}")
    assert "Filen kan sendes inn" in page.text
    submitted = reporter.submit(upload_id)
    assert submitted.status_code == 303
    receipt = reporter.client.get(submitted.headers["location"])
    assert receipt.status_code == 200
    assert hashlib.sha256(data).hexdigest() in receipt.text
    assert "11F-2025-030101-v1" in receipt.text
    assert "sosialhjelp 2025.txt" in receipt.text


def test_submitting_twice_gives_the_same_version(reporter: Site) -> None:
    upload_id = reporter.upload_id(extract(seed=3))
    first = reporter.submit(upload_id).headers["location"]
    second = reporter.submit(upload_id).headers["location"]
    assert first == second


def test_a_resubmission_is_the_next_version_and_both_stay_in_the_history(reporter: Site) -> None:
    for seed in (3, 4):
        reporter.submit(reporter.upload_id(extract(seed=seed)))
    history = reporter.client.get("/portal/030101/11F/2025").text
    receipts = re.findall(r'href="(/innsendinger/[0-9a-f]{32})"', history)
    assert len(receipts) == 2
    newest = reporter.client.get(receipts[0]).text  # newest first
    assert "11F-2025-030101-v2" in newest


def test_warnings_must_be_acknowledged(reporter: Site) -> None:
    # Last year's delivery of 300 recipients makes this year's 40 a large change: a warning.
    reporter.set_window("11F", 2024, "late")
    last = reporter.upload_id(extract(records=300, seed=9, year=2024), year=2024)
    reporter.submit(last)
    upload_id = reporter.upload_id(extract(seed=3))
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert "FJOR1" in page and "40 i år mot 300 i fjor" in page
    refused = reporter.submit(upload_id, warnings_seen=False)
    assert refused.status_code == 422 and "advarsler" in refused.text
    assert reporter.submit(upload_id, warnings_seen=True).status_code == 303


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "K000"),
        (b"\x00\x01\x02\xff\xfe" * 200, "K001"),
        (b"for kort linje\n", "K001"),
    ],
    ids=["empty", "junk", "wrong-length"],
)
def test_bad_files_get_a_fatal_finding_and_are_kept(reporter: Site, data: bytes, says: str) -> None:
    upload_id = reporter.upload_id(data)
    page = reporter.client.get(f"/opplastinger/{upload_id}")
    assert page.status_code == 200
    assert says in page.text
    kept = reporter.client.get(f"/opplastinger/{upload_id}/fil")
    assert kept.content == data


def test_no_file_chosen(reporter: Site) -> None:
    response = reporter.client.post(
        "/portal/030101/11F/2025/opplasting",
        data={"csrf_token": reporter.csrf},
        files={"fil": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 422
    assert "Velg filen" in response.text


def test_windows_1252_extract_reads_right(reporter: Site) -> None:
    data = extract(seed=5).decode("utf-8").replace("a", "æ").encode("windows-1252")
    upload_id = reporter.upload_id(data)
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert "Windows-1252" in page or "ISO-8859-1" in page


@pytest.mark.parametrize(
    ("phase", "status", "says"),
    [("not_open", 403, "åpner"), ("closed", 403, "stengte"), ("late", 303, "")],
)
def test_submission_outside_the_window(reporter: Site, phase: str, status: int, says: str) -> None:
    reporter.set_window("11F", 2025, phase)
    upload_id = reporter.upload_id(extract(seed=3))
    response = reporter.submit(upload_id)
    assert response.status_code == status
    assert says in response.text


def test_corrections_after_their_deadline_are_refused(reporter: Site) -> None:
    reporter.submit(reporter.upload_id(extract(seed=3)))
    reporter.set_window("11F", 2025, "no_corrections")
    response = reporter.submit(reporter.upload_id(extract(seed=4)))
    assert response.status_code == 403
    assert "Fristen for rettinger" in response.text


def test_a_late_delivery_is_marked_late(reporter: Site) -> None:
    reporter.set_window("11F", 2025, "late")
    receipt = reporter.client.get(
        reporter.submit(reporter.upload_id(extract(seed=3))).headers["location"]
    )
    assert "Levert etter fristen" in receipt.text
    assert "<td>Ja</td>" in receipt.text


def test_nothing_to_report_is_declared_and_withdrawn(reporter: Site) -> None:
    assert reporter.post("/portal/030101/11CF/2025/ingen", bekreft="ja").status_code == 303
    page = reporter.client.get("/portal/030101/11CF/2025").text
    assert "Ingen å rapportere" in page and "Trekk erklæringen" in page
    assert reporter.post("/portal/030101/11CF/2025/ingen/trekk").status_code == 303
    assert "Ikke mottatt" in reporter.client.get("/portal/030101/11CF/2025").text


def test_a_submission_replaces_a_declaration(reporter: Site) -> None:
    reporter.post("/portal/030101/11F/2025/ingen", bekreft="ja")
    reporter.submit(reporter.upload_id(extract(seed=3)))
    page = reporter.client.get("/portal/030101/11F/2025").text
    assert "Erstattet av innsendt versjon 1" in page
    assert "Godkjent" in page


def test_no_declaration_after_a_submission(reporter: Site) -> None:
    reporter.submit(reporter.upload_id(extract(seed=3)))
    response = reporter.post("/portal/030101/11F/2025/ingen", bekreft="ja")
    assert response.status_code == 409
    assert "allerede sendt inn" in response.text


def test_error_list_filters_and_downloads(reporter: Site) -> None:
    upload_id = reporter.upload_id(extract(records=80, errors=6, seed=7))
    whole = reporter.client.get(f"/opplastinger/{upload_id}/feilliste.csv")
    assert whole.headers["content-type"].startswith("text/csv")
    lines = whole.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Alvorlighet;Kontroll")
    only_warnings = (
        reporter.client.get(
            f"/opplastinger/{upload_id}/feilliste.csv", params={"alvorlighet": "warning"}
        )
        .text.lstrip("\ufeff")
        .splitlines()
    )
    assert all(line.startswith("Advarsel;") for line in only_warnings[1:])
    partial = reporter.client.get(
        f"/opplastinger/{upload_id}",
        params={"alvorlighet": "error"},
        headers={"HX-Request": "true"},
    )
    assert partial.text.lstrip().startswith('<div id="funnliste">')
    html = reporter.client.get(f"/opplastinger/{upload_id}/feilliste.html")
    assert "attachment" in html.headers["content-disposition"]
    assert "<!DOCTYPE html>" in html.text


def test_odd_file_names_are_harmless(reporter: Site) -> None:
    upload_id = reporter.upload_id(extract(seed=3), name='../../<script>alert("x")</script>.txt')
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert "<script>alert" not in page
    assert "&lt;/script&gt;.txt" not in page or "script&gt;.txt" in page


def _history_lateness(page: str) -> list[str]:
    """The "Frist" cells of the delivery page's versions, in order."""
    versions = page.split("Innsendte versjoner", 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td>(?:<span class="late">)?(etter fristen|i tide)', versions)


def _declare(reporter: Site, days_ago: int) -> None:
    """Gamle Oslo's reporter declares nothing to report for 11F, `days_ago` days ago."""
    with reporter.db.read() as session:
        user = accounts.find_user(session, "kari")
        assert user is not None
        who = accounts.principal(session, user)
    target = resolve("030101", "11F", 2025)
    delivery.declare(reporter.db, who, target, at=now() - timedelta(days=days_ago))


@pytest.mark.parametrize(
    ("days_ago", "late"),
    [(10, False), (1, True)],  # the deadline was 5 days ago
    ids=["declared-on-time", "declared-after-the-deadline"],
)
def test_lateness_is_decided_once(reporter: Site, days_ago: int, late: bool) -> None:
    """A declaration replaced by a version after the deadline: the version is late as the
    declaration was, and the receipt, the history, the status and the API say the same."""
    reporter.set_window("11F", 2025, "late")
    _declare(reporter, days_ago)
    receipt = reporter.client.get(
        reporter.submit(reporter.upload_id(extract(seed=3))).headers["location"]
    ).text
    said = re.search(r"Levert etter fristen</th><td>(Ja|Nei)</td>", receipt)
    assert said is not None and said.group(1) == ("Ja" if late else "Nei")
    page = reporter.client.get("/portal/030101/11F/2025").text
    assert _history_lateness(page) == ["etter fristen" if late else "i tide"]
    assert ('<span class="late">forsinket</span>' in page) is late


def test_a_delivery_after_a_withdrawn_declaration_is_judged_by_its_own_time(
    reporter: Site,
) -> None:
    reporter.set_window("11F", 2025, "late")
    _declare(reporter, days_ago=10)  # on time
    reporter.post("/portal/030101/11F/2025/ingen/trekk")
    receipt = reporter.client.get(
        reporter.submit(reporter.upload_id(extract(seed=3))).headers["location"]
    ).text
    assert "Levert etter fristen</th><td>Ja</td>" in receipt


def test_a_correction_of_an_on_time_delivery_is_not_late(reporter: Site) -> None:
    reporter.set_window("11F", 2025, "late")
    _declare(reporter, days_ago=10)  # on time
    reporter.submit(reporter.upload_id(extract(seed=3)))  # replaces it, after the deadline
    reporter.submit(reporter.upload_id(extract(seed=4)))  # and is corrected
    page = reporter.client.get("/portal/030101/11F/2025").text
    assert _history_lateness(page) == ["i tide", "i tide"]
    assert '<span class="late">forsinket</span>' not in page


def test_nothing_to_report_must_be_confirmed(reporter: Site) -> None:
    page = reporter.client.get("/portal/030101/11CF/2025").text
    assert 'name="bekreft" value="ja" required' in page
    refused = reporter.post("/portal/030101/11CF/2025/ingen")
    assert refused.status_code == 422
    assert (
        "Kryss av for å bekrefte" in refused.text
        and 'href="/portal/030101/11CF/2025"' in refused.text
    )
    assert "Trekk erklæringen" not in reporter.client.get("/portal/030101/11CF/2025").text


def test_nothing_to_report_warns_of_records_uploaded(reporter: Site) -> None:
    reporter.upload_id(extract(records=40, seed=3))
    page = reporter.client.get("/portal/030101/11F/2025").text
    assert "Enheten har lastet opp et filuttrekk med 40 poster for 2025" in page
    assert "Jeg bekrefter at 030101 Gamle Oslo ikke har mottakere av økonomisk sosialhjelp" in page
