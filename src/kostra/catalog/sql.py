"""The SQL of a web form's conditions and controls: which names a condition reads.

Conditions are polars SQL expressions over the answers (`OKRAD_SAKER > 0`, `UTEKONTAKT`), so a
form's author writes them as data. Reading one here, when the form is loaded, turns a typo in a
data file into a clear message about that file instead of a failure in front of a reporter.
"""

from __future__ import annotations

import polars as pl

# Hidden columns every web form's conditions may read beside its answers.
CONTEXT_COLUMNS = {
    "_AAR": "the reporting year",
    "_AAR_START": "1 January of the reporting year",
    "_AAR_SLUTT": "31 December of the reporting year",
    "_INNBYGGERE": "inhabitants of the unit (1 January after the reporting year)",
    "_INNBYGGERE_18": "inhabitants aged 18 and over",
}
LAST_YEAR_SUFFIX = "_FJOR"  # OKRAD_SAKER_FJOR: last year's accepted answer


def names_in(sql: str) -> set[str]:
    """The column names `sql` reads; ValueError saying what is wrong when it is not SQL."""
    try:
        expression = pl.sql_expr(sql)
    except Exception as error:  # polars raises several kinds for malformed SQL
        raise ValueError(f"{sql!r} is not a valid SQL expression: {error}") from None
    return set(expression.meta.root_names())
