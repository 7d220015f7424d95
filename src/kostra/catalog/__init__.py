"""Forms as data: one definition per (form, reporting year), code lists, diffs between years."""

from kostra.catalog.definition import Code, FieldDefinition, FieldType, FormDefinition
from kostra.catalog.diff import FieldChange, diff
from kostra.catalog.loader import (
    InvalidDefinition,
    UnknownForm,
    UnknownYear,
    available,
    load,
    normalise_form_id,
)

__all__ = [
    "Code",
    "FieldChange",
    "FieldDefinition",
    "FieldType",
    "FormDefinition",
    "InvalidDefinition",
    "UnknownForm",
    "UnknownYear",
    "available",
    "diff",
    "load",
    "normalise_form_id",
]
