"""Derive the project's form definitions from SSB's published file descriptions.

Run once per new reporting year, by a developer, with the folder holding SSB's file descriptions
(one YAML per form and year, as published with SSB's control program):

    python scripts/import_file_descriptions.py ../shared/reference/file-descriptions

It writes `src/kostra/catalog/forms/<form>/<year>.yaml` (our own format, see docs/catalog.md)
and `src/kostra/registry/data/municipalities.csv` (the municipality code list of form 11CF,
which SSB publishes per year, folded into validity ranges). The output is reviewed and
committed; the program never reads SSB's files at run time.

The fields that identify the person (`identity: true`) and the caseworker and journal-number
fields (`role:`) are marked on the way; SSB's descriptions do not say which they are.

Two facts are corrected on the way, each noted in the written file:
* the 2022 file description of 11F has empty code lists for VKLO, TRYGDESIT and ARBSIT; SSB's
  2022 control program used the 2023 lists, so those are taken;
* the municipality list is moved to the registry and referenced (`codelist: municipalities`).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FORMS_DIR = ROOT / "src" / "kostra" / "catalog" / "forms"
MUNICIPALITIES_CSV = ROOT / "src" / "kostra" / "registry" / "data" / "municipalities.csv"

TITLES = {"11F": "Økonomisk sosialhjelp", "11CF": "Kvalifiseringsstønad"}
TYPES = {"STRING_TYPE": "string", "INTEGER_TYPE": "integer", "DATE_TYPE": "date"}
MUNICIPALITY_FIELD = "KOMMNR_KVP_KOMM"
NOT_A_MUNICIPALITY = {"9999"}
BORROWED_2022 = ("VKLO", "TRYGDESIT", "ARBSIT")
# What SSB's file descriptions do not say: which fields tell who the person is (never shown in a
# message, not kept in the microdata) and which name the case's caseworker and journal number.
IDENTITY = ("PERSON_FODSELSNR", "PERSON_DUF")
ROLES = {"SAKSBEHANDLER": "caseworker", "PERSON_JOURNALNR": "journal"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field_yaml(field: dict[str, Any], note: str | None) -> list[str]:
    lines = [f"- name: {field['name']}"]
    lines.append(f"  label: {_quote(field['label'])}")
    lines.append(f"  start: {field['start']}")
    lines.append(f"  width: {field['width']}")
    lines.append(f"  type: {field['type']}")
    if field.get("pattern"):
        lines.append(f"  pattern: {field['pattern']}")
    if field["mandatory"]:
        lines.append("  mandatory: true")
    if field["name"] in IDENTITY:
        lines.append("  identity: true")
    if field["name"] in ROLES:
        lines.append(f"  role: {ROLES[field['name']]}")
    if field.get("codelist"):
        lines.append(f"  codelist: {field['codelist']}")
    if note:
        lines.append(f"  note: {_quote(note)}")
    if field["codes"]:
        lines.append("  codes:")
        lines.extend(f"    {_quote(code)}: {_quote(label)}" for code, label in field["codes"])
    return lines


def convert(source: Path, borrowed: dict[str, list[tuple[str, str]]]) -> tuple[str, list[str]]:
    """One SSB file description → the text of our definition, and municipality codes seen."""
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    form, year = raw["id"], int(raw["reportingYear"])
    out = [
        f"# {TITLES[form]} (KOSTRA-skjema {form}), rapporteringsår {year}.",
        "# Derived from SSB's file description for the year by scripts/import_file_descriptions.py.",
        f"form: {form}",
        f"year: {year}",
        f"title: {_quote(TITLES[form])}",
        "layout: fixed-width",
        f"record_length: {sum(int(f['size']) for f in raw['fields'])}",
        "fields:",
    ]
    municipalities: list[str] = []
    start, previous_label = 1, ""
    for item in raw["fields"]:
        if int(item["from"]) != start:
            raise SystemExit(f"{source}: {item['name']} starts at {item['from']}, expected {start}")
        codes = [(str(c["code"]), str(c["value"]).strip()) for c in item["codeList"]]
        label = (item.get("description") or "").strip()
        if not label:  # a follow-on tick box of a multi-answer question: its code says what it is
            label = codes[0][1] if len(codes) == 1 else previous_label
        previous_label = label
        field: dict[str, Any] = {
            "name": item["name"],
            "label": label,
            "start": start,
            "width": int(item["size"]),
            "type": TYPES[item["dataType"]],
            "pattern": item.get("datePattern") or None,
            "mandatory": bool(item["mandatory"]),
            "codes": codes,
        }
        note = None
        if item["name"] == MUNICIPALITY_FIELD:
            municipalities = [c for c, _ in codes if c not in NOT_A_MUNICIPALITY]
            field["codelist"] = "municipalities"
            field["codes"] = [(c, lbl) for c, lbl in codes if c in NOT_A_MUNICIPALITY]
        if form == "11F" and year == 2022 and item["name"] in BORROWED_2022 and not codes:
            field["codes"] = borrowed[item["name"]]
            note = "SSB's 2022 file description leaves this list empty; SSB used the 2023 list."
        out.extend(_field_yaml(field, note))
        start += int(item["size"])
    return "\n".join(out) + "\n", municipalities


def municipality_rows(source_dir: Path) -> list[list[str]]:
    """Fold the per-year municipality lists of 11CF into (number, name, from, to) rows."""
    per_year: dict[int, dict[str, str]] = {}
    for path in sorted(source_dir.glob("11CF_*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        field = next(f for f in raw["fields"] if f["name"] == MUNICIPALITY_FIELD)
        per_year[int(raw["reportingYear"])] = {
            str(c["code"]): str(c["value"]).strip()
            for c in field["codeList"]
            if str(c["code"]) not in NOT_A_MUNICIPALITY
        }
    rows: list[list[str]] = []
    open_rows: dict[tuple[str, str], list[str]] = {}
    for year in sorted(per_year):
        for number, name in per_year[year].items():
            row = open_rows.get((number, name))
            if row is not None and int(row[3]) == year - 1:
                row[3] = str(year)
            else:
                row = [number, name, str(year), str(year)]
                open_rows[(number, name)] = row
                rows.append(row)
    last = max(per_year)
    for row in rows:  # still valid in the newest year: open-ended
        if int(row[3]) == last:
            row[3] = ""
    return sorted(rows, key=lambda r: (r[0], r[2]))


def main(source_dir: Path) -> None:
    borrowed_raw = yaml.safe_load((source_dir / "11F_2023.yaml").read_text(encoding="utf-8"))
    borrowed = {
        f["name"]: [(str(c["code"]), str(c["value"]).strip()) for c in f["codeList"]]
        for f in borrowed_raw["fields"]
        if f["name"] in BORROWED_2022
    }
    for path in sorted(source_dir.glob("*.yaml")):
        form, year = path.stem.split("_")
        text, _ = convert(path, borrowed)
        target = FORMS_DIR / form / f"{year}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    MUNICIPALITIES_CSV.parent.mkdir(parents=True, exist_ok=True)
    with MUNICIPALITIES_CSV.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Municipalities per reporting year, from SSB's 11CF code lists.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["number", "name", "valid_from", "valid_to"])
        writer.writerows(municipality_rows(source_dir))
    print(f"wrote {MUNICIPALITIES_CSV.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(
            "usage: python scripts/import_file_descriptions.py <file-descriptions folder>"
        )
    main(Path(sys.argv[1]))
