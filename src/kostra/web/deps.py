"""Typed dependencies of the routes: a database session to read with, and the reporting year a
request is about (asked for as `aar`, the portal's Norwegian query parameter)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query
from sqlalchemy.orm import Session

from kostra.services.targets import Target, resolve
from kostra.services.years import chosen_year
from kostra.web.portal import PortalDep


def read_session(portal: PortalDep) -> Iterator[Session]:
    """A session for reading, closed when the request is answered (a change is made by a
    service, in a transaction of its own)."""
    with portal.db.read() as session:
        yield session


ReadSessionDep = Annotated[Session, Depends(read_session)]


def requested_year(
    session: ReadSessionDep,
    year: Annotated[int | None, Query(alias="aar", description="Rapporteringsår")] = None,
) -> int:
    """The year asked for (NotFound if the portal has no forms for it), else the current one."""
    return chosen_year(session, year)


YearDep = Annotated[int, Depends(requested_year)]


def path_target(unit: str, form: str, year: int) -> Target:
    """The unit, form and year a page's address names; NotFound if any of them does not exist."""
    return resolve(unit, form, year)


TargetDep = Annotated[Target, Depends(path_target)]
