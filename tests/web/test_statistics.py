"""Statistics production in the portal: staff revise, correct a value, prepare a release, read
its preview, have it confirmed (final figures by a second member of staff), set the moment it
becomes public, and withdraw it with a reason; the public pages and fact sheets show what is
public, and the files are as published."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import time, timedelta

from kostra.intake.access import Role
from kostra.store import accounts
from kostra.store.models import Release
from kostra.text import local, long_date, long_time, now, on_oslo_clock
from tests.production import worked
from tests.store.test_releases import deliver_answers
from tests.web.conftest import Site


def prepare(site: Site, stage: str) -> str:
    """Prepare a release as the one logged in; the address of its preview."""
    made = site.post("/ssb/publisering", aar="2025", stadium=stage)
    assert made.status_code == 303, made.text
    return str(made.headers["location"])


def as_user(site: Site, username: str) -> None:
    site.logout()
    assert site.login(username).status_code == 303


def publish(site: Site, stage: str) -> str:
    """Prepare a release as Siri, have Per confirm it, and publish it now as Siri."""
    preview = prepare(site, stage)
    as_user(site, "per")
    assert site.post(f"{preview}/godkjenning").status_code == 303
    as_user(site, "siri")
    published = site.post(f"{preview}/tidspunkt", handling="na")
    assert published.status_code == 303, published.text
    return preview


def release_id(preview: str) -> int:
    return int(preview.rsplit("/", 1)[1])


def test_no_release_yet(site: Site) -> None:
    page = site.client.get("/statistikk")
    assert page.status_code == 200 and "Ingen tall er publisert ennå" in page.text


def test_staff_publish_and_the_public_reads(staffed: Site) -> None:
    release = staffed.client.get(publish(staffed, "preliminary"))
    assert "foreløpige tall for 2025" in release.text and "Publisert " in release.text
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
    assert "Endret fra publisering 1" in final.text and "De største endringene" in final.text
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
    refused = site.post("/ssb/publisering", aar="2025", stadium="tidlig")
    assert refused.status_code == 422 and "Velg foreløpige eller endelige tall" in refused.text
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


def test_a_prepared_release_is_previewed_and_public_only_from_its_moment(staffed: Site) -> None:
    preview = prepare(staffed, "preliminary")
    number = release_id(preview)
    page = staffed.client.get(preview).text
    assert "Under forberedelse: venter på godkjenning" in page
    assert "Tallene og filene er ikke offentlige" in page
    # What is missing and estimated, per form: the districts that did not deliver, by name.
    assert "enheter mangler og er anslått" in page and "030103 Sagene" in page
    assert "Prikkede celler" in page and "Sosialtjenesten: nøkkeltall" in page
    assert "Landet: 2025 mot 2024" in page and "Ingen tall for 2025 er publisert før denne" in page
    staff_file = f"{preview}/filer/manifest.json"
    public_file = f"/statistikk/filer/{number}/manifest.json"
    assert staffed.client.get(staff_file).status_code == 200
    # Not public, not even its files, while it is prepared.
    staffed.logout()
    assert "Ingen tall er publisert ennå" in staffed.client.get("/statistikk").text
    assert staffed.client.get(public_file).status_code == 404
    assert staffed.client.get("/statistikk/030101").status_code == 404
    staffed.login("siri")
    staffed.refresh_csrf()
    # No moment before it is confirmed; preliminary figures may be confirmed by the preparer.
    early = staffed.post(f"{preview}/tidspunkt", dato="2099-03-15", klokkeslett="08:00")
    assert early.status_code == 409 and "må godkjennes" in early.text
    assert staffed.post(f"{preview}/godkjenning").status_code == 303
    again = staffed.post(f"{preview}/godkjenning")
    assert again.status_code == 409 and "allerede godkjent" in again.text
    past = staffed.post(f"{preview}/tidspunkt", dato="2020-03-15", klokkeslett="08:00")
    assert past.status_code == 422 and "har passert" in past.text
    moment = on_oslo_clock(local(now()).date() + timedelta(days=30), time(8, 0))
    embargo = staffed.post(f"{preview}/tidspunkt", dato=local(moment).date().isoformat(),
                           klokkeslett="08:00")  # fmt: skip
    assert embargo.status_code == 303
    page = staffed.client.get(preview).text
    assert f"Planlagt publisert {long_time(moment)}" in page
    assert f"Godkjent {long_date(now())} kl." in page and "av Siri" in page
    staffed.logout()
    assert staffed.client.get(public_file).status_code == 404  # still under embargo
    assert "Ingen tall er publisert ennå" in staffed.client.get("/statistikk").text
    # The moment comes (moved to the past rather than waited for): public at once, no job.
    with staffed.db.write() as session:
        row = session.get(Release, number)
        assert row is not None
        row.publish_at = now() - timedelta(minutes=1)
    assert staffed.client.get(public_file).status_code == 200
    public = staffed.client.get("/statistikk/030101")
    assert public.status_code == 200 and "Foreløpige tall for 2025" in public.text


def test_final_figures_are_confirmed_by_a_second_person(staffed: Site) -> None:
    preview = prepare(staffed, "final")
    page = staffed.client.get(preview).text
    assert "Endelige tall må godkjennes av en annen i SSB" in page
    assert "Godkjenn tallene" not in page  # no button that would be refused
    refused = staffed.post(f"{preview}/godkjenning")
    assert refused.status_code == 409
    assert "Endelige tall må godkjennes av en annen i SSB enn den som forberedte" in refused.text
    assert staffed.post(f"{preview}/tidspunkt", handling="na").status_code == 409
    as_user(staffed, "per")
    page = staffed.client.get(preview).text
    assert "Godkjenn tallene" in page and "(forberedt av Siri)" in page
    assert staffed.post(f"{preview}/godkjenning").status_code == 303
    assert staffed.post(f"{preview}/tidspunkt", handling="na").status_code == 303
    page = staffed.client.get(preview).text
    assert "Publisert " in page and "Godkjent " in page and "av Per" in page
    with staffed.db.read() as session:
        row = session.get(Release, release_id(preview))
        assert row is not None
        assert (row.prepared_by, row.confirmed_by) == (staffed.users["siri"], staffed.users["per"])
        assert row.scheduled_by == staffed.users["per"] and row.publish_at is not None


def test_a_withdrawn_release_says_why_and_the_previous_is_current_again(staffed: Site) -> None:
    first = publish(staffed, "preliminary")
    final = publish(staffed, "final")
    staffed.logout()
    assert "Endelige tall for 2025" in staffed.client.get("/statistikk/030101").text
    staffed.login("per")
    staffed.refresh_csrf()
    short = staffed.post(f"{final}/tilbaketrekking", begrunnelse="feil")
    assert short.status_code == 422 and "Skriv hvorfor" in short.text
    reason = "Feil i tallene for Gamle Oslo: ny versjon kommer"
    assert staffed.post(f"{final}/tilbaketrekking", begrunnelse=reason).status_code == 303
    said = f"Trukket tilbake {long_date(now())}: {reason}"
    assert said in staffed.client.get(final).text
    assert said in staffed.client.get("/ssb/publisering").text
    refused = staffed.post(f"{final}/tidspunkt", handling="na")
    assert refused.status_code == 409 and "trukket tilbake" in refused.text
    staffed.logout()
    public = staffed.client.get("/statistikk/030101").text
    assert "Foreløpige tall for 2025" in public  # the preliminary figures are current again
    assert f"ble trukket tilbake {long_date(now())}: {reason}" in public
    assert said in staffed.client.get("/statistikk").text
    assert (
        staffed.client.get(f"/statistikk/filer/{release_id(final)}/manifest.json").status_code
        == 404
    )
    assert (
        staffed.client.get(f"/statistikk/filer/{release_id(first)}/manifest.json").status_code
        == 200
    )
    # With every release of the year withdrawn, the public reads that, and why.
    staffed.login("siri")
    staffed.refresh_csrf()
    assert staffed.post(f"{first}/tilbaketrekking", begrunnelse=reason).status_code == 303
    staffed.logout()
    gone = staffed.client.get("/statistikk/030101?aar=2025")
    assert gone.status_code == 404 and "trukket tilbake" in gone.text
    assert reason in staffed.client.get("/statistikk").text


def test_stage_names_come_from_the_calendar(staffed: Site) -> None:
    page = staffed.client.get("/ssb/publisering", params={"aar": 2025}).text
    assert "Foreløpige tall (15. mars 2026)" in page and "Endelige tall (15. juni 2026)" in page
    assert "(15. mars)" not in page
    calendar = staffed.client.get("/ssb/kalender", params={"aar": 2025}).text
    assert 'name="forelopige" type="date" value="2026-03-15"' in calendar
    wrong = staffed.post("/ssb/kalender/publisering", aar="2025", forelopige="2026-06-20",
                         endelige="2026-06-10")  # fmt: skip
    assert wrong.status_code == 422 and "må publiseres før de endelige" in wrong.text
    moved = staffed.post("/ssb/kalender/publisering", aar="2025", forelopige="2026-03-10",
                         endelige="2026-06-12")  # fmt: skip
    assert moved.status_code == 303
    page = staffed.client.get("/ssb/publisering", params={"aar": 2025}).text
    assert "Foreløpige tall (10. mars 2026)" in page and "Endelige tall (12. juni 2026)" in page
    missing = staffed.client.get("/ssb/mangler", params={"aar": 2025}).text
    assert "f.eks. 10. mars 2026, da de foreløpige tallene publiseres" in missing
    preview = staffed.client.get(prepare(staffed, "final")).text
    assert "Endelige tall (12. juni 2026)." in preview
    staffed.logout()
    assert "Endelige tall (12. juni 2026)" in staffed.client.get("/statistikk").text


def test_previews_and_their_files_are_for_staff_only(staffed: Site) -> None:
    preview = prepare(staffed, "preliminary")
    staffed.logout()
    for path in (preview, f"{preview}/filer/manifest.json", "/ssb/publisering"):
        answer = staffed.client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and "/innlogging" in answer.headers["location"]
    staffed.login("oslo")
    staffed.refresh_csrf()
    for path in (preview, f"{preview}/filer/manifest.json", "/ssb/publisering"):
        assert staffed.client.get(path).status_code == 403
    assert staffed.post(f"{preview}/godkjenning").status_code == 403


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
    old = staffed.client.get("/statistikk", params={"region": "4601"}, follow_redirects=True)
    assert str(old.url).endswith("/statistikk/4601")  # an address from before the search
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
