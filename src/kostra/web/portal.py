"""The application object: settings, database, control runner, mailer and templates in one place,
built once by `create_app` and handed to every route (`PortalDep`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from kostra.services.followup import Outbox
from kostra.services.mail import Mailer
from kostra.services.runner import ControlRunner
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
