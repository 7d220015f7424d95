"""Hand-made answers to the web forms 7, 7B and 12 of 2025, beside the extracts of worked.py,
with their figures worked out by hand (shared by the tests). Every other unit has declared
nothing to report, unless a test says otherwise.

Skjema 7 (Oslo's districts and Oslo as a whole report; årsverk per 31.12):

| unit   | sosionom | barnevernped. | annen høyere | kontor | annen | 242   | 243  | rådgivning | saker | utekontakt |
|--------|----------|---------------|--------------|--------|-------|-------|------|------------|-------|------------|
| 030101 | 10.5     | 2.0           | 1.5          | 1.0    | 0.0   | 15.0  | 4.0  | 1.0        | 120   | ja (2.0)   |
| 030102 | 5.5      | 1.0           | 0.5          | 0.5    | 0.0   | 7.5   | 0.5  | 0.5        | 30    | nei        |
| 0301   | 0.0      | 0.0           | 0.0          | 0.0    | 0.0   | 0.0   | 20.0 | 0.0        | 0     | nei        |
| 4601   | 60.0     | 15.0          | 15.5         | 5.0    | 4.5   | 100.0 | 30.0 | 4.0        | 400   | ja (6.0)   |

Oslo (0301) is its districts and its own answers: 22.5 årsverk in 242 and 24.5 in 243; all of
Oslo's districts (EAB) 22.5 and 4.5. The country: 122.5 in 242 (76.0 with sosionom education,
62.0 %), 54.5 in 243, 550 cases. Four units answered, two have utekontakt: 50 %; in Oslo one
of three (33.3 %), among the districts one of two.

Skjema 7B (Oslo as a whole):

| unit | plan | costs      | places women | places men | cooperation |
|------|------|------------|--------------|------------|-------------|
| 0301 | ja   | 50 000 000 | 60           | 10         | nei         |
| 4601 | nei  | 20 000 000 | 30           | 5          | ja          |
| 4602 | ja   | 1 200 000  | 0            | 0          | ja          |

The country: 71 200 000 kr, 90 places for women, 15 for men; a plan in two of three (66.7 %);
Vestland (EKA46): 21 200 000 kr, a plan in one of two (50 %).

Skjema 12 (Oslo as a whole; kr per month):

| unit | follows the state | single | couple | child 0–5 | 6–10 | 11–17 | covers           | ceiling |
|------|-------------------|--------|--------|-----------|------|-------|------------------|---------|
| 0301 | 2 (higher)        | 7 000  | 11 600 | 4 000     | 4 500 | 5 500 | all but travel  | 12 000  |
| 4601 | 1 (the same)      | 6 600  | 11 000 | 3 500     | 4 300 | 5 400 | all             | none    |
| 4602 | 3 (lower)         | 6 300  | 10 500 | 3 400     | 4 200 | 5 200 | food, clothes   | 9 000   |

The country's rate for a single person is the mean of the three: 6 633 kr (Vestland: 6 450);
every rate covers food (100 %), one covers travel (33.3 %), one follows the state exactly
(33.3 %), two have a housing-cost ceiling (66.7 %).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from kostra.production.year import Delivery, Standing, units_of
from kostra.records.answers import to_bytes
from tests.production import worked

YEAR = worked.YEAR
WEB_FORMS = ("7", "7B", "12")
CONTACT = {"ANSVARLIG": "Kari Nordmann", "EPOST": "kari.nordmann@kommune.no"}


def _seven(
    educations: tuple[float, float, float, float, float],
    staff_243: float,
    counselling: tuple[float, int],
    outreach: float | None,
) -> dict[str, Any]:
    social, child, higher, office, other = educations
    total = round(sum(educations), 6)
    counsellors, cases = counselling
    answers: dict[str, Any] = {
        **CONTACT,
        "OKRAD_ARSVERK": counsellors,
        "OKRAD_SAKER": cases,
        "ARSVERK_SOSIONOM": social,
        "ARSVERK_BARNEVERNPED": child,
        "ARSVERK_ANNEN_HOYERE": higher,
        "ARSVERK_KONTOR": office,
        "ARSVERK_ANNEN": other,
        "ARSVERK_242": total,  # kept with the answers, as the portal keeps it
        "ARSVERK_I_NAV": total,
        "KOMMUNAL_STATLIG": 0.0,
        "STATLIG_KOMMUNAL": 0.0,
        "ARSVERK_243": staff_243,
        "RUS_KJOPT_VEDTAK": 3,
        "UTEKONTAKT": outreach is not None,
        "REGLEMENT_BELOP": 0,
        "FLYKTNING_BELOP": 0,
    }
    if cases:
        answers["OKRAD_UTEN_SOSHJ"] = cases // 4
    if outreach is not None:
        answers["UTEKONTAKT_ARSVERK"] = outreach
    return answers


def _seven_b(plan: bool, costs: int, women: int, men: int, cooperation: bool) -> dict[str, Any]:
    answers: dict[str, Any] = {
        **CONTACT,
        "PLAN": plan,
        "KOSTNADER": costs,
        "PLASSER_KVINNER": women,
        "PLASSER_MENN": men,
        "SAMARBEID": cooperation,
        "KJOP_KVINNER": False,
        "KJOP_MENN": False,
        "MENN_ANNEN_AKTOR": False,
    }
    if plan:
        answers["PLAN_UTLOPER"] = "2027-12-31"
    if cooperation:
        answers["SAMARBEID_ANTALL"] = 12
    return answers


COVERS = ("DEKKER_MAT", "DEKKER_KLAR", "DEKKER_HUSHOLDNING", "DEKKER_MEDIER", "DEKKER_FRITID",
          "DEKKER_REISE")  # fmt: skip


def _twelve(
    follows: str, rates: tuple[int, int, int, int, int, int], covers: int, ceiling: int | None
) -> dict[str, Any]:
    single, couple, shared, young, middle, older = rates
    answers: dict[str, Any] = {
        **CONTACT,
        "VEDTAK_DATO": "2025-01-15",
        "FOLGER_STATEN": follows,
        "REGULERING": "1",
        "SATS_ENSLIG": single,
        "SATS_PAR": couple,
        "SATS_BOFELLESSKAP": shared,
        "SATS_BARN_0_5": young,
        "SATS_BARN_6_10": middle,
        "SATS_BARN_11_17": older,
        **{name: position < covers for position, name in enumerate(COVERS)},
        "UTENFOR_BARNETRYGD": True,
        "UTENFOR_BARNS_INNTEKT": True,
        "UTENFOR_KONTANTSTOTTE": False,
        "BOUTGIFT_GRENSE": ceiling is not None,
    }
    if ceiling is not None:
        answers["BOUTGIFT_ENSLIG"] = ceiling
    return answers


ANSWERS: dict[str, dict[str, dict[str, Any]]] = {
    "7": {
        "030101": _seven((10.5, 2.0, 1.5, 1.0, 0.0), 4.0, (1.0, 120), 2.0),
        "030102": _seven((5.5, 1.0, 0.5, 0.5, 0.0), 0.5, (0.5, 30), None),
        "0301": _seven((0.0, 0.0, 0.0, 0.0, 0.0), 20.0, (0.0, 0), None),
        "4601": _seven((60.0, 15.0, 15.5, 5.0, 4.5), 30.0, (4.0, 400), 6.0),
    },
    "7B": {
        "0301": _seven_b(True, 50_000_000, 60, 10, False),
        "4601": _seven_b(False, 20_000_000, 30, 5, True),
        "4602": _seven_b(True, 1_200_000, 0, 0, True),
    },
    "12": {
        "0301": _twelve("2", (7000, 11600, 5500, 4000, 4500, 5500), 5, 12000),
        "4601": _twelve("1", (6600, 11000, 5200, 3500, 4300, 5400), 6, None),
        "4602": _twelve("3", (6300, 10500, 5000, 3400, 4200, 5200), 2, 9000),
    },
}


def write(folder: Path) -> dict[tuple[str, str], Path]:
    """Every unit's answers as canonical JSON, as the portal keeps them: (form, unit) → file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for form, units in ANSWERS.items():
        for unit, answers in units.items():
            path = folder / f"{form}-{unit}.json"
            path.write_bytes(to_bytes(answers))
            files[(form, unit)] = path
    return files


def deliveries(folder: Path, missing: tuple[tuple[str, str], ...] = ()) -> list[Delivery]:
    """The worked example's extracts (worked.py) and web forms: the answers above delivered,
    (form, unit) in `missing` missing, every other unit nothing to report."""
    found = worked.deliveries(worked.write(folder / "extracts"))
    files = write(folder / "answers")
    for form in WEB_FORMS:
        for unit in units_of(form, YEAR):
            path = files.get((form, unit.code))
            if (form, unit.code) in missing:
                found.append(Delivery(unit.code, form, Standing.MISSING))
            elif path is not None:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found.append(Delivery(unit.code, form, Standing.DELIVERED, submission=digest[:8],
                                      version=1, sha256=str(path)))  # fmt: skip
            else:
                found.append(Delivery(unit.code, form, Standing.NOTHING_TO_REPORT))
    return found
