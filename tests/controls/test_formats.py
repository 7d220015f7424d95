"""The formats of free-text answers (controls/formats.py): e-mail addresses, Norwegian telephone
numbers and organisation numbers with Brønnøysund's MOD11 check digit, and the `-FORMAT` finding
of a form whose question has a format."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kostra.catalog import TextFormat, add_folder, load, remove_folder
from kostra.controls import webform
from kostra.controls.formats import well_formed
from kostra.registry import ReportingUnit

PILOT = Path(__file__).parents[2] / "examples" / "forms"


def _passes(kind: TextFormat, text: str | None) -> bool:
    frame = pl.DataFrame({"x": [text]}, schema={"x": pl.String})
    return bool(frame.select(well_formed(kind, pl.col("x"))).item())


@pytest.mark.parametrize(
    ("kind", "text", "fine"),
    [
        (TextFormat.EMAIL, "kari.nordmann@kommune.no", True),
        (TextFormat.EMAIL, "ola+kostra@bydel-gamle-oslo.oslo.kommune.no", True),
        (TextFormat.EMAIL, "kåre@tromsø.no", True),
        (TextFormat.EMAIL, " per@example.org ", True),
        (TextFormat.EMAIL, "kari@", False),
        (TextFormat.EMAIL, "kari@kommune", False),
        (TextFormat.EMAIL, "kari nordmann@kommune.no", False),
        (TextFormat.EMAIL, "kari@@kommune.no", False),
        (TextFormat.EMAIL, "kari..nordmann@kommune.no", False),
        (TextFormat.EMAIL, "kari.nordmann.kommune.no", False),
        (TextFormat.PHONE, "22865000", True),
        (TextFormat.PHONE, "22 86 50 00", True),
        (TextFormat.PHONE, "+47 22 86 50 00", True),
        (TextFormat.PHONE, "0047 228 65 000", True),
        (TextFormat.PHONE, "2286500", False),
        (TextFormat.PHONE, "228650001", False),
        (TextFormat.PHONE, "+46 22 86 50 00", False),
        (TextFormat.PHONE, "22-86-50-00", False),
        (TextFormat.ORGNR, "974760673", True),  # Brønnøysundregistrene
        (TextFormat.ORGNR, "974 760 673", True),
        (TextFormat.ORGNR, "971526920", True),  # Statistisk sentralbyrå
        (TextFormat.ORGNR, "974760674", False),  # the check digit does not fit
        (TextFormat.ORGNR, "97476067", False),
        (TextFormat.ORGNR, "97476067A", False),
        (TextFormat.ORGNR, "000000061", False),  # remainder 1: no check digit fits
        (TextFormat.EMAIL, None, True),  # blank: the mandatory check's business
        (TextFormat.ORGNR, None, True),
    ],
)
def test_formats(kind: TextFormat, text: str | None, fine: bool) -> None:
    assert _passes(kind, text) is fine


def test_every_nine_digits_with_remainder_one_is_refused_and_the_rest_have_one_check_digit() -> (
    None
):
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    for stem in ("97476067", "91000000", "81234567", "00000006"):
        total = sum(int(d) * w for d, w in zip(stem, weights, strict=True))
        accepted = [d for d in "0123456789" if _passes(TextFormat.ORGNR, stem + d)]
        assert accepted == ([] if total % 11 == 1 else [str((11 - total % 11) % 11)])


def test_a_pilot_form_checks_an_organisation_number() -> None:
    add_folder(PILOT)
    try:
        form = load("30P", 2025)
        answers = {"ANSVARLIG": "Siri", "BOLIGER": 4, "BEBOERE": 6, "ARSVERK": 5.5}
        unit = ReportingUnit("1103")
        assert (
            webform.check(answers | {"DRIFTER_ORGNR": "974 760 673"}, form, unit).report.findings
            == ()
        )
        (finding,) = webform.check(
            answers | {"DRIFTER_ORGNR": "974760674"}, form, unit
        ).report.findings
    finally:
        remove_folder(PILOT)
    assert finding.rule == "30P-FORMAT" and finding.fields == ("DRIFTER_ORGNR",)
    assert "«974760674»" in finding.message and "organisasjonsnummer" in finding.message
