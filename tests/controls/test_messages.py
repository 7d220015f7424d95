"""Message templates: filled once per run with the context, then per record with its values."""

from __future__ import annotations

from kostra.catalog import load
from kostra.controls import Context
from kostra.controls.messages import RawValue, context_values, prepare, show


def test_raw_values_are_quoted_and_blank_is_named() -> None:
    assert show(RawValue("3")) == "«3»"
    assert show(RawValue(" 7")) == "« 7»"
    assert show(RawValue("   ")) == "(blank)"
    assert show(1234) == "1234"
    assert show(1234, ",") == "1,234"


def test_context_and_constants_are_filled_in_before_the_records() -> None:
    ctx = Context(form=load("11F", 2025), municipality="0301", district="01")
    constants = {**context_values(ctx), "limit": 200}
    fill = prepare(
        "{KJONN} i {year} for {municipality}: {codes[KJONN]}, grense {limit:,}.", constants
    )
    assert fill({"KJONN": RawValue("3")}) == "«3» i 2025 for 0301: [1=Mann, 2=Kvinne], grense 200."
    assert (
        fill({"KJONN": RawValue(" ")}) == "(blank) i 2025 for 0301: [1=Mann, 2=Kvinne], grense 200."
    )


def test_a_template_without_placeholders() -> None:
    assert prepare("Ingen verdier.", {})({}) == "Ingen verdier."
