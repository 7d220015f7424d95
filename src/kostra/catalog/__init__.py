"""Forms as data: one definition per (form, reporting year), code lists, diffs between years."""

from kostra.catalog.definition import (
    Code,
    ControlDefinition,
    FieldDefinition,
    FieldType,
    FormDefinition,
    Part,
    Role,
    TextFormat,
)
from kostra.catalog.diff import FieldChange, diff
from kostra.catalog.loader import (
    InvalidDefinition,
    UnknownForm,
    UnknownYear,
    add_folder,
    available,
    load,
    normalise_form_id,
    remove_folder,
    shipped,
)

__all__ = [
    "Code",
    "ControlDefinition",
    "FieldChange",
    "FieldDefinition",
    "FieldType",
    "FormDefinition",
    "InvalidDefinition",
    "Part",
    "Role",
    "TextFormat",
    "UnknownForm",
    "UnknownYear",
    "add_folder",
    "available",
    "diff",
    "load",
    "normalise_form_id",
    "remove_folder",
    "shipped",
]
