"""The CSV writer: exact output for a small table, and read back with the standard library."""

from __future__ import annotations

import csv
import io

from kostra.publish.csv import header, to_csv
from kostra.publish.dataset import Category, Dataset, Dimension
from tests.publish.samples import SOCIAL_ASSISTANCE, TINY

TINY_CSV = (
    "\ufeffregion;region_navn;Tid;Tid_navn;verdi;status\r\n"
    "0301;Oslo;2024;2024;12;e\r\n"
    "1804;Bodø;2024;2024;;:\r\n"
)


def rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file as a Norwegian spreadsheet reads it."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_a_small_table_is_written_exactly() -> None:
    assert to_csv(TINY) == TINY_CSV.encode("utf-8")


def test_the_file_starts_with_a_bom_and_ends_lines_with_crlf() -> None:
    data = to_csv(SOCIAL_ASSISTANCE)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 1 + len(SOCIAL_ASSISTANCE.values)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_one_row_per_cell_with_codes_labels_figure_and_symbol() -> None:
    found = rows(to_csv(SOCIAL_ASSISTANCE))
    assert (
        found[0]
        == header(SOCIAL_ASSISTANCE)
        == [
            "KOKkommuneregion0000",
            "KOKkommuneregion0000_navn",
            "ContentsCode",
            "ContentsCode_navn",
            "Tid",
            "Tid_navn",
            "verdi",
            "status",
        ]
    )
    figures = [(row[0], row[2], row[4], row[6], row[7]) for row in found[1:]]
    assert figures == [
        ("0301", "KOSsosantkliente0000", "2023", "20182", ""),
        ("0301", "KOSsosantkliente0000", "2024", "20305", ""),
        ("0301", "KOSandel18240000", "2023", "4,3", ""),
        ("0301", "KOSandel18240000", "2024", "4,3", ""),
        ("5001", "KOSsosantkliente0000", "2023", "3", ""),
        ("5001", "KOSsosantkliente0000", "2024", "", ":"),
        ("5001", "KOSandel18240000", "2023", "2,1", ""),
        ("5001", "KOSandel18240000", "2024", "", "."),
        ("EKG17", "KOSsosantkliente0000", "2023", "", ".."),
        ("EKG17", "KOSsosantkliente0000", "2024", "6215", "e"),
        ("EKG17", "KOSandel18240000", "2023", "0,0", ""),  # -0.04: no -0
        ("EKG17", "KOSandel18240000", "2024", "2,5", ""),
    ]
    assert found[3][1] == "Oslo" and found[5][1] == "Trondheim - Tråante"
    assert found[3][3] == "Andel mottakere 18–24 år"


def test_separators_and_quotes_in_labels_survive() -> None:
    label = 'Bydel "Gamle Oslo"; sentrum'
    region = Dimension("region", "region", (Category("030101", label),))
    data = to_csv(Dataset("T", "", (region,), (1.5,)))
    assert rows(data)[1] == ["030101", label, "1,5", ""]


def test_the_same_table_gives_the_same_bytes() -> None:
    assert to_csv(SOCIAL_ASSISTANCE) == to_csv(SOCIAL_ASSISTANCE)
