"""What changed in a form between two reporting years: fields and codes; for a web form also
its questions' wording, conditions, limits and parts, and its declared controls."""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog.definition import FieldDefinition, FormDefinition


@dataclass(frozen=True)
class FieldChange:
    """One difference in one field between two years."""

    field: str
    # added, removed, moved, resized, retyped, mandatory, codes-added, codes-removed, relabelled;
    # web forms: reworded, part, condition, limits, control-added, control-removed, control-changed
    kind: str
    old: str
    new: str
    shift: int = 0  # for `moved`: positions moved (+8: eight to the right)


def _span(f: FieldDefinition) -> str:
    return f"{f.start}–{f.end}"


def _where(f: FieldDefinition) -> str:
    if f.start is not None:
        return f"{_span(f)} ({f.width} tegn)"
    return f"Del {f.part}" + (f", spørsmål {f.number}" if f.number else "")


def _type(f: FieldDefinition) -> str:
    """`string`, `date yyyy-MM-dd`, `string email`: a field's type as the diff names it."""
    shape = f.pattern or (f.format.value if f.format else None)
    return f"{f.type}{f' {shape}' if shape else ''}"


def _limits(f: FieldDefinition) -> str:
    parts = [
        f"{label} {value:g}"
        for label, value in (("min", f.minimum), ("maks", f.maximum), ("steg", f.step))
        if value is not None
    ]
    return ", ".join(parts) or "ingen"


def _web_changes(was: FieldDefinition, field: FieldDefinition) -> list[FieldChange]:
    name = field.name
    changes = []
    if was.label != field.label:
        changes.append(FieldChange(name, "reworded", was.label, field.label))
    if was.part != field.part:
        changes.append(FieldChange(name, "part", _where(was), _where(field)))
    if was.asked_when != field.asked_when:
        changes.append(
            FieldChange(name, "condition", was.asked_when or "alltid", field.asked_when or "alltid")
        )
    if _limits(was) != _limits(field):
        changes.append(FieldChange(name, "limits", _limits(was), _limits(field)))
    return changes


def _control_changes(old: FormDefinition, new: FormDefinition) -> list[FieldChange]:
    before = {c.id: c for c in old.controls}
    after = {c.id: c for c in new.controls}
    changes = []
    for cid, control in after.items():
        was = before.get(cid)
        if was is None:
            changes.append(FieldChange(cid, "control-added", "", control.title))
        elif (was.rule, was.severity, was.message) != (
            control.rule,
            control.severity,
            control.message,
        ):
            changes.append(
                FieldChange(
                    cid,
                    "control-changed",
                    f"{was.severity}: {was.rule}",
                    f"{control.severity}: {control.rule}",
                )
            )
    changes.extend(
        FieldChange(cid, "control-removed", c.title, "")
        for cid, c in before.items()
        if cid not in after
    )
    return changes


def diff(old: FormDefinition, new: FormDefinition) -> list[FieldChange]:
    """Changes from `old` to `new`, in the order of the newer layout (removed fields last)."""
    changes: list[FieldChange] = []
    before = {f.name: f for f in old.fields}
    after = {f.name: f for f in new.fields}
    for field in new.fields:
        was = before.get(field.name)
        if was is None:
            changes.append(FieldChange(field.name, "added", "", _where(field)))
            continue
        if new.is_web:
            changes.extend(_web_changes(was, field))
        if was.width != field.width:
            changes.append(FieldChange(field.name, "resized", str(was.width), str(field.width)))
        if was.start != field.start and was.start is not None and field.start is not None:
            shift = field.start - was.start
            changes.append(FieldChange(field.name, "moved", _span(was), _span(field), shift))
        if (was.type, was.pattern, was.format) != (field.type, field.pattern, field.format):
            old_type = _type(was)
            new_type = _type(field)
            changes.append(FieldChange(field.name, "retyped", old_type, new_type))
        if was.mandatory != field.mandatory:
            changes.append(
                FieldChange(field.name, "mandatory", str(was.mandatory), str(field.mandatory))
            )
        old_codes = {c.code: c.label for c in was.codes}
        new_codes = {c.code: c.label for c in field.codes}
        added = [f"{c}={new_codes[c]}" for c in new_codes if c not in old_codes]
        removed = [f"{c}={old_codes[c]}" for c in old_codes if c not in new_codes]
        relabelled = [c for c in new_codes if c in old_codes and old_codes[c] != new_codes[c]]
        if added:
            changes.append(FieldChange(field.name, "codes-added", "", ", ".join(added)))
        if removed:
            changes.append(FieldChange(field.name, "codes-removed", ", ".join(removed), ""))
        changes.extend(
            FieldChange(field.name, "relabelled", f"{c}={old_codes[c]}", f"{c}={new_codes[c]}")
            for c in relabelled
        )
    changes.extend(
        FieldChange(name, "removed", _where(f), "")
        for name, f in before.items()
        if name not in after
    )
    if new.is_web or old.is_web:
        changes.extend(_control_changes(old, new))
    return changes
