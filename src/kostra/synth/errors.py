"""The catalogue of error injectors, per form: which mistakes a synthetic extract can hold
(each form's row in `forms.py` names its injectors)."""

from __future__ import annotations

from kostra.catalog import FormDefinition, normalise_form_id
from kostra.synth.forms import FORMS
from kostra.synth.injector import ErrorInjector


class UnknownInjector(LookupError):
    """No error injector of that id exists for the form."""


def injectors(form: str) -> tuple[ErrorInjector, ...]:
    """Every error injector of a form, in catalogue order."""
    row = FORMS.get(normalise_form_id(form))
    return row.injectors if row is not None else ()


def injector(form: str, injector_id: str) -> ErrorInjector:
    """The injector `injector_id` of `form`."""
    for candidate in injectors(form):
        if candidate.id == injector_id:
            return candidate
    known = ", ".join(i.id for i in injectors(form))
    raise UnknownInjector(f"ukjent feiltype «{injector_id}» for skjema {form}; kjente: {known}")


def applicable(form: FormDefinition, municipality: str) -> tuple[ErrorInjector, ...]:
    """The injectors that can be used in this form's year and municipality."""
    return tuple(i for i in injectors(form.form) if i.applies(form, municipality))
