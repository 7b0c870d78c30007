"""The figures of one or several kiosks' databases over a period, as plain dataclasses.

Several databases (a fleet's files, collected by Syncthing or scp) are read together;
each keeps the kiosk it came from (the ``kiosk`` key of its meta table). Days and hours
of visits are those of ``tz`` (the machine's own zone unless told); the slides and
languages come from the daily summaries the store keeps (kiosk.insights.schema), by the
days of the kiosk's own clock, so a year reads in well under a second.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

#: A film or sound played this far counts as played to the end.
COMPLETE = 0.95


class StatsError(Exception):
    """A database that cannot be read, said in plain words."""


@dataclass(frozen=True)
class SlideFigures:
    slide_id: str
    views: int
    total_seconds: float
    median_seconds: float  # to the whole second (counted by second in SQL, for speed)


@dataclass(frozen=True)
class MediaFigures:
    slide_id: str
    plays: int
    played_to_end: int
    median_fraction: float


@dataclass(frozen=True)
class Stats:
    since: date | None
    until: date | None
    kiosks: tuple[str, ...]
    sessions: int
    per_day: tuple[tuple[date, int], ...]
    per_hour: tuple[int, ...]  # 24 counts, hour 0 first
    median_session_seconds: float | None
    slides: tuple[SlideFigures, ...]  # visitor mode, most total dwell first
    chapter_jumps: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]  # sessions that read each language
    countdown_answered: int
    countdown_lapsed: int
    media: tuple[MediaFigures, ...]
    kiosk_events: tuple[tuple[str, int], ...]


def read(
    paths: Sequence[Path],
    *,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo | None = None,
    busy_timeout: float = 5.0,
) -> Stats:
    """The figures of the databases at ``paths`` from ``since`` to ``until`` (both days in).

    ``busy_timeout``: seconds to wait for a database another connection holds locked
    before giving up with :class:`StatsError` (SQLite's default, 5 s, for ``kiosk stats``;
    the staff menu, on the GUI thread, waits far less: kiosk.insights.today).
    """
    # None: the machine's own zone with its summer time (naive local datetimes), as the
    # store's daily summaries; not today's offset, which is an hour off half the year.
    zone = tz
    if since and until and since > until:
        raise StatsError(f"the first day {since} is after the last day {until}")
    try:
        low = datetime.combine(since, time(), zone).timestamp() if since else float("-inf")
        high = (
            datetime.combine(until + timedelta(days=1), time(), zone).timestamp()
            if until
            else float("inf")
        )
    except (ValueError, OverflowError, OSError) as error:
        raise StatsError(
            f"the period {since or '...'} to {until or '...'} is out of the clock's range "
            f"({error}); give days between 1970 and 9998"
        ) from error
    kiosks: list[str] = []
    sessions: list[tuple[float, float | None, str | None]] = []
    buckets: dict[str, Counter[int]] = defaultdict(Counter)
    views: Counter[str] = Counter()
    totals: dict[str, float] = defaultdict(float)
    languages: Counter[str] = Counter()
    chapters: Counter[str] = Counter()
    answered = 0
    plays: dict[str, list[float]] = defaultdict(list)
    life: Counter[str] = Counter()
    days = (since.isoformat() if since else "", until.isoformat() if until else "9999")
    for path in paths:
        kiosk, rows = _read_one(path, low, high, days, busy_timeout)
        kiosks.append(kiosk)
        sessions += rows.sessions
        for slide_id, second, count, seconds in rows.slides:
            buckets[slide_id][second] += count
            views[slide_id] += count
            totals[slide_id] += seconds
        languages.update(dict(rows.languages))
        for kind, slide_id, count in rows.actions:
            if kind == "chapter" and slide_id:
                chapters[slide_id] += count
            elif kind == "countdown_answered":
                answered += count
        for slide_id, value in rows.media:
            plays[slide_id].append(value)
        life.update(dict(rows.kiosk_events))

    def day(t: float) -> date:
        return datetime.fromtimestamp(t, zone).date()

    days = Counter(day(start) for start, _, _ in sessions)
    first = since or (min(days) if days else None)
    last = until or (max(days) if days else None)
    per_day: list[tuple[date, int]] = []
    if first and last:
        per_day = [
            (first + timedelta(n), days[first + timedelta(n)])
            for n in range((last - first).days + 1)
        ]
    hours = Counter(datetime.fromtimestamp(start, zone).hour for start, _, _ in sessions)
    lengths = [end - start for start, end, _ in sessions if end is not None]
    ranked = sorted(
        (SlideFigures(s, views[s], totals[s], _bucket_median(buckets[s])) for s in views),
        key=lambda f: (-f.total_seconds, f.slide_id),
    )
    media = sorted(
        (
            MediaFigures(s, len(f), sum(x >= COMPLETE for x in f), statistics.median(f))
            for s, f in plays.items()
        ),
        key=lambda m: (-m.plays, m.slide_id),
    )
    if len(set(kiosks)) < len(kiosks):  # one host's files, or ids that repeat: say which
        kiosks = [
            f"{k} ({p})" if kiosks.count(k) > 1 else k for k, p in zip(kiosks, paths, strict=True)
        ]
    return Stats(
        since=first,
        until=last,
        kiosks=tuple(kiosks),
        sessions=len(sessions),
        per_day=tuple(per_day),
        per_hour=tuple(hours[h] for h in range(24)),
        median_session_seconds=statistics.median(lengths) if lengths else None,
        slides=tuple(ranked),
        chapter_jumps=_ranked(chapters),
        languages=_ranked(languages),
        countdown_answered=answered,
        countdown_lapsed=sum(reason == "countdown_lapsed" for *_, reason in sessions),
        media=tuple(media),
        kiosk_events=_ranked(life),
    )


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _bucket_median(counts: Counter[int]) -> float:
    """The median of values counted by whole second: the second it falls in (the mean
    of two seconds for an even count between them)."""
    total = sum(counts.values())
    middle = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for second in sorted(counts):
        seen += counts[second]
        while len(found) < 2 and seen > middle[len(found)]:
            found.append(second)
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


@dataclass
class _Rows:
    """One database's rows of the period, aggregated in SQL where Python would loop."""

    sessions: list[tuple[float, float | None, str | None]]
    slides: list[tuple[str, int, int, float]]  # slide, whole second, views, seconds
    languages: list[tuple[str, int]]  # visits that read each language, per day
    actions: list[tuple[str, str | None, int]]  # kind, slide, times (not media)
    media: list[tuple[str, float]]
    kiosk_events: list[tuple[str, int]]


def _read_one(
    path: Path, low: float, high: float, days: tuple[str, str], busy_timeout: float
) -> tuple[str, _Rows]:
    """The kiosk's name and its rows from ``low`` to ``high``; the slides and languages
    from the daily summaries, ``days`` the first and last (ISO dates, both in). Without
    a period the tables are read whole, not through their time index (much slower)."""
    if not path.is_file():
        raise StatsError(
            f"{path}: no such database file: this account's kiosk has recorded nothing, or "
            "the database is elsewhere; give its path with --db (the kiosk account's is "
            "~kiosk/.local/share/kiosk/insights.sqlite3)"
        )

    def period(column: str) -> str:
        if low == float("-inf") and high == float("inf"):
            return "1"
        return f"{column} >= :low AND {column} < :high"

    bounds = {"low": low, "high": high, "first": days[0], "last": days[1]}
    try:
        with _opened(path, busy_timeout) as con:
            found = con.execute("SELECT value FROM meta WHERE key = 'kiosk'").fetchone()

            def q(sql: str) -> list[tuple]:
                return con.execute(sql, bounds).fetchall()

            rows = _Rows(
                sessions=q(f"SELECT start, end, reason FROM sessions WHERE {period('start')}"),
                slides=q(
                    "SELECT slide_id, second, sum(views), sum(seconds) FROM slide_days"
                    " WHERE day >= :first AND day <= :last GROUP BY 1, 2"
                ),
                languages=q(
                    "SELECT language, sum(visits) FROM language_days"
                    " WHERE day >= :first AND day <= :last GROUP BY language"
                ),
                actions=q(
                    "SELECT kind, slide_id, count(*) FROM actions WHERE kind != 'media'"
                    f" AND {period('at')} GROUP BY 1, 2"
                ),
                media=q(
                    "SELECT slide_id, value FROM actions WHERE kind = 'media'"
                    f" AND slide_id IS NOT NULL AND value IS NOT NULL AND {period('at')}"
                ),
                kiosk_events=q(
                    f"SELECT kind, count(*) FROM kiosk_events WHERE {period('at')} GROUP BY kind"
                ),
            )
    except (sqlite3.Error, OSError) as error:
        raise StatsError(
            f"{path}: cannot be read as a kiosk's insights database ({error})"
        ) from error
    return (found[0] if found else path.stem), rows


@contextlib.contextmanager
def _opened(path: Path, busy_timeout: float) -> Iterator[sqlite3.Connection]:
    """``path`` opened for reading, changing nothing in its folder, which may be read-only.

    SQLite's ``mode=ro`` still makes a ``-shm`` and ``-wal`` beside a database in WAL
    mode, and fails where it cannot (a read-only folder, another user's files). Without a
    ``-wal`` no one has the file open: it is read as immutable. With a ``-wal`` and its
    ``-shm`` a kiosk writes it now: ``mode=ro`` shares them. A ``-wal`` without a
    ``-shm`` is a copy (its rows are in the ``-wal``): it is read from a private copy.
    """
    wal, shm = (path.with_name(path.name + end) for end in ("-wal", "-shm"))
    uri = path.resolve().as_uri()
    with contextlib.ExitStack() as stack:
        if not wal.exists():
            uri += "?mode=ro&immutable=1"
        elif not shm.exists():
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-stats-")))
            shutil.copyfile(path, folder / "copy.sqlite3")
            shutil.copyfile(wal, folder / "copy.sqlite3-wal")
            uri = (folder / "copy.sqlite3").as_uri()
        else:
            uri += "?mode=ro"
        con = sqlite3.connect(uri, uri=True, timeout=busy_timeout)
        stack.callback(con.close)
        yield con
