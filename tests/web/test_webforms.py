"""Web forms on the portal: fill in, live findings, drafts, submission with a receipt, Oslo's
units, and the intake matrix."""

from __future__ import annotations

import json
import re

import pytest

from kostra.intake.access import Role
from kostra.records.answers import from_bytes
from kostra.store import deliveries
from kostra.store.models import Submission, Upload
from tests.web.conftest import Site
from tests.webforms.answers import CLEAN, FORM_7, as_posted

BASE = "/portal/030101/7/2025/skjema"


@pytest.fixture
def reporter(site: Site) -> Site:
    for form in ("7", "7B", "12"):
        site.set_window(form)
    site.add_user("oslo", Role.REPORTER, ("0301",))
    site.add_user("stavanger", Role.REPORTER, ("1103",))
    site.login("kari")
    return site


def _live(site: Site, path: str, answers: dict[str, str]) -> dict[str, object]:
    response = site.client.post(
        path + "/kontroll", data=answers, headers={"X-CSRF-Token": site.csrf}
    )
    assert response.status_code == 200, response.text
    loaded: dict[str, object] = response.json()
    return loaded


def test_the_form_page_shows_every_part_and_question(reporter: Site) -> None:
    page = reporter.client.get(BASE)
    assert page.status_code == 200
    assert "Del 2. Økonomisk rådgivning" in page.text
    assert 'name="OKRAD_SAKER"' in page.text
    assert "Gamle Oslo" in page.text


def test_a_fresh_form_does_not_shout_until_the_answers_are_checked(reporter: Site) -> None:
    fresh = reporter.client.get(BASE).text
    assert "17 spørsmål gjenstår å besvare." in fresh
    assert "feil må rettes" not in fresh and "ikke besvart" not in fresh
    assert "has-errors" not in fresh and 'class="sev sev-error"' not in fresh
    # Marked neutrally: 17 asked, and one asked only if there is outreach work.
    assert fresh.count('<span class="req">Må fylles ut</span>') == 18
    checked = reporter.client.get(BASE + "?kontroll=1").text  # after «Kontroller»
    assert "17 feil må rettes før skjemaet kan sendes inn." in checked
    assert "Spørsmål 2.2 «Antall saker om økonomisk rådgivning i året» er ikke besvart." in checked
    assert checked.count("question has-findings has-errors") == 17
    # A saved draft: what was answered is checked at once; the rest still only remains.
    reporter.post(BASE, handling="lagre", EPOST="kari@", ANSVARLIG="Kari")
    draft = reporter.client.get(BASE).text
    assert "1 feil må rettes før skjemaet kan sendes inn. 15 spørsmål gjenstår å besvare." in draft
    assert "er ikke en gyldig e-postadresse" in draft and "ikke besvart" not in draft


def test_the_live_check_marks_what_only_remains(reporter: Site) -> None:
    result = _live(reporter, BASE, {"ANSVARLIG": "Kari"})
    findings = result["findings"]
    assert isinstance(findings, list) and len(findings) == 16
    assert all(f["missing"] and f["rule"] == "7-OBL" for f in findings)
    wrong = _live(reporter, BASE, as_posted(FORM_7) | {"EPOST": "kari@"})
    assert [(f["rule"], f["missing"]) for f in wrong["findings"]] == [("7-FORMAT", False)]  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("name", "typed", "words"),
    [
        ("EPOST", "kari@", "er ikke en gyldig e-postadresse"),
        ("TELEFON", "22 86 50", "er ikke et gyldig norsk telefonnummer"),
        ("TELEFON", "+46 22 86 50 00", "er ikke et gyldig norsk telefonnummer"),
    ],
)
def test_e_mail_and_telephone_are_refused_by_the_server(
    reporter: Site, name: str, typed: str, words: str
) -> None:
    result = _live(reporter, BASE, as_posted(FORM_7) | {name: typed})
    assert [f["rule"] for f in result["findings"]] == ["7-FORMAT"]  # type: ignore[index, union-attr]
    handed = reporter.post(BASE, handling="kontroller", **(as_posted(FORM_7) | {name: typed}))
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert words in page and f"«{typed}»" in page
    assert reporter.submit(upload_id).status_code == 422
    fine = _live(reporter, BASE, as_posted(FORM_7) | {"TELEFON": "+47 22 86 50 00"})
    assert fine["findings"] == []


def test_the_form_asks_for_addresses_and_numbers_as_phones_type_them(reporter: Site) -> None:
    page = reporter.client.get(BASE).text
    assert re.search(r'<input type="email" id="svar-EPOST"[^>]* autocomplete="email"', page)
    assert re.search(r'<input type="tel" id="svar-TELEFON"[^>]* autocomplete="tel"', page)


def test_a_draft_is_saved_as_the_reporter_types(reporter: Site) -> None:
    typed = {"ANSVARLIG": "Kari Nordmann", "OKRAD_SAKER": "12 abc"}
    saved = reporter.client.post(
        BASE + "/utkast", data=typed, headers={"X-CSRF-Token": reporter.csrf}
    )
    assert saved.status_code == 200, saved.text
    assert re.fullmatch(r"Utkast lagret kl\. [0-2][0-9]:[0-5][0-9]\.", saved.json()["message"])
    page = reporter.client.get(BASE).text  # a reload: nothing typed is lost
    assert 'value="Kari Nordmann"' in page and 'value="12 abc"' in page
    assert "Utkastet ditt (ikke sendt inn)." in page
    refused = reporter.client.post(BASE + "/utkast", data=typed)
    assert refused.status_code == 403
    reporter.logout()
    reporter.login("stavanger")
    other = reporter.client.post(
        BASE + "/utkast", data={"ANSVARLIG": "X"}, headers={"X-CSRF-Token": reporter.csrf}
    )
    assert other.status_code in (403, 404)


def test_live_check_reports_findings_sums_and_conditions(reporter: Site) -> None:
    answers = as_posted(FORM_7) | {"OKRAD_UTEN_SOSHJ": "500", "UTEKONTAKT": "nei"}
    answers.pop("UTEKONTAKT_ARSVERK")
    result = _live(reporter, BASE, answers)
    rules = [f["rule"] for f in result["findings"]]  # type: ignore[index, union-attr]
    assert rules == ["7-K06"]
    assert result["may_submit"] is False
    assert result["sums"] == {"ARSVERK_242": "32,7"}
    assert result["asked"]["UTEKONTAKT_ARSVERK"] is False  # type: ignore[index]
    clean = _live(reporter, BASE, as_posted(FORM_7))
    assert clean["findings"] == [] and clean["may_submit"] is True


def test_live_check_needs_the_csrf_token(reporter: Site) -> None:
    refused = reporter.client.post(BASE + "/kontroll", data=as_posted(FORM_7))
    assert refused.status_code == 403


def test_a_draft_is_kept_as_typed_and_shown_again(reporter: Site) -> None:
    saved = reporter.post(BASE, handling="lagre", OKRAD_SAKER="12 abc", ANSVARLIG="Kari")
    assert saved.status_code == 303
    page = reporter.client.get(saved.headers["location"]).text
    assert "Utkastet er lagret" in page
    assert 'value="12 abc"' in page
    assert "kan ikke leses" in page


def test_answers_are_checked_submitted_and_receipted(reporter: Site) -> None:
    handed = reporter.post(BASE, handling="kontroller", **as_posted(FORM_7))
    assert handed.status_code == 303
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    assert "kan sendes inn" in page
    submitted = reporter.submit(upload_id)
    assert submitted.status_code == 303
    receipt = reporter.client.get(submitted.headers["location"]).text
    assert "7-2025-030101-v1" in receipt
    with reporter.db.read() as session:
        row = session.query(Submission).one()
        upload = session.get(Upload, row.upload_id)
        assert upload is not None
        kept = from_bytes(deliveries.blob(session, upload.blob_sha256))
    assert kept["OKRAD_ARSVERK"] == 1.5 and kept["UTEKONTAKT"] is True
    assert kept["ARSVERK_242"] == pytest.approx(32.7)  # the worked-out sum is kept
    form_page = reporter.client.get(BASE).text
    assert "innsendt versjon 1" in form_page


def test_answers_with_errors_cannot_be_submitted(reporter: Site) -> None:
    handed = reporter.post(
        BASE, handling="kontroller", **(as_posted(FORM_7) | {"OKRAD_SAKER": "x"})
    )
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    assert "kan ikke leses" in reporter.client.get(f"/opplastinger/{upload_id}").text
    assert reporter.submit(upload_id).status_code == 422


def test_oslo_reports_7_per_district_and_as_a_whole_but_7b_and_12_only_as_a_whole(
    reporter: Site,
) -> None:
    assert reporter.client.get("/portal/030101/7B/2025/skjema").status_code == 404
    assert reporter.client.get("/portal/0301/7/2025/skjema").status_code == 404  # not hers
    reporter.logout()
    reporter.login("oslo")
    for path in ("/portal/0301/7/2025/skjema", "/portal/0301/7B/2025/skjema",
                 "/portal/0301/12/2025/skjema", "/portal/030102/7/2025/skjema"):  # fmt: skip
        assert reporter.client.get(path).status_code == 200, path
    overview = reporter.client.get("/portal?aar=2025").text
    assert "Rapporteres ikke av bydelen" in overview
    assert "/portal/0301/7B/2025/skjema" in overview


def test_a_district_reporter_cannot_fill_in_oslos_form(reporter: Site) -> None:
    refused = reporter.post("/portal/0301/7/2025/skjema", handling="lagre", ANSVARLIG="Kari")
    assert refused.status_code in (403, 404)


def test_the_api_takes_answers_as_json(reporter: Site) -> None:
    token = reporter.add_user("system", Role.VENDOR, ("1103",))
    headers = {"Authorization": f"Bearer {token}"}
    form = reporter.client.get("/api/v1/forms/12/2025", headers=headers)
    assert form.status_code == 200
    assert "SATS_ENSLIG" in {q["name"] for q in form.json()["fields"]}
    put = reporter.client.put(
        "/api/v1/deliveries/1103/12/2025/answers", json=CLEAN["12"], headers=headers
    )
    assert put.status_code == 201, put.text
    body = put.json()
    assert body["outcome"] == "ok" and body["may_submit"] is True
    receipt = reporter.client.post(
        f"/api/v1/uploads/{body['id']}/submission",
        json={"acknowledge_warnings": False},
        headers=headers,
    )
    assert receipt.status_code == 201
    wrong = reporter.client.put(
        "/api/v1/deliveries/1103/12/2025/answers",
        json={"SATS_ENSLIG": "mye", "UKJENT_SPORSMAL": 1},
        headers=headers,
    )
    report = reporter.client.get(wrong.json()["report_url"], headers=headers).json()
    rules = {f["rule"] for f in report["findings"]}
    assert {"12-SVAR", "12-UKJENT", "12-OBL"} <= rules
    junk = reporter.client.put(
        "/api/v1/deliveries/1103/12/2025/answers",
        content=b"\xff\xfe not json",
        headers=headers | {"Content-Type": "application/json"},
    )
    assert junk.status_code == 400
    assert "JSON" in junk.json()["detail"]


def test_the_intake_matrix_covers_the_web_forms(reporter: Site) -> None:
    reporter.submit(
        reporter.post(BASE, handling="kontroller", **as_posted(FORM_7))
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    reporter.logout()
    reporter.add_user("ssb", Role.STAFF, ())
    reporter.login("ssb")
    page = reporter.client.get("/ssb?aar=2025&skjema=7").text
    assert '<th scope="col">7B</th>' in page
    assert "Enheten rapporterer ikke dette skjemaet" in page  # Oslo's districts have no 7B
    rows = [
        line.split(";")
        for line in reporter.client.get("/ssb/datainngang.csv?aar=2025").text.splitlines()
    ]
    cells = {(row[0], row[4]): row[5] for row in rows[1:]}
    assert cells[("030101", "7")] == "Godkjent"
    assert ("030101", "7B") not in cells and ("030101", "11F") in cells
    assert cells[("0301", "12")] == "Ikke mottatt" and ("0301", "11F") not in cells
    missing = reporter.client.get("/ssb/mangler?aar=2025&skjema=nettskjema").text
    assert (
        'aria-labelledby="mangler-7B"' in missing and 'aria-labelledby="mangler-11F"' not in missing
    )
    assert "Skjema 12: 357 av 357 enheter mangler" in missing.replace("\u00a0", " ")
    api = reporter.client.get(
        "/api/v1/intake/2025", headers={"Authorization": f"Bearer {reporter.token_for('ssb')}"}
    ).json()
    assert set(api["counts"]) >= {"11F", "11CF", "7", "7B", "12"}
    assert json.dumps(api)  # serialisable


def test_the_answers_are_read_back_before_they_are_sent_in(reporter: Site) -> None:
    handed = reporter.post(BASE, handling="kontroller", **as_posted(FORM_7))
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    page = reporter.client.get(f"/opplastinger/{upload_id}").text
    readback = page[page.index('id="svarene"') : page.index('id="innsending"')]
    assert "Se over svarene før du sender inn" in readback
    assert "19 av 20 spørsmål besvart" in readback  # the telephone is not mandatory
    assert "Del 2. Økonomisk rådgivning" in readback
    assert "<dd>1,5 årsverk</dd>" in readback and "<dd>Ja</dd>" in readback
    assert "Årsverk i alt, funksjon 242</dt><dd>32,7 årsverk" in readback  # worked out
    assert 'Telefon</dt><dd class="unanswered">Ikke besvart</dd>' in readback
    assert f'href="{BASE}?kontroll=1#del-2">Endre del 2</a>' in readback
    # Answers, not a file: no file name, size or records anywhere on the page.
    assert "Svar på skjema 7 for 2025" in page and "<dd>19 av 20</dd>" in page
    for file_words in (".json</dd>", "Størrelse", " byte<", "Poster"):
        assert file_words not in page, file_words
    assert page.index('id="svarene"') < page.index(">Send inn</button>")
    assert f'<a class="button" href="{BASE}?kontroll=1">Endre svarene</a>' in page


def test_a_web_forms_receipt_and_history_speak_of_answers(reporter: Site) -> None:
    answers = as_posted(FORM_7) | {"OKRAD_SAKER": "0"}
    answers.pop("OKRAD_UTEN_SOSHJ")
    handed = reporter.post(BASE, handling="kontroller", **answers)
    receipt = reporter.client.get(
        reporter.submit(handed.headers["location"].rsplit("/", 1)[1]).headers["location"]
    ).text
    assert "Svar på skjema 7 for 2025" in receipt
    assert "18 av 19 spørsmål besvart" in receipt  # 2.3 is not asked when there are no cases
    assert "Svarene som ble sendt inn" in receipt and "Kari Nordmann" in receipt
    assert "Endre del" not in receipt
    for file_words in ("skjema-7-2025-030101.json", "Størrelse", "byte", "Poster"):
        assert file_words not in receipt, file_words
    delivery = reporter.client.get("/portal/030101/7/2025").text
    assert "Kontrollerte svar" in delivery
    assert "skjema-7-2025-030101.json" not in delivery and ">Poster<" not in delivery
    extract = reporter.client.get("/portal/030101/11F/2025").text
    assert "Opplastinger" in extract  # an extract's history still speaks of files


def test_without_javascript_errors_show_once_the_answers_are_checked(reporter: Site) -> None:
    handed = reporter.post(BASE, handling="kontroller", ANSVARLIG="Kari", EPOST="kari@")
    page = reporter.client.get(handed.headers["location"]).text
    assert "Svarene kan ikke sendes inn." in page
    assert f'<a href="{BASE}?kontroll=1">Rett svarene i skjemaet</a>' in page
    form = reporter.client.get(BASE + "?kontroll=1").text
    assert "16 feil må rettes før skjemaet kan sendes inn." in form
    assert "er ikke en gyldig e-postadresse" in form and "er ikke besvart" in form
    error_list_text = reporter.client.get(handed.headers["location"] + "/feilliste.html").text
    assert "skjema-7-2025-030101.json" not in error_list_text
