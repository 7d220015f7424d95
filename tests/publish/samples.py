"""Small published tables for the writers' tests, and a Hypothesis strategy for random ones."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit, Value

REGION = Dimension(
    "KOKkommuneregion0000",
    "region",
    (
        Category("0301", "Oslo"),
        Category("5001", "Trondheim - Tråante"),
        Category("EKG17", "KOSTRA-gruppe 17"),
    ),
    Role.GEO,
)
CONTENTS = Dimension(
    "ContentsCode",
    "statistikkvariabel",
    (
        Category("KOSsosantkliente0000", "Sosialhjelpsmottakere", Unit("antall", 0)),
        Category("KOSandel18240000", "Andel mottakere 18–24 år", Unit("prosent", 1)),
    ),
    Role.METRIC,
)
YEARS = Dimension("Tid", "år", (Category("2023", "2023"), Category("2024", "2024")), Role.TIME)

# region × statistikkvariabel × år: figures to round, every symbol, æøå and a dash in labels.
SOCIAL_ASSISTANCE = Dataset(
    id="12210",
    label="Økonomisk sosialhjelp, utvalgte nøkkeltall",
    dimensions=(REGION, CONTENTS, YEARS),
    values=(
        *(20182, 20305, 4.25, 4.349),  # Oslo
        *(3, None, 2.05, None),  # Trondheim: 2024 suppressed (:), share not possible (.)
        *(None, 6215, -0.04, 2.5),  # group 17: 2023 missing (..), 2024 estimated (e)
    ),
    status={5: Symbol.SUPPRESSED, 7: Symbol.NOT_POSSIBLE, 8: Symbol.MISSING, 9: Symbol.ESTIMATED},
    updated="2025-06-15T06:00:00Z",
    notes=("Tallene for 2024 er foreløpige.",),
)
# The figures as published: antall with 0 decimals, prosent with 1, half away from zero.
SOCIAL_ASSISTANCE_PUBLISHED: tuple[Value, ...] = (
    *(20182, 20305, 4.3, 4.3),
    *(3, None, 2.1, None),
    *(None, 6215, 0, 2.5),
)

# region × år, no metric dimension: one suppressed and one estimated cell.
TINY = Dataset(
    id="T1",
    label="Mottakere",
    dimensions=(
        Dimension("region", "region", (Category("0301", "Oslo"), Category("1804", "Bodø"))),
        Dimension("Tid", "år", (Category("2024", "2024"),), Role.TIME),
    ),
    values=(12, None),
    status={0: Symbol.ESTIMATED, 1: Symbol.SUPPRESSED},
    updated="2025-03-14T08:00:00+01:00",
)

_WORDS = "abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789-–"
_DIMENSION_IDS = ("region", "ContentsCode", "Tid", "Kjonn", "Alder")
_UNIT_BASES = ("antall", "kr", "prosent", "måneder", "per 1 000 innbyggere")


def _texts(size: int) -> st.SearchStrategy[list[str]]:
    """`size` different texts of Norwegian letters, digits and dashes, with single spaces inside
    (PX readers trim spaces at the ends of a text)."""
    word = st.text(_WORDS, min_size=1, max_size=6)
    text = st.lists(word, min_size=1, max_size=3).map(" ".join)
    return st.lists(text, min_size=size, max_size=size, unique=True)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A random table of one to three dimensions, with figures already at their units' decimals
    (so that they come back from a writer exactly) and any symbol."""
    count = draw(st.integers(1, 3))
    ids = draw(st.permutations(_DIMENSION_IDS))[:count]
    labels = draw(_texts(count))
    roles = draw(st.permutations([Role.TIME, Role.GEO, Role.METRIC, None, None]))[:count]
    dimensions = []
    for dimension_id, label, role in zip(ids, labels, roles, strict=True):
        size = draw(st.integers(1, 3))
        codes = draw(
            st.lists(
                st.text("ABC0123456789", min_size=1, max_size=5),
                min_size=size,
                max_size=size,
                unique=True,
            )
        )
        names = draw(_texts(size))
        units = [
            Unit(draw(st.sampled_from(_UNIT_BASES)), draw(st.integers(0, 2)))
            if role is Role.METRIC
            else None
            for _ in codes
        ]
        categories = tuple(map(Category, codes, names, units))
        dimensions.append(Dimension(dimension_id, label, categories, role))
    shell = Dataset("X", "", tuple(dimensions), (None,) * _cells(dimensions))
    values: list[Value] = []
    status: dict[int, Symbol] = {}
    for index, (categories, _, _) in enumerate(shell.cells()):
        symbol = draw(st.sampled_from([None, None, None, *Symbol]))
        if symbol is not None:
            status[index] = symbol
        unit = next((c.unit for c in categories if c.unit is not None), None)
        if symbol is not None and not symbol.has_value:
            values.append(None)
        elif draw(st.integers(0, 9)) == 0:
            values.append(None)  # no figure and no symbol
        else:
            values.append(_figure(draw(st.integers(-(10**7), 10**7)), unit))
    return Dataset(
        id=draw(st.text("0123456789", min_size=5, max_size=5)),
        label=draw(_texts(1))[0],
        dimensions=tuple(dimensions),
        values=tuple(values),
        status=status,
        updated=draw(st.sampled_from(["", "2025-03-14T08:00:00+01:00", "2025-06-15T06:00:00Z"])),
        notes=tuple(draw(st.lists(_texts(1).map(lambda t: t[0]), max_size=2, unique=True))),
    )


def _cells(dimensions: list[Dimension]) -> int:
    count = 1
    for dimension in dimensions:
        count *= len(dimension.categories)
    return count


def _figure(units: int, unit: Unit | None) -> Value:
    """A figure of `units` hundredths (or of whole units where the unit has no decimals)."""
    decimals = 2 if unit is None else unit.decimals
    return units if decimals == 0 else float(Decimal(units).scaleb(-decimals))
