"""Today's figures for the staff menu: visits so far and their median length.

A small read of today's rows only (the tables are indexed by time), done when staff open
their menu: a few milliseconds even in a busy kiosk's year-old database
(benchmarks/insights_year.py). Qt-free; a database that cannot be read gives None.
It runs on the GUI thread, so it waits at most :data:`BUSY_TIMEOUT` for a database
another connection holds locked (a backup tool, an sqlite3 shell in exclusive locking
mode), not SQLite's 5 s: the staff screen says the figures are unavailable rather than
freezing.
The words are English, as the rest of the insights (``kiosk stats``, the report): the
staff menu's buttons follow the kiosk's words files, these figures do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from kiosk.insights.report import duration
from kiosk.insights.stats import StatsError, read

#: Seconds the staff menu's read waits for a locked database.
BUSY_TIMEOUT = 0.2


@dataclass(frozen=True)
class Today:
    visits: int
    median_seconds: float | None  # None: no visit has ended yet today


def today(path: Path, day: date, tz: tzinfo | None = None) -> Today | None:
    """The visits that began on ``day`` in the database at ``path`` (none when it is not
    written yet); None when it cannot be read (locked, damaged)."""
    if not path.exists():
        return Today(0, None)
    try:
        stats = read([path], since=day, until=day, tz=tz, busy_timeout=BUSY_TIMEOUT)
    except StatsError:
        return None
    return Today(stats.sessions, stats.median_session_seconds)


def lines(figures: Today | None, *, off: str | None = None) -> str:
    """What the staff menu says: today's figures and that recording is on, or only
    that it is off and why (``off``). ``figures`` None: the database could not be read."""
    if off is not None:
        return f"Recording visits: off ({off})"
    if figures is None:
        first = "Visits today: unavailable (the database is busy or damaged; try again)"
    elif figures.median_seconds is None:
        first = f"Visits today: {figures.visits}, none ended yet"
    else:
        first = f"Visits today: {figures.visits}, median length {duration(figures.median_seconds)}"
    return f"{first}\nRecording visits: on"
