"""Small hand-made deliveries whose figures are worked out by hand (shared by the tests).

Gamle Oslo (030101) has three recipients and Grünerløkka (030102) two; every other unit has
declared nothing to report, unless a test says otherwise.

| line | unit   | born | age 2025 | months | BIDRAG | LAAN | VKLO | BU18 | BOSIT |
|------|--------|------|----------|--------|--------|------|------|------|-------|
| 1    | 030101 | 1985 | 40       | 2      | 9000   | 1000 | 5    | 1    | 1     |
| 2    | 030101 | 2003 | 22       | 7      | 20000  | 0    | 1    | 2    | 3     |
| 3    | 030101 | 1955 | 70       | 12     | -500→0 | 3000 | 5    | 2    | 4     |
| 1    | 030102 | 1990 | 35       | 1      | 5000   | 0    | 5    | 2    | 1     |
| 2    | 030102 | 2004 | 21       | 3      | 6000   | 0    | 9    | 2    | 2     |

Gamle Oslo: 3 cases, 1 aged 18–24, 1 aged 25–66, 2 aged 18–66; paid 33 000 kr; 21 months;
2 long-term (≥ 6 months); 2 with assistance and 1 with work as main income; 1 with children.
Grünerløkka: 2 cases, both 18–66, one 18–24; paid 11 000 kr; 4 months; none long-term.
The recipient of line 1 in Grünerløkka is the same person as line 1 in Gamle Oslo (helped by
both districts): 5 cases in Oslo, 4 persons.
"""

from __future__ import annotations

from pathlib import Path

from kostra.catalog import load
from kostra.production.year import Delivery, Standing
from kostra.records import format_record
from kostra.registry import reporting_units
from tests.builders import clean_values, fnr

YEAR = 2025
FORM = load("11F", YEAR)
KEY = b"test-key"
PERSON_IN_BOTH = fnr("150585", "123")


def _record(district: str, born: str, months: int, bidrag: int, laan: int, vklo: str,
            bu18: str, bosit: str, person: str | None = None, journal: str = "J0000001") -> str:  # fmt: skip
    values = clean_values(FORM)
    values.update(
        {
            "BYDELSNR": district,
            # individual numbers 000–499 are births in the 1900s, 500–749 in the 2000s
            "PERSON_FODSELSNR": person or fnr(born, "501" if born[4:] < "40" else "301"),
            "PERSON_JOURNALNR": journal,
            "BIDRAG": f"{bidrag:7d}",
            "LAAN": f"{laan:7d}",
            "VKLO": vklo,
            "BU18": bu18,
            "BOSIT": bosit,
            "ANTBU18": " 2" if bu18 == "1" else "  ",
            "ARBSIT": "01" if vklo == "1" else "07",  # work as main income: in work (K015)
        }
    )
    for month in range(1, 13):
        values[f"STMND_{month}"] = f"{month:02d}" if month <= months else "  "
    return format_record(values, FORM)


GAMLE_OSLO = [
    _record("01", "150585", 2, 9000, 1000, "5", "1", "1", person=PERSON_IN_BOTH, journal="J1"),
    _record("01", "010103", 7, 20000, 0, "1", "2", "3", journal="J2"),
    _record("01", "010155", 12, -500, 3000, "5", "2", "4", journal="J3"),
]
GRUNERLOKKA = [
    _record("02", "150585", 1, 5000, 0, "5", "2", "1", person=PERSON_IN_BOTH, journal="J4"),
    _record("02", "010104", 3, 6000, 0, "9", "2", "2", journal="J5"),
]


def write(folder: Path) -> dict[str, Path]:
    """The two districts' extracts as files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for unit, lines in (("030101", GAMLE_OSLO), ("030102", GRUNERLOKKA)):
        path = folder / f"{unit}.dat"
        path.write_text("".join(text + "\n" for text in lines), encoding="utf-8")
        files[unit] = path
    return files


def deliveries(files: dict[str, Path], missing: tuple[str, ...] = ()) -> list[Delivery]:
    """Both forms of every unit: the two districts' 11F delivered, the rest nothing to report
    (or missing)."""
    found = []
    for unit in reporting_units(YEAR):
        for form in ("11F", "11CF"):
            if form == "11F" and unit.code in files:
                found.append(Delivery(unit.code, form, Standing.DELIVERED, submission=unit.code,
                                      version=1, sha256=str(files[unit.code])))  # fmt: skip
            elif unit.code in missing:
                found.append(Delivery(unit.code, form, Standing.MISSING))
            else:
                found.append(Delivery(unit.code, form, Standing.NOTHING_TO_REPORT))
    return found


def read(sha: str) -> bytes:
    """The bytes of a worked-example file (its 'sha' is its path)."""
    return Path(sha).read_bytes()
