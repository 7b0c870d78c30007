"""Today's figures for the staff menu: visits so far and their median length.

A small read of today's rows only (the tables are indexed by time), done when staff open
their menu: a few milliseconds even in a busy kiosk's year-old database
(benchmarks/insights_year.py). Qt-free; a database that cannot be read gives None.
The words are English, as the rest of the insights (``kiosk stats``, the report): the
staff menu's buttons follow the kiosk's words files, these figures do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from kiosk.insights.report import duration
from kiosk.insights.stats import StatsError, read


@dataclass(frozen=True)
class Today:
    visits: int
    median_seconds: float | None  # None: no visit has ended yet today


def today(path: Path, day: date, tz: tzinfo | None = None) -> Today | None:
    """The visits that began on ``day`` in the database at ``path``; None when it
    cannot be read (not written yet, damaged)."""
    try:
        stats = read([path], since=day, until=day, tz=tz)
    except StatsError:
        return None
    return Today(stats.sessions, stats.median_session_seconds)


def lines(figures: Today | None, *, off: str | None = None) -> str:
    """What the staff menu says: today's figures and that recording is on, or only
    that it is off and why (``off``)."""
    if off is not None:
        return f"Recording visits: off ({off})"
    figures = figures or Today(0, None)  # nothing written yet
    if figures.median_seconds is None:
        first = f"Visits today: {figures.visits}, none ended yet"
    else:
        first = f"Visits today: {figures.visits}, median length {duration(figures.median_seconds)}"
    return f"{first}\nRecording visits: on"
