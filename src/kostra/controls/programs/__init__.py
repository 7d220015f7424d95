"""The form programs: one per extract form, listed here explicitly, in the order SSB lists them.

Everything kostra does its own way for an extract form is declared in that form's program
(`f11f.py`, `f11cf.py`): its controls, its per-file statistics, its totals, its amounts paid and
the words for its persons. A new extract form is a new program module and a line here. Code that
needs the set of forms asks `extract_forms()` and `web_forms()` (the catalog's web forms).
"""

from __future__ import annotations

from kostra.catalog import available, load, shipped
from kostra.controls.programs import f11cf, f11f
from kostra.controls.programs.form_program import FormProgram, Measure, Persons

PROGRAMS: dict[str, FormProgram] = {p.form: p for p in (f11f.PROGRAM, f11cf.PROGRAM)}


class NoProgram(KeyError):
    """kostra has no program for the form asked for: a web form, or no form at all."""

    def __str__(self) -> str:
        return str(self.args[0])


def program(form: str) -> FormProgram:
    """The program of extract form `form`; NoProgram when it has none."""
    try:
        return PROGRAMS[form]
    except KeyError:
        raise NoProgram(f"kostra har ikke kontrollprogram for skjema {form}") from None


def find(form: str) -> FormProgram | None:
    """The program of `form`, or None when it has none (a web form)."""
    return PROGRAMS.get(form)


def extract_forms() -> tuple[str, ...]:
    """The forms delivered as extracts, each with its program, in SSB's order: 11F, 11CF."""
    return tuple(PROGRAMS)


def web_forms() -> tuple[str, ...]:
    """The forms filled in on the portal: the catalog's forms whose newest year is a web form,
    kostra's own in SSB's order (7, 7B, 12), then pilot forms from added folders."""
    found = [form for form, years in available().items() if years and load(form, years[-1]).is_web]
    return tuple(sorted(found, key=_listed))


def _listed(form: str) -> tuple[bool, int, str]:
    """SSB lists forms by number, then letter (7, 7B, 12); a pilot comes after kostra's own."""
    letters = form.lstrip("0123456789")
    return not shipped(form), int(form[: len(form) - len(letters)] or 0), letters


__all__ = [
    "PROGRAMS",
    "FormProgram",
    "Measure",
    "NoProgram",
    "Persons",
    "extract_forms",
    "find",
    "program",
    "web_forms",
]
