"""What a free-text answer of a web form must look like (`format:` in the form's YAML): an e-mail
address, a Norwegian telephone number, an organisation number. Each is a polars expression, true
where the text has the form (or is blank: a missing answer is the mandatory check's business),
run by the web form's `-FORMAT` rule on the server, which is the only judge; the page shows its
findings as the reporter types.

- E-mail: `navn@domene.no`: one `@`, a name without spaces before it, and a domain of dotted
  labels ending in letters after it.
- Telephone: 8 digits, optionally after `+47` or `0047`; spaces are allowed (`+47 22 86 50 00`).
- Organisation number: 9 digits (spaces allowed: `974 760 673`), the last a check digit as
  Brønnøysundregistrene compute it: the first eight weighted 3, 2, 7, 6, 5, 4, 3, 2 and summed;
  the check digit is 11 minus the remainder by 11 (0 when the remainder is 0; a remainder of 1
  gives no valid number).
"""

from __future__ import annotations

import polars as pl

from kostra.catalog import TextFormat

_EMAIL = (
    r"^[\w.!#$%&'*+/=?^`{|}~-]+@"  # the name (letters, digits and the usual signs)
    r"[\w](?:[\w-]*[\w])?(?:\.[\w](?:[\w-]*[\w])?)*"  # the domain's labels
    r"\.[^\W\d_]{2,}$"  # the top-level domain: letters
)
_PHONE = r"^(?:\+47|0047)?[0-9]{8}$"
_ORGNR = r"^[0-9]{9}$"
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

# What the reporter is asked to write, completing «Skriv …».
EXPECTED = {
    TextFormat.EMAIL: "en e-postadresse, for eksempel kari.nordmann@kommune.no",
    TextFormat.PHONE: "et telefonnummer med 8 siffer, for eksempel 22 86 50 00 eller "
    "+47 22 86 50 00",
    TextFormat.ORGNR: "et organisasjonsnummer med 9 siffer, for eksempel 974 760 673",
}
# What the answer is not, completing «… er ikke …».
NOUN = {
    TextFormat.EMAIL: "en gyldig e-postadresse",
    TextFormat.PHONE: "et gyldig norsk telefonnummer",
    TextFormat.ORGNR: "et gyldig organisasjonsnummer (9 siffer der det siste er et kontrollsiffer)",
}


def _without_spaces(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(r"\s", "")


def _orgnr(text: pl.Expr) -> pl.Expr:
    digits = _without_spaces(text)
    digit = [digits.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(9)]
    weighted = pl.sum_horizontal(
        [d * weight for d, weight in zip(digit, _ORGNR_WEIGHTS, strict=False)]
    )
    remainder = weighted % 11
    check = (11 - remainder) % 11
    return digits.str.contains(_ORGNR) & (remainder != 1) & (check == digit[8])


def well_formed(kind: TextFormat, text: pl.Expr) -> pl.Expr:
    """True where `text` has the form `kind` asks (a blank answer passes)."""
    trimmed = text.str.strip_chars()
    if kind is TextFormat.EMAIL:
        shaped = trimmed.str.contains(_EMAIL) & ~trimmed.str.contains(r"\.\.|^\.|\.@")
    elif kind is TextFormat.PHONE:
        shaped = _without_spaces(trimmed).str.contains(_PHONE)
    else:
        shaped = _orgnr(trimmed)
    return text.is_null() | shaped.fill_null(False)
