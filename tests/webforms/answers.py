"""Clean answers to the web forms of 2025, written by hand: the controls find nothing in them."""

from __future__ import annotations

from typing import Any

FORM_7: dict[str, Any] = {
    "ANSVARLIG": "Kari Nordmann",
    "EPOST": "kari.nordmann@example.org",
    "OKRAD_ARSVERK": 1.5,
    "OKRAD_SAKER": 180,
    "OKRAD_UTEN_SOSHJ": 40,
    "ARSVERK_SOSIONOM": 20.5,
    "ARSVERK_BARNEVERNPED": 3.0,
    "ARSVERK_ANNEN_HOYERE": 6.2,
    "ARSVERK_KONTOR": 2.0,
    "ARSVERK_ANNEN": 1.0,
    "ARSVERK_I_NAV": 30.0,
    "KOMMUNAL_STATLIG": 1.5,
    "STATLIG_KOMMUNAL": 0.0,
    "ARSVERK_243": 8.4,
    "RUS_KJOPT_VEDTAK": 12,
    "UTEKONTAKT": True,
    "UTEKONTAKT_ARSVERK": 3.0,
    "REGLEMENT_BELOP": 0,
    "FLYKTNING_BELOP": 1_250_000,
}

FORM_7B: dict[str, Any] = {
    "ANSVARLIG": "Ola Nordmann",
    "EPOST": "ola@example.org",
    "PLAN": True,
    "PLAN_UTLOPER": "2027-12-31",
    "KOSTNADER": 9_800_000,
    "PLASSER_KVINNER": 12,
    "PLASSER_MENN": 3,
    "SAMARBEID": True,
    "SAMARBEID_ANTALL": 9,
    "KJOP_KVINNER": False,
    "KJOP_MENN": False,
    "MENN_ANNEN_AKTOR": False,
}

FORM_12: dict[str, Any] = {
    "ANSVARLIG": "Per Hansen",
    "EPOST": "per@example.org",
    "VEDTAK_DATO": "2024-12-10",
    "FOLGER_STATEN": "1",
    "REGULERING": "1",
    "SATS_ENSLIG": 7_400,
    "SATS_PAR": 12_400,
    "SATS_BOFELLESSKAP": 6_200,
    "SATS_BARN_0_5": 3_600,
    "SATS_BARN_6_10": 3_700,
    "SATS_BARN_11_17": 4_900,
    "DEKKER_MAT": True,
    "DEKKER_KLAR": True,
    "DEKKER_HUSHOLDNING": True,
    "DEKKER_MEDIER": True,
    "DEKKER_FRITID": True,
    "DEKKER_REISE": True,
    "UTENFOR_BARNETRYGD": True,
    "UTENFOR_BARNS_INNTEKT": True,
    "UTENFOR_KONTANTSTOTTE": False,
    "BOUTGIFT_GRENSE": True,
    "BOUTGIFT_ENSLIG": 11_000,
}

CLEAN = {"7": FORM_7, "7B": FORM_7B, "12": FORM_12}


def as_posted(answers: dict[str, Any]) -> dict[str, str]:
    """The answers as a browser posts them: text, decimal comma, ja/nei."""
    posted = {}
    for name, value in answers.items():
        if isinstance(value, bool):
            posted[name] = "ja" if value else "nei"
        elif isinstance(value, float):
            posted[name] = f"{value:g}".replace(".", ",")
        else:
            posted[name] = str(value)
    return posted
