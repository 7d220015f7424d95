"""A published table as a PX file (PC-Axis, as Statistics Sweden's PX file format 2013
describes it), for PxWeb and PC-Axis.

Encoding: UTF-8, declared as `CHARSET="ANSI";` (the texts are Windows text, not DOS text)
followed by `CODEPAGE="utf-8";`, as Statistics Finland's PxWeb writes its files. Windows-1252
would also carry æøå, but not every Sami place name (Porsáŋgu), so UTF-8 it is. Keywords come in
the specification's recommended order, lines end in CRLF, and no clock is read: CREATION-DATE and
LAST-UPDATED come from the dataset's `updated` (in Norwegian time), or CREATION-DATE from
`created` when given. The same dataset gives the same bytes.

Layout: time dimensions are the HEADING (columns), the others the STUB (rows), in the dataset's
order; a table without a time dimension has its last dimension as HEADING. DATA follows STUB and
HEADING, one line per stub row, so it is not always the dataset's order. A variable is named by
its dimension's label, with VALUES (labels), CODES and VARIABLECODE (the dimension id).

Contents: a metric dimension of two or more categories is the CONTVARIABLE, with UNITS,
LAST-UPDATED and, above SHOWDECIMALS, PRECISION per value; DECIMALS is the most any figure has.

Symbols: PX stores a missing figure as one to six quoted dots and shows n dots as DATASYMBOLn
says. `.` is `"."` (DATASYMBOL1), `..` is `".."` (DATASYMBOL2), and `:`, which PX cannot store,
is `"..."` with DATASYMBOL3=":". A cell with neither figure nor symbol is `".."`: PX has no
empty cell. An estimated cell keeps its figure and is marked `e` by a DATANOTECELL (keyed by the
cell's codes). NOTE holds the dataset's notes and the explanation of every symbol used, as
paragraphs (`##`).

PX texts cannot hold a double quote or a line break: a `"` is written as `'`, a line break as a
space.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import datetime

from kostra.publish.dataset import Dataset, Dimension, Role, Symbol
from kostra.publish.jsonstat import cell_decimals, rounded, symbol_note, symbols_used
from kostra.text import local

# How each SSB symbol is stored in DATA, and the DATASYMBOLn that shows it.
DOTS = {Symbol.NOT_POSSIBLE: ".", Symbol.MISSING: "..", Symbol.SUPPRESSED: "..."}
AXIS_VERSION = "2013"
LANGUAGE = "no"
MAX_LINE = 256  # the specification's longest line of text
NEWLINE = "\r\n"


def to_px(
    dataset: Dataset,
    *,
    matrix: str,
    subject_area: str = "Sosiale forhold og kriminalitet",
    subject_code: str = "so",
    created: datetime | None = None,
) -> bytes:
    """The table as a PX file (UTF-8). `matrix` is its MATRIX (PxWeb's file name),
    `subject_area` and `subject_code` place it in PxWeb's menu (the default code `so` is ours:
    SSB's own code for the area was not found), `created` is its CREATION-DATE when that is not
    the release's `updated`."""
    if not dataset.dimensions:
        raise ValueError(f"{dataset.id}: a PX table needs at least one dimension")
    names = _names(dataset)
    heading = [d for d in dataset.dimensions if d.role is Role.TIME] or [dataset.dimensions[-1]]
    stub = [d for d in dataset.dimensions if d.id not in {h.id for h in heading}]
    metric = next((d for d in dataset.dimensions if d.role is Role.METRIC), None)
    contents = metric if metric is not None and len(metric.categories) > 1 else None
    tokens = _tokens(dataset)
    unit_decimals = [
        c.unit.decimals for c in (metric.categories if metric else ()) if c.unit is not None
    ]
    decimals = min(15, max([*unit_decimals, *(_places(t) for t in tokens)], default=0))
    shown = min(unit_decimals, default=0) if contents else decimals
    updated = _px_date(datetime.fromisoformat(dataset.updated)) if dataset.updated else None
    creation = _px_date(created) if created else updated

    px = _Writer()
    px.text("CHARSET", "ANSI")
    px.text("AXIS-VERSION", AXIS_VERSION)
    px.text("CODEPAGE", "utf-8")
    px.text("LANGUAGE", LANGUAGE)
    if creation:
        px.text("CREATION-DATE", creation)
    if dataset.id:
        px.text("TABLEID", dataset.id)
    px.number("DECIMALS", decimals)
    px.number("SHOWDECIMALS", min(shown, decimals, 6))
    px.text("MATRIX", matrix)
    px.text("SUBJECT-CODE", subject_code)
    px.text("SUBJECT-AREA", subject_area)
    px.text("TITLE", _title(dataset.label, [names[d.id] for d in dataset.dimensions]))
    px.text("CONTENTS", dataset.label)
    if contents is None:
        unit = metric.categories[0].unit if metric else None
        px.text("UNITS", unit.base if unit else "")
    if stub:
        px.texts("STUB", [names[d.id] for d in stub])
    px.texts("HEADING", [names[d.id] for d in heading])
    ordered = [*stub, *heading]
    if contents is not None:
        px.text("CONTVARIABLE", names[contents.id])
    for d in ordered:
        px.texts(f"VALUES({_subkey(names[d.id])})", [c.label for c in d.categories])
    for d in ordered:
        if d.role is Role.TIME and _consecutive_years([c.code for c in d.categories]):
            years = [c.code for c in d.categories]
            px.texts(f"TIMEVAL({_subkey(names[d.id])})", years, lead="TLIST(A1),")
    for d in ordered:
        px.texts(f"CODES({_subkey(names[d.id])})", [c.code for c in d.categories])
    for d in ordered:
        px.text(f"VARIABLECODE({_subkey(names[d.id])})", d.id)
    if contents is not None:
        _put_contents(px, contents, names[contents.id], shown, updated)
    elif updated:
        px.text("LAST-UPDATED", updated)
    if dataset.source:
        px.text("SOURCE", dataset.source)
    legend = _legend(dataset)
    notes = list(dict.fromkeys([*dataset.notes, *(symbol_note(s) for s in legend)]))
    if notes:
        px.text("NOTE", "##".join(notes))
    for number, symbol in enumerate(DOTS, start=1):
        if symbol in legend:
            px.text(f"DATASYMBOL{number}", symbol.value)
    order = _data_order(dataset, ordered, [len(d.categories) for d in heading])
    for row in order:
        for index in row:
            if dataset.status.get(index) is Symbol.ESTIMATED:
                codes = _subkey(*_cell_codes(dataset, index, ordered))
                px.text(f"DATANOTECELL({codes})", Symbol.ESTIMATED.value)
    # One line per stub row; a space ends each line but the last, which ends the data.
    rows = [" ".join(tokens[index] for index in row) for row in order]
    px.lines.append("DATA=")
    px.lines.extend([row + " " for row in rows[:-1]] + [rows[-1] + ";" if rows else ";"])
    return (NEWLINE.join(px.lines) + NEWLINE).encode("utf-8")


class _Writer:
    """The lines of a PX file, one keyword at a time, none longer than the specification allows
    (except a single value text too long for any line: PX cannot break those)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def number(self, keyword: str, value: int) -> None:
        self.lines.append(f"{keyword}={value};")

    def text(self, keyword: str, text: str) -> None:
        """A text, in as many quoted parts (one a line) as it needs; a reader joins them."""
        clean, start = _text(text), f"{keyword}="
        parts = []
        while True:
            room = max(MAX_LINE - len(start) - 3, 1)  # the quotes, and a ";" on the last line
            parts.append(f'{start}"{clean[:room]}"')
            clean, start = clean[room:], ""
            if not clean:
                break
        self.lines.extend(parts[:-1])
        self.lines.append(parts[-1] + ";")

    def texts(self, keyword: str, texts: Sequence[str], *, lead: str = "") -> None:
        """A list of texts, broken after a comma where a line would grow too long."""
        line = f"{keyword}={lead}"
        first = True
        for text in texts:
            item = f'"{_text(text)}"'
            if not first and len(line) + len(item) + 2 > MAX_LINE:  # "," here and "," or ";"
                self.lines.append(line + ",")
                line = item
            else:
                line = line + item if first else f"{line},{item}"
            first = False
        self.lines.append(line + ";")


def _put_contents(
    px: _Writer, contents: Dimension, name: str, shown: int, updated: str | None
) -> None:
    for category in contents.categories:
        if category.unit is not None and category.unit.decimals > shown:
            key = _subkey(name, category.label)
            px.number(f"PRECISION({key})", min(category.unit.decimals, 6))
    for category in contents.categories:
        if updated:
            px.text(f"LAST-UPDATED({_subkey(category.label)})", updated)
    for category in contents.categories:
        unit = category.unit.base if category.unit else ""
        px.text(f"UNITS({_subkey(category.label)})", unit)


def _names(dataset: Dataset) -> dict[str, str]:
    names = {d.id: _text(d.label) for d in dataset.dimensions}
    _unique(dataset.id, "variable names (dimension labels)", list(names.values()))
    for d in dataset.dimensions:
        _unique(dataset.id, f"labels of {d.id}", [_text(c.label) for c in d.categories])
        _unique(dataset.id, f"codes of {d.id}", [_text(c.code) for c in d.categories])
    return names


def _unique(table: str, what: str, texts: list[str]) -> None:
    repeated = sorted({t for t in texts if texts.count(t) > 1})
    if repeated:
        raise ValueError(f"{table}: PX needs unique {what}, {repeated} repeat")


def _tokens(dataset: Dataset) -> list[str]:
    """Each cell as PX writes it in DATA, in the dataset's order."""
    tokens = []
    for index, (value, decimals) in enumerate(
        zip(dataset.values, cell_decimals(dataset), strict=True)
    ):
        if value is None:
            dots = DOTS.get(dataset.status.get(index, Symbol.MISSING), DOTS[Symbol.MISSING])
            tokens.append(f'"{dots}"')
        else:
            tokens.append(format(rounded(value, decimals), "f"))
    return tokens


def _legend(dataset: Dataset) -> tuple[Symbol, ...]:
    """The symbols the PX file shows: the dataset's, and `..` for cells with neither figure nor
    dots of their own."""
    used = set(symbols_used(dataset))
    if any(v is None and dataset.status.get(i) not in DOTS for i, v in enumerate(dataset.values)):
        used.add(Symbol.MISSING)
    return tuple(symbol for symbol in Symbol if symbol in used)


def _places(token: str) -> int:
    return 0 if token.startswith('"') or "." not in token else len(token.split(".")[1])


def _data_order(
    dataset: Dataset, ordered: list[Dimension], row_shape: list[int]
) -> list[list[int]]:
    """The cells' flat indexes as DATA lists them: one list per stub row, the stub's and then
    the heading's categories varying as STUB and HEADING declare them (the last fastest)."""
    axes = [dataset.dimensions.index(d) for d in ordered]
    strides = [math.prod(dataset.size[axis + 1 :]) for axis in axes]
    flat = [
        sum(stride * position for stride, position in zip(strides, positions, strict=True))
        for positions in itertools.product(*(range(len(d.categories)) for d in ordered))
    ]
    width = math.prod(row_shape)
    return [flat[start : start + width] for start in range(0, len(flat), width)] if width else []


def _cell_codes(dataset: Dataset, index: int, ordered: list[Dimension]) -> list[str]:
    """The codes of the cell at flat `index`, one per variable in STUB and HEADING order."""
    codes = []
    for d in ordered:
        stride = math.prod(dataset.size[dataset.dimensions.index(d) + 1 :])
        codes.append(d.categories[(index // stride) % len(d.categories)].code)
    return codes


def _title(label: str, names: Sequence[str]) -> str:
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
    return f"{label}, etter {listed}"


def _consecutive_years(codes: Sequence[str]) -> bool:
    return all(len(c) == 4 and c.isdigit() for c in codes) and all(
        int(b) == int(a) + 1 for a, b in itertools.pairwise(codes)
    )


def _px_date(moment: datetime) -> str:
    """A PX date (CCYYMMDD hh:mm) on Oslo's clock."""
    return f"{local(moment):%Y%m%d %H:%M}"


def _text(text: str) -> str:
    return text.replace('"', "'").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _subkey(*texts: str) -> str:
    """The texts that say which variable, value or cell a keyword is about (on one line)."""
    return ",".join(f'"{_text(text)}"' for text in texts)
