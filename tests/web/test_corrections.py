"""Staff correct a submitted value: opened from a finding, checked against the field's definition,
re-checked by the record's controls before it is saved (confirmed when it causes findings), kept
with its audit trail. The worked example (tests/production/worked.py): Gamle Oslo's line 1 has
BIDRAG 9 000 paid as 4 500 in January and 4 500 in February; line 2 has BIDRAG 20 000 against
9 000 by month, a K036 warning."""

from __future__ import annotations

import html
import re

import httpx2 as httpx

from kostra.store.production import corrections, latest_submissions
from tests.production import worked
from tests.web.conftest import Site

RECORDS = "/ssb/produksjon/030101/11F"
CORRECT = RECORDS + "/rettelse"


def correct(site: Site, line: int, field: str, value: str, **more: str) -> httpx.Response:
    """Post a correction of Gamle Oslo's 11F (its reason given unless `more` says otherwise)."""
    data = {"aar": "2025", "linje": str(line), "felt": field, "verdi": value,
            "begrunnelse": "Avtalt med bydelen", **more}  # fmt: skip
    return site.post(CORRECT, **data)


def saved(site: Site) -> int:
    with site.db.read() as session:
        return len(corrections(session, 2025))


def alert(page: str) -> str:
    found = re.search(r'<p class="alert" role="alert"[^>]*>([^<]*)</p>', page)
    return html.unescape(found.group(1)) if found else ""


def test_a_finding_opens_its_record_with_the_field_chosen(staffed: Site) -> None:
    listed = staffed.client.get(RECORDS, params={"aar": 2025})
    assert listed.status_code == 200 and "Funn i innsendt versjon (4)" in listed.text
    links = re.findall(
        r'href="([^"]*linje=2&amp;felt=BIDRAG)#post">Åpne post og rett BIDRAG', listed.text
    )
    assert links, "the K036 finding on line 2 opens its record"
    record = staffed.client.get(html.unescape(links[0]))
    assert record.status_code == 200
    chosen = re.search(
        r'<tr class="chosen" aria-current="true"><td><code>(\w+)</code>', record.text
    )
    assert chosen is not None and chosen.group(1) == "BIDRAG"  # the field is highlighted
    assert '<option value="BIDRAG" selected>' in record.text  # and chosen in the form
    assert 'id="verdi" name="verdi" maxlength="200" value="20000"' in record.text
    assert "K036" in record.text.split('id="post"')[1].split('id="funn"')[0]  # its findings now
    assert worked.PERSON_IN_BOTH not in record.text and "PERSON_FODSELSNR" not in record.text


def test_type_errors_are_refused_in_norwegian(staffed: Site) -> None:
    letters = correct(staffed, 1, "BIDRAG", "12a00")
    assert letters.status_code == 422
    assert "heltallsfelt med plass til 7 tegn: skriv bare sifre" in alert(letters.text)
    too_long = correct(staffed, 1, "BIDRAG", "12345678")
    assert too_long.status_code == 422 and "heltallsfelt" in alert(too_long.text)
    code = correct(staffed, 1, "VKLO", "X")
    assert code.status_code == 422 and "«X» er ikke en gyldig kode for VKLO" in alert(code.text)
    date = correct(staffed, 1, "UTBETDATO", "31022025")
    assert date.status_code == 422 and "datofelt: skriv en dato som finnes" in alert(date.text)
    assert "DDMMÅÅÅÅ" in alert(date.text)
    identity = correct(staffed, 1, "PERSON_FODSELSNR", worked.PERSON_IN_BOTH)
    assert identity.status_code == 422 and "kan ikke rettes" in alert(identity.text)
    assert worked.PERSON_IN_BOTH not in alert(identity.text)
    assert saved(staffed) == 0


def test_a_correction_inconsistent_with_the_months_is_shown_before_it_is_saved(
    staffed: Site,
) -> None:
    asked = correct(staffed, 1, "BIDRAG", "3000")
    assert asked.status_code == 200 and saved(staffed) == 0  # not saved silently
    shown = asked.text.split('id="kontroll"')[1].split("</section>")[0]
    assert "fra «9000» til «3000»" in shown
    new = shown.split("Nye funn (1)")[1].split("Funn som forsvinner (0)")[0]
    assert "K036" in new and "Summen av bidrag per måned er 9" in new
    assert "Lagre likevel" in shown
    # "Lagre likevel" holds for the value it was shown with, not another.
    other = correct(staffed, 1, "BIDRAG", "4000", bekreftet="3000")
    assert other.status_code == 200 and saved(staffed) == 0 and "Lagre likevel" in other.text
    done = correct(staffed, 1, "BIDRAG", "3000", bekreftet="3000",
                   begrunnelse="Bydelen bekrefter 3 000 kr; månedene rettes neste år")  # fmt: skip
    assert done.status_code == 303 and saved(staffed) == 1
    assert "linje=1" in done.headers["location"] and "felt=BIDRAG" in done.headers["location"]
    after = staffed.client.get(done.headers["location"]).text
    assert "Rettelsen er lagret på linje 1." in after
    trail = after.split('id="rettelser"')[1]
    assert "Rettelser (1)" in after and "Siri" in trail  # who
    assert "Bydelen bekrefter 3 000 kr" in trail  # why
    assert re.search(r'<td class="file">\s*9000</td><td class="file">\s*3000</td>', trail)
    assert re.search(r"<td>\d+\. \w+ \d{4} kl\. \d\d:\d\d</td>", trail)  # when
    # The revision list reads the totals as corrected: 26 500 kr paid, 6 000 less than sent.
    revised = staffed.client.get("/ssb/produksjon", params={"aar": 2025, "status": "rettet"}).text
    assert "Viser 1 av 1 leveranse." in revised and "1 rettelse" in revised
    assert "26\u00a0500" in revised


def test_checking_shows_what_goes_away_and_a_clean_correction_saves_at_once(
    staffed: Site,
) -> None:
    checked = correct(staffed, 2, "BIDRAG", "9000", handling="kontroller")
    assert checked.status_code == 200 and saved(staffed) == 0
    shown = checked.text.split('id="kontroll"')[1].split("</section>")[0]
    assert "Rettelsen gir ingen nye feil eller advarsler." in shown
    assert "K036" in shown.split("Funn som forsvinner (1)")[1]
    assert "Lagre rettelsen" in shown and "Lagre likevel" not in shown
    done = correct(staffed, 2, "BIDRAG", "9000")
    assert done.status_code == 303 and saved(staffed) == 1
    record = staffed.client.get(done.headers["location"]).text
    now = record.split("Funn på posten nå")[1].split("</ul>")[0]
    assert "K036" not in now  # mended


def test_a_reason_is_required(staffed: Site) -> None:
    missing = correct(staffed, 2, "BIDRAG", "9000", begrunnelse=" ")
    assert missing.status_code == 422 and "Oppgi hvorfor" in alert(missing.text)
    assert saved(staffed) == 0


def test_the_revision_row_links_to_the_findings(staffed: Site) -> None:
    page = staffed.client.get("/ssb/produksjon", params={"aar": 2025}).text
    assert 'href="/ssb/produksjon/030101/11F?aar=2025"' in page
    unit = staffed.client.get("/ssb/enheter/030101", params={"aar": 2025}).text
    assert 'href="/ssb/produksjon/030101/11F?aar=2025"' in unit
    with staffed.db.read() as session:
        upload_id = latest_submissions(session, 2025)[("030101", "11F")].upload_id
    error_list = staffed.client.get(f"/opplastinger/{upload_id}").text  # the staff's view of it
    assert 'href="/ssb/produksjon/030101/11F?aar=2025">Åpne funnene' in error_list
    staffed.logout()
    staffed.login("oslo")
    assert "/ssb/produksjon/" not in staffed.client.get(f"/opplastinger/{upload_id}").text


def test_only_staff_correct(staffed: Site) -> None:
    staffed.logout()
    staffed.login("oslo")
    assert staffed.client.get(RECORDS, params={"aar": 2025}).status_code == 403
    refused = correct(staffed, 1, "BIDRAG", "3000", bekreftet="3000")
    assert refused.status_code == 403 and saved(staffed) == 0
