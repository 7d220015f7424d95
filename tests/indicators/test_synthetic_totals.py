"""The basic figures of a whole (small) synthetic year equal the counts `kostra synth` made
while writing the extracts: an independent recomputation from the raw files."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from kostra.indicators.definitions import definitions
from kostra.indicators.figures import year_figures
from kostra.production.simulation import synthetic_deliveries
from kostra.production.year import build
from kostra.synth import tally
from kostra.synth.country import synthesize

ONLY = ("4601", "1103", "5001", "0301", "3901")  # Bergen, Stavanger, Trondheim, Oslo, Larvik


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synthesize(out, [2025], seed=11, only=ONLY)
    return out / "2025"


@pytest.mark.parametrize(
    ("figure", "counted"),
    [
        ("cases", ("11F", tally.CASES)),
        ("paid", ("11F", tally.PAID)),
        ("months", ("11F", tally.MONTHS)),
        ("long_term", ("11F", tally.LONG_TERM)),
        ("main_income_assistance", ("11F", tally.MAIN_INCOME_ASSISTANCE)),
        ("main_income_work", ("11F", tally.MAIN_INCOME_WORK)),
        ("with_children", ("11F", tally.WITH_CHILDREN)),
        ("kvp_participants", ("11CF", tally.PARTICIPANTS)),
        ("kvp_paid", ("11CF", tally.KVP_PAID)),
        ("kvp_completed", ("11CF", tally.COMPLETED)),
    ],
)
def test_national_figures_equal_what_was_written(
    folder: Path, figure: str, counted: tuple[str, str]
) -> None:
    year, deliveries = synthetic_deliveries(folder)
    stats = build(year, deliveries, lambda path: Path(path).read_bytes(), b"k")
    figures = year_figures(stats, None, definitions())
    national = figures.basic.filter(figures.basic["region"] == "EAK").row(0, named=True)
    totals = json.loads((folder / "manifest.json").read_text("utf-8"))["totals"]
    form, key = counted
    assert national[figure] == totals[form][key]


def test_ages_come_from_the_identity_number(folder: Path) -> None:
    # The age of a recipient known only by a DUF number is unknown (SSB reads ages from the
    # fødselsnummer): a few fewer are counted 18–24 than the synthetic people's true ages say.
    year, deliveries = synthetic_deliveries(folder)
    stats = build(year, deliveries, lambda path: Path(path).read_bytes(), b"k")
    national = (
        year_figures(stats, None, definitions())
        .basic.filter(pl.col("region") == "EAK")
        .row(0, named=True)
    )
    true_count = json.loads((folder / "manifest.json").read_text("utf-8"))["totals"]["11F"][
        tally.AGED_18_24
    ]
    assert true_count * 0.99 <= national["cases_18_24"] <= true_count
