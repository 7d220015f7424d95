"""Disclosure control: primary suppression of small counts and secondary suppression, so that
no suppressed cell can be worked out from the published cells of the same table."""

from kostra.disclosure.gauss import (
    SYMBOL,
    Reason,
    Suppression,
    Table,
    default_order,
    secondary,
    suppress,
)
from kostra.disclosure.primary import primary

__all__ = [
    "SYMBOL",
    "Reason",
    "Suppression",
    "Table",
    "default_order",
    "primary",
    "secondary",
    "suppress",
]
