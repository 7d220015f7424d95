"""The reporting calendar: when a form's reporting year opens, is due, takes corrections, closes.

Four dates per form and reporting year, each a whole day on Oslo's clock: the portal opens at the
start of `opens`; deliveries are due by the end of `deadline` (15 January for the extracts 11F and
11CF, 15 February for the web forms 7, 7B and 12); corrections of a delivered version are taken
until the end of `corrections` (30 April); the portal closes at the end of `closes` (8 June).
A unit that has not delivered may still do so, late, until the portal closes.

The calendar also holds when a reporting year's figures are published: the preliminary figures
(15 March of the following year) and the final figures (15 June), as staff set them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kostra.catalog import UnknownForm, UnknownYear, load
from kostra.errors import KostraError, Reason
from kostra.text import local, long_date

# Delivery deadline of each form (month, day of the year after the reporting year).
_DEADLINES = {
    "11F": (1, 15),
    "11CF": (1, 15),
    "7": (2, 15),
    "7B": (2, 15),
    "12": (2, 15),
}
FORMS = tuple(_DEADLINES)  # every form with a reporting calendar, extracts and web forms
_OPENS = (1, 2)  # after the New Year holiday, once the year's payments are all in the system
_CORRECTIONS = (4, 30)
_CLOSES = (6, 8)
_PUBLISHED = {"preliminary": (3, 15), "final": (6, 15)}  # by stage (publish.release.Stage)


class InvalidWindow(KostraError, ValueError):
    """The dates of a window are not in order (a staff member's mistake, said in Norwegian)."""

    reason = Reason.UNPROCESSABLE


class Phase(StrEnum):
    """Where a moment falls in a window."""

    NOT_OPEN = "not_open"
    OPEN = "open"  # deliveries on time
    LATE = "late"  # past the deadline: deliveries late, corrections taken
    NO_CORRECTIONS = "no_corrections"  # past the correction deadline: only late first deliveries
    CLOSED = "closed"


@dataclass(frozen=True)
class Window:
    """The calendar of one form and reporting year."""

    form: str
    year: int
    opens: date
    deadline: date
    corrections: date
    closes: date

    def __post_init__(self) -> None:
        if not self.opens <= self.deadline <= self.corrections <= self.closes:
            raise InvalidWindow(
                "datoene må komme i rekkefølgen åpner ≤ leveringsfrist ≤ frist for rettinger "
                "≤ stenger"
            )

    def phase(self, at: datetime) -> Phase:
        """The phase of the window at `at`."""
        day = local(at).date()
        if day < self.opens:
            return Phase.NOT_OPEN
        if day <= self.deadline:
            return Phase.OPEN
        if day <= self.corrections:
            return Phase.LATE
        if day <= self.closes:
            return Phase.NO_CORRECTIONS
        return Phase.CLOSED

    def is_past_deadline(self, at: datetime) -> bool:
        """Whether `at` is after the end of the delivery deadline."""
        return local(at).date() > self.deadline

    def is_late(self, at: datetime, since: datetime | None) -> bool:
        """Whether a unit's delivery is late at `at`, when what it delivered has stood without a
        break since `since` (None: nothing stands, or what is delivered at `at` starts it).

        The one rule of lateness: a delivery counts together with what stood before it, so a
        version replacing a late declaration is late, a correction of an on-time delivery is
        not, and a delivery after an on-time declaration was withdrawn is judged by its own
        time. The status, the receipt, the history and the API all read it."""
        return self.is_past_deadline(at) and (since is None or self.is_past_deadline(since))


def _declared_deadline(form: str, year: int) -> tuple[int, int]:
    """The deadline a form written only as data declares (`deadline: "03-01"`); 15 January
    when it declares none."""
    try:
        declared = load(form, year).deadline
    except (UnknownForm, UnknownYear):
        declared = None
    if declared is None:
        return (1, 15)
    month, day = declared.split("-")
    return int(month), int(day)


def default_window(form: str, year: int) -> Window:
    """The window a form and year gets unless staff set other dates (the working group's)."""
    month, day = _DEADLINES.get(form) or _declared_deadline(form, year)
    following = year + 1
    return Window(
        form=form,
        year=year,
        opens=date(following, *_OPENS),
        deadline=date(following, month, day),
        corrections=date(following, *_CORRECTIONS),
        closes=date(following, *_CLOSES),
    )


@dataclass(frozen=True)
class PublicationDates:
    """When a reporting year's figures are published, by stage (`publish.release.Stage`)."""

    year: int
    preliminary: date
    final: date

    def __post_init__(self) -> None:
        if not self.preliminary <= self.final:
            raise InvalidWindow("de foreløpige tallene må publiseres før de endelige")

    def of(self, stage: str) -> date:
        """The publication date of `stage` ("preliminary" or "final")."""
        return self.preliminary if stage == "preliminary" else self.final


def default_publication_dates(year: int) -> PublicationDates:
    """The publication dates unless staff set others: 15 March and 15 June of the next year."""
    following = year + 1
    return PublicationDates(
        year, date(following, *_PUBLISHED["preliminary"]), date(following, *_PUBLISHED["final"])
    )


@dataclass(frozen=True)
class Decision:
    """Whether a delivery (or a declaration) may be made now, and what to tell the reporter."""

    allowed: bool
    late: bool  # the delivery, once made, is late (`Window.is_late`)
    message: str


def may_deliver(
    window: Window, at: datetime, *, since: datetime | None = None, correction: bool | None = None
) -> Decision:
    """Whether a submission or a "nothing to report" declaration may be made at `at`, when the
    unit's delivery has stood without a break since `since` (None: nothing stands).

    A delivery made while another stands is a correction; `correction` says otherwise where the
    caller knows better (a declaration after an earlier one was withdrawn corrects it).
    """
    if correction is None:
        correction = since is not None
    late = window.is_late(at, since)
    phase = window.phase(at)
    what = f"skjema {window.form} for {window.year}"
    if phase is Phase.NOT_OPEN:
        return Decision(
            False, False, f"Innsending av {what} åpner {long_date(window.opens)}. Filen kan "
            "kontrolleres nå, men ikke sendes inn før da."
        )  # fmt: skip
    if phase is Phase.CLOSED:
        return Decision(
            False, late, f"Portalen for {what} stengte {long_date(window.closes)}. Ta kontakt med "
            "SSB dersom tallene må endres."
        )  # fmt: skip
    if phase is Phase.NO_CORRECTIONS and correction:
        return Decision(
            False, late, f"Fristen for rettinger av {what} var {long_date(window.corrections)}. "
            "Ta kontakt med SSB dersom tallene må endres."
        )  # fmt: skip
    if phase is Phase.OPEN:
        return Decision(True, False, f"Leveringsfristen er {long_date(window.deadline)}.")
    if correction:
        return Decision(
            True, late, f"Rettinger tas imot til og med {long_date(window.corrections)}."
        )
    return Decision(
        True, late, f"Leveringsfristen var {long_date(window.deadline)}; innsendingen "
        "registreres som forsinket."
    )  # fmt: skip
