"""The PX writer: exact output for a small table, and read back with an independent PX reader
(pyaxis) to check values, codes, labels, æøå and symbols, and DATA in STUB/HEADING order."""

from __future__ import annotations

import importlib
import itertools
import logging
import math
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit
from kostra.publish.px import to_px
from tests.publish.samples import SOCIAL_ASSISTANCE, SOCIAL_ASSISTANCE_PUBLISHED, TINY


def _import_pyaxis() -> ModuleType:
    """pyaxis, without the set-up of the root logger it does on import (`basicConfig` at INFO),
    which would change what every other test logs."""
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    module = importlib.import_module("pyaxis.pyaxis")
    root.setLevel(level)
    root.handlers[:] = handlers
    return module


pyaxis = _import_pyaxis()

TINY_PX = """\
CHARSET="ANSI";
AXIS-VERSION="2013";
CODEPAGE="utf-8";
LANGUAGE="no";
CREATION-DATE="20250314 08:00";
TABLEID="T1";
DECIMALS=0;
SHOWDECIMALS=0;
MATRIX="MOTT01";
SUBJECT-CODE="so";
SUBJECT-AREA="Sosiale forhold og kriminalitet";
TITLE="Mottakere, etter region og år";
CONTENTS="Mottakere";
UNITS="";
STUB="region";
HEADING="år";
VALUES("region")="Oslo","Bodø";
VALUES("år")="2024";
TIMEVAL("år")=TLIST(A1),"2024";
CODES("region")="0301","1804";
CODES("år")="2024";
VARIABLECODE("region")="region";
VARIABLECODE("år")="Tid";
LAST-UPDATED="20250314 08:00";
SOURCE="Statistisk sentralbyrå";
NOTE="«:»: Vises ikke av konfidensialitetshensyn##«e»: Anslått: omfatter anslag for enheter som ikke har levert";
DATASYMBOL3=":";
DATANOTECELL("0301","2024")="e";
DATA=
12\x20
"...";
"""  # a space ends every data line but the last


def read_px(data: bytes, folder: Path) -> dict[str, Any]:
    """The PX file as pyaxis reads it: metadata, and DATA as the raw cell texts."""
    path = folder / "table.px"
    path.write_bytes(data)
    # Patterns that match no cell, so that pyaxis leaves the dots as they are written.
    parsed: dict[str, Any] = pyaxis.parse(
        str(path), encoding="utf-8", null_values="^$", sd_values="^$"
    )
    return parsed


def expected_cells(dataset: Dataset, published: tuple[Any, ...]) -> dict[tuple[str, ...], str]:
    """Each cell's labels (in dataset order) → the text PX should hold for it."""
    dots = {Symbol.NOT_POSSIBLE: '"."', Symbol.MISSING: '".."', Symbol.SUPPRESSED: '"..."'}
    found = {}
    for (categories, _, status), figure in zip(dataset.cells(), published, strict=True):
        labels = tuple(c.label for c in categories)
        found[labels] = dots.get(status, '".."') if figure is None else repr(float(figure))
    return found


def read_cells(parsed: dict[str, Any], dataset: Dataset) -> dict[tuple[str, ...], str]:
    """Each cell pyaxis read (keyed by labels in dataset order) → its text, numbers normalised."""
    frame = parsed["DATA"]
    found = {}
    for row in frame.to_dict("records"):
        labels = tuple(row[d.label] for d in dataset.dimensions)
        text = row["DATA"]
        found[labels] = text if text.startswith('"') else repr(float(text))
    return found


def transposed(dataset: Dataset, order: list[int]) -> Dataset:
    """The same table with its dimensions in another order."""
    dimensions = tuple(dataset.dimensions[i] for i in order)
    values, status = [], {}
    for new_index, positions in enumerate(
        itertools.product(*(range(len(d.categories)) for d in dimensions))
    ):
        old = [0] * len(order)
        for axis, position in zip(order, positions, strict=True):
            old[axis] = position
        old_index = 0
        for axis, position in enumerate(old):
            old_index = old_index * len(dataset.dimensions[axis].categories) + position
        values.append(dataset.values[old_index])
        if old_index in dataset.status:
            status[new_index] = dataset.status[old_index]
    return Dataset(
        **{**dataset.__dict__, "dimensions": dimensions, "values": tuple(values), "status": status}
    )


def test_a_small_table_is_written_exactly() -> None:
    assert to_px(TINY, matrix="MOTT01") == TINY_PX.replace("\n", "\r\n").encode("utf-8")


def test_pyaxis_reads_back_figures_symbols_codes_and_labels(tmp_path: Path) -> None:
    parsed = read_px(to_px(SOCIAL_ASSISTANCE, matrix="SOSHJ01"), tmp_path)
    meta = parsed["METADATA"]
    assert meta["STUB"] == ["region", "statistikkvariabel"]
    assert meta["HEADING"] == ["år"]
    assert meta["VALUES(region)"] == ["Oslo", "Trondheim - Tråante", "KOSTRA-gruppe 17"]
    assert meta["CODES(region)"] == ["0301", "5001", "EKG17"]
    assert meta["VALUES(statistikkvariabel)"] == [
        "Sosialhjelpsmottakere",
        "Andel mottakere 18–24 år",
    ]
    assert meta["CODES(statistikkvariabel)"] == ["KOSsosantkliente0000", "KOSandel18240000"]
    assert meta["CODES(år)"] == ["2023", "2024"]
    assert meta["VARIABLECODE(region)"] == ["KOKkommuneregion0000"]
    assert meta["TITLE"] == [
        "Økonomisk sosialhjelp, utvalgte nøkkeltall, etter region, statistikkvariabel og år"
    ]
    assert [meta[f"DATASYMBOL{n}"] for n in (1, 2, 3)] == [["."], [".."], [":"]]
    assert meta["DATANOTECELL(EKG17,KOSsosantkliente0000,2024)"] == ["e"]
    assert meta["NOTE"][0].split("##") == [
        "Tallene for 2024 er foreløpige.",
        "«.»: Ikke mulig å oppgi tall",
        "«..»: Tallgrunnlag mangler",
        "«:»: Vises ikke av konfidensialitetshensyn",
        "«e»: Anslått: omfatter anslag for enheter som ikke har levert",
    ]
    assert read_cells(parsed, SOCIAL_ASSISTANCE) == expected_cells(
        SOCIAL_ASSISTANCE, SOCIAL_ASSISTANCE_PUBLISHED
    )


def test_contents_have_their_own_units_and_precision(tmp_path: Path) -> None:
    meta = read_px(to_px(SOCIAL_ASSISTANCE, matrix="SOSHJ01"), tmp_path)["METADATA"]
    assert meta["CONTVARIABLE"] == ["statistikkvariabel"]
    assert (meta["DECIMALS"], meta["SHOWDECIMALS"]) == ("1", "0")
    assert meta["PRECISION(statistikkvariabel,Andel mottakere 18–24 år)"] == "1"
    assert "PRECISION(statistikkvariabel,Sosialhjelpsmottakere)" not in meta
    assert meta["UNITS(Sosialhjelpsmottakere)"] == ["antall"]
    assert meta["UNITS(Andel mottakere 18–24 år)"] == ["prosent"]
    assert meta["LAST-UPDATED(Sosialhjelpsmottakere)"] == ["20250615 08:00"]  # 06:00 UTC
    assert "UNITS" not in meta


def test_one_content_has_the_table_units(tmp_path: Path) -> None:
    share = Dimension(
        "ContentsCode",
        "statistikkvariabel",
        (Category("A", "Andel", Unit("prosent", 1)),),
        Role.METRIC,
    )
    table = Dataset("T", "Andel", (TINY.dimensions[0], share), (12.25, 3.0))
    meta = read_px(to_px(table, matrix="T"), tmp_path)["METADATA"]
    assert "CONTVARIABLE" not in meta
    assert meta["UNITS"] == ["prosent"]
    assert (meta["DECIMALS"], meta["SHOWDECIMALS"]) == ("1", "1")
    assert meta["STUB"] == ["region"] and meta["HEADING"] == ["statistikkvariabel"]  # no time
    assert list(read_px(to_px(table, matrix="T"), tmp_path)["DATA"]["DATA"]) == ["12.3", "3.0"]


@pytest.mark.parametrize(
    "order", [[2, 0, 1], [0, 2, 1], [1, 2, 0]], ids=["time-first", "time-middle", "region-last"]
)
def test_data_follows_stub_and_heading_whatever_the_dimension_order(
    order: list[int], tmp_path: Path
) -> None:
    dataset = transposed(SOCIAL_ASSISTANCE, order)
    published = transposed(
        Dataset(**{**SOCIAL_ASSISTANCE.__dict__, "values": SOCIAL_ASSISTANCE_PUBLISHED}), order
    ).values
    parsed = read_px(to_px(dataset, matrix="SOSHJ01"), tmp_path)
    assert parsed["METADATA"]["HEADING"] == ["år"]
    assert read_cells(parsed, dataset) == expected_cells(dataset, published)


def test_long_lists_and_notes_are_broken_into_lines_a_reader_joins(tmp_path: Path) -> None:
    municipalities = tuple(Category(f"{n:04d}", f"Kommune nr. {n} i Østfold") for n in range(40))
    region = Dimension("region", "region", municipalities, Role.GEO)
    note = "Merknad: " + "ø" * 300
    table = Dataset("T", "Tabell", (region,), tuple(range(40)), notes=(note,))
    data = to_px(table, matrix="T")
    header = data.decode("utf-8").split("DATA=")[0]
    assert max(len(line) for line in header.split("\r\n")) <= 256
    meta = read_px(data, tmp_path)["METADATA"]
    assert meta["VALUES(region)"] == [c.label for c in municipalities]
    assert "".join(meta["NOTE"]) == note


def test_cells_without_figure_or_symbol_are_shown_as_missing(tmp_path: Path) -> None:
    table = Dataset("T", "Tabell", (TINY.dimensions[0],), (None, 5))
    parsed = read_px(to_px(table, matrix="T"), tmp_path)
    assert list(parsed["DATA"]["DATA"]) == ['".."', "5"]
    assert parsed["METADATA"]["DATASYMBOL2"] == [".."]


def test_quotes_and_line_breaks_cannot_break_the_file(tmp_path: Path) -> None:
    region = Dimension("region", "region", (Category("030101", 'Bydel "Gamle Oslo"\nsentrum'),))
    table = Dataset("T", 'Tabell "A"', (region,), (1,))
    meta = read_px(to_px(table, matrix="T"), tmp_path)["METADATA"]
    assert meta["VALUES(region)"] == ["Bydel 'Gamle Oslo' sentrum"]
    assert meta["CONTENTS"] == ["Tabell 'A'"]


@pytest.mark.parametrize(
    "dimensions",
    [
        (
            Dimension("a", "region", (Category("1", "Oslo"),)),
            Dimension("b", "region", (Category("2", "x"),)),
        ),
        (Dimension("a", "region", (Category("1", "Oslo"), Category("2", "Oslo"))),),
    ],
    ids=["variable-names", "value-labels"],
)
def test_names_a_reader_could_not_tell_apart_are_refused(dimensions: tuple[Dimension, ...]) -> None:
    table = Dataset("T", "", dimensions, (1,) * math.prod(len(d.categories) for d in dimensions))
    with pytest.raises(ValueError, match="unique"):
        to_px(table, matrix="T")


def test_creation_date_can_be_given_and_is_in_norwegian_time() -> None:
    created = datetime(2025, 1, 10, 12, 30, tzinfo=UTC)
    text = to_px(TINY, matrix="T", created=created).decode("utf-8")
    assert 'CREATION-DATE="20250110 13:30";' in text
    assert 'LAST-UPDATED="20250314 08:00";' in text


def test_the_same_table_gives_the_same_bytes() -> None:
    assert to_px(SOCIAL_ASSISTANCE, matrix="S") == to_px(SOCIAL_ASSISTANCE, matrix="S")
