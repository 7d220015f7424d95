"""The charts of key figures: well-formed SVG that a strict Content-Security-Policy lets through,
accessible, with gaps for missing figures, marks for estimates, nice axes and Norwegian numbers,
and as a browser shows them."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import Browser, ConsoleMessage, Route

from kostra.publish.charts import (
    Series,
    bar_chart,
    line_chart,
    nice_ticks,
)
from kostra.publish.dataset import Symbol

SVG = "{http://www.w3.org/2000/svg}"
YEARS = ["2020", "2021", "2022", "2023", "2024", "2025"]
SHARE = "Andel sosialhjelpsmottakere 18–66 år av innbyggerne 18–66 år (%)"
CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:"
ROOT = Path(__file__).resolve().parents[2]


def series(label: str, *values: float | None, symbols: dict[int, str] | None = None) -> Series:
    """A region's figures for 2020 onwards, with a symbol for some."""
    marks = symbols or {}
    return Series(label, [(YEARS[i], v, marks.get(i)) for i, v in enumerate(values)])


def regions() -> list[Series]:
    """A municipality with a missing year and an estimate, and three regions to compare with."""
    return [
        series("4601 Bergen", 4.1, 4.3, None, 3.9, 3.8, 4.0, symbols={2: "..", 5: "e"}),
        series("46 Vestland", 3.6, 3.7, 3.5, 3.4, 3.5, 3.6),
        series("KOSTRA-gruppe 13", 4.4, 4.5, 4.2, 4.1, 4.3, 4.2),
        series("Landet uten Oslo", 3.9, 4.0, 3.8, 3.7, 3.8, 3.9),
    ]


def comparison() -> list[tuple[str, float | None, str | None]]:
    """The regions in 2025: the municipality estimated, one region suppressed."""
    return [
        ("4601 Bergen", 4.0, "e"),
        ("46 Vestland", 3.6, None),
        ("Barnevern & sosial <Vest>", None, ":"),
        ("Landet", 4.1, None),
    ]


def a_line_chart(ident: str | None = None) -> str:
    return line_chart(SHARE, regions(), unit="prosent", decimals=1, ident=ident)


def a_bar_chart(ident: str | None = None) -> str:
    return bar_chart(
        SHARE + ", 2025",
        comparison(),
        unit="prosent",
        decimals=1,
        highlight="4601 Bergen",
        ident=ident,
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def local(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


CHARTS: dict[str, Callable[[], str]] = {
    "line": a_line_chart,
    "bar": a_bar_chart,
    "line, nothing": lambda: line_chart("<Tom> & tom", [], unit="antall", decimals=0),
    "bar, nothing": lambda: bar_chart("<Tom> & tom", [], unit="antall", decimals=0),
}


# --- the SVG ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_svg_passes_a_strict_content_security_policy(make: Callable[[], str]) -> None:
    svg = make()
    root = parse(svg)
    assert local(root) == "svg"
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for element in root.iter():
        assert local(element) not in ("style", "script", "foreignObject", "image", "a", "use")
        assert "style" not in element.attrib, element.tag
        for name, value in element.attrib.items():
            assert not name.startswith("on"), name
            assert "href" not in name, name  # also {http://www.w3.org/1999/xlink}href
            for target in re.findall(r"url\(([^)]*)\)", value):
                assert target.startswith("#") and target[1:] in ids, value
    assert "style=" not in svg and "<style" not in svg and "href" not in svg


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_svg_is_an_image_with_a_title_and_a_description(make: Callable[[], str]) -> None:
    root = parse(make())
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert (title.text or "").strip() and (desc.text or "").strip()
    assert list(root)[:2] == [title, desc]  # first, as assistive technology expects
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_the_description_gives_every_figure_in_words() -> None:
    desc = parse(a_line_chart()).find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert desc.text.startswith("Linjediagram for 2020–2025. Enhet: prosent.")
    assert "4601 Bergen: 2020: 4,1; 2021: 4,3; 2022: tallgrunnlag mangler; 2023: 3,9" in desc.text
    assert "2025: 4,0 (anslått)." in desc.text
    assert "Landet uten Oslo: 2020: 3,9;" in desc.text

    bars = parse(a_bar_chart()).find(f"{SVG}desc")
    assert bars is not None and bars.text is not None
    assert "4601 Bergen: 4,0 (anslått) (uthevet)" in bars.text
    assert "Barnevern & sosial <Vest>: vises ikke av konfidensialitetshensyn" in bars.text


def test_labels_are_escaped() -> None:
    label = "Barnevern & sosial <Vest> «æøå»"
    svg = line_chart(
        "Utgifter <netto> & brutto",
        [Series(label, [("2024", 1.0, None), ("2025", 2.0, None)])],
        unit="kr & øre",
        decimals=0,
    )
    assert "<Vest>" not in svg and "<netto>" not in svg and "& " not in svg
    assert "&lt;Vest&gt;" in svg and "&amp;" in svg
    root = parse(svg)
    assert label in texts(root)
    assert "Utgifter <netto> & brutto" in texts(root)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Utgifter <netto> & brutto"

    bars = parse(a_bar_chart())
    assert "Barnevern & sosial <Vest>" in texts(bars)


def test_the_same_figures_give_the_same_chart_and_other_figures_other_ids() -> None:
    assert a_line_chart() == a_line_chart()
    assert a_bar_chart() == a_bar_chart()

    def ids(svg: str) -> set[str]:
        return {e.get("id", "") for e in parse(svg).iter() if e.get("id")}

    other = line_chart(SHARE, regions()[1:], unit="prosent", decimals=1)
    assert not ids(a_line_chart()) & ids(other)
    assert not ids(a_line_chart()) & ids(a_bar_chart())
    named = ids(a_line_chart(ident="andel"))
    assert named == {"andel-title", "andel-desc"}
    assert ids(a_bar_chart(ident="3 søyler")) == {
        "kostra-chart-3-s-yler-title",
        "kostra-chart-3-s-yler-desc",
        "kostra-chart-3-s-yler-hatch",
        "kostra-chart-3-s-yler-hatch-highlight",
    }


# --- lines ---------------------------------------------------------------------------------------


def lines(root: ET.Element) -> list[ET.Element]:
    """The groups of the regions' lines, in the order of the series (they are drawn reversed)."""
    return list(reversed(with_class(root, "kostra-chart-line")))


def pieces(line: ET.Element) -> list[list[tuple[float, float]]]:
    """The points of each path of a line."""
    found = []
    for path in line.iter(f"{SVG}path"):
        if classes(path) & {"kostra-chart-marker", "kostra-chart-marker-estimated"}:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        found.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return found


def markers(line: ET.Element) -> list[ET.Element]:
    return [
        e
        for e in line.iter()
        if classes(e) & {"kostra-chart-marker", "kostra-chart-marker-estimated"}
    ]


def marker_x(marker: ET.Element) -> float:
    if marker.get("cx") is not None:
        return float(marker.get("cx", ""))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", marker.get("d", ""))]
    return (min(numbers[::2]) + max(numbers[::2])) / 2


def shape(marker: ET.Element) -> tuple[str, tuple[tuple[float, float], ...]]:
    """What a marker looks like, wherever it stands: its element and its corners about its
    centre."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", marker.get("d", ""))]
    xs, ys = numbers[::2], numbers[1::2]
    if not xs:
        return local(marker), ()
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return local(marker), tuple((round(x - cx), round(y - cy)) for x, y in zip(xs, ys, strict=True))


def test_a_missing_figure_breaks_the_line_and_has_no_marker() -> None:
    root = parse(a_line_chart())
    bergen, vestland, *_ = lines(root)
    before, after = pieces(bergen)
    assert len(before) == 2 and len(after) == 3  # 2020–2021, then 2023–2025
    assert len(markers(bergen)) == 5
    assert len(pieces(vestland)) == 1 and len(markers(vestland)) == 6

    # The markers of Bergen stand at the years of its figures: none at 2022's place.
    places = sorted(marker_x(m) for m in markers(vestland))
    assert sorted(marker_x(m) for m in markers(bergen)) == places[:2] + places[3:]
    assert [x for x, _ in before + after] == places[:2] + places[3:]


def test_an_isolated_figure_has_a_marker_and_no_line() -> None:
    alone = series("Bergen", None, 2.0, None, 3.0, 4.0, None)
    (line,) = lines(parse(line_chart("Enslig", [alone], unit="prosent", decimals=1)))
    assert [len(piece) for piece in pieces(line)] == [2]
    assert len(markers(line)) == 3


def test_a_year_a_region_has_no_point_for_breaks_its_line() -> None:
    short = Series("Bergen", [("2020", 1.0, None), ("2022", 2.0, None), ("2023", 3.0, None)])
    full = series("Landet", 1.0, 1.0, 1.0, 1.0)
    bergen, _ = lines(parse(line_chart("Hull", [short, full], unit="prosent", decimals=1)))
    assert [len(piece) for piece in pieces(bergen)] == [2]
    assert len(markers(bergen)) == 3


def test_an_estimate_has_a_hollow_marker_explained_below() -> None:
    root = parse(a_line_chart())
    bergen = lines(root)[0]
    (estimated,) = with_class(bergen, "kostra-chart-marker-estimated")
    assert estimated.get("fill") == "#ffffff"
    stroked = bergen.find(f"{SVG}g")
    assert stroked is not None and estimated.get("stroke") == stroked.get("stroke")
    assert all(m.get("fill") != "#ffffff" for m in with_class(bergen, "kostra-chart-marker"))
    notes = texts(with_class(root, "kostra-chart-note")[0])
    assert "Hul markør: anslått tall" in notes
    assert "Brudd i linjen: tall mangler for året" in notes
    assert Symbol.MISSING.label in notes

    plain = parse(line_chart("Uten anslag", regions()[1:], unit="prosent", decimals=1))
    assert not with_class(plain, "kostra-chart-marker-estimated")
    assert not with_class(plain, "kostra-chart-note")


def test_regions_differ_in_more_than_colour() -> None:
    root = parse(a_line_chart())
    strokes = [line.find(f"{SVG}g") for line in lines(root)]
    looks = {(g.get("stroke-dasharray"), g.get("stroke-width")) for g in strokes if g is not None}
    assert len(looks) == 4
    shapes = {shape(markers(line)[0]) for line in lines(root)}
    assert len(shapes) == 4
    legend = with_class(root, "kostra-chart-legend")[0]
    assert texts(legend) == [s.label for s in regions()]
    bold = [e for e in legend.iter(f"{SVG}text") if e.get("font-weight") == "bold"]
    assert ["".join(e.itertext()) for e in bold] == ["4601 Bergen"]


# --- bars ----------------------------------------------------------------------------------------


def test_the_highlighted_bar_is_emphasised() -> None:
    root = parse(bar_chart(SHARE, comparison()[1:], unit="prosent", decimals=1, highlight="Landet"))
    bars = with_class(root, "kostra-chart-bar")
    (highlighted,) = with_class(root, "kostra-chart-bar-highlight")
    others = [bar for bar in bars if bar is not highlighted]
    assert len(others) == 1
    assert highlighted.get("fill") != others[0].get("fill")
    bold = {"".join(e.itertext()) for e in root.iter(f"{SVG}text") if e.get("font-weight")}
    assert bold >= {"Landet", "4,1"}
    assert "46 Vestland" not in bold and "3,6" not in bold


def test_a_missing_figure_has_its_symbol_instead_of_a_bar() -> None:
    root = parse(a_bar_chart())
    assert len(with_class(root, "kostra-chart-bar")) == 3
    (symbol,) = with_class(root, "kostra-chart-symbol")
    assert symbol.text == ":"
    notes = texts(with_class(root, "kostra-chart-note")[0])
    assert ":" in notes and Symbol.SUPPRESSED.label in notes
    assert "Skravert søyle: anslått tall" in notes
    (estimated,) = with_class(root, "kostra-chart-bar-estimated")
    assert "kostra-chart-bar-highlight" in classes(estimated)
    assert estimated.get("fill", "").startswith("url(#")


def test_the_value_is_printed_at_the_end_of_each_bar() -> None:
    root = parse(a_bar_chart())
    shown = texts(root)
    for value in ("4,0", "3,6", "4,1"):
        assert value in shown
    for bar in with_class(root, "kostra-chart-bar"):
        end = float(bar.get("x", "")) + float(bar.get("width", ""))
        y = float(bar.get("y", "")) + float(bar.get("height", "")) / 2
        beside = [
            e
            for e in root.iter(f"{SVG}text")
            if abs(float(e.get("y", "0")) - y) < 8 and 0 < float(e.get("x", "0")) - end < 10
        ]
        assert len(beside) == 1


def test_a_figure_without_a_symbol_or_with_an_unknown_one_is_shown_as_missing() -> None:
    root = parse(
        bar_chart("Ukjent", [("A", None, None), ("B", None, "x")], unit="antall", decimals=0)
    )
    assert [e.text for e in with_class(root, "kostra-chart-symbol")] == ["..", "x"]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "A: tallgrunnlag mangler; B: ingen tall (x)" in (desc.text or "")


# --- awkward figures -------------------------------------------------------------------------------

AWKWARD = {
    "all missing": [series("A", None, None, None, symbols={0: "..", 1: ":", 2: "."})],
    "all zero": [series("A", 0, 0, 0), series("B", 0.0, 0.0, 0.0)],
    "a single point": [Series("A", [("2025", 3.14, "e")])],
    "negative": [series("A", -3.5, -1.0, 0.0, 2.0), series("B", -0.1, None, 0.2)],
    "not numbers": [series("A", math.nan, math.inf, -math.inf, 1e308, 2.0)],
    "large": [series("A", 1_234_567_890.0, 9.9e12)],
    "many regions": [series(f"Region {i}", i, i + 1) for i in range(9)],
    "long names": [
        series("KOSTRA-gruppe 11: Kommuner med middels folkemengde, høye bundne kostnader", 1, 2)
    ],
    "no points": [Series("A", [])],
}


@pytest.mark.parametrize("regions", AWKWARD.values(), ids=AWKWARD.keys())
@pytest.mark.parametrize("width", [320, 640])
def test_awkward_figures_make_a_chart(regions: list[Series], width: int) -> None:
    root = parse(line_chart("Test", regions, unit="antall", decimals=1, width=width, height=200))
    assert float(root.get("width", "")) == width and float(root.get("height", "")) >= 200
    numbers = [
        float(n)
        for e in root.iter()
        for name, value in e.attrib.items()
        if name in ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "d")
        for n in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", value)
    ]
    assert all(math.isfinite(n) and abs(n) < 10_000 for n in numbers)

    bars = [(one.label, v, c) for one in regions for _, v, c in one.points[:1]]
    parse(bar_chart("Test", bars, unit="kr", decimals=0, highlight="A", width=width))


@pytest.mark.parametrize(
    ("values", "decimals", "ticks"),
    [
        ([4.1, 4.3, 3.9], 1, [0, 1, 2, 3, 4, 5]),
        ([7.3], 1, [0, 2, 4, 6, 8]),
        ([12_345], 0, [0, 2500, 5000, 7500, 10_000, 12_500]),
        ([98, 100], 0, [0, 20, 40, 60, 80, 100]),
        ([0.3], 1, [0, 0.1, 0.2, 0.3]),
        ([0.26], None, [0, 0.1, 0.2, 0.3]),
        ([0.24], None, [0, 0.05, 0.1, 0.15, 0.2, 0.25]),
        ([11], 1, [0, 2.5, 5, 7.5, 10, 12.5]),
        ([11], 0, [0, 5, 10, 15]),  # no 2.5 between whole numbers
        ([3], 0, [0, 1, 2, 3]),  # a count: whole numbers only
        ([0, 0, 0], 0, [0, 1]),  # all zero
        ([None, None], 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),  # all missing
        ([], 0, [0, 1]),
        ([-3.5, 5], 1, [-4, -2, 0, 2, 4, 6]),  # not expected, but handled
        ([-7], 0, [-8, -6, -4, -2, 0]),
        ([math.nan, 2], 0, [0, 1, 2]),
    ],
)
def test_ticks_are_nice_and_cover_the_figures(
    values: list[float | None], decimals: int | None, ticks: list[float]
) -> None:
    found = nice_ticks(values, decimals=decimals)
    assert found.values == pytest.approx(ticks)


def nice(step: float) -> bool:
    mantissa = Decimal(repr(step)).normalize().as_tuple()
    digits = "".join(map(str, mantissa.digits))
    return digits in ("1", "2", "25", "5")


@given(
    st.lists(
        st.one_of(st.none(), st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)),
        max_size=12,
    ),
    st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
)
def test_ticks_are_always_nice(values: list[float | None], decimals: int | None) -> None:
    ticks = nice_ticks(values, decimals=decimals)
    present = [v for v in values if v is not None]
    assert nice(ticks.step)
    assert ticks.low <= min([0.0, *present]) and ticks.high >= max([0.0, *present])
    assert 0.0 in ticks.values
    assert 2 <= len(ticks.values) <= 12
    gaps = [b - a for a, b in zip(ticks.values, ticks.values[1:], strict=False)]
    assert gaps == pytest.approx([ticks.step] * len(gaps))
    if decimals is not None:
        assert ticks.step >= 10**-decimals * (1 - 1e-9)
    labels = ticks.labels()
    assert len(set(labels)) == len(labels)  # the labels tell the ticks apart


# --- in a browser ----------------------------------------------------------------------------------

# Every violation of the page's policy is reported to the console, with the directive.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    """The run's headless Chromium (tests/conftest.py)."""
    return chromium


def test_a_browser_shows_the_charts_under_the_pages_policy(
    browser: Browser, tmp_path: Path
) -> None:
    charts = [a_line_chart(ident="andel"), a_bar_chart(ident="sammenligning")]
    page_html = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        "<title>Nøkkeltall</title></head><body><h1>Nøkkeltall for Bergen</h1>"
        + "".join(f"<figure>{svg}</figure>" for svg in charts)
        + "</body></html>"
    )
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    def route(route: Route) -> None:
        problems.append(f"request: {route.request.url}")
        route.abort("blockedbyclient")

    context = browser.new_context(viewport={"width": 720, "height": 900}, locale="nb-NO")
    try:
        context.add_init_script(REPORT_CSP)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", console)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.set_content(page_html, wait_until="load")

        images = page.get_by_role("img")
        assert images.count() == 2
        assert page.get_by_role("img", name=SHARE, exact=True).count() == 1
        assert page.get_by_role("img", name=SHARE + ", 2025", exact=True).count() == 1
        for index in range(2):
            box = images.nth(index).bounding_box()
            assert box is not None and box["width"] == 640 and box["height"] > 200
        description = page.evaluate(
            "document.getElementById(document.querySelector('svg')"
            ".getAttribute('aria-describedby')).textContent"
        )
        assert description.startswith("Linjediagram for 2020–2025")
        # The stripes of the estimated bar come from its pattern: a hatched bar is not empty.
        fill = page.evaluate(
            "getComputedStyle(document.querySelector('.kostra-chart-bar-estimated')).fill"
        )
        assert "sammenligning-hatch-highlight" in fill
        shot = tmp_path / "diagrammer.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        context.close()
    assert problems == []


def test_the_preview_script_writes_a_page_of_charts(tmp_path: Path) -> None:
    target = tmp_path / "diagrammer.html"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "chart_preview.py"), str(target)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    html = target.read_text("utf-8")
    assert html.count("<svg ") == 3 and CSP in html
    for svg in re.findall(r"<svg .*?</svg>", html, flags=re.DOTALL):
        parse(svg)
