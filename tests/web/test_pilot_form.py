"""A new form defined only as a data file (the "staffed housing" pilot of examples/forms): it
appears in the portal, is controlled, can be submitted and is followed up, with no code naming it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kostra.catalog import InvalidDefinition, add_folder, available, remove_folder
from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.store import Database
from tests.web.conftest import Site, make_site

EXAMPLE = Path(__file__).parents[2] / "examples" / "forms" / "30P" / "2025.yaml"


@pytest.fixture
def pilot(tmp_path: Path, db: Database, runner: ControlRunner) -> Iterator[Site]:
    folder = tmp_path / "skjema"
    (folder / "30P").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "30P" / "2025.yaml")
    try:
        with make_site(db, runner, forms_dir=folder) as site:
            site.add_user("stavanger", Role.REPORTER, ("1103",))
            site.set_window("30P")
            site.login("stavanger")
            yield site
    finally:
        remove_folder(folder)
    assert "30P" not in available()


def test_the_pilot_form_is_filled_in_controlled_and_submitted(pilot: Site) -> None:
    overview = pilot.client.get("/portal?aar=2025").text
    assert "Skjema 30P" in overview and "/portal/1103/30P/2025/skjema" in overview
    page = pilot.client.get("/portal/1103/30P/2025/skjema")
    assert page.status_code == 200 and "Bemannede boliger (pilot)" in page.text
    live = pilot.client.post(
        "/portal/1103/30P/2025/skjema/kontroll",
        data={"ANSVARLIG": "Siri", "BOLIGER": "4", "BEBOERE": "3", "ARSVERK": "0"},
        headers={"X-CSRF-Token": pilot.csrf},
    ).json()
    assert {f["rule"] for f in live["findings"]} == {"30P-K01", "30P-K02"}
    assert live["may_submit"] is False
    handed = pilot.post(
        "/portal/1103/30P/2025/skjema",
        handling="kontroller", ANSVARLIG="Siri", BOLIGER="4", BEBOERE="6", ARSVERK="5,5",
    )  # fmt: skip
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    receipt = pilot.client.get(pilot.submit(upload_id).headers["location"]).text
    assert "30P-2025-1103-v1" in receipt


def test_an_organisation_number_is_checked_on_the_server(pilot: Site) -> None:
    page = pilot.client.get("/portal/1103/30P/2025/skjema").text
    assert (
        'id="svar-DRIFTER_ORGNR" name="DRIFTER_ORGNR" value="" maxlength="500" inputmode="numeric"'
        in page
    )
    answers = {"ANSVARLIG": "Siri", "BOLIGER": "4", "BEBOERE": "6", "ARSVERK": "5,5"}
    for typed, fine in (("974 760 673", True), ("974760674", False), ("97476067", False)):
        live = pilot.client.post(
            "/portal/1103/30P/2025/skjema/kontroll",
            data=answers | {"DRIFTER_ORGNR": typed},
            headers={"X-CSRF-Token": pilot.csrf},
        ).json()
        assert [f["rule"] for f in live["findings"]] == ([] if fine else ["30P-FORMAT"]), typed
    handed = pilot.post(
        "/portal/1103/30P/2025/skjema", handling="kontroller", DRIFTER_ORGNR="974760674", **answers
    )
    upload_id = handed.headers["location"].rsplit("/", 1)[1]
    assert (
        "er ikke et gyldig organisasjonsnummer"
        in pilot.client.get(f"/opplastinger/{upload_id}").text
    )
    assert pilot.submit(upload_id).status_code == 422


def test_a_malformed_form_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "31P").mkdir()
    text = EXAMPLE.read_text("utf-8").replace('form: "30P"', 'form: "31P"')
    (tmp_path / "31P" / "2025.yaml").write_text(
        text.replace("BEBOERE >= BOLIGER", "BEBOERE >= HUS")
    )
    with pytest.raises(InvalidDefinition, match=r"31P/2025.yaml: 30P-K01: names unknown.*HUS"):
        add_folder(tmp_path)
    assert "31P" not in available()
