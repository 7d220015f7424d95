"""Differences between two years of a form."""

from __future__ import annotations

from kostra.catalog import FieldChange, diff, load


def _changes(form: str, old: int, new: int) -> list[FieldChange]:
    return diff(load(form, old), load(form, new))


def _kinds(changes: list[FieldChange], field: str) -> set[str]:
    return {c.kind for c in changes if c.field == field}


def test_11f_2024_to_2025_inserts_birth_date_and_widens_dates() -> None:
    changes = _changes("11F", 2024, 2025)
    assert FieldChange("FODSELSDATO", "added", "", "9–16 (8 tegn)") in changes
    assert FieldChange("PERSON_JOURNALNR", "moved", "9–16", "17–24", 8) in changes
    assert FieldChange("UTBETDATO", "resized", "6", "8") in changes
    assert "retyped" in _kinds(changes, "VEDTAKDATO")
    assert FieldChange("BIDRAG", "mandatory", "False", "True") in changes


def test_11f_2023_to_2024_removes_district_adds_language_condition_and_code_13() -> None:
    changes = _changes("11F", 2023, 2024)
    assert _kinds(changes, "DISTRIKTSNR") == {"removed"}
    assert _kinds(changes, "VILKARNORSKSAMISKOPPL") == {"added"}
    assert FieldChange("TRYGDESIT", "codes-added", "", "13=Barnetrygd") in changes
    relabelled = [c for c in changes if c.field == "VKLO" and c.kind == "relabelled"]
    assert [c.new for c in relabelled] == ["3=Trygd/stønad", "7=Ektefelle/samboers inntekt"]


def test_11cf_2022_to_2023_drops_kvp_oslo_and_adds_status_7() -> None:
    changes = _changes("11CF", 2022, 2023)
    assert _kinds(changes, "KVP_OSLO") == {"removed"}
    status = [c for c in changes if c.field == "STATUS" and c.kind == "codes-added"]
    assert len(status) == 1
    assert status[0].new.startswith("7=")


def test_11cf_2023_to_2024_reform_changes_municipality_codes() -> None:
    changes = _changes("11CF", 2023, 2024)
    added = next(c for c in changes if c.field == "KOMMNR_KVP_KOMM" and c.kind == "codes-added")
    removed = next(c for c in changes if c.field == "KOMMNR_KVP_KOMM" and c.kind == "codes-removed")
    assert "1508=Ålesund" in added.new
    assert "1507=Ålesund" in removed.old


def test_11cf_2025_to_2026_renames_a_field() -> None:
    changes = _changes("11CF", 2025, 2026)
    assert _kinds(changes, "YTELSE_TILTAKSPENGER") == {"added"}
    assert _kinds(changes, "YTELSE_INDIVIDSTONAD") == {"removed"}


def test_a_year_against_itself_has_no_changes() -> None:
    assert _changes("11F", 2025, 2025) == []
    assert _changes("11F", 2025, 2026) == []
