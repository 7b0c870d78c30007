"""Opening hours: when the kiosk shows, from the settings staff write. Plain Python.

Staff write, in the settings file::

    opening_hours = { mon-fri = "09:00-18:00", sat = "10:00-13:00, 14:00-17:00", sun = "closed" }
    closed_on = ["2026-12-25", "2027-01-01"]
    open_on = { 2026-12-31 = "10:00-14:00" }

A day that ``opening_hours`` does not name is closed; without ``opening_hours`` the kiosk
shows all the time. ``closed_on`` and ``open_on`` are dates (local time) that differ from
their weekday. Time is passed in (a naive local ``datetime``), so a year of opening
hours can be checked in a test without waiting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED = "closed"
#: How far ahead ``next_change`` looks for a change (a long closure still ends).
HORIZON_DAYS = 400
#: The screen comes back this long before opening, so the first visitor finds it on.
WAKE_LEAD = timedelta(minutes=1)

_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

#: Minutes from midnight: (start, end), start < end, end at most 24:00.
Span = tuple[int, int]


def parse_day(text: str) -> tuple[Span, ...]:
    """``"09:00-18:00"``, ``"09:00-12:00, 14:00-18:00"`` or ``"closed"``; else ValueError."""
    if not isinstance(text, str):
        raise ValueError(f'{text!r} is not text such as "09:00-18:00" or "closed"')
    if text.strip().lower() == CLOSED:
        return ()
    spans: list[Span] = []
    for part in text.split(","):
        match = _SPAN.match(part)
        if match is None:
            raise ValueError(
                f"{part.strip()!r} is not a time range such as 09:00-18:00 (or write closed)"
            )
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"{part.strip()!r} is not a time of day (00:00 to 24:00)")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise ValueError(
                f"{part.strip()!r} ends before it starts; past midnight, write it as "
                "two days (…-24:00 and 00:00-…)"
            )
        if spans and start < spans[-1][1]:
            raise ValueError(f"{part.strip()!r} overlaps or comes before the range before it")
        spans.append((start, end))
    return tuple(spans)


def parse_times(text: str) -> tuple[Span, ...]:
    """Times of any day, such as night dimming's ``"20:00-07:00"``: a range may run past
    midnight (it is then two spans), ranges may be given in any order."""
    if not isinstance(text, str):
        raise ValueError(f'{text!r} is not text such as "20:00-07:00"')
    spans: list[Span] = []
    for part in text.split(","):
        match = _SPAN.match(part)
        if match is None:
            raise ValueError(f"{part.strip()!r} is not a time range such as 20:00-07:00")
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"{part.strip()!r} is not a time of day (00:00 to 24:00)")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if start == end:
            raise ValueError(f"{part.strip()!r} starts and ends at the same time")
        spans.extend([(start, end)] if start < end else [(start, 1440), (0, end)])
    return tuple(sorted(span for span in spans if span[0] < span[1]))


def within(spans: tuple[Span, ...], now: datetime) -> bool:
    """Whether the time of day of ``now`` falls in one of ``spans`` (any date)."""
    minute = now.hour * 60 + now.minute + now.second / 60
    return any(start <= minute < end for start, end in spans)


def parse_week(table: Mapping[str, str]) -> dict[int, tuple[Span, ...]]:
    """Weekday (0 = Monday) to its spans; keys are days (``mon``) or ranges (``mon-fri``)."""
    week: dict[int, tuple[Span, ...]] = {}
    for key, value in table.items():
        days = _days(key)
        spans = parse_day(value)
        for day in days:
            if day in week:
                raise ValueError(f"{DAYS[day]} is named twice (in {key}); name each day once")
            week[day] = spans
    return week


def _days(key: str) -> list[int]:
    names = key.strip().lower().split("-")
    if len(names) not in (1, 2) or any(name not in DAYS for name in names):
        raise ValueError(f"{key} is not a day: write mon, tue, wed, thu, fri, sat, sun or mon-fri")
    first, last = DAYS.index(names[0]), DAYS.index(names[-1])
    if last < first:
        raise ValueError(f"{key} runs backwards: write the earlier day first, as mon-fri")
    return list(range(first, last + 1))


@dataclass(frozen=True)
class Schedule:
    """When the kiosk is open: a week, and dates that differ from it."""

    week: dict[int, tuple[Span, ...]]
    closed_on: frozenset[date] = frozenset()
    open_on: dict[date, tuple[Span, ...]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        opening_hours: Mapping[str, str],
        closed_on: Iterable[date] = (),
        open_on: Mapping[date, str] | None = None,
    ) -> Schedule:
        """The schedule of the settings (each checked by the settings already)."""
        extra = {day: parse_day(text) for day, text in (open_on or {}).items()}
        return cls(parse_week(opening_hours), frozenset(closed_on), extra)

    def spans_on(self, day: date) -> tuple[Span, ...]:
        if day in self.open_on:
            return self.open_on[day]
        if day in self.closed_on:
            return ()
        return self.week.get(day.weekday(), ())

    def is_open(self, now: datetime) -> bool:
        minute = now.hour * 60 + now.minute + (now.second + now.microsecond / 1e6) / 60
        return any(start <= minute < end for start, end in self.spans_on(now.date()))

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after ``now`` when ``is_open`` turns; None within the horizon."""
        state = self.is_open(now)
        for offset in range(HORIZON_DAYS):
            day = now.date() + timedelta(days=offset)
            midnight = datetime.combine(day, time())
            for start, end in self.spans_on(day):
                for minute in (start, end):
                    moment = midnight + timedelta(minutes=minute)
                    if moment > now and self.is_open(moment) != state:
                        return moment
            # A change at midnight (open until 24:00, closed the next day).
            following = midnight + timedelta(days=1)
            if following > now and self.is_open(following) != state:
                return following
        return None

    def awake(self, now: datetime, lead: timedelta = WAKE_LEAD) -> bool:
        """Whether the screen is on: while open, and from ``lead`` before opening."""
        return self.is_open(now) or self.is_open(now + lead)

    def next_awake_change(self, now: datetime, lead: timedelta = WAKE_LEAD) -> datetime | None:
        """The first moment after ``now`` when ``awake`` turns."""
        state = self.awake(now, lead)
        cursor = now
        for _ in range(HORIZON_DAYS * 4):
            candidates = [
                moment
                for moment in (
                    self.next_change(cursor),
                    _minus(self.next_change(cursor + lead), lead),
                )
                if moment is not None and moment > cursor
            ]
            if not candidates:
                return None
            cursor = min(candidates)
            if self.awake(cursor, lead) != state:
                return cursor
        return None


def _minus(moment: datetime | None, lead: timedelta) -> datetime | None:
    return None if moment is None else moment - lead
