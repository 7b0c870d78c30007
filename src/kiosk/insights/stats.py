"""The figures of one or several kiosks' databases over a period, as plain dataclasses.

Several databases (a fleet's files, collected by Syncthing or scp) are read together;
each keeps the kiosk it came from (the ``kiosk`` key of its meta table). Days and hours
are those of ``tz`` (the machine's own zone unless told).
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
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
    median_seconds: float


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
) -> Stats:
    """The figures of the databases at ``paths`` from ``since`` to ``until`` (both days in)."""
    zone = tz or datetime.now().astimezone().tzinfo
    assert zone is not None
    low = datetime.combine(since, time(), zone).timestamp() if since else float("-inf")
    high = (
        datetime.combine(until + timedelta(days=1), time(), zone).timestamp()
        if until
        else float("inf")
    )
    kiosks: list[str] = []
    sessions: list[tuple[str, int, float, float | None, str | None]] = []
    slides: list[tuple[str, int | None, str, str, str, float, float]] = []
    actions: list[tuple[str, str, str | None, float | None]] = []
    life: list[str] = []
    for path in paths:
        kiosk, rows = _read_one(path, low, high)
        kiosks.append(kiosk)
        sessions += [(kiosk, *row) for row in rows["sessions"]]
        slides += [(kiosk, *row) for row in rows["slides"]]
        actions += rows["actions"]
        life += [kind for (kind,) in rows["kiosk_events"]]

    def day(t: float) -> date:
        return datetime.fromtimestamp(t, zone).date()

    days = Counter(day(start) for _, _, start, _, _ in sessions)
    first = since or (min(days) if days else None)
    last = until or (max(days) if days else None)
    per_day: list[tuple[date, int]] = []
    if first and last:
        per_day = [
            (first + timedelta(n), days[first + timedelta(n)])
            for n in range((last - first).days + 1)
        ]
    hours = Counter(datetime.fromtimestamp(start, zone).hour for _, _, start, _, _ in sessions)
    lengths = [end - start for _, _, start, end, _ in sessions if end is not None]

    dwell: dict[str, list[float]] = defaultdict(list)
    read_in: dict[tuple[str, int], set[str]] = defaultdict(set)
    for kiosk, session, slide_id, language, mode, _, seconds in slides:
        if mode != "visitor":
            continue
        dwell[slide_id].append(seconds)
        if session is not None:
            read_in[(kiosk, session)].add(language)
    ranked = sorted(
        (SlideFigures(s, len(d), sum(d), statistics.median(d)) for s, d in dwell.items()),
        key=lambda f: (-f.total_seconds, f.slide_id),
    )
    languages = Counter(lang for langs in read_in.values() for lang in langs)

    plays: dict[str, list[float]] = defaultdict(list)
    for kind, slide_id, _, value in actions:
        if kind == "media" and slide_id is not None and value is not None:
            plays[slide_id].append(value)
    media = sorted(
        (
            MediaFigures(s, len(f), sum(x >= COMPLETE for x in f), statistics.median(f))
            for s, f in plays.items()
        ),
        key=lambda m: (-m.plays, m.slide_id),
    )
    return Stats(
        since=first,
        until=last,
        kiosks=tuple(kiosks),
        sessions=len(sessions),
        per_day=tuple(per_day),
        per_hour=tuple(hours[h] for h in range(24)),
        median_session_seconds=statistics.median(lengths) if lengths else None,
        slides=tuple(ranked),
        chapter_jumps=_ranked(a[1] for a in actions if a[0] == "chapter" and a[1]),
        languages=_ranked(languages.elements()),
        countdown_answered=sum(a[0] == "countdown_answered" for a in actions),
        countdown_lapsed=sum(reason == "countdown_lapsed" for *_, reason in sessions),
        media=tuple(media),
        kiosk_events=_ranked(life),
    )


def _ranked(items: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    counts = Counter(i for i in items if i is not None)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _read_one(path: Path, low: float, high: float) -> tuple[str, dict[str, list[tuple]]]:
    if not path.is_file():
        raise StatsError(f"{path}: no such database file; give the path of a kiosk's insights")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = con.execute("SELECT value FROM meta WHERE key = 'kiosk'").fetchone()
            period = (low, high)
            rows = {
                "sessions": con.execute(
                    "SELECT id, start, end, reason FROM sessions WHERE start >= ? AND start < ?",
                    period,
                ).fetchall(),
                "slides": con.execute(
                    "SELECT session, slide_id, language, mode, start, dwell FROM slides"
                    " WHERE start >= ? AND start < ?",
                    period,
                ).fetchall(),
                "actions": con.execute(
                    "SELECT kind, slide_id, language, value FROM actions WHERE at >= ? AND at < ?",
                    period,
                ).fetchall(),
                "kiosk_events": con.execute(
                    "SELECT kind FROM kiosk_events WHERE at >= ? AND at < ?", period
                ).fetchall(),
            }
        finally:
            con.close()
    except sqlite3.Error as error:
        raise StatsError(
            f"{path}: cannot be read as a kiosk's insights database ({error})"
        ) from error
    return (found[0] if found else path.stem), rows
