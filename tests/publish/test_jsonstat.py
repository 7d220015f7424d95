"""The JSON-stat writer: exact output for a small table, the official JSON-stat 2.0 schema and two
independent readers (jsonstat-validator, pyjstat), SSB's rounding, and our own reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonstat_validator import validate_jsonstat
from pyjstat import pyjstat

from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit, Value
from kostra.publish.jsonstat import from_jsonstat, to_jsonstat
from tests.publish.samples import SOCIAL_ASSISTANCE, SOCIAL_ASSISTANCE_PUBLISHED, TINY

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "data" / "jsonstat" / "dataset.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

TINY_JSON = (
    '{"version":"2.0","class":"dataset","label":"Mottakere","source":"Statistisk sentralbyrå",'
    '"updated":"2025-03-14T08:00:00+01:00",'
    '"note":["«:»: Vises ikke av konfidensialitetshensyn",'
    '"«e»: Anslått: omfatter anslag for enheter som ikke har levert"],'
    '"role":{"time":["Tid"]},"id":["region","Tid"],"size":[2,1],'
    '"dimension":{"region":{"label":"region","category":{"index":{"0301":0,"1804":1},'
    '"label":{"0301":"Oslo","1804":"Bodø"}}},'
    '"Tid":{"label":"år","category":{"index":{"2024":0},"label":{"2024":"2024"}}}},'
    '"extension":{"px":{"tableid":"T1","decimals":0},'
    '"symbols":{":":"Vises ikke av konfidensialitetshensyn",'
    '"e":"Anslått: omfatter anslag for enheter som ikke har levert"}},'
    '"value":[12,null],"status":{"0":"e","1":":"}}'
)


def document(dataset: Dataset) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(to_jsonstat(dataset))
    return found


def one_cell(value: Value, decimals: int | None) -> Dataset:
    """A table of one figure, in a unit of `decimals` decimals (no unit when None)."""
    unit = None if decimals is None else Unit("prosent", decimals)
    role = None if decimals is None else Role.METRIC
    contents = Dimension(
        "ContentsCode", "statistikkvariabel", (Category("A", "Andel", unit),), role
    )
    return Dataset("T", "Andel", (contents,), (value,))


def test_a_small_table_is_written_exactly() -> None:
    assert to_jsonstat(TINY) == TINY_JSON.encode("utf-8")


@pytest.mark.parametrize("dataset", [TINY, SOCIAL_ASSISTANCE], ids=["tiny", "social-assistance"])
def test_the_official_schema_accepts_the_file(dataset: Dataset) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(document(dataset))]
    assert errors == []


def test_the_schema_check_is_real() -> None:
    """The validator rejects what JSON-stat forbids, so that its passing means something."""
    broken = document(TINY) | {"updated": "14.03.2025", "size": ["2", 1]}
    assert len(list(VALIDATOR.iter_errors(broken))) == 2


@pytest.mark.parametrize("dataset", [TINY, SOCIAL_ASSISTANCE], ids=["tiny", "social-assistance"])
def test_jsonstat_validator_accepts_the_file(dataset: Dataset) -> None:
    assert validate_jsonstat(document(dataset))


def test_pyjstat_finds_every_figure_by_its_codes() -> None:
    read = pyjstat.Dataset.read(to_jsonstat(SOCIAL_ASSISTANCE).decode("utf-8"))
    for (categories, _, _), expected in zip(
        SOCIAL_ASSISTANCE.cells(), SOCIAL_ASSISTANCE_PUBLISHED, strict=True
    ):
        query = [
            {d.id: c.code} for d, c in zip(SOCIAL_ASSISTANCE.dimensions, categories, strict=True)
        ]
        assert read.get_value(query) == expected


# pyjstat builds its data frame with its own from_json_stat, which it has deprecated for callers
# but still uses inside Dataset.write; the warning is about pyjstat's code, not ours.
@pytest.mark.filterwarnings("ignore:Shouldn't use this function anymore:DeprecationWarning")
def test_pyjstat_lays_out_labels_and_figures_as_we_do() -> None:
    read = pyjstat.Dataset.read(to_jsonstat(SOCIAL_ASSISTANCE).decode("utf-8"))
    frame = read.write("dataframe")
    rows = [tuple(row) for row in frame.itertuples(index=False)]
    expected = [
        (*(c.label for c in categories), figure)
        for (categories, _, _), figure in zip(
            SOCIAL_ASSISTANCE.cells(), SOCIAL_ASSISTANCE_PUBLISHED, strict=True
        )
    ]
    assert [row[:3] for row in rows] == [row[:3] for row in expected]
    assert [None if row[3] != row[3] else row[3] for row in rows] == list(
        SOCIAL_ASSISTANCE_PUBLISHED
    )


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [
        (2.25, 1, "2.3"),
        (-2.25, 1, "-2.3"),
        (2.675, 2, "2.68"),  # its float is 2.67499999…: the figure, not the float, is rounded
        (0.5, 0, "1"),
        (-0.5, 0, "-1"),
        (2.5, 0, "3"),  # not to even, as Python's round() would
        (4.349, 1, "4.3"),
        (-0.04, 1, "0"),  # no -0
        (-0.0, None, "0"),
        (12.0, 1, "12"),  # whole numbers as integers
        (20182, 0, "20182"),
        (1234567.891, 2, "1234567.89"),
        (0.1 + 0.2, None, "0.30000000000000004"),  # no unit: kept as it is
        (None, 1, "null"),
    ],
    ids=lambda v: repr(v),
)
def test_figures_are_rounded_half_away_from_zero(
    value: Value, decimals: int | None, written: str
) -> None:
    text = to_jsonstat(one_cell(value, decimals)).decode("utf-8")
    assert f'"value":[{written}]' in text


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_figure_that_is_not_a_number_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="not a figure"):
        to_jsonstat(one_cell(value, 1))


def test_suppressed_cells_are_null_with_their_symbol_and_estimates_keep_their_figure() -> None:
    found = document(SOCIAL_ASSISTANCE)
    assert found["value"] == list(SOCIAL_ASSISTANCE_PUBLISHED)
    assert found["status"] == {"5": ":", "7": ".", "8": "..", "9": "e"}


def test_every_symbol_used_is_explained_in_bokmal_and_only_those() -> None:
    assert document(SOCIAL_ASSISTANCE)["note"] == [
        "Tallene for 2024 er foreløpige.",
        "«.»: Ikke mulig å oppgi tall",
        "«..»: Tallgrunnlag mangler",
        "«:»: Vises ikke av konfidensialitetshensyn",
        "«e»: Anslått: omfatter anslag for enheter som ikke har levert",
    ]
    assert document(TINY)["extension"]["symbols"] == {
        ":": Symbol.SUPPRESSED.label,
        "e": Symbol.ESTIMATED.label,
    }
    assert "note" not in document(one_cell(1, 0))


def test_roles_units_and_dimensions_are_as_ssb_writes_them() -> None:
    found = document(SOCIAL_ASSISTANCE)
    assert found["role"] == {
        "time": ["Tid"],
        "geo": ["KOKkommuneregion0000"],
        "metric": ["ContentsCode"],
    }
    assert found["id"] == ["KOKkommuneregion0000", "ContentsCode", "Tid"]
    assert found["size"] == [3, 2, 2]
    contents = found["dimension"]["ContentsCode"]["category"]
    assert contents["index"] == {"KOSsosantkliente0000": 0, "KOSandel18240000": 1}
    assert contents["unit"] == {
        "KOSsosantkliente0000": {"base": "antall", "decimals": 0, "label": "antall"},
        "KOSandel18240000": {
            "base": "prosent",
            "decimals": 1,
            "label": "prosent",
            "symbol": "%",
            "position": "end",
        },
    }
    assert found["dimension"]["KOKkommuneregion0000"]["category"]["label"]["5001"] == (
        "Trondheim - Tråante"
    )
    assert found["extension"]["px"] == {"tableid": "12210", "decimals": 1}


def test_the_same_table_gives_the_same_bytes() -> None:
    reordered = Dataset(
        **{**SOCIAL_ASSISTANCE.__dict__, "status": dict(reversed(SOCIAL_ASSISTANCE.status.items()))}
    )
    assert to_jsonstat(reordered) == to_jsonstat(SOCIAL_ASSISTANCE)


def test_our_reader_gives_back_the_published_table() -> None:
    published = Dataset(**{**SOCIAL_ASSISTANCE.__dict__, "values": SOCIAL_ASSISTANCE_PUBLISHED})
    assert from_jsonstat(to_jsonstat(SOCIAL_ASSISTANCE)) == published
    assert from_jsonstat(to_jsonstat(TINY)) == TINY


def test_our_reader_reads_ssb_api_responses() -> None:
    """SSB's json-stat2 (PxWeb): index as a list, a dimension of one category without index,
    status as a list, figures sparse; no kostra extension."""
    response = {
        "version": "2.0",
        "class": "dataset",
        "label": "05300: Folkemengde",
        "source": "Statistisk sentralbyrå",
        "updated": "2024-02-21T07:00:00Z",
        "note": ["Tall for 2024 er foreløpige."],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [2, 1, 2],
        "dimension": {
            "Region": {"label": "region", "category": {"index": ["0301", "1804"]}},
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {
                    "label": {"Folkemengde": "Personer"},
                    "unit": {"Folkemengde": {"base": "personer", "decimals": 0}},
                },
            },
            "Tid": {"label": "år", "category": {"index": {"2024": 1, "2023": 0}}},
        },
        "extension": {"px": {"infofile": "None", "tableid": "05300", "decimals": 0}},
        "value": {"0": 717710, "1": 728471, "3": 53712},
        "status": [None, None, "..", None],
    }
    read = from_jsonstat(json.dumps(response).encode("utf-8"))
    assert read.id == "05300"
    assert read.notes == ("Tall for 2024 er foreløpige.",)
    assert [c.code for c in read.dimensions[2].categories] == ["2023", "2024"]
    assert read.dimensions[0].categories[1] == Category("1804", "1804")
    assert read.dimensions[1].categories == (
        Category("Folkemengde", "Personer", Unit("personer", 0)),
    )
    assert [d.role for d in read.dimensions] == [None, Role.METRIC, Role.TIME]
    assert read.values == (717710, 728471, None, 53712)
    assert read.status == {2: Symbol.MISSING}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"class": "collection"}, "not a JSON-stat dataset"),
        ({"version": "1.0"}, "version"),
        ({"size": [2, 2]}, "size"),
        ({"value": [1, 2, 3]}, "3 values for 2 cells"),
        ({"value": ["12", None]}, "not a number"),
        ({"status": {"0": "x"}}, "'x' is not a valid Symbol"),
        ({"dimension": {}}, "not a JSON-stat dataset: KeyError"),
    ],
    ids=["class", "version", "size", "values", "string-value", "status", "dimension"],
)
def test_our_reader_refuses_what_is_not_a_table(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_jsonstat(json.dumps(document(TINY) | change).encode("utf-8"))


def test_repeated_codes_cannot_be_written() -> None:
    twice = Dimension("region", "region", (Category("0301", "Oslo"), Category("0301", "Oslo")))
    with pytest.raises(ValueError, match="repeat"):
        to_jsonstat(Dataset("T", "", (twice,), (1, 2)))
