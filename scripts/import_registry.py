"""Derive the registry's data files (2020–2026) from SSB's published population tables.

Run once, by a developer, with the folder of reference files (SSB tables 07459 and 10826 as
exported from the statistics bank, and the 2025 municipality and county lists of a public
dataset of Norwegian administrative units):

    .venv/bin/python scripts/import_registry.py ../shared/reference/population

It writes, under `src/kostra/registry/data/`:

* `municipalities.csv`: extended back to 2020 (the rows from 2022 on are the 11CF code lists
  written by `scripts/import_file_descriptions.py`; run that script first, then this one);
* `counties.csv`, `kostra_groups.csv`, `correspondence.csv`;
* `population.csv.gz` and `population.README`.

The output is reviewed and committed; the package never reads the reference files at run time.
Every derivation is described in docs/registry.md; this script prints the checks it makes.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "kostra" / "registry" / "data"

FIRST_YEAR, LAST_YEAR = 2020, 2026
CODE_LIST_FIRST_YEAR = 2022  # the first year of SSB's 11CF file descriptions
REFORM_YEAR = 2024  # the counties split and 114 municipalities got new numbers
AGES = range(106)  # 105 = 105 years or older
SEXES = ("1", "2")  # KJONN: 1 men, 2 women
OSLO = "0301"
DISTRICTS = tuple(f"{OSLO}{n:02d}" for n in range(1, 16))

# Names of SSB's code list (KLASS 131) in 2020 and 2021 where they differ from the 2022 list,
# as SSB's control program had them for form 11C ("hentet fra
# https://www.ssb.no/klass/klassifikasjoner/131"): statisticsnorway/kostra-kontrollprogram,
# src/main/java/no/ssb/kostra/control/sosial/s11c_kvalifiseringsstonad/FieldDefinitions.java at
# 7953a062 (2020-11-30) and 215b4b1f (2021-11-30); the two lists are identical.
NAMES_2020_2021 = {
    "1853": "Evenes",
    "1870": "Sortland",
    "1875": "Hamarøy",
    "5007": "Namsos",
    "5402": "Harstad",
    "5406": "Hammerfest",
    "5412": "Tjeldsund",
    "5428": "Nordreisa",
    "5436": "Porsanger - Porsáŋgu - Porsanki",
}

# The 11 counties of 2020–2023 (KLASS 104; "Troms og Finnmark" is the short form of
# "Troms og Finnmark - Romsa ja Finnmárku - Tromssa ja Finmarkku").
COUNTIES_2020_2023 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "30": "Viken",
    "34": "Innlandet",
    "38": "Vestfold og Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": "Trøndelag",
    "54": "Troms og Finnmark",
}

# Splits in the 2024 reform: Haram left Ålesund (merged in 2020) again. Names cannot show it.
SPLITS_2024 = {"1507": ("1508", "1580")}

# KOSTRA groups (SSB's 2020 grouping, Rapporter 2020/48); the member list (KLASS 112) is not
# available offline, so membership is derived from the published criteria, see docs/registry.md.
PUBLISHED_GROUP_SIZES = {
    "EKG01": 39, "EKG02": 18, "EKG03": 9, "EKG04": 39, "EKG05": 33, "EKG06": 28,
    "EKG07": 38, "EKG08": 13, "EKG09": 27, "EKG10": 13, "EKG11": 10, "EKG12": 11,
    "EKG13": 1, "EKG14": 25, "EKG15": 36, "EKG16": 8, "EKG17": 8,
}  # fmt: skip
# Group 17: the eight municipalities with the highest tax income per inhabitant (power
# plants). [unverified, from general knowledge]
HIGH_INCOME = ("Bykle", "Sirdal", "Eidfjord", "Modalen", "Aurland", "Tokke", "Vinje", "Suldal")
# Population bands (inclusive bounds), each split into cost classes from low to high cost, each
# class listing its groups from low to high income.
BANDS: tuple[tuple[int, int, tuple[tuple[str, ...], ...]], ...] = (
    (0, 599, (("EKG16",),)),
    (600, 1_999, (("EKG14", "EKG15"),)),
    (2_000, 9_999, (("EKG01", "EKG02", "EKG03"), ("EKG04", "EKG05", "EKG06"))),
    (10_000, 19_999, (("EKG07", "EKG08"),)),
    (20_000, 29_999, (("EKG09",),)),
    (30_000, 44_999, (("EKG10",),)),
    (45_000, 74_999, (("EKG11",),)),
    (75_000, 300_000, (("EKG12",),)),
)
# New numbers of 2024 whose group SSB set by hand (kostra-gruppene page: Haram in group 01).
GROUP_OVERRIDES_2024 = {"1580": "EKG01"}

SURVIVAL_ABOVE_90 = 0.7  # projection: yearly survival of those older than 90, 1.0 below
GROWTH_LIMIT = 0.02  # projection: yearly growth clamped to ±2 %

BASIS_SSB = "ssb-07459"
BASIS_DISTRICT = "ssb-10826-sex-estimated"
BASIS_DISTRICT_2020 = "scaled-2021-districts"
BASIS_2024 = "scaled-2024-total"
BASIS_PROJECTION = "projection"

Cells = dict[tuple[str, int], int]  # (sex, age) → persons
Rows = list[list[str]]


class ImportFailed(RuntimeError):
    """A reference file does not look as expected; the message says where."""


# --- reading SSB's statistics-bank exports -------------------------------------------------


def read_text(path: Path) -> str:
    """A reference file's text: UTF-8 (with or without BOM), else ISO-8859-1; any line ends."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("iso-8859-1")


@dataclass(frozen=True)
class PxTable:
    """A statistics-bank CSV export: a title line, a header and data rows."""

    table: str  # "07459"
    title: str
    header: list[str]
    rows: list[list[str]]


def read_px_csv(path: Path) -> PxTable:
    lines = [line for line in read_text(path).splitlines() if line.strip()]
    title = next(csv.reader([lines[0]]))[0]
    delimiter = max(";,\t", key=lines[1].count)
    header, *rows = list(csv.reader(lines[1:], delimiter=delimiter))
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ImportFailed(f"{path.name}: data row {number} has {len(row)} cells: {row}")
    table = title.split(":", 1)[0].strip()
    return PxTable(table, title, [h.strip() for h in header], rows)


AGE = re.compile(r"(\d+) years?(?: or older)?")
MUNICIPALITY = re.compile(r"K-(\d{4}) (.+)")
DISTRICT = re.compile(r"(\d{6})[a-z]* (.+?)")
DISCONTINUED = re.compile(r"\s*\((\d{4})?-(\d{4})?\)$")
SEX_WORDS = {"males": "1", "females": "2"}


def parse_age(text: str) -> int:
    match = AGE.fullmatch(text.strip())
    if not match or int(match[1]) not in AGES:
        raise ImportFailed(f"unexpected age {text!r}")
    return int(match[1])


def parse_count(text: str, where: str) -> int:
    if not text.strip().isdigit():
        raise ImportFailed(f"{where}: not a count: {text!r}")
    return int(text)


def value_columns(table: PxTable, year: int, path: Path) -> list[tuple[int, str | None]]:
    """The columns holding counts ("Persons 2023 Males"), with the sex they hold if any."""
    found: list[tuple[int, str | None]] = []
    for index, name in enumerate(table.header):
        if not name.lower().startswith("persons"):
            continue
        years = re.findall(r"\b(\d{4})\b", name)
        if years != [str(year)]:
            raise ImportFailed(f"{path.name}: column {name!r} is not for {year}")
        sexes = [code for word, code in SEX_WORDS.items() if word in name.lower().split()]
        found.append((index, sexes[0] if sexes else None))
    if not found:
        raise ImportFailed(f"{path.name}: no 'Persons <year>' column in {table.header}")
    return found


@dataclass
class MunicipalityFile:
    """Table 07459 for one year: municipality names and persons by (sex, age)."""

    names: dict[str, str]
    cells: dict[str, Cells]
    left_out: dict[str, int]  # regions that are not municipalities → persons


def read_municipality_file(path: Path, year: int) -> MunicipalityFile:
    table = read_px_csv(path)
    if table.table != "07459":
        raise ImportFailed(f"{path.name}: table {table.table}, expected 07459")
    head = [h.lower() for h in table.header]
    region, age = head.index("region"), head.index("age")
    sex_column = head.index("sex") if "sex" in head else None
    columns = value_columns(table, year, path)
    result = MunicipalityFile({}, defaultdict(dict), Counter())
    for row in table.rows:
        match = MUNICIPALITY.fullmatch(row[region])
        for index, sex in columns:
            if sex is None:
                if sex_column is None:
                    raise ImportFailed(f"{path.name}: no sex column and no sex in {index}")
                sex = SEX_WORDS[row[sex_column].strip().lower()]
            persons = parse_count(row[index], f"{path.name} {row}")
            if not match:
                result.left_out[row[region]] += persons
                continue
            number = match[1]
            result.names[number] = match[2].strip()
            key = (sex, parse_age(row[age]))
            if key in result.cells[number]:
                raise ImportFailed(f"{path.name}: {number} {key} twice")
            result.cells[number][key] = persons
    for number, cells in result.cells.items():
        if len(cells) != len(SEXES) * len(AGES):
            raise ImportFailed(f"{path.name}: {number} has {len(cells)} of 212 sex × age cells")
    return result


@dataclass
class DistrictFile:
    """Table 10826 for one year: Oslo's units (0301xx) by age, both sexes together."""

    names: dict[str, str]
    by_age: dict[str, list[int]]  # 6-digit code → persons per age 0..105
    discontinued: int  # persons in units marked "(1988-2003)" and the like


def read_district_file(path: Path, year: int) -> DistrictFile:
    table = read_px_csv(path)
    if table.table != "10826":
        raise ImportFailed(f"{path.name}: table {table.table}, expected 10826")
    head = [h.lower() for h in table.header]
    region, age = head.index("region"), head.index("age")
    [(value, _)] = value_columns(table, year, path)
    result = DistrictFile({}, {}, 0)
    for row in table.rows:
        persons = parse_count(row[value], f"{path.name} {row}")
        if DISCONTINUED.search(row[region]):
            result.discontinued += persons  # old units share codes with today's: skip them
            continue
        match = DISTRICT.fullmatch(row[region].strip())
        if not match or not match[1].startswith(OSLO):
            continue
        code = match[1]
        result.names[code] = match[2]
        result.by_age.setdefault(code, [0] * len(AGES))[parse_age(row[age])] += persons
    return result


# --- numbers with integer totals -------------------------------------------------------------


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder)."""
    weight_sum = sum(weights)
    if total == 0:
        return [0] * len(weights)
    if weight_sum <= 0:
        raise ImportFailed(f"cannot split {total} over zero weights")
    exact = [total * w / weight_sum for w in weights]
    result = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (result[i] - exact[i], i))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


def cell_keys() -> list[tuple[str, int]]:
    return [(sex, age) for sex in SEXES for age in AGES]


def scale_cells(structure: Mapping[tuple[str, int], float], total: int) -> Cells:
    keys = cell_keys()
    return dict(zip(keys, apportion(total, [structure.get(k, 0.0) for k in keys]), strict=True))


def cap_districts(oslo: Cells, districts: dict[str, Cells]) -> None:
    """Make the districts sum to at most Oslo in every (sex, age) cell (cut where over)."""
    for key in cell_keys():
        held = [districts[d][key] for d in DISTRICTS]
        if sum(held) > oslo[key]:
            for d, value in zip(DISTRICTS, apportion(oslo[key], held), strict=True):
                districts[d][key] = value


# --- municipalities, counties, correspondence ----------------------------------------------


def read_code_lists() -> dict[int, dict[str, str]]:
    """The municipality code lists per year from 2022, as the 11CF importer wrote them."""
    per_year: dict[int, dict[str, str]] = defaultdict(dict)
    lines = (DATA / "municipalities.csv").read_text("utf-8").splitlines()
    for row in csv.DictReader(line for line in lines if not line.startswith("#")):
        last = int(row["valid_to"]) if row["valid_to"] else LAST_YEAR
        for year in range(max(int(row["valid_from"]), CODE_LIST_FIRST_YEAR), last + 1):
            if row["number"] in per_year[year]:
                raise ImportFailed(f"municipalities.csv: {row['number']} twice in {year}")
            per_year[year][row["number"]] = row["name"]
    return dict(per_year)


def fold(per_year: Mapping[int, Mapping[str, str]]) -> Rows:
    """Per-year code → value maps folded into (code, value, from, to) rows; to empty if open."""
    rows: Rows = []
    open_rows: dict[tuple[str, str], list[str]] = {}
    for year in sorted(per_year):
        for code, value in per_year[year].items():
            row = open_rows.get((code, value))
            if row is not None and int(row[3]) == year - 1:
                row[3] = str(year)
            else:
                row = [code, value, str(year), str(year)]
                open_rows[(code, value)] = row
                rows.append(row)
    for row in rows:
        if int(row[3]) == LAST_YEAR:
            row[3] = ""
    return sorted(rows, key=lambda r: (r[0], r[2]))


def name_forms(name: str) -> set[str]:
    """The forms a name can match by: "Våler (Viken)" → {"våler"}; Sami forms separately."""
    bare = re.sub(r"\s*\([^)]*\)", "", unicodedata.normalize("NFC", name))
    return {form.strip().casefold() for form in bare.split(" - ") if form.strip()}


def extend_municipalities(
    code_lists: dict[int, dict[str, str]], files: Mapping[int, MunicipalityFile]
) -> dict[int, dict[str, str]]:
    """Add 2020 and 2021: the 2022 numbers (checked against 07459) with those years' names."""
    base = code_lists[CODE_LIST_FIRST_YEAR]
    per_year = dict(code_lists)
    for year in range(FIRST_YEAR, CODE_LIST_FIRST_YEAR):
        seen = files[year].names
        if set(seen) != set(base):
            raise ImportFailed(
                f"07459 {year} numbers differ from the 2022 code list: "
                f"{sorted(set(seen) ^ set(base))}"
            )
        names = {n: NAMES_2020_2021.get(n, base[n]) for n in sorted(base)}
        unmatched = [
            f"{n} {names[n]!r} / 07459 {seen[n]!r}"
            for n in names
            if not name_forms(names[n]) & name_forms(seen[n])
        ]
        print(f"{year}: {len(names)} municipalities; names unlike 07459's: {unmatched or 'none'}")
        per_year[year] = names
    return per_year


def counties_rows(counties_2024: Mapping[str, str]) -> Rows:
    per_year = {
        year: dict(COUNTIES_2020_2023 if year < REFORM_YEAR else counties_2024)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    }
    return fold(per_year)


def match_2023_to_2024(
    before: Mapping[str, str], after: Mapping[str, str], population_2024: Mapping[str, int]
) -> list[tuple[str, str, float]]:
    """Links (old, new, share) from the 2023 to the 2024 numbers, matched by name."""
    links = [(n, n, 1.0) for n in before if n in after]
    gone = [n for n in before if n not in after]
    new = [n for n in after if n not in before]
    for old in gone:
        if old in SPLITS_2024:
            parts = SPLITS_2024[old]
            shares = [population_2024[p] for p in parts]
            rounded = [round(s / sum(shares), 6) for s in shares[:-1]]
            links += [(old, p, s) for p, s in zip(parts, [*rounded, 1 - sum(rounded)], strict=True)]
            continue
        candidates = [n for n in new if name_forms(before[old]) & name_forms(after[n])]
        if len(candidates) != 1:
            raise ImportFailed(f"{old} {before[old]!r}: 2024 candidates {candidates}")
        links.append((old, candidates[0], 1.0))
    check_links(links, before, after)
    return sorted(links)


def check_links(
    links: Sequence[tuple[str, str, float]], before: Iterable[str], after: Iterable[str]
) -> None:
    shares: dict[str, float] = defaultdict(float)
    sources: Counter[str] = Counter()
    for old, new, share in links:
        shares[old] += share
        sources[new] += 1
    if bad := [o for o in before if abs(shares[o] - 1) > 1e-9]:
        raise ImportFailed(f"shares do not sum to 1 for {bad}")
    if lost := [n for n in after if not sources[n]]:
        raise ImportFailed(f"2024 numbers without a source: {lost}")
    renumbered = sum(1 for old, new, _ in links if old != new)
    flows = Counter((old[:2], new[:2]) for old, new, _ in links if old != new)
    print(f"2023→2024: {len(links)} links, {renumbered} renumbered; county flows {dict(flows)}")


# --- KOSTRA groups ---------------------------------------------------------------------------


def quotas(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Published group sizes scaled to the `n` municipalities actually in the band."""
    return dict(zip(sizes, apportion(n, list(sizes.values())), strict=True))


@dataclass(frozen=True)
class GroupInputs:
    population: int
    density: float  # inhabitants per km²: the proxy for cost (lower density → higher cost)
    share_20_66: float  # share aged 20–66: the proxy for free disposable income


def derive_groups(names: Mapping[str, str], inputs: Mapping[str, GroupInputs]) -> dict[str, str]:
    groups: dict[str, str] = {OSLO: "EKG13"}
    for name in HIGH_INCOME:
        found = [n for n, full in names.items() if name.casefold() in name_forms(full)]
        if len(found) != 1:
            raise ImportFailed(f"group 17: {name!r} matches {found}")
        groups[found[0]] = "EKG17"
    print("group 17:", ", ".join(f"{n} {names[n]}" for n, g in groups.items() if g == "EKG17"))
    for low, high, classes in BANDS:
        members = [
            n for n in sorted(names) if n not in groups and low <= inputs[n].population <= high
        ]
        sizes = [sum(PUBLISHED_GROUP_SIZES[g] for g in c) for c in classes]
        # cost classes: the densest municipalities have the lowest cost, listed first
        by_density = sorted(members, key=lambda n: (-inputs[n].density, n))
        start = 0
        for income_groups, count in zip(classes, apportion(len(members), sizes), strict=True):
            part = sorted(
                by_density[start : start + count], key=lambda n: (inputs[n].share_20_66, n)
            )
            start += count
            wanted = quotas({g: PUBLISHED_GROUP_SIZES[g] for g in income_groups}, len(part))
            at = 0
            for group, quota in wanted.items():
                groups.update(dict.fromkeys(part[at : at + quota], group))
                at += quota
    if missing := sorted(set(names) - set(groups)):
        raise ImportFailed(f"no KOSTRA group for {missing}")
    return groups


def groups_after_reform(
    groups_2023: Mapping[str, str], links: Sequence[tuple[str, str, float]]
) -> dict[str, str]:
    """2024 numbers keep the group of their (largest) source; SSB's own choices override."""
    best: dict[str, tuple[float, str]] = {}
    for old, new, share in links:
        if new not in best or share > best[new][0]:
            best[new] = (share, groups_2023[old])
    return {new: GROUP_OVERRIDES_2024.get(new, group) for new, (_, group) in best.items()}


def print_group_table(per_year: Mapping[int, Mapping[str, str]]) -> None:
    print("group  published  2020-2023  2024-2026")
    first, last = Counter(per_year[FIRST_YEAR].values()), Counter(per_year[LAST_YEAR].values())
    for group, size in PUBLISHED_GROUP_SIZES.items():
        print(f"{group}  {size:9d}  {first[group]:9d}  {last[group]:9d}")
    print(f"total  {sum(PUBLISHED_GROUP_SIZES.values()):9d}  {first.total():9d}  {last.total():9d}")


# --- population ------------------------------------------------------------------------------


@dataclass
class Population:
    """Persons by (sex, age) per unit and year, with the basis of each (year, unit)."""

    cells: dict[int, dict[str, Cells]]
    basis: dict[tuple[int, str], str]

    def put(self, year: int, unit: str, cells: Cells, basis: str) -> None:
        self.cells.setdefault(year, {})[unit] = cells
        self.basis[(year, unit)] = basis


def split_districts_by_sex(oslo: Cells, totals: Mapping[str, list[int]]) -> dict[str, Cells]:
    """District totals per age split into men and women by Oslo's own ratio at that age."""
    result: dict[str, Cells] = {d: {} for d in DISTRICTS}
    for age in AGES:
        held = [totals[d][age] for d in DISTRICTS]
        men_all, women_all, both = oslo[("1", age)], oslo[("2", age)], sum(held)
        exact = both * men_all / (men_all + women_all) if men_all + women_all else 0.0
        men = min(max(round(exact), both - women_all), men_all)
        for d, count, m in zip(DISTRICTS, held, apportion(men, held), strict=True):
            result[d][("1", age)], result[d][("2", age)] = m, count - m
    return result


def add_districts(pop: Population, files: Mapping[int, DistrictFile]) -> None:
    for year, file in files.items():
        oslo = pop.cells[year][OSLO]
        total = sum(file.by_age[f"{OSLO}00"])
        print(
            f"10826 {year}: Oslo {total} (07459: {sum(oslo.values())}); districts "
            f"{sum(sum(file.by_age[d]) for d in DISTRICTS)}; Sentrum, Marka, unknown "
            f"{[sum(file.by_age[f'{OSLO}{x}']) for x in ('16', '17', '99')]}; "
            f"discontinued units {file.discontinued}"
        )
        split = split_districts_by_sex(oslo, file.by_age)
        cap_districts(oslo, split)
        for unit, cells in split.items():
            pop.put(year, unit, cells, BASIS_DISTRICT)
    # 2020: the 2021 districts scaled, age by age, to Oslo's 2020 age profile.
    first = min(files)
    oslo_then = [sum(pop.cells[first - 1][OSLO][(s, a)] for s in SEXES) for a in AGES]
    oslo_now = [sum(pop.cells[first][OSLO][(s, a)] for s in SEXES) for a in AGES]
    totals: dict[str, list[int]] = {d: [0] * len(AGES) for d in DISTRICTS}
    for age in AGES:
        factor = oslo_then[age] / oslo_now[age] if oslo_now[age] else 0.0
        held = [files[first].by_age[d][age] for d in DISTRICTS]
        target = min(round(sum(held) * factor), oslo_then[age])
        for d, value in zip(DISTRICTS, apportion(target, held), strict=True):
            totals[d][age] = value
    for unit, cells in split_districts_by_sex(pop.cells[first - 1][OSLO], totals).items():
        pop.put(first - 1, unit, cells, BASIS_DISTRICT_2020)


def on_new_borders(
    cells_before: Mapping[str, Cells], links: Sequence[tuple[str, str, float]]
) -> dict[str, dict[tuple[str, int], float]]:
    result: dict[str, dict[tuple[str, int], float]] = defaultdict(lambda: defaultdict(float))
    for old, new, share in links:
        for key, value in cells_before[old].items():
            result[new][key] += value * share
    return result


def add_2024(
    pop: Population, links: Sequence[tuple[str, str, float]], totals: Mapping[str, int]
) -> None:
    """2024: the 2023 structure of each unit's source(s), scaled to its 1 January 2024 total."""
    before = pop.cells[REFORM_YEAR - 1]
    structure = on_new_borders(before, links)
    for unit, total in totals.items():
        pop.put(REFORM_YEAR, unit, scale_cells(structure[unit], total), BASIS_2024)
    oslo_before = sum(before[OSLO].values())
    factor = totals[OSLO] / oslo_before
    districts: dict[str, Cells] = {}
    for d in DISTRICTS:
        districts[d] = scale_cells(
            {k: float(v) for k, v in before[d].items()}, round(sum(before[d].values()) * factor)
        )
    cap_districts(pop.cells[REFORM_YEAR][OSLO], districts)
    for d, cells in districts.items():
        pop.put(REFORM_YEAR, d, cells, BASIS_2024)


def project(previous: Cells, births_from: Sequence[Cells], growth: float) -> Cells:
    """One year on: cohorts age, births repeat, the total grows by `growth` (clamped)."""
    shifted: dict[tuple[str, int], float] = {}
    for sex in SEXES:
        shifted[(sex, 0)] = sum(c[(sex, 0)] for c in births_from) / len(births_from)
        for age in AGES[1:]:
            came = previous[(sex, age - 1)] * (SURVIVAL_ABOVE_90 if age - 1 > 90 else 1.0)
            if age == AGES[-1]:
                came += previous[(sex, age)] * SURVIVAL_ABOVE_90
            shifted[(sex, age)] = came
    rate = min(max(growth, -GROWTH_LIMIT), GROWTH_LIMIT)
    return scale_cells(shifted, round(sum(previous.values()) * (1 + rate)))


def add_projections(pop: Population, links: Sequence[tuple[str, str, float]]) -> None:
    base = pop.cells[REFORM_YEAR]
    before = on_new_borders(pop.cells[REFORM_YEAR - 1], links)
    before.update({d: dict(pop.cells[REFORM_YEAR - 1][d]) for d in DISTRICTS})
    as_cells = {u: {k: round(v) for k, v in c.items()} for u, c in before.items()}
    growth = {u: sum(base[u].values()) / sum(before[u].values()) - 1 for u in base}
    history = {REFORM_YEAR - 1: as_cells, REFORM_YEAR: base}
    for year in range(REFORM_YEAR + 1, LAST_YEAR + 1):
        last, earlier = history[year - 1], history[year - 2]
        cells = {u: project(last[u], (last[u], earlier[u]), growth[u]) for u in base}
        cap_districts(cells[OSLO], {d: cells[d] for d in DISTRICTS})
        for unit, unit_cells in cells.items():
            pop.put(year, unit, unit_cells, BASIS_PROJECTION)
        history[year] = cells


# --- writing ---------------------------------------------------------------------------------


def write_csv(name: str, comments: Sequence[str], header: Sequence[str], rows: Rows) -> None:
    path = DATA / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(f"# {line}\n" for line in comments)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


POPULATION_SOURCE = (
    "source: SSB table 07459 (population 1 January by municipality, sex, age) 2020-2023; "
    "SSB table 10826 (Oslo districts by age) 2021-2023, split by sex with Oslo's ratio; "
    "2024 totals from aprestmo/norway-geodata municipalities-2025.json with the 2023 "
    "structure; 2025-2026 projected. See population.README and docs/registry.md."
)


def write_population(pop: Population) -> None:
    buffer = io.StringIO()
    buffer.write(f"# {POPULATION_SOURCE}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["year", "region", "sex", "age", "persons", "basis"])
    for year in sorted(pop.cells):
        for unit in sorted(pop.cells[year]):
            basis = pop.basis[(year, unit)]
            cells = pop.cells[year][unit]
            writer.writerows(
                [year, unit, sex, age, cells[(sex, age)], basis] for sex, age in cell_keys()
            )
    path = DATA / "population.csv.gz"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    (DATA / "population.README").write_text(POPULATION_README, encoding="utf-8")


POPULATION_README = """\
population.csv.gz: population on 1 January by region, sex and single year of age, 2020-2026.
Written by scripts/import_registry.py; read by kostra.registry.population. Do not edit.

Columns: year, region (4-digit municipality number of that year, or 6-digit Oslo district
030101-030115), sex (1 men, 2 women), age (0-105; 105 = 105 years or older), persons, basis.
Oslo (0301) is held as a municipality and its 15 districts as well; the districts sum to less
than Oslo (Sentrum, Marka and persons without a known district belong to no district).

basis:
  ssb-07459                SSB table 07459, as published (municipalities 2020-2023).
  ssb-10826-sex-estimated  SSB table 10826 totals per district and age (2021-2023), split
                           into men and women by Oslo's own ratio at that age that year.
  scaled-2021-districts    2020 districts: the 2021 districts scaled, age by age, to Oslo's
                           2020 population at that age (10826 was not at hand for 2020).
  scaled-2024-total        2024: the 1 January 2024 total per municipality (2024 numbers;
                           aprestmo/norway-geodata, MIT) with the age and sex structure of the
                           2023 source municipality(ies); districts: 2023 scaled by Oslo's growth.
  projection               2025, 2026: cohorts move one year on (survival 0.7 a year above 90
                           years), births = mean of age 0 in the two previous years, the total
                           then set to grow by the unit's own 2023-2024 rate, clamped to +-2 %.
"""


def main(source: Path) -> None:
    files = {
        y: read_municipality_file(source / f"municipality_age_sex_{y}.csv", y)
        for y in range(FIRST_YEAR, REFORM_YEAR)
    }
    for year, file in files.items():
        total = sum(sum(c.values()) for c in file.cells.values())
        left_out = dict(file.left_out)
        print(f"07459 {year}: {len(file.cells)} municipalities, {total} persons; out {left_out}")
    districts = {
        y: read_district_file(source / f"district_age_{y}.csv", y) for y in (2021, 2022, 2023)
    }
    ngd = json.loads(read_text(source / "municipalities_2025_total_population.json"))
    totals_2024 = {str(m["id"]): int(m["population"]) for m in ngd}
    area = {str(m["id"]): float(m["area"]) for m in ngd}
    counties_2024 = {
        str(c["id"]): str(c["name"]) for c in json.loads(read_text(source / "counties_2025.json"))
    }

    per_year = extend_municipalities(read_code_lists(), files)
    if set(per_year[REFORM_YEAR]) != set(totals_2024):
        raise ImportFailed("the 2024 code list and the 2025 municipality list differ")
    for year, names in per_year.items():
        counties = COUNTIES_2020_2023 if year < REFORM_YEAR else counties_2024
        if stray := sorted(n for n in names if n[:2] not in counties):
            raise ImportFailed(f"{year}: municipalities without a county: {stray}")
    links = match_2023_to_2024(per_year[REFORM_YEAR - 1], per_year[REFORM_YEAR], totals_2024)

    first = files[FIRST_YEAR].cells
    area_2020: dict[str, float] = defaultdict(float)
    for old, new, _ in links:
        area_2020[old] += area[new]  # no municipality changed borders 2020-2023 except by splits
    inputs = {
        n: GroupInputs(
            population=sum(c.values()),
            density=sum(c.values()) / area_2020[n],
            share_20_66=sum(v for (_, a), v in c.items() if 20 <= a <= 66) / sum(c.values()),
        )
        for n, c in first.items()
    }
    groups_2020 = derive_groups(per_year[FIRST_YEAR], inputs)
    groups_2024 = groups_after_reform(groups_2020, links)
    groups = {y: groups_2020 if y < REFORM_YEAR else groups_2024 for y in per_year}
    print_group_table(groups)

    pop = Population({}, {})
    for year, file in files.items():
        for unit, cells in file.cells.items():
            pop.put(year, unit, dict(cells), BASIS_SSB)
    add_districts(pop, districts)
    add_2024(pop, links, totals_2024)
    add_projections(pop, links)
    for year in sorted(pop.cells):
        units = pop.cells[year]
        total = sum(sum(units[n].values()) for n in per_year[year])
        adults = sum(v for n in per_year[year] for (_, a), v in units[n].items() if 18 <= a <= 66)
        print(f"population {year}: {total} (18-66: {adults}); Oslo {sum(units[OSLO].values())}")

    write_csv(
        "municipalities.csv",
        [
            "Municipalities per reporting year: number, name, first and last year (empty: still valid).",
            "source: 2022- SSB's 11CF code lists (scripts/import_file_descriptions.py); 2020-2021 "
            "SSB's KLASS 131 names as in SSB's control program for 11C (statisticsnorway/"
            "kostra-kontrollprogram 215b4b1f), numbers checked against SSB table 07459 "
            "(scripts/import_registry.py).",
        ],
        ["number", "name", "valid_from", "valid_to"],
        fold(per_year),
    )
    write_csv(
        "counties.csv",
        [
            "Counties (fylker) per year: code, name, first and last year (empty: still valid).",
            "source: 2020-2023 SSB KLASS 104 (the 11 counties, short names); 2024- "
            "aprestmo/norway-geodata counties-2025.json (MIT). A municipality's county is the "
            "first two digits of its number.",
        ],
        ["code", "name", "valid_from", "valid_to"],
        counties_rows(counties_2024),
    )
    write_csv(
        "kostra_groups.csv",
        [
            "KOSTRA groups (EKG01-EKG17) per municipality and year: number, group, first and last year.",
            "source: DERIVED, not SSB's KLASS 112 list: SSB's published criteria for the 2020 "
            "grouping applied to SSB table 07459 (1 January 2020): population bands; cost by "
            "population density (area: aprestmo/norway-geodata 2025), income by the share aged "
            "20-66; group 17 from a list of eight power-plant municipalities [unverified]; "
            "groups kept through the 2024 renumbering, Haram 1580 in EKG01. See docs/registry.md.",
        ],
        ["number", "group", "valid_from", "valid_to"],
        fold(groups),
    )
    write_csv(
        "correspondence.csv",
        [
            "Municipality numbers from one year to the next where they changed: old, new, share "
            "of the old municipality's population that went to the new one. Other year steps: "
            "identity.",
            "source: derived by matching names of SSB's 2023 and 2024 code lists "
            "(municipalities.csv); the split of Ålesund 1507 into 1508 Ålesund and 1580 Haram "
            "weighted by their populations on 1 January 2024 (aprestmo/norway-geodata).",
        ],
        ["from_year", "to_year", "old", "new", "share"],
        [[str(REFORM_YEAR - 1), str(REFORM_YEAR), o, n, f"{s:.6f}"] for o, n, s in links],
    )
    write_population(pop)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python scripts/import_registry.py <reference population folder>")
    main(Path(sys.argv[1]))
