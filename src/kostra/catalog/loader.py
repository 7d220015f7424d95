"""Load form definitions from `forms/<form>/<year>.yaml`, validated once and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from kostra.catalog.definition import Code, FormDefinition
from kostra.registry import municipalities

# Shared code lists a field can extend (`codelist: municipalities`): name → codes for a year.
_SHARED_CODELISTS = {"municipalities": municipalities}


class UnknownForm(LookupError):
    """No definition exists for the form asked for."""


class UnknownYear(LookupError):
    """The form exists, but not for the reporting year asked for."""


class InvalidDefinition(ValueError):
    """A definition file in the catalog is malformed (a fault in the program's own data)."""


def _forms_root() -> Any:
    return resources.files("kostra.catalog").joinpath("forms")


@cache
def available() -> dict[str, tuple[int, ...]]:
    """Every form in the catalog with the reporting years it is defined for."""
    found: dict[str, tuple[int, ...]] = {}
    for folder in sorted(_forms_root().iterdir(), key=lambda p: p.name):
        if folder.is_dir():
            years = sorted(int(p.name[:-5]) for p in folder.iterdir() if p.name.endswith(".yaml"))
            if years:
                found[folder.name] = tuple(years)
    return found


def normalise_form_id(form: str) -> str:
    """`11f` → `11F`; form ids are upper-case."""
    return form.strip().upper()


def load(form: str, year: int) -> FormDefinition:
    """The definition of `form` in reporting year `year` (read once, then shared)."""
    return _load(normalise_form_id(form), year)


@cache
def _load(form: str, year: int) -> FormDefinition:
    forms = available()
    if form not in forms:
        raise UnknownForm(f"ukjent skjema «{form}»; kjente skjema: {', '.join(forms)}")
    if year not in forms[form]:
        years = ", ".join(str(y) for y in forms[form])
        raise UnknownYear(f"skjema {form} finnes ikke for {year}; definerte årganger: {years}")
    source = _forms_root().joinpath(form, f"{year}.yaml")
    raw = yaml.safe_load(source.read_text("utf-8"))
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{form}/{year}.yaml is not a mapping")
    raw["fields"] = [_field_data(f, year) for f in raw.get("fields", [])]
    try:
        definition = FormDefinition.model_validate(raw)
    except ValidationError as error:
        raise InvalidDefinition(f"{form}/{year}.yaml: {error}") from error
    if (definition.form, definition.year) != (form, year):
        raise InvalidDefinition(f"{form}/{year}.yaml declares {definition.key}")
    return definition


def _field_data(raw: dict[str, Any], year: int) -> dict[str, Any]:
    """YAML shape → model shape: `codes` is a mapping there, a list of Code here."""
    data = dict(raw)
    codes = [Code(code=str(c), label=str(label)) for c, label in (data.get("codes") or {}).items()]
    shared = data.get("codelist")
    if shared is not None:
        if shared not in _SHARED_CODELISTS:
            raise InvalidDefinition(f"{data.get('name')}: unknown shared code list {shared!r}")
        codes = [
            Code(code=c, label=lbl) for c, lbl in _SHARED_CODELISTS[shared](year).items()
        ] + codes
    data["codes"] = codes
    return data
