"""The REST API end to end, as a vendor's case-handling system uses it with its token: who am I,
the calendar, upload an extract and read the outcome and the control report (its JSON contract),
submit (with and without acknowledging warnings, and again: the same receipt), declare and
withdraw "nothing to report", and the statistics office's intake matrix (staff only).

Each test delivers for a unit of its own, so the tests share one portal (on each database).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx2 as httpx
import pytest

from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.text import local, now
from tests.databases import Databases
from tests.web.conftest import YEAR, Site, extract
from tests.web.inventory import shared_site

UNITS = ("1103", "4601", "5001", "3201", "030102", "030103", "030104")
HEX32 = re.compile(r"^[0-9a-f]{32}$")
SEVERITIES = {"fatal", "error", "warning", "info"}


@dataclass
class Api:
    """The shared portal, and the headers of a vendor system and of staff."""

    site: Site
    vendor: dict[str, str]
    staff: dict[str, str]

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.site.client.get(path, headers=self.vendor, **kwargs)

    def upload(self, unit: str, data: bytes, year: int = YEAR, name: str = "uttrekk.txt") -> Any:
        response = self.site.client.post(
            "/api/v1/uploads",
            headers=self.vendor,
            data={"unit": unit, "form": "11F", "year": str(year)},
            files={"file": (name, data, "text/plain")},
        )
        assert response.status_code == 201, response.text
        return response.json()

    def submit(self, upload_id: str, **body: bool) -> httpx.Response:
        return self.site.client.post(
            f"/api/v1/uploads/{upload_id}/submission", headers=self.vendor, json=body
        )


@pytest.fixture(scope="module")
def api(databases: Databases, runner: ControlRunner) -> Iterator[Api]:
    with shared_site(databases, runner) as site:
        token = site.add_user("fagsystem", Role.VENDOR, UNITS)
        site.add_user("ssb", Role.STAFF, ())
        site.set_window("11F")
        site.set_window("11CF")
        yield Api(
            site,
            vendor={"Authorization": f"Bearer {token}"},
            staff={"Authorization": f"Bearer {site.token_for('ssb')}"},
        )


def test_me_names_the_account_and_its_units(api: Api) -> None:
    me = api.get("/api/v1/me", params={"year": YEAR})
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == "fagsystem" and body["role"] == "vendor" and body["year"] == YEAR
    units = {u["code"]: u["name"] for u in body["units"]}
    assert units.keys() == set(UNITS)
    assert units["1103"] == "Stavanger" and units["030102"] == "Grünerløkka"
    assert api.get("/api/v1/me").json()["year"] == YEAR  # the newest year whose window opened
    assert api.get("/api/v1/me", params={"year": 1999}).status_code == 422
    unknown = api.get("/api/v1/me", params={"year": 2001})
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Rapporteringsåret 2001 finnes ikke i portalen."}


def test_the_calendar_of_a_year(api: Api) -> None:
    windows = api.get(f"/api/v1/calendar/{YEAR}")
    assert windows.status_code == 200
    today = local(now()).date()
    opened = [(today + timedelta(days=d)).isoformat() for d in (-10, 10, 20, 30)]  # set_window
    assert {w["form"] for w in windows.json()} == {"11F", "11CF", "7", "7B", "12"}
    for window in windows.json():
        if window["form"] not in ("11F", "11CF"):
            continue  # the web forms' windows are the defaults here
        assert window["year"] == YEAR and window["phase"] == "open"
        dates = [window[k] for k in ("opens", "deadline", "corrections", "closes")]
        assert dates == opened
    assert api.get("/api/v1/calendar/2001").status_code == 404


def test_an_upload_with_errors_and_its_report(api: Api) -> None:
    data = extract("11F", "030102", records=60, errors=5, seed=8)
    upload = api.upload("030102", data, name="feil.txt")
    assert HEX32.match(upload["id"])
    expected = {
        "unit": "030102", "unit_name": "Grünerløkka", "form": "11F", "year": YEAR,
        "file_name": "feil.txt", "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
        "state": "checked", "outcome": "error", "records": 60, "may_submit": False,
        "submission_id": None, "report_url": f"/api/v1/uploads/{upload['id']}/report",
    }  # fmt: skip
    assert {k: upload[k] for k in expected} == expected
    assert upload["errors"] > 0
    assert api.get(f"/api/v1/uploads/{upload['id']}").json() == upload

    report = api.get(upload["report_url"])
    assert report.status_code == 200
    body = report.json()
    assert set(body) == {
        "form", "year", "municipality", "district", "records", "outcome", "may_submit",
        "encoding", "controls_performed", "findings", "stats",
    }  # fmt: skip
    assert (body["form"], body["year"], body["municipality"], body["district"]) == (
        "11F",
        YEAR,
        "0301",
        "02",
    )
    assert body["records"] == 60 and body["outcome"] == "error" and body["may_submit"] is False
    assert body["encoding"] and body["controls_performed"] > 0
    findings = body["findings"]
    assert sum(f["severity"] in ("error", "fatal") for f in findings) == upload["errors"]
    for finding in findings:
        keys = {"rule", "severity", "title", "lines", "message", "caseworker", "journal"}
        assert set(finding) == keys
        assert finding["severity"] in SEVERITIES and finding["rule"] and finding["message"]
        assert all(isinstance(line, int) and 1 <= line <= 60 for line in finding["lines"])
    assert any(f["caseworker"] and f["journal"] for f in findings)  # a record's own finding
    assert body["stats"] and all(
        set(t) == {"title", "heading", "rows"} and len(t["heading"]) == 2 for t in body["stats"]
    )

    refused = api.submit(upload["id"], acknowledge_warnings=True)
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("Filen har feil og kan ikke sendes inn.")


def test_submission_needs_warnings_acknowledged_and_is_idempotent(api: Api) -> None:
    # Last year's 300 recipients make this year's 40 a large change: a warning.
    api.site.set_window("11F", YEAR - 1, "late")
    last = api.upload("1103", extract("11F", "1103", records=300, seed=9, year=YEAR - 1), YEAR - 1)
    assert api.submit(last["id"], acknowledge_warnings=True).status_code == 201

    data = extract("11F", "1103", seed=3)
    upload = api.upload("1103", data, name="stavanger.txt")
    assert upload["outcome"] == "warning" and upload["warnings"] > 0 and upload["may_submit"]
    totals = {t["key"]: t for t in upload["totals"]}
    assert any(t["this_year"] == 40 and t["last_year"] == 300 for t in totals.values())

    for body in ({}, {"acknowledge_warnings": False}):
        refused = api.submit(upload["id"], **body)
        assert refused.status_code == 422
        assert "advarsler" in refused.json()["detail"]

    first = api.submit(upload["id"], acknowledge_warnings=True)
    assert first.status_code == 201
    receipt = first.json()
    assert HEX32.match(receipt["id"])
    assert receipt["number"] == f"11F-{YEAR}-1103-v1"
    assert receipt["unit"] == "1103" and receipt["unit_name"] == "Stavanger"
    assert receipt["version"] == 1 and receipt["late"] is False
    assert receipt["sha256"] == hashlib.sha256(data).hexdigest() and receipt["size"] == len(data)
    assert receipt["file_name"] == "stavanger.txt" and receipt["records"] == 40
    assert receipt["warnings_acknowledged"] == upload["warnings"]

    again = api.submit(upload["id"], acknowledge_warnings=True)  # a retry after a lost answer
    assert again.status_code == 201 and again.json() == receipt
    assert api.get(f"/api/v1/submissions/{receipt['id']}").json() == receipt
    assert api.get(f"/api/v1/uploads/{upload['id']}").json()["submission_id"] == receipt["id"]

    delivery = api.get(f"/api/v1/deliveries/1103/11F/{YEAR}").json()
    assert delivery["status"] == "accepted_with_warnings"
    assert [v["id"] for v in delivery["versions"]] == [receipt["id"]]
    assert [u["submitted"] for u in delivery["uploads"]] == [True]

    second = api.submit(api.upload("1103", extract("11F", "1103", seed=4))["id"], **{
        "acknowledge_warnings": True
    })  # fmt: skip
    assert second.status_code == 201 and second.json()["version"] == 2


def test_nothing_to_report_is_declared_and_withdrawn(api: Api) -> None:
    url = f"/api/v1/deliveries/4601/11CF/{YEAR}/declaration"
    client = api.site.client
    declared = client.put(url, headers=api.vendor)
    assert declared.status_code == 200
    body = declared.json()
    assert body["nothing_to_report"] is True and body["status"] == "nothing_to_report"
    assert len(body["declarations"]) == 1 and body["declarations"][0]["withdrawn_at"] is None
    assert client.put(url, headers=api.vendor).json()["declarations"] == body["declarations"]

    withdrawn = client.delete(url, headers=api.vendor)
    assert withdrawn.status_code == 200
    body = withdrawn.json()
    assert body["nothing_to_report"] is False and body["status"] == "not_received"
    assert body["declarations"][0]["withdrawn_at"] is not None
    again = client.delete(url, headers=api.vendor)
    assert again.status_code == 404
    assert again.json()["detail"].startswith("Enheten har ingen erklæring")


def test_no_declaration_after_a_submission(api: Api) -> None:
    upload = api.upload("5001", extract("11F", "5001", seed=3))
    assert api.submit(upload["id"], acknowledge_warnings=True).status_code == 201
    refused = api.site.client.put(
        f"/api/v1/deliveries/5001/11F/{YEAR}/declaration", headers=api.vendor
    )
    assert refused.status_code == 409
    assert "allerede sendt inn" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("data", "status", "says"),
    [
        ({"unit": "0301", "form": "11F", "year": str(YEAR)}, 404, "bydel"),
        ({"unit": "030101", "form": "11F", "year": str(YEAR)}, 403, "Du kan ikke levere for"),
        ({"unit": "1103", "form": "99X", "year": str(YEAR)}, 404, "Finner ikke skjemaet"),
        ({"unit": "1103", "form": "11F", "year": "2001"}, 404, "Finner ikke skjemaet"),
        ({"unit": "1103", "form": "11F", "year": "tjue"}, 422, "«rapporteringsår»"),
        ({"unit": "1103", "form": "11F"}, 422, "«rapporteringsår» mangler"),
    ],
    ids=["oslo-as-a-whole", "not-its-unit", "unknown-form", "unknown-year", "bad-year", "no-year"],
)
def test_an_upload_that_cannot_be_taken(
    api: Api, data: dict[str, str], status: int, says: str
) -> None:
    response = api.site.client.post(
        "/api/v1/uploads",
        headers=api.vendor,
        data=data,
        files={"file": ("x.txt", extract("11F", "1103", seed=1), "text/plain")},
    )
    assert response.status_code == status
    assert says in response.json()["detail"]


def test_the_intake_matrix_is_for_staff_only(api: Api) -> None:
    upload = api.upload("3201", extract("11F", "3201", seed=3))
    assert api.submit(upload["id"], acknowledge_warnings=True).status_code == 201
    refused = api.get(f"/api/v1/intake/{YEAR}")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Bare SSB har tilgang til dette."}

    intake = api.site.client.get(f"/api/v1/intake/{YEAR}", headers=api.staff)
    assert intake.status_code == 200
    body = intake.json()
    assert body["year"] == YEAR and set(body["counts"]) == {"11F", "11CF", "7", "7B", "12"}
    rows = {row["unit"]: row for row in body["rows"]}
    assert len(rows) > 300 and "030115" in rows
    assert {cell["form"] for cell in rows["0301"]["forms"]} == {"7", "7B", "12"}  # Oslo whole
    assert {cell["form"] for cell in rows["030115"]["forms"]} == {"11F", "11CF", "7"}
    cells = {cell["form"]: cell for cell in rows["3201"]["forms"]}
    assert cells["11F"]["status"] == "accepted" and cells["11F"]["version"] == 1
    assert cells["11F"]["status_label"] == "Godkjent" and cells["11F"]["uploads"] == 1
    assert sum(body["counts"]["11F"].values()) == len(rows) - 1  # all but Oslo as a whole

    yesterday = (local(now()).date() - timedelta(days=1)).isoformat()
    before = api.site.client.get(
        f"/api/v1/intake/{YEAR}", params={"at": yesterday}, headers=api.staff
    ).json()
    earlier = {
        c["form"]: c for c in next(r for r in before["rows"] if r["unit"] == "3201")["forms"]
    }
    assert earlier["11F"]["status"] == "not_received" and earlier["11F"]["version"] is None


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_intake_at_the_ends_of_the_calendar(api: Api, day: str) -> None:
    """Once a fault: the end of 9999-12-31 was computed from a next day that does not exist."""
    intake = api.site.client.get(f"/api/v1/intake/{YEAR}", params={"at": day}, headers=api.staff)
    assert intake.status_code == 200
    assert intake.json()["at"].startswith(f"{day}T23:59:59.999999")


def test_without_a_token_nothing_but_health_answers(api: Api) -> None:
    client = api.site.client
    assert client.get("/api/v1/health").json()["status"] == "ok"
    for headers in ({}, {"Authorization": "Bearer kostra_ugyldig"}, {"Authorization": "Basic x"}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json() == {
            "detail": "Mangler eller ugyldig API-nøkkel. Send «Authorization: Bearer <nøkkel>»."
        }
