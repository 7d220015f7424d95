"""Example charts of key figures on one HTML page, for a person to look at (figures made up).

    .venv/bin/python scripts/chart_preview.py /tmp/diagrammer.html

The page has the public pages' Content-Security-Policy, so what shows here shows there: open it
in a browser, and print it to see a fact sheet's charts on A4.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kostra.publish.charts import Series, bar_chart, line_chart

YEARS = [str(year) for year in range(2020, 2026)]

CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:"


def _series(label: str, values: list[float | None], symbols: dict[int, str]) -> Series:
    return Series(
        label, [(y, v, symbols.get(i)) for i, (y, v) in enumerate(zip(YEARS, values, strict=True))]
    )


def charts() -> list[tuple[str, str]]:
    """The example charts, each with a heading for the page."""
    share = line_chart(
        "Andel sosialhjelpsmottakere 18–66 år av innbyggerne 18–66 år (%)",
        [
            _series("4601 Bergen", [4.1, 4.3, None, 3.9, 3.8, 4.0], {2: "..", 5: "e"}),
            _series("46 Vestland", [3.6, 3.7, 3.5, 3.4, 3.5, 3.6], {}),
            _series("KOSTRA-gruppe 13", [4.4, 4.5, 4.2, 4.1, 4.3, 4.2], {}),
            _series("Landet uten Oslo", [3.9, 4.0, 3.8, 3.7, 3.8, 3.9], {}),
        ],
        unit="prosent",
        decimals=1,
        ident="andel",
    )
    amounts = line_chart(
        "Gjennomsnittlig utbetaling per stønadsmåned (kr)",
        [
            _series("3907 Sandefjord", [9876, 10210, 10620, None, 11890, 12345], {3: ":"}),
            _series("39 Vestfold", [9500, 9900, 10400, 10900, 11300, 11800], {}),
            _series("Landet", [9700, 10050, 10500, 11000, 11600, 12100], {}),
        ],
        unit="kr",
        decimals=0,
        ident="utbetaling",
    )
    bars = bar_chart(
        "Andel sosialhjelpsmottakere 18–66 år av innbyggerne 18–66 år (%), 2025",
        [
            ("4601 Bergen", 4.0, "e"),
            ("46 Vestland", 3.6, None),
            ("KOSTRA-gruppe 13", 4.2, None),
            ("Landet uten Oslo", 3.9, None),
            ("Brann & Redning <interkommunalt>", None, ":"),
            ("Landet", 4.1, None),
        ],
        unit="prosent",
        decimals=1,
        highlight="4601 Bergen",
        ident="sammenligning",
    )
    return [
        ("Andel mottakere over tid", share),
        ("Utbetaling over tid", amounts),
        ("Sammenligning i 2025", bars),
    ]


def page() -> str:
    """The whole page."""
    sections = "\n".join(
        f"<section><h2>{heading}</h2>\n{svg}\n</section>" for heading, svg in charts()
    )
    return (
        '<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        "<title>Eksempler på diagrammer</title>\n</head>\n<body>\n"
        f"<h1>Eksempler på diagrammer</h1>\n{sections}\n</body>\n</html>\n"
    )


def main() -> None:
    """Write the page to the path given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="where to write the HTML page")
    target = parser.parse_args().path
    target.write_text(page(), encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
