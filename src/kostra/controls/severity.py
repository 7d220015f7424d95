"""How serious a finding is; the same meaning everywhere in kostra.

FATAL stops the run and refuses the file; ERROR refuses submission; WARNING is accepted once
acknowledged; INFO is feedback; OK confirms (SSB's control program reports a delivered "nothing to
report" declaration with severity OK).
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """Severity of a finding, and the outcome of a run (the highest severity found)."""

    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    FATAL = "fatal"

    @property
    def rank(self) -> int:
        """Order from OK (0) to FATAL (4)."""
        return _ORDER.index(self)

    @property
    def blocks_submission(self) -> bool:
        """Whether a finding of this severity keeps the file from being submitted."""
        return self.rank >= Severity.ERROR.rank

    @property
    def label(self) -> str:
        """The word a reporter reads (bokmål)."""
        return _LABELS[self]


_ORDER = (Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.FATAL)
_LABELS = {
    Severity.OK: "OK",
    Severity.INFO: "Info",
    Severity.WARNING: "Advarsel",
    Severity.ERROR: "Feil",
    Severity.FATAL: "Kritisk feil",
}


def highest(severities: list[Severity] | tuple[Severity, ...]) -> Severity:
    """The most serious of `severities`, OK when there are none."""
    return max(severities, key=lambda s: s.rank, default=Severity.OK)
