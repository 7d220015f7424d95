"""What changed in a form between two reporting years: fields and codes."""

from __future__ import annotations

from dataclasses import dataclass

from kostra.catalog.definition import FieldDefinition, FormDefinition


@dataclass(frozen=True)
class FieldChange:
    """One difference in one field between two years."""

    field: str
    kind: str  # added, removed, moved, resized, retyped, mandatory, codes-added, codes-removed, relabelled
    old: str
    new: str
    shift: int = 0  # for `moved`: positions moved (+8: eight to the right)


def _where(f: FieldDefinition) -> str:
    return f"{f.start}–{f.end}" if f.start is not None else "-"


def diff(old: FormDefinition, new: FormDefinition) -> list[FieldChange]:
    """Changes from `old` to `new`, in the order of the newer layout (removed fields last)."""
    changes: list[FieldChange] = []
    before = {f.name: f for f in old.fields}
    after = {f.name: f for f in new.fields}
    for field in new.fields:
        was = before.get(field.name)
        if was is None:
            changes.append(
                FieldChange(field.name, "added", "", f"{_where(field)} ({field.width} tegn)")
            )
            continue
        if was.width != field.width:
            changes.append(FieldChange(field.name, "resized", str(was.width), str(field.width)))
        if was.start != field.start and was.start is not None and field.start is not None:
            shift = field.start - was.start
            changes.append(FieldChange(field.name, "moved", _where(was), _where(field), shift))
        if (was.type, was.pattern) != (field.type, field.pattern):
            old_type = f"{was.type}{f' {was.pattern}' if was.pattern else ''}"
            new_type = f"{field.type}{f' {field.pattern}' if field.pattern else ''}"
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
        FieldChange(name, "removed", f"{_where(f)} ({f.width} tegn)", "")
        for name, f in before.items()
        if name not in after
    )
    return changes
