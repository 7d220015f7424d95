"""One family of errors a user can act on: what went wrong, in Norwegian, and what kind of wrong.

Whatever layer finds the problem (the catalog, intake, the store, a service, the web) raises a
`KostraError` with a message the user can act on and a `Reason`. Only the web layer turns a
reason into an HTTP status (`web/errors.py`), and the CLI into an exit status, so nothing below
them knows about HTTP. Faults of the program itself are not in this family: they are logged and
the user reads that something went wrong on our side.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """What kind of problem it is (the web answers each with its own status)."""

    INVALID = "invalid"  # the request or input is malformed; the user can fix it
    UNPROCESSABLE = "unprocessable"  # well-formed, but may not be used as it is (errors found)
    UNAUTHENTICATED = "unauthenticated"  # who is asking is not known
    FORBIDDEN = "forbidden"  # who is asking may not do this
    NOT_FOUND = "not_found"  # does not exist, or is not the asker's to see
    CONFLICT = "conflict"  # the state of things does not allow it now
    CLOSED = "closed"  # outside the reporting calendar's time for it
    TOO_LARGE = "too_large"  # larger than the limit
    UNSUPPORTED = "unsupported"  # a content type that is not taken
    TOO_MANY = "too_many"  # too many attempts in a short time


class KostraError(Exception):
    """A problem the user can act on, with the message that tells them how."""

    reason: Reason = Reason.INVALID
    default_message = "Forespørselen kan ikke gjennomføres."

    def __init__(
        self, message: str | None = None, *, reason: Reason | None = None, title: str | None = None
    ) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)
        if reason is not None:
            self.reason = reason
        self.title = title  # a page's heading, where the reason's own does not say enough
        self.back: str | None = None  # where the user can put it right (a page shows the link)


class Invalid(KostraError):
    """The input is wrong in a way the user can fix."""

    reason = Reason.INVALID


class NotFound(KostraError):
    """What was asked for does not exist, or is not the asker's to see."""

    reason = Reason.NOT_FOUND
    default_message = "Siden finnes ikke."


class Forbidden(KostraError):
    """The asker may not do this."""

    reason = Reason.FORBIDDEN
    default_message = "Du har ikke tilgang til denne siden."


class Refused(KostraError):
    """A delivery, correction or change that may not be made now, with the reason."""

    reason = Reason.CONFLICT
