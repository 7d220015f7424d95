"""The application object and the typed dependencies of the routes.

`Portal` holds settings, database, control runner, mailer and templates, built once by
`create_app` and handed to every route (`PortalDep`); a route also takes a database session to
read with (`ReadSessionDep`), the unit, form and year its address names (`TargetDep`), and the
reporting year asked for (`YearDep`, the portal's Norwegian query parameter `aar`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from kostra.services.followup import Outbox
from kostra.services.mail import Mailer
from kostra.services.runner import ControlRunner
from kostra.services.targets import Target, resolve
from kostra.services.years import chosen_year
from kostra.settings import Settings
from kostra.store import Database
from kostra.web.rendering import Pages


@dataclass
class Portal:
    """Everything a request needs besides itself."""

    settings: Settings
    db: Database
    runner: ControlRunner
    mailer: Mailer
    pages: Pages

    @property
    def session_lifetime(self) -> timedelta:
        """How long a login lasts without activity."""
        return timedelta(hours=self.settings.session_hours)

    @property
    def outbox(self) -> Outbox:
        """How reminders and error lists reach the units."""
        return Outbox(self.mailer, self.settings.public_url)

    @property
    def upload_limit(self) -> int:
        """The largest upload, in bytes."""
        return self.settings.max_file_mb * 1024 * 1024


def get_portal(request: Request) -> Portal:
    """The application object of the running app."""
    portal: Portal = request.app.state.portal
    return portal


PortalDep = Annotated[Portal, Depends(get_portal)]


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
