"""The result of a control run: findings, outcome, statistics; and its JSON form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from kostra.controls.finding import Finding
from kostra.controls.severity import Severity, highest
from kostra.controls.statistics import StatTable


@dataclass(frozen=True)
class Report:
    """What the control program found in one file for one municipality, form and year."""

    form: str
    year: int
    municipality: str
    district: str | None
    records: int
    findings: tuple[Finding, ...]
    stats: tuple[StatTable, ...] = ()
    encoding: str | None = None
    controls_performed: int = 0

    @property
    def outcome(self) -> Severity:
        """The highest severity found; OK when nothing was found."""
        return highest(tuple(f.severity for f in self.findings))

    @property
    def may_submit(self) -> bool:
        """Whether the file may be submitted: no ERROR and no FATAL finding."""
        return not self.outcome.blocks_submission

    def count(self, severity: Severity) -> int:
        """Number of findings of `severity`."""
        return sum(1 for f in self.findings if f.severity is severity)

    def rule_counts(self) -> Counter[str]:
        """Number of findings per rule id."""
        return Counter(f.rule for f in self.findings)

    def flatten(self, *attributes: str) -> list[tuple[Any, ...]]:
        """Findings as tuples of the named attributes (severities as their lower-case value)."""

        def get(finding: Finding, name: str) -> Any:
            value = getattr(finding, name)
            return value.value if isinstance(value, Severity) else value

        return [tuple(get(f, a) for a in attributes) for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        """The report in the JSON contract of ARCHITECTURE.md ("Interfaces")."""
        return {
            "form": self.form,
            "year": self.year,
            "municipality": self.municipality,
            "district": self.district,
            "records": self.records,
            "outcome": self.outcome.value,
            "may_submit": self.may_submit,
            "encoding": self.encoding,
            "controls_performed": self.controls_performed,
            "findings": [f.to_dict() for f in self.findings],
            "stats": [table.to_dict() for table in self.stats],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report read back from its JSON form (`to_dict`); outcome is recomputed."""
        return cls(
            form=data["form"],
            year=int(data["year"]),
            municipality=data["municipality"],
            district=data.get("district"),
            records=int(data["records"]),
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            stats=tuple(StatTable.from_dict(t) for t in data.get("stats", ())),
            encoding=data.get("encoding"),
            controls_performed=int(data.get("controls_performed", 0)),
        )

    def with_findings(self, extra: tuple[Finding, ...]) -> Report:
        """The report with `extra` findings after its own (e.g. the comparison with last year)."""
        return replace(self, findings=self.findings + extra)
