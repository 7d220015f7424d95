"""A published table as CSV for Norwegian spreadsheets: one row per cell.

Columns: for each dimension its code and its label (`region`, `region_navn`), then `verdi` (the
figure, decimal comma, rounded as in the JSON-stat file and with the unit's decimals; empty when
the cell has no figure) and `status` (the cell's symbol, empty when it has none). Separator `;`,
UTF-8 with a byte order mark (so Excel reads æøå right), CRLF line ends, rows in the dataset's
order (last dimension fastest). The same dataset gives the same bytes.

The module is named `csv` after its format, as `jsonstat` and `px` are; with absolute imports it
does not hide the standard library's `csv`, which it uses.
"""

from __future__ import annotations

import csv
import io

from kostra.publish.dataset import Dataset
from kostra.publish.jsonstat import cell_decimals, rounded

VALUE_COLUMN = "verdi"
STATUS_COLUMN = "status"
LABEL_SUFFIX = "_navn"


def header(dataset: Dataset) -> list[str]:
    """The column names of the table's CSV file."""
    columns = [name for d in dataset.dimensions for name in (d.id, d.id + LABEL_SUFFIX)]
    return [*columns, VALUE_COLUMN, STATUS_COLUMN]


def to_csv(dataset: Dataset) -> bytes:
    """The table as CSV: semicolons, decimal comma, UTF-8 with BOM, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(dataset))
    for (categories, value, status), decimals in zip(
        dataset.cells(), cell_decimals(dataset), strict=True
    ):
        figure = "" if value is None else format(rounded(value, decimals), "f").replace(".", ",")
        codes_and_labels = [text for c in categories for text in (c.code, c.label)]
        writer.writerow([*codes_and_labels, figure, "" if status is None else status.value])
    return buffer.getvalue().encode("utf-8-sig")
