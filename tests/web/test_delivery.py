"""Delivering an extract through the portal: upload, error list, submit, receipt, versions."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest

from kostra.catalog import load
from kostra.services import delivery
from kostra.services.targets import resolve
from kostra.store import accounts
from kostra.text import now
from tests.builders import fnr, line
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


# -- the error list: one compact table, sorted and grouped on request, in the form's words -------

_DUF = "201017238203"


def _extract_of(*changes: dict[str, str], form: str = "11F") -> bytes:
    """An extract of Gamle Oslo: the clean record with each line's changes."""
    definition = load(form, 2025)
    return "".join(line(definition, **c) + "\n" for c in changes).encode("utf-8")


def _known_findings(reporter: Site) -> str:
    """An upload whose findings are known: line 1 (Kari, J0000001) leaves GITT_OKONOMIRAD
    blank, line 2 (Ola, J0000002) names its person by DUF number, line 3 (Kari, J0000003) has
    sex 3."""
    return reporter.upload_id(
        _extract_of(
            {"PERSON_JOURNALNR": "J0000001", "GITT_OKONOMIRAD": " "},
            {
                "PERSON_JOURNALNR": "J0000002",
                "SAKSBEHANDLER": "Ola",
                "PERSON_FODSELSNR": "",
                "PERSON_DUF": _DUF,
            },
            {"PERSON_JOURNALNR": "J0000003", "PERSON_FODSELSNR": fnr("160690"), "KJONN": "3"},
        )
    )


def _rows(page: str) -> list[tuple[str, str, str, str]]:
    """The findings table's rows as shown: (rule, lines, case worker, journal)."""
    table = page.split('<table class="findings">', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'<span class="rule">(\w+)</span>.*?data-label="Linje">([^<]*)</td>\s*'
        r'<td class="c-worker" data-label="Saksbehandler">([^<]*)</td>\s*'
        r'<td class="c-journal" data-label="Journalnummer">([^<]*)</td>',
        table,
        re.S,
    )


def test_the_error_list_is_one_compact_table(reporter: Site) -> None:
    page = reporter.client.get(f"/opplastinger/{_known_findings(reporter)}").text
    assert page.count('<table class="findings">') == 1
    assert 'class="caseworker"' not in page
    head = page.split('<table class="findings">', 1)[1].split("</thead>", 1)[0]
    assert [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>.*?</th>", head, re.S)] == [
        "Alvorlighet", "Kontroll", "Linje", "Saksbehandler", "Journalnummer", "Melding"
    ]  # fmt: skip
    # By default the whole file first (K002 has no case), then case worker by case worker.
    assert _rows(page) == [
        ("K002", "1", "–", "–"),
        ("K002", "3", "–", "–"),
        ("K032", "1", "Kari", "J0000001"),
        ("K008", "3", "Kari", "J0000003"),
        ("K006", "2", "Ola", "J0000002"),
    ]


def test_the_error_list_sorts_and_groups_by_query(reporter: Site) -> None:
    upload_id = _known_findings(reporter)
    by_line = reporter.client.get(f"/opplastinger/{upload_id}", params={"sorter": "linje"}).text
    assert [(rule, lines) for rule, lines, _, _ in _rows(by_line)] == [
        ("K002", "1"), ("K032", "1"), ("K006", "2"), ("K002", "3"), ("K008", "3")
    ]  # fmt: skip
    assert re.search(
        r'<th scope="col" class="c-lines" aria-sort="ascending"><a href="\?sorter=linje"', by_line
    )
    assert '<option value="linje" selected>' in by_line
    by_journal = reporter.client.get(
        f"/opplastinger/{upload_id}", params={"sorter": "journal", "grupper": "saksbehandler"}
    ).text
    groups = re.findall(
        r'<tr class="group"><th scope="rowgroup" colspan="6">([^<]+?) <', by_journal
    )
    assert groups == ["Hele filen", "Saksbehandler: Kari", "Saksbehandler: Ola"]
    assert [journal for *_, journal in _rows(by_journal)] == [
        "–",
        "–",
        "J0000001",
        "J0000003",
        "J0000002",
    ]
    # The column headings keep the grouping, and change the order only.
    assert 'href="?sorter=alvorlighet&amp;grupper=saksbehandler"' in by_journal
    by_case = reporter.client.get(f"/opplastinger/{upload_id}", params={"grupper": "journal"}).text
    assert re.findall(r'colspan="6">([^<]+?) <', by_case) == [
        "Hele filen", "Journalnummer J0000001", "Journalnummer J0000002", "Journalnummer J0000003"
    ]  # fmt: skip
    # Unknown words fall back to the list's own order, never an error.
    odd = reporter.client.get(f"/opplastinger/{upload_id}", params={"sorter": "x", "grupper": "y"})
    assert odd.status_code == 200 and _rows(odd.text) == _rows(
        reporter.client.get(f"/opplastinger/{upload_id}").text
    )
    csv_rows = (
        reporter.client.get(f"/opplastinger/{upload_id}/feilliste.csv", params={"sorter": "linje"})
        .text.lstrip("\ufeff")
        .splitlines()
    )
    assert [row.split(";")[1] for row in csv_rows[1:]] == ["K002", "K032", "K006", "K002", "K008"]


def test_messages_name_the_question_with_the_field_as_detail_and_how_to_correct(
    reporter: Site,
) -> None:
    upload_id = _known_findings(reporter)
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    question = load("11F", 2025).field("GITT_OKONOMIRAD").label
    assert f"Spørsmålet «{question}» mangler svar." in page
    assert "Feltet GITT_OKONOMIRAD (posisjon 264)" not in page
    assert '<small class="field-ref">Felt: <span title="' in page
    assert ">GITT_OKONOMIRAD, posisjon 264</span></small>" in page
    assert page.count("<summary>Slik retter du det</summary>") == 5
    assert "Velg et av de gyldige svarene på saken i fagsystemet." in page
    assert "Opplysningene rettes på saken i fagsystemet." in page
    assert "heltall-felt" not in page and "dato-felt" not in page
    # The downloads carry the same words.
    lines = reporter.client.get(f"/opplastinger/{upload_id}/feilliste.csv").text.lstrip("\ufeff")
    header, first = lines.splitlines()[:2]
    assert header.endswith(";Felt;Slik retter du det")
    assert "GITT_OKONOMIRAD, posisjon 264" in first and question in first
    printed = reporter.client.get(f"/opplastinger/{upload_id}/feilliste.html").text
    assert '<h2 id="slik-retter-du">Slik retter du det</h2>' in printed
    assert ">GITT_OKONOMIRAD, posisjon 264</span>" in printed


def test_k006_on_a_duf_identified_record_says_nothing_needs_fixing(reporter: Site) -> None:
    page = reporter.client.get(f"/opplastinger/{_known_findings(reporter)}").text
    k006 = page.split('<span class="rule">K006</span>', 1)[1].split("</tr>", 1)[0]
    assert "Mottakeren er identifisert med DUF-nummer og har ikke fødselsnummer" in k006
    assert "Alderen tas da fra fødselsdatoen: " in k006
    assert "Er DUF-nummeret riktig, trenger du ikke rette noe." in k006
    assert "kontroller fødselsnummeret" not in k006
    assert _DUF not in page


@pytest.mark.parametrize(("form", "persons"), [("11F", "Mottakere"), ("11CF", "Deltakere")])
def test_the_error_list_calls_the_persons_by_the_forms_word(
    reporter: Site, form: str, persons: str
) -> None:
    upload_id = reporter.upload_id(extract(form, seed=3), form=form)
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert f'<th scope="col" class="num">{persons}</th>' in page
    other = {"Mottakere", "Deltakere"} - {persons}
    assert f">{other.pop()}<" not in page


# -- the overview leads with the next step of each form ----------------------------------------


def _steps(page: str) -> dict[str, tuple[str, str, str]]:
    """Per form on the overview: (sentence, action label, action link)."""
    found = re.findall(
        r'<li class="next-step [^"]*" data-form="(\w+)">.*?<span class="step-sentence">([^<]*)'
        r'</span>.*?<a class="action" href="([^"]*)"[^>]*>([^<]*)</a>',
        page,
        re.S,
    )
    return {form: (sentence, label, href) for form, sentence, href, label in found}


def test_the_overview_says_the_next_step_of_each_form(reporter: Site) -> None:
    for form in ("11F", "11CF", "7"):
        reporter.set_window(form, 2025, "open")
    first = reporter.client.get("/portal").text
    steps = _steps(first)
    assert steps["11F"] == (
        "Ikke levert ennå.",
        "Last opp uttrekk",
        "/portal/030101/11F/2025#last-opp",
    )
    assert steps["7"] == (
        "Skjemaet er ikke fylt ut ennå.",
        "Fyll ut skjemaet",
        "/portal/030101/7/2025/skjema",
    )
    # The deadline is said once, at the top, when the forms share it.
    assert first.count('<p class="deadline-all">Frist ') == 1 and "– om 10 dager" in first
    assert first.count("Frist ") == 1 and "Gå til 11F" not in first

    failing = reporter.upload_id(extract(errors=3, seed=2))
    errors = reporter.client.get(f"/opplastinger/{failing}").text.count('class="sev sev-error"')
    sentence, label, href = _steps(reporter.client.get("/portal").text)["11F"]
    assert label.startswith("Se feillisten (") and href == f"/opplastinger/{failing}"
    assert sentence.startswith("Siste opplasting har ") and sentence.endswith(
        " feil som må rettes."
    )
    assert errors > 0

    clean = reporter.upload_id(extract(seed=3))
    assert _steps(reporter.client.get("/portal").text)["11F"] == (
        "Siste opplasting er kontrollert uten feil, men ikke sendt inn.", "Send inn",
        f"/opplastinger/{clean}",
    )  # fmt: skip
    receipt = reporter.submit(clean).headers["location"]
    sentence, label, href = _steps(reporter.client.get("/portal").text)["11F"]
    assert (label, href) == ("Se kvittering", receipt) and sentence.startswith(
        "Sendt inn som versjon 1 "
    )

    reporter.post("/portal/030101/11CF/2025/ingen", bekreft="ja")
    assert _steps(reporter.client.get("/portal").text)["11CF"][:2] == (
        "Levert: ingen å rapportere for 2025.", "Se leveransen"
    )  # fmt: skip


def test_the_overview_says_plainly_when_a_form_is_late_and_each_deadline_when_they_differ(
    reporter: Site,
) -> None:
    reporter.set_window("11F", 2025, "late")
    page = reporter.client.get("/portal").text
    assert 'class="deadline-all"' not in page
    late = page.split('data-form="11F"', 1)[1].split("</li>", 1)[0]
    assert '<p class="late-note">Fristen var ' in late and "leveransen er forsinket." in late
    assert "Fristen var " in late and "– for 5 dager siden" in late
    assert 'class="next-step next-late"' in page
