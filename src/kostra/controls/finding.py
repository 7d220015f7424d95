"""One finding: what a control found wrong in a file, where, and what to correct."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kostra.controls.severity import Severity


@dataclass(frozen=True)
class Finding:
    """A finding of a control (or of revision, reconciliation, e-skjema validation).

    It holds line numbers and the case's keys, never the record itself: identity numbers stay in
    the file.
    """

    rule: str
    severity: Severity
    lines: tuple[int, ...]
    message: str
    caseworker: str | None = None
    journal: str | None = None
    title: str = ""
    fields: tuple[str, ...] = ()  # the fields (a web form's questions) the finding is about

    def to_dict(self) -> dict[str, Any]:
        """The finding in the JSON contract (ARCHITECTURE.md, "Interfaces")."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "title": self.title,
            "lines": list(self.lines),
            "message": self.message,
            "caseworker": self.caseworker,
            "journal": self.journal,
            "fields": list(self.fields),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """A finding read back from its JSON form (`to_dict`)."""
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            lines=tuple(data["lines"]),
            message=data["message"],
            caseworker=data.get("caseworker"),
            journal=data.get("journal"),
            title=data.get("title", ""),
            fields=tuple(data.get("fields", ())),
        )
