"""A published table as a JSON-stat 2.0 dataset, laid out as SSB's PxWeb API gives them, and
read back.

The document holds, in this order: `version`, `class`, `label`, `source`, `updated`, `note`,
`role`, `id`, `size`, `dimension`, `extension`, `value`, `status`. A category index is an object
code → position, each metric category has a `unit` (`base`, `decimals`, `label`, and `symbol`
with `position` for kroner and per cent). A suppressed or missing cell is `null` in `value` and
has its symbol in `status` (keyed by the cell's flat index); an estimated cell keeps its value and
has status `e`. `note` ends with one explanation per symbol the table uses; `extension.symbols`
is the same legend as an object, `extension.px` SSB's `tableid` and `decimals`.

Values are rounded as SSB does, commercially (half away from zero) to the unit's decimals; a
whole number is written as an integer, and there is no `-0`. The same dataset gives the same
bytes: no clock is read, and nothing depends on the order of a hash.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from kostra.publish.dataset import Category, Dataset, Dimension, Role, Symbol, Unit, Value

# Units with a symbol a reader can print beside the figure ("12 %", "1 500 kr").
UNIT_SYMBOLS = {"kr": "kr", "prosent": "%"}

# Wide enough that no figure is cut to fit (Decimal's default context keeps 28 digits).
_CONTEXT = Context(prec=80)


def rounded(value: int | float, decimals: int | None) -> Decimal:
    """A cell's figure as published: rounded half away from zero to `decimals` (kept as it is
    when the cell has no unit), never `-0`."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value} is not a figure that can be published")
    # repr gives the shortest decimal that reads back as the same float, so 2.675 rounds to 2.68
    # as a person reading the figure expects, not to 2.67 as its binary value would.
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if decimals is not None:
        exact = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _CONTEXT)
    return exact.copy_abs() if exact.is_zero() else exact


def cell_decimals(dataset: Dataset) -> list[int | None]:
    """The decimals of each cell, in `values` order: those of its metric category's unit, or
    None where the cell has no unit."""
    axis = next((i for i, d in enumerate(dataset.dimensions) if d.role is Role.METRIC), None)
    if axis is None:
        return [None] * len(dataset.values)
    categories = dataset.dimensions[axis].categories
    stride = math.prod(dataset.size[axis + 1 :])
    return [
        unit.decimals if (unit := categories[(index // stride) % len(categories)].unit) else None
        for index in range(len(dataset.values))
    ]


def symbols_used(dataset: Dataset) -> tuple[Symbol, ...]:
    """The symbols the table's cells carry, in the order of the legend."""
    used = set(dataset.status.values())
    return tuple(symbol for symbol in Symbol if symbol in used)


def symbol_note(symbol: Symbol) -> str:
    """The note that explains a symbol to the reader of the table."""
    return _legend_note(symbol.value, symbol.label)


def _legend_note(symbol: str, label: str) -> str:
    return f"«{symbol}»: {label}"


def to_jsonstat(dataset: Dataset) -> bytes:
    """The table as a JSON-stat 2.0 dataset (UTF-8 JSON)."""
    _check_unique("dimension", [d.id for d in dataset.dimensions], dataset.id)
    symbols = symbols_used(dataset)
    decimals = cell_decimals(dataset)
    document: dict[str, Any] = {"version": "2.0", "class": "dataset", "label": dataset.label}
    if dataset.source:
        document["source"] = dataset.source
    if dataset.updated:
        document["updated"] = dataset.updated
    # JSON-stat wants the notes unique; a repeated note is kept once, where it first appears.
    notes = list(dict.fromkeys([*dataset.notes, *(symbol_note(s) for s in symbols)]))
    if notes:
        document["note"] = notes
    roles = {
        role.value: [d.id for d in dataset.dimensions if d.role is role]
        for role in Role
        if any(d.role is role for d in dataset.dimensions)
    }
    if roles:
        document["role"] = roles
    document["id"] = [d.id for d in dataset.dimensions]
    document["size"] = list(dataset.size)
    document["dimension"] = {d.id: _dimension(d, dataset.id) for d in dataset.dimensions}
    document["extension"] = {
        "px": {
            "tableid": dataset.id,
            "decimals": max((d for d in decimals if d is not None), default=0),
        },
        "symbols": {s.value: s.label for s in symbols},
    }
    document["value"] = [
        None if value is None else _json_number(rounded(value, places))
        for value, places in zip(dataset.values, decimals, strict=True)
    ]
    if dataset.status:
        document["status"] = {str(i): dataset.status[i].value for i in sorted(dataset.status)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _dimension(dimension: Dimension, table: str) -> dict[str, Any]:
    codes = [c.code for c in dimension.categories]
    _check_unique(f"category of {dimension.id}", codes, table)
    category: dict[str, Any] = {
        "index": {code: position for position, code in enumerate(codes)},
        "label": {c.code: c.label for c in dimension.categories},
    }
    units = {c.code: _unit(c.unit) for c in dimension.categories if c.unit is not None}
    if units:
        category["unit"] = units
    return {"label": dimension.label, "category": category}


def _unit(unit: Unit) -> dict[str, Any]:
    found: dict[str, Any] = {"base": unit.base, "decimals": unit.decimals, "label": unit.base}
    if unit.base in UNIT_SYMBOLS:
        found["symbol"] = UNIT_SYMBOLS[unit.base]
        found["position"] = "end"
    return found


def _json_number(figure: Decimal) -> int | float:
    return int(figure) if figure == figure.to_integral_value() else float(figure)


def _check_unique(what: str, ids: Sequence[str], table: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"{table}: {what} ids must be unique, {repeated} repeat")


def from_jsonstat(data: bytes) -> Dataset:
    """The table in a JSON-stat 2.0 dataset: one of ours, or one from SSB's API."""
    document = json.loads(data)
    if not isinstance(document, dict) or document.get("class") != "dataset":
        raise ValueError("not a JSON-stat dataset (class must be 'dataset')")
    if document.get("version") != "2.0":
        raise ValueError(f"JSON-stat version {document.get('version')!r}, expected '2.0'")
    try:
        return _read_dataset(document)
    except (KeyError, TypeError, AttributeError) as error:  # a member missing or of a wrong type
        raise ValueError(f"not a JSON-stat dataset: {error!r}") from error


def _read_dataset(document: Mapping[str, Any]) -> Dataset:
    ids: list[str] = list(document["id"])
    roles: dict[str, Role] = {}
    for role in Role:
        for dimension_id in document.get("role", {}).get(role.value, []):
            roles.setdefault(dimension_id, role)
    dimensions = tuple(
        _read_dimension(name, document["dimension"][name], roles.get(name)) for name in ids
    )
    cells = math.prod(len(d.categories) for d in dimensions)
    if list(document.get("size", [])) != [len(d.categories) for d in dimensions]:
        raise ValueError(f"size {document.get('size')} does not match the dimensions' categories")
    extension = document.get("extension", {})
    legend: Mapping[str, str] = extension.get("symbols", {})
    ours = {_legend_note(symbol, label) for symbol, label in legend.items()}
    return Dataset(
        id=str(extension.get("px", {}).get("tableid", "")),
        label=str(document.get("label", "")),
        dimensions=dimensions,
        values=_read_values(document["value"], cells),
        status=_read_status(document.get("status"), cells),
        updated=str(document.get("updated", "")),
        source=str(document.get("source", "")),
        notes=tuple(note for note in document.get("note", []) if note not in ours),
    )


def _read_dimension(name: str, found: Mapping[str, Any], role: Role | None) -> Dimension:
    category = found["category"]
    labels: Mapping[str, str] = category.get("label", {})
    index = category.get("index")
    if index is None:  # JSON-stat lets a dimension of one category leave out its index
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    else:
        codes = sorted(index, key=lambda code: int(index[code]))
    units: Mapping[str, Mapping[str, Any]] = category.get("unit", {})
    return Dimension(
        id=name,
        label=str(found.get("label", name)),
        categories=tuple(
            Category(code, str(labels.get(code, code)), _read_unit(units.get(code)))
            for code in codes
        ),
        role=role,
    )


def _read_unit(found: Mapping[str, Any] | None) -> Unit | None:
    if found is None:
        return None
    base = found.get("base", found.get("label", ""))
    return Unit(base=str(base), decimals=int(found.get("decimals", 0)))


def _read_values(found: Sequence[Any] | Mapping[str, Any], cells: int) -> tuple[Value, ...]:
    pairs: Iterable[tuple[int, Any]]
    if isinstance(found, Mapping):  # sparse: flat index → value
        pairs = ((int(index), value) for index, value in found.items())
    else:
        if len(found) != cells:
            raise ValueError(f"{len(found)} values for {cells} cells")
        pairs = enumerate(found)
    values: list[Value] = [None] * cells
    for index, value in pairs:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValueError(f"cell {index}: {value!r} is not a number")
        values[index] = value
    return tuple(values)


def _read_status(
    found: str | Sequence[str | None] | Mapping[str, str] | None, cells: int
) -> dict[int, Symbol]:
    if found is None:
        return {}
    if isinstance(found, str):  # one status for every cell
        return dict.fromkeys(range(cells), Symbol(found))
    if isinstance(found, Mapping):
        return {int(index): Symbol(symbol) for index, symbol in found.items()}
    return {index: Symbol(symbol) for index, symbol in enumerate(found) if symbol is not None}
