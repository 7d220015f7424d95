"""The inbox "Fra SSB" on the reporting portal: what the statistics office has sent the
visitor's units (reminders, error lists with staff's note), and one message, marked read when
someone of the unit opens it."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from kostra.errors import NotFound
from kostra.services import inbox
from kostra.web.auth import VisitorDep
from kostra.web.deps import PortalDep, ReadSessionDep

router = APIRouter(include_in_schema=False)


@router.get("/portal/meldinger")
def messages(
    request: Request, portal: PortalDep, visitor: VisitorDep, session: ReadSessionDep
) -> Response:
    """The messages to the visitor's units, newest first, the unread marked (staff read each
    unit's messages on its page)."""
    if visitor.principal.is_staff:
        return RedirectResponse("/ssb", status_code=303)
    return portal.pages.render(
        request,
        "inbox.html",
        {"inbox": inbox.inbox(session, visitor.principal), "kinds": inbox.KIND_LABELS},
    )


@router.get("/portal/meldinger/{message_id}")
def message(request: Request, portal: PortalDep, visitor: VisitorDep, message_id: str) -> Response:
    """One message; opening it marks it read for the unit (not when staff look at it)."""
    if not message_id.isdigit() or len(message_id) > 12:
        raise NotFound(inbox.HIDDEN)
    shown = inbox.open_message(portal.db, visitor.principal, int(message_id))
    with portal.db.read() as session:  # the navigation's count, now that this one is read
        fresh = replace(visitor, unread=inbox.unread(session, visitor.principal))
    return portal.pages.render(
        request,
        "inbox_message.html",
        {"inbox": shown, "message": shown.messages[0], "kinds": inbox.KIND_LABELS,
         "links": inbox.LINK_LABELS, "visitor": fresh},
    )  # fmt: skip
