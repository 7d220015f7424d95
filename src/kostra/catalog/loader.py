"""Load form definitions from `forms/<form>/<year>.yaml`, validated once and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kostra.catalog.definition import Code, FormDefinition
from kostra.catalog.sql import CONTEXT_COLUMNS, LAST_YEAR_SUFFIX, names_in
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


# Folders of forms defined outside the package (a pilot form), beside the catalog's own.
_extra_folders: list[Path] = []


def add_folder(folder: Path) -> None:
    """Add the forms in `folder` (`<form>/<year>.yaml`, as in the catalog) to the catalog: a
    pilot form, or a new reporting year of a form kostra ships (its controls in force follow).

    A year kostra ships cannot be replaced this way: the statistics office's definitions are
    the ones kostra ships. InvalidDefinition names the file when one is malformed.
    """
    if not folder.is_dir():
        raise InvalidDefinition(f"skjemamappen {folder} finnes ikke")
    if folder in _extra_folders:
        return
    _extra_folders.append(folder)
    available.cache_clear()
    _load.cache_clear()
    try:
        for form, years in available().items():
            for year in years:
                _load(form, year)
    except InvalidDefinition:
        _extra_folders.remove(folder)
        available.cache_clear()
        _load.cache_clear()
        raise


def remove_folder(folder: Path) -> None:
    """Take the forms of `folder` out of the catalog again (a pilot that ended; tests)."""
    if folder in _extra_folders:
        _extra_folders.remove(folder)
        available.cache_clear()
        _load.cache_clear()


def shipped(form: str) -> bool:
    """Whether kostra itself ships definitions of `form` (a pilot form is only in a folder)."""
    return bool(_forms_root().joinpath(normalise_form_id(form)).is_dir())


def _roots() -> list[Any]:
    return [_forms_root(), *_extra_folders]


@cache
def available() -> dict[str, tuple[int, ...]]:
    """Every form in the catalog with the reporting years it is defined for (a year from an
    added folder joins the years kostra ships; the package's own definition of a year wins)."""
    found: dict[str, set[int]] = {}
    for root in _roots():
        for folder in sorted(root.iterdir(), key=lambda p: p.name):
            if folder.is_dir():
                years = {
                    int(p.name[:-5])
                    for p in folder.iterdir()
                    if p.name.endswith(".yaml") and p.name[:-5].isdigit()
                }
                if years:
                    found.setdefault(folder.name, set()).update(years)
    return {form: tuple(sorted(years)) for form, years in found.items()}


def _source(form: str, year: int) -> Any:
    for root in _roots():
        candidate = root.joinpath(form, f"{year}.yaml")
        if candidate.is_file():
            return candidate
    raise UnknownYear(f"skjema {form} finnes ikke for {year}")  # pragma: no cover - listed


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
    source = _source(form, year)
    try:
        raw = yaml.safe_load(source.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InvalidDefinition(f"{form}/{year}.yaml is not readable YAML: {error}") from None
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{form}/{year}.yaml is not a mapping")
    raw["fields"] = [_field_data(f, year) for f in raw.get("fields", [])]
    try:
        definition = FormDefinition.model_validate(raw)
    except ValidationError as error:
        raise InvalidDefinition(f"{form}/{year}.yaml: {error}") from error
    if (definition.form, definition.year) != (form, year):
        raise InvalidDefinition(f"{form}/{year}.yaml declares {definition.key}")
    if definition.is_web:
        _check_conditions(definition, f"{form}/{year}.yaml")
    return definition


def _check_conditions(definition: FormDefinition, source: str) -> None:
    """Every condition and control of a web form is SQL naming its own questions: a condition
    only questions before it (the portal asks in order), a control any question, last year's
    answers (`_FJOR`) and the context columns."""
    names = [f.name for f in definition.fields]
    known = set(names) | set(CONTEXT_COLUMNS)
    known |= {name + LAST_YEAR_SUFFIX for name in names}
    try:
        for index, field in enumerate(definition.fields):
            if field.asked_when is None:
                continue
            unknown = names_in(field.asked_when) - set(names[:index]) - set(CONTEXT_COLUMNS)
            if unknown:
                raise ValueError(
                    f"{field.name}: asked_when names {sorted(unknown)}, which are not questions "
                    "before it"
                )
        for control in definition.controls:
            sqls = [control.rule, *control.values.values()]
            unknown = set().union(*(names_in(sql) for sql in sqls)) - known
            if unknown:
                raise ValueError(f"{control.id}: names unknown questions {sorted(unknown)}")
    except ValueError as error:
        raise InvalidDefinition(f"{source}: {error}") from None


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
