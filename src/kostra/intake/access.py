"""Who may do what: roles, and the reporting units a person or a system may report for.

A reporter is bound to one scope: a municipality (`1103`), one of Oslo's districts (`030101`)
or Oslo as a whole (`0301`, which covers every district). A vendor's system account holds an
API token bound to the municipalities whose extracts it delivers. Staff of the statistics
office see every unit but deliver for none; admins are staff who also manage accounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kostra.errors import KostraError, Reason
from kostra.registry import OSLO, YEARS, ReportingUnit, municipalities, oslo_districts


class Role(StrEnum):
    """What an account is for."""

    REPORTER = "reporter"
    VENDOR = "vendor"
    STAFF = "staff"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role as the portal names it."""
        return _LABELS[self]

    @property
    def is_staff(self) -> bool:
        """Whether the role belongs to the statistics office (sees every unit)."""
        return self in (Role.STAFF, Role.ADMIN)


_LABELS = {
    Role.REPORTER: "Rapportør",
    Role.VENDOR: "Fagsystem (API)",
    Role.STAFF: "SSB",
    Role.ADMIN: "SSB, administrator",
}


class InvalidScope(KostraError, ValueError):
    """A scope that names no municipality or district (said in Norwegian)."""

    reason = Reason.UNPROCESSABLE


def check_scope(code: str) -> str:
    """`code` if it names a municipality of some registry year, an Oslo district or Oslo."""
    code = code.strip()
    if len(code) == 6 and code.startswith(OSLO) and code[4:] in oslo_districts():
        return code
    if len(code) == 4 and any(code in municipalities(year) for year in YEARS):
        return code
    raise InvalidScope(
        f"«{code}» er verken et kommunenummer (fire sifre) eller en bydel i Oslo (030101–030115)"
    )


def covers(scope: str, unit: ReportingUnit) -> bool:
    """Whether an account bound to `scope` may report for `unit`."""
    return scope == unit.code or (scope == OSLO and unit.municipality == OSLO)


@dataclass(frozen=True)
class Principal:
    """The person or system behind a request: who, in what role, for which units."""

    user_id: int
    username: str
    name: str
    role: Role
    scopes: frozenset[str]

    @property
    def is_staff(self) -> bool:
        """Whether the principal is staff of the statistics office."""
        return self.role.is_staff

    def may_deliver_for(self, unit: ReportingUnit) -> bool:
        """Whether the principal may upload, submit and declare for `unit`. Staff may not: a
        delivery is the municipality's own; staff correct in production, with an audit trail."""
        return any(covers(scope, unit) for scope in self.scopes)

    def may_see(self, unit: ReportingUnit) -> bool:
        """Whether the principal may see `unit`'s uploads, submissions and history."""
        return self.is_staff or self.may_deliver_for(unit)

    def units(self, all_units: Iterable[ReportingUnit]) -> list[ReportingUnit]:
        """The units among `all_units` the principal may deliver for."""
        return [unit for unit in all_units if self.may_deliver_for(unit)]
