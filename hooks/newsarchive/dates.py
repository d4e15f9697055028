"""Partial publication dates: YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time with offset.

Old archives often know only the year or the month; we show what is known and never
invent the rest.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .i18n import _

_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class DateError(ValueError):
    """A date value that cannot be read; `hint` says how to write it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint or how_to_hint()


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day precision (optionally with a time and offset)."""

    year: int
    month: int | None = None
    day: int | None = None
    moment: dt.datetime | None = None  # set only for a full date-time with offset

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple:
        """Orders partial dates after full ones of the same period (year-only last in its year)."""
        timestamp = self.moment.astimezone(dt.timezone.utc).isoformat() if self.moment else ""
        return (self.year, self.month or 13, self.day or 32, timestamp)

    def iso(self) -> str:
        if self.moment:
            return self.moment.isoformat()
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def vietnamese(self) -> str:
        """Display form: "ngày 2 tháng 8 năm 2021", "tháng 8 năm 2021", "năm 2021"."""
        if self.day:
            text = f"ngày {self.day} tháng {self.month} năm {self.year}"
            if self.moment:
                text = f"{self.moment:%H:%M}, " + text
            return text
        if self.month:
            return f"tháng {self.month} năm {self.year}"
        return f"năm {self.year}"

    def short(self) -> str:
        """Compact display for listings: 02/08/2021, 08/2021, 2021."""
        if self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month:
            return f"{self.month:02d}/{self.year}"
        return str(self.year)


def how_to_hint() -> str:
    return _("write the date as 2021-08-02; 2021-08 or 2021 when only the month or year is known; "
             "a time with its offset as 2021-08-02T10:00:00+07:00")


def parse_date(value: object) -> PartialDate:
    """Read a front-matter date (YAML may give str, int, date or datetime)."""
    if isinstance(value, bool) or value is None:
        raise DateError(_("expected a date, got {value}").format(value=value))
    if isinstance(value, dt.datetime):
        return _from_datetime(value)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise DateError(_("expected a date, got {value}").format(value=type(value).__name__))
    text = value.strip()
    match = _PARTIAL_RE.match(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        return _checked(text, year, month, day)
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}[T ]", text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise DateError(_("'{text}' is not a valid date-time").format(text=text)) from None
        return _from_datetime(moment)
    raise DateError(_("'{text}' is not a date").format(text=text[:60]))


def _from_datetime(moment: dt.datetime) -> PartialDate:
    if moment.tzinfo is None:
        raise DateError(_("date-time '{moment}' has no UTC offset").format(moment=moment.isoformat()),
                        _("add one, e.g. {moment}+07:00, or give the date only").format(moment=moment.isoformat()))
    _checked(moment.isoformat(), moment.year, moment.month, moment.day)
    try:  # the offset must not carry the moment out of the calendar (year 1 at +07:00)
        moment.astimezone(dt.timezone.utc)
    except OverflowError:
        raise DateError(_("'{text}' is out of range").format(text=moment.isoformat())) from None
    return PartialDate(moment.year, moment.month, moment.day, moment)


def _checked(text: str, year: int, month: int | None, day: int | None) -> PartialDate:
    if not 1000 <= year <= 2999:
        raise DateError(_("year {year} in '{text}' is out of range").format(year=year, text=text))
    if month is not None and not 1 <= month <= 12:
        raise DateError(_("month {month} in '{text}' does not exist").format(month=month, text=text))
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise DateError(_("'{text}' is not a real day: month {month} of {year} has no day {day}").format(
                text=text, month=month, year=year, day=day)) from None
    return PartialDate(year, month, day)
