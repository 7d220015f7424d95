"""Norwegian text in one place: numbers, dates, times on the Oslo clock, plurals.

Every number, date and time a person reads (a page, an error list in HTML, CSV or text, an
e-mail, a receipt, a file name, a release's metadata) is written by a function here, so they all
say it the same way:

- numbers with digit groups (`12 546 266`), a decimal comma (`39,5`) and SSB's minus sign (`−4`),
  rounded half away from zero as a reader expects (2,675 → 2,68);
- moments are stored in UTC and always shown on Oslo's clock (`15.01.2026 kl. 14:05`), whatever
  zone they arrive in; a naive moment is taken to be UTC, as the database stores it;
- a day ends at midnight in Oslo, not in UTC;
- a count and its noun agree (`1 rettelse`, `2 rettelser`);
- text compared as a person searches it is folded (`fold`): case, accents and Norwegian letters
  do not matter (`Tromsø`, `TROMSO` and `tromso` are the same).

Machine-read formats keep their own conventions (PX's decimal point, ISO 8601 with an offset),
but their moments too are Oslo's.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

SPACE = " "
NO_BREAK_SPACE = "\u00a0"  # between digit groups on a page: a number never breaks over lines
MINUS = "\u2212"  # SSB's minus sign; a hyphen is too short beside digits

_MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

# Enough digits for any float's whole part (Decimal's default 28 would not hold 1e30).
_PRECISION = 400


# --- numbers ------------------------------------------------------------------------------------


def _decimal(value: int | float | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    # repr is the shortest text that reads back as the same float: 2.675 is "2.675", not the
    # binary 2.67499…, so that rounding does what a reader of the figure expects.
    return Decimal(repr(float(value)))


def number(
    value: int | float | Decimal,
    decimals: int = 0,
    *,
    space: str = SPACE,
    trim: bool = False,
) -> str:
    """`value` as Norwegian text: `12 546 266`, `39,5`, `−4`.

    Rounded half away from zero to `decimals` decimals; `trim` drops trailing zeros of the
    fraction (`2,50` → `2,5`, `3,00` → `3`); `space` goes between digit groups (a no-break space
    on pages, where a number must not break over two lines)."""
    exact = _decimal(value)
    if not exact.is_finite():  # not a figure anyone reports, but never a crash
        return "ikke et tall" if exact.is_nan() else ("" if exact > 0 else MINUS) + "uendelig"
    places = max(decimals, 0)
    with localcontext(prec=_PRECISION):
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    text = space.join([whole, *groups])
    if fraction:
        text += "," + fraction
    return MINUS + text if rounded < 0 else text


def amount(value: int | float | Decimal, *, space: str = SPACE) -> str:
    """An amount in kroner: `12 500 kr`."""
    return f"{number(value, space=space)} kr"


def plural(count: int, one: str, many: str, *, space: str = SPACE) -> str:
    """`count` with its noun in the right number: `1 rettelse`, `2 rettelser`, `0 rettelser`."""
    return f"{number(count, space=space)} {one if count == 1 else many}"


# --- the Oslo clock -----------------------------------------------------------------------------


def now() -> datetime:
    """The present moment, in UTC (stored as such; shown on Oslo's clock)."""
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """`moment` on Oslo's clock (a naive moment is taken to be UTC, as the database keeps it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OSLO)


def on_oslo_clock(day: date, clock: time) -> datetime:
    """The moment `day` at `clock` in Oslo (`15. mars 2026 kl. 08:00`), in UTC."""
    return datetime.combine(day, clock.replace(tzinfo=None), OSLO).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """The last moment of `day` on Oslo's clock ("missing on 15 March" means at its end)."""
    return datetime.combine(day, time.max, OSLO)


# --- dates and times ----------------------------------------------------------------------------


def short_date(day: date) -> str:
    """`15.01.2026` (a moment is first put on Oslo's clock)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{day:%d.%m.%Y}"


def long_date(day: date) -> str:
    """`15. januar 2026` (a moment is first put on Oslo's clock)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def days_from_now(days: int) -> str:
    """A day `days` from today, said as a day: `i dag`, `i morgen`, `om 3 dager`, `i går`,
    `for 2 dager siden`."""
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgen"
    if days == -1:
        return "i går"
    if days > 0:
        return f"om {number(days)} dager"
    return f"for {number(-days)} dager siden"


def short_time(moment: datetime) -> str:
    """`15.01.2026 kl. 14:05` on Oslo's clock: the error list's "checked at"."""
    shown = local(moment)
    return f"{shown:%d.%m.%Y} kl. {shown:%H:%M}"


def long_time(moment: datetime) -> str:
    """`15. januar 2026 kl. 14:05` on Oslo's clock: a page's moments."""
    shown = local(moment)
    return f"{long_date(shown.date())} kl. {shown:%H:%M}"


def clock_time(moment: datetime) -> str:
    """`14:05` on Oslo's clock: a moment of today, such as when a draft was saved."""
    return f"{local(moment):%H:%M}"


def time_with_seconds(moment: datetime) -> str:
    """`15.01.2026 14:05:09` on Oslo's clock: receipts, where seconds matter."""
    return f"{local(moment):%d.%m.%Y %H:%M:%S}"


def file_stamp(moment: datetime) -> str:
    """`20260115-1405` on Oslo's clock: a moment in a file name, sorting as it reads."""
    return f"{local(moment):%Y%m%d-%H%M}"


def iso_moment(moment: datetime) -> str:
    """`2026-01-15T14:05:09+01:00`: ISO 8601 on Oslo's clock, with its offset (metadata)."""
    return local(moment).isoformat(timespec="seconds")


# --- searching ----------------------------------------------------------------------------------

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ð": "d", "ŋ": "n", "ŧ": "t", "đ": "d"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,.;:/()]+")


def fold(value: str) -> str:
    """`value` as a search compares it: lower case, without accents, æ ø å as ae o a, and every
    run of spaces, dashes and punctuation one space (`Evenes - Evenášši` → `evenes evenassi`)."""
    lowered = value.casefold().translate(_LETTERS)
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return _SEPARATORS.sub(" ", plain).strip()
