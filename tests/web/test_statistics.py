"""Statistics production in the portal: staff revise, correct a value, publish preliminary and
final figures; the public pages and fact sheets show them, and the files are as published."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.store import Database, accounts
from tests.production import worked
from tests.store.test_releases import deliver_answers
from tests.web.conftest import Site, make_site


@pytest.fixture
def staffed(db: Database, runner: ControlRunner, tmp_path: Path) -> Iterator[Site]:
    """Oslo's reporter has delivered the worked example's two districts; SSB is logged in."""
    with make_site(db, runner, pseudonym_key="test-nokkel", suppression_max_n=0) as site:
        site.add_user("oslo", Role.REPORTER, ("0301",))
        site.add_user("siri", Role.STAFF, ())
        site.set_window("11F")
        site.login("oslo")
        for code, path in worked.write(tmp_path).items():
            submitted = site.submit(site.upload_id(path.read_bytes(), unit=code))
            assert submitted.status_code == 303, submitted.text
        site.logout()
        site.login("siri")
        yield site


def publish(site: Site, stage: str) -> str:
    made = site.post("/ssb/publisering", aar="2025", stadium=stage)
    assert made.status_code == 303, made.text
    return made.headers["location"]


def test_no_release_yet(site: Site) -> None:
    page = site.client.get("/statistikk")
    assert page.status_code == 200 and "Ingen tall er publisert ennå" in page.text


def test_staff_publish_and_the_public_reads(staffed: Site) -> None:
    release = staffed.client.get(publish(staffed, "preliminary"))
    assert "foreløpige tall for 2025" in release.text
    staffed.logout()
    public = staffed.client.get("/statistikk/030101")
    assert public.status_code == 200
    assert "030101 Gamle Oslo" in public.text and "Foreløpige tall for 2025" in public.text
    assert "<svg" in public.text  # charts drawn on the server
    sheet = staffed.client.get("/statistikk/faktaark/030101")
    assert sheet.status_code == 200 and "Faktaark: 030101 Gamle Oslo" in sheet.text
    links = re.findall(r'href="(/statistikk/filer/\d+/manifest\.json)"', public.text)
    manifest = json.loads(staffed.client.get(links[0]).content)
    for name, digest in manifest["files"].items():
        data = staffed.client.get(links[0].replace("manifest.json", name)).content
        assert hashlib.sha256(data).hexdigest() == digest


def test_a_correction_reaches_the_final_release(staffed: Site) -> None:
    publish(staffed, "preliminary")
    record = staffed.client.get("/ssb/produksjon/030101/11F", params={"aar": 2025, "linje": 2})
    assert record.status_code == 200 and "BIDRAG" in record.text
    assert worked.PERSON_IN_BOTH not in record.text  # identity fields are not shown
    refused = staffed.post("/ssb/produksjon/030101/11F/rettelse", aar="2025", linje="2",
                           felt="VKLO", verdi="X", begrunnelse="Feil kode")  # fmt: skip
    assert refused.status_code == 422 and "gyldig kode" in refused.text
    done = staffed.post("/ssb/produksjon/030101/11F/rettelse", aar="2025", linje="2",
                        felt="BIDRAG", verdi="30000", begrunnelse="Avtalt med bydelen")  # fmt: skip
    assert done.status_code == 303
    history = staffed.client.get(done.headers["location"]).text
    assert "Avtalt med bydelen" in history and "30000" in history
    final = staffed.client.get(publish(staffed, "final"))
    assert "endelige tall for 2025" in final.text
    assert "Endret fra publisering" in final.text
    assert "030101 Gamle Oslo" in final.text  # its key figures changed with the correction
    # Said in Norwegian: one correction, not "1 rettelser"; figures with their digit groups.
    assert "1 rettelse er tatt med." in final.text
    changed = final.text.split('id="endringer"')[1]
    cells = re.findall(r'<td class="num">([^<]*)</td>', changed)
    assert cells and not [c for c in cells if re.fullmatch(r"-?\d+\.\d+", c)]
    assert not [c for c in cells if re.fullmatch(r"\d{5,}", c)]
    assert any("\u00a0" in c for c in cells)  # 1 542 091, not 1542091
    staffed.logout()
    public = staffed.client.get("/statistikk/030101").text
    assert "Endelige tall for 2025" in public  # the final release is what the public sees


def test_the_revision_list_compares_with_last_year(staffed: Site) -> None:
    page = staffed.client.get("/ssb/produksjon", params={"aar": 2025})
    assert page.status_code == 200
    assert "030101 Gamle Oslo" in page.text and "Antall mottakere" in page.text


def test_publishing_needs_the_pseudonym_key(site: Site) -> None:
    site.add_user("siri", Role.STAFF, ())
    site.login("siri")
    refused = site.post("/ssb/publisering", aar="2025", stadium="preliminary")
    assert refused.status_code == 409 and "KOSTRA_PSEUDONYM_KEY" in refused.text


def test_unknown_regions_are_not_found(staffed: Site) -> None:
    publish(staffed, "preliminary")
    assert staffed.client.get("/statistikk/9999").status_code == 404
    assert staffed.client.get("/statistikk/filer/1/../../etc").status_code == 404


def test_the_web_forms_have_their_sections(staffed: Site) -> None:
    with staffed.db.read() as session:
        user = accounts.find_user(session, "oslo")
        assert user is not None
        who = accounts.principal(session, user)
    deliver_answers(staffed.db, who)
    publish(staffed, "preliminary")
    staffed.logout()
    page = staffed.client.get("/statistikk/4601").text
    for title in ("Bemanning i sosiale tjenester i NAV og rusmiddeltiltak",
                  "Krisesentertilbud og arbeid mot vold i nære relasjoner",
                  "Stønadssatser i økonomisk sosialhjelp"):  # fmt: skip
        assert title in page
    assert "6\u00a0600" in page  # Bergen's rate for a single person
    assert "i kommunene i Vestland, 2025" in page  # compared with the county's municipalities
    sheet = staffed.client.get("/statistikk/faktaark/4601").text
    assert "Bemanning, krisesentertilbud og stønadssatser" in sheet
    assert '"bars-rate_single-title"' in sheet
    district = staffed.client.get("/statistikk/030101").text  # Oslo answers 7B and 12 as a whole
    assert "Stønadssatser i økonomisk sosialhjelp" in district


def test_staff_correct_a_web_form_answer(staffed: Site) -> None:
    with staffed.db.read() as session:
        user = accounts.find_user(session, "oslo")
        assert user is not None
        who = accounts.principal(session, user)
    deliver_answers(staffed.db, who)
    answers = staffed.client.get("/ssb/produksjon/4601/7", params={"aar": 2025, "linje": 1})
    assert answers.status_code == 200 and "ARSVERK_SOSIONOM" in answers.text
    assert "Kari Nordmann" not in answers.text  # who filled in the form is not shown
    assert (
        staffed.client.get("/ssb/produksjon/4601/7", params={"aar": 2025, "linje": 2}).status_code
        == 404
    )
    refused = staffed.post("/ssb/produksjon/4601/7/rettelse", aar="2025", linje="1",
                           felt="UTEKONTAKT", verdi="kanskje", begrunnelse="Feil")  # fmt: skip
    assert refused.status_code == 422 and "Svar ja eller nei" in refused.text
    done = staffed.post("/ssb/produksjon/4601/7/rettelse", aar="2025", linje="1",
                        felt="ARSVERK_SOSIONOM", verdi="70,0", begrunnelse="Avtalt med kommunen")  # fmt: skip
    assert done.status_code == 303
    history = staffed.client.get(done.headers["location"]).text
    assert "Avtalt med kommunen" in history and "70,0" in history


def test_a_region_is_found_without_script(staffed: Site) -> None:
    publish(staffed, "preliminary")
    staffed.logout()
    index = staffed.client.get("/statistikk").text
    assert 'action="/statistikk/sok"' in index
    assert "Finn kommune, bydel, fylke eller KOSTRA-gruppe" in index
    assert '<select id="region"' not in index  # no list of 411 regions to scroll
    one = staffed.client.get("/statistikk/sok", params={"q": "bergen"}, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"] == "/statistikk/4601"
    by_code = staffed.client.get("/statistikk/sok", params={"q": "4601", "aar": "2025"},
                                 follow_redirects=False)  # fmt: skip
    assert by_code.headers["location"] == "/statistikk/4601?aar=2025"
    many = staffed.client.get("/statistikk/sok", params={"q": "sand"})
    assert many.status_code == 200 and "Regioner som passer til «sand»" in many.text
    links = re.findall(r'<li><a href="(/statistikk/\d+)">([^<]+)</a>', many.text)
    assert links[:3] == [("/statistikk/1514", "Sande"), ("/statistikk/3907", "Sandefjord"),
                         ("/statistikk/1108", "Sandnes")]  # fmt: skip
    assert ("/statistikk/4204", "Kristiansand") in links
    oslo = staffed.client.get("/statistikk/sok", params={"q": "oslo"}).text  # two exact: a list
    assert '<a href="/statistikk/0301">Oslo</a> <span class="muted">Kommune 0301</span>' in oslo
    assert '<a href="/statistikk/030101">Gamle Oslo</a>' in oslo
    none = staffed.client.get("/statistikk/sok", params={"q": "Atlantis"})
    assert none.status_code == 200 and "Ingen regioner passer til «Atlantis»" in none.text
    empty = staffed.client.get("/statistikk/sok")
    assert empty.status_code == 200 and "<h1>Finn region</h1>" in empty.text
    too_long = staffed.client.get("/statistikk/sok", params={"q": "x" * 200})
    assert too_long.status_code == 422 and "Traceback" not in too_long.text


def test_suggestions_as_one_types(staffed: Site) -> None:
    publish(staffed, "preliminary")
    staffed.logout()
    typed = staffed.client.get("/statistikk/forslag", params={"q": "berg", "aar": "2025"})
    assert typed.status_code == 200 and typed.headers["content-type"] == "application/json"
    found = typed.json()
    assert found[0] == {"code": "4601", "name": "Bergen", "detail": "Kommune 4601",
                        "url": "/statistikk/4601?aar=2025"}  # fmt: skip
    assert len(found) <= 10
    assert staffed.client.get("/statistikk/forslag", params={"q": "tromso"}).json()[0]["name"] == (
        "Tromsø"
    )
    assert staffed.client.get("/statistikk/forslag", params={"q": ""}).json() == []
