"""The recorder's database: SQLite (WAL) written by one thread, in batches, bounded.

The kiosk calls :meth:`Store.record` from its GUI thread: it never blocks and never
raises. A writer thread commits what it was given every ``batch_seconds`` and at each
:meth:`Store.flush` (the presentation flushes at each reset), so a kill -9 or a power cut
loses at most the last batch: WAL with ``synchronous=FULL`` syncs each batch to the disk
as it commits (NORMAL keeps the file readable but may lose every batch since the last
checkpoint to a power cut). One sync a batch, at most every ``batch_seconds`` while a
visitor is there; the attract loop's slides, a row every few seconds all day and all
year, wait up to ``attract_batch_seconds`` (twenty times as long: a minute) for their
batch, which spares an SD card some 100 MB of writes a day (benchmarks/closed_cpu.py
counted one sync a slide).
Retention counts the kiosk's running time, not the wall clock's jumps: a Pi without a
real-time clock that boots with a date years ahead, or a clock set wrong while it runs,
would otherwise delete every record at its first prune. So the time the store prunes by
(kept in the meta table as ``pruned_at``) starts at the opening's time but at most a day
after the last one kept, and then advances at most twice as fast as the writer's
monotonic clock (:meth:`Store._prune_time`): a jump deletes at most a day of the oldest
rows per start, and the lag a kiosk switched off for days builds up is made good while it
runs. A kiosk really off for longer keeps its oldest rows a while past the retention (the
size cap still holds); rows written while the clock was wrong keep their wrong times.
Anything that stops the writing (a full disk, an unwritable folder, a file where the
folder should be, a corrupt or newer database) turns recording off with one log line.
"""

from __future__ import annotations

import contextlib
import logging
import platform
import queue
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

from kiosk.insights import events as ev
from kiosk.insights.schema import DAY_TABLES, TABLES, TIME_COLUMNS, VERSION

log = logging.getLogger("kiosk.insights")

DAY = 86_400.0
RETENTION_DAYS = 400
MAX_BYTES = 200 * 1024 * 1024
BATCH_SECONDS = 3.0
#: How many times longer the attract loop's slides wait for their batch than the rest.
ATTRACT_BATCH_FACTOR = 20
QUEUE_SIZE = 10_000
#: When the rows fill this share of the size cap, the oldest fifth of each table goes.
TRIM_AT = 0.9
#: Recording stops while the disk has less free: the exhibition's own copies (a new
#: bundle staged, the last good one kept) need the space more than visitor figures do.
MIN_FREE_BYTES = 64 * 1024 * 1024
#: The time the store prunes by advances at most this many times as fast as real time.
CATCH_UP = 2.0

_STOP = object()
_TICK = object()


class _Flush:
    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = threading.Event()


class _NoRoomError(OSError):
    """The disk is nearly full: recording gives way to the exhibition."""


class _Full(sqlite3.OperationalError):
    """The database reached its size cap (max_page_count), not the disk."""


class Store:
    """Record visitor events into the SQLite database at ``path``.

    ``now`` (seconds since the epoch) is the time of opening: rows older than the
    retention go then, and again each day of event time after; ``monotonic`` is the
    writer's real time (seconds, any origin), which bounds how far that time advances.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: float,
        kiosk_id: str | None = None,
        retention_days: float = RETENTION_DAYS,
        max_bytes: int = MAX_BYTES,
        batch_seconds: float = BATCH_SECONDS,
        attract_batch_seconds: float | None = None,
        queue_size: int = QUEUE_SIZE,
        tz: tzinfo | None = None,
        min_free_bytes: int = MIN_FREE_BYTES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.tz = tz  # the days of the daily summaries (None: the machine's own zone)
        self.kiosk_id = kiosk_id or platform.node() or "kiosk"
        self.retention = retention_days * DAY
        self.max_bytes = max_bytes
        self.batch_seconds = batch_seconds
        self.attract_batch_seconds = (
            batch_seconds * ATTRACT_BATCH_FACTOR
            if attract_batch_seconds is None
            else max(batch_seconds, attract_batch_seconds)
        )
        self.min_free_bytes = min_free_bytes
        self.dropped = 0
        self.written = 0
        self._on = True
        #: Why recording went off (the error, in a few words), for the staff menu.
        self.off_reason: str | None = None
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._con: sqlite3.Connection | None = None
        self._session: int | None = None
        self._languages: set[str] = set()  # those the visit on now has read
        self._monotonic = monotonic
        self._pruned_at = now
        #: The prune time at the opening, and the monotonic time then (_prune_time).
        self._anchor = (now, 0.0)
        self._thread = threading.Thread(
            target=self._run, args=(now,), name="insights-writer", daemon=True
        )
        self._thread.start()

    # -- the caller's side -----------------------------------------------------------
    @property
    def recording(self) -> bool:
        return self._on

    def record(self, event: ev.Event) -> None:
        """Queue ``event`` for the writer; drops it (counted) when recording is off."""
        if not self._on:
            self.dropped += 1
            return
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self.dropped += 1

    def flush(self, *, wait: bool = False) -> None:
        """Commit what was recorded so far; ``wait`` until it is written (or failed)."""
        if not self._on:
            return
        marker = _Flush()
        try:
            self._queue.put_nowait(marker)
        except queue.Full:
            return
        if wait:
            while not marker.done.wait(0.05):
                if not self._thread.is_alive():
                    return

    def close(self) -> None:
        """Write what is queued and stop the writer."""
        while self._thread.is_alive():
            with contextlib.suppress(queue.Full):
                self._queue.put(_STOP, timeout=0.1)
                break
        self._thread.join()

    # -- the writer thread -----------------------------------------------------------
    def _run(self, now: float) -> None:
        try:
            self._open(now)
        except (sqlite3.Error, OSError) as error:
            self._fail(error)
            return
        pending: list[ev.Event] = []
        deadline = 0.0
        while True:
            timeout = max(0.0, deadline - time.monotonic()) if pending else None
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = _TICK
            if isinstance(item, ev.Event):
                due = time.monotonic() + self._wait_for(item)  # type: ignore[arg-type]
                deadline = min(deadline, due) if pending else due
                pending.append(item)  # type: ignore[arg-type]
                continue
            try:
                self._write(pending)
            except (sqlite3.Error, OSError) as error:
                self._fail(error)
                return
            finally:
                pending = []
                if isinstance(item, _Flush):
                    item.done.set()
            if item is _STOP:
                self._shut()
                return

    def _wait_for(self, event: ev.Event) -> float:
        """How long ``event`` may wait for its batch: the attract loop's slides longest."""
        if isinstance(event, ev.SlideShown) and event.mode == "attract":
            return self.attract_batch_seconds
        return self.batch_seconds

    def _open(self, now: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._check_room()
        con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._con = con
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise sqlite3.DatabaseError(f"written by a newer kiosk (schema {version})")
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the database is damaged")
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            raise sqlite3.DatabaseError(f"cannot use write-ahead logging ({mode})")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA journal_size_limit=4194304")
        page = con.execute("PRAGMA page_size").fetchone()[0]
        con.execute(f"PRAGMA max_page_count={max(8, self.max_bytes // page)}")
        con.executescript(TABLES)
        con.execute(f"PRAGMA user_version={VERSION}")
        con.execute(
            "INSERT INTO meta VALUES ('kiosk', ?) ON CONFLICT(key) DO NOTHING", (self.kiosk_id,)
        )
        kept = con.execute("SELECT value FROM meta WHERE key = 'pruned_at'").fetchone()
        start = now if kept is None else min(now, float(kept[0]) + DAY)
        self._anchor = (start, self._monotonic())
        self._prune(start)

    def _prune_time(self, event_time: float) -> float:
        """The time to prune by: the event's, but no later than the opening's prune time
        plus twice the real time run since (a clock's jump ahead deletes nothing)."""
        start, at = self._anchor
        return min(event_time, start + CATCH_UP * max(0.0, self._monotonic() - at))

    def _check_room(self) -> None:
        free = shutil.disk_usage(self.path.parent).free
        if free < self.min_free_bytes:
            raise _NoRoomError(
                f"only {free // 2**20} MB free on its disk, under the "
                f"{self.min_free_bytes // 2**20} MB the exhibition's copies keep"
            )

    def _write(self, batch: list[ev.Event]) -> None:
        if not batch:
            return
        self._check_room()
        try:
            self._commit(batch)
        except _Full:
            self._trim()
            self._commit(batch)  # a second full: the disk itself, so recording goes off
        self.written += len(batch)
        last = self._prune_time(_time(batch[-1]))
        if last >= self._pruned_at + DAY:
            self._prune(last)
        if self._used_share() > TRIM_AT:
            self._trim()

    def _commit(self, batch: list[ev.Event]) -> None:
        assert self._con is not None
        session, languages = self._session, set(self._languages)
        try:
            self._con.execute("BEGIN")
            for event in batch:
                self._insert(event)
            self._con.execute("COMMIT")
        except sqlite3.Error as error:
            self._session, self._languages = session, languages
            with contextlib.suppress(sqlite3.Error):
                self._con.execute("ROLLBACK")
            if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL and (self._at_cap()):
                raise _Full from error
            raise

    def _insert(self, e: ev.Event) -> None:
        assert self._con is not None
        run = self._con.execute
        match e:
            case ev.SlideShown():
                run(
                    "INSERT INTO slides (session, slide_id, idx, language, mode, start, dwell,"
                    " reached_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (self._session if e.mode == "visitor" else None, e.slide_id, e.index,
                     e.language, e.mode, e.start, e.dwell, e.reached_by),
                )  # fmt: skip
                if e.mode == "visitor":
                    self._summarise(e)
            case ev.SessionStarted():
                self._session = run("INSERT INTO sessions (start) VALUES (?)", (e.at,)).lastrowid
                self._languages = set()
            case ev.SessionEnded():
                if self._session is not None:
                    run(
                        "UPDATE sessions SET end = ?, reason = ? WHERE id = ?",
                        (e.at, e.reason, self._session),
                    )
                self._session = None
            case ev.KioskEvent():
                run("INSERT INTO kiosk_events (at, kind) VALUES (?, ?)", (e.at, e.kind))
            case _:
                kind, slide, language, value = _action(e)
                run(
                    "INSERT INTO actions (session, at, kind, slide_id, language, value)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (self._session, e.at, kind, slide, language, value),
                )

    def _summarise(self, e: ev.SlideShown) -> None:
        """A visitor's slide into the daily summaries (kiosk.insights.schema)."""
        assert self._con is not None
        day = self._day(e.start)
        self._con.execute(
            "INSERT INTO slide_days VALUES (?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET"
            " views = views + 1, seconds = seconds + excluded.seconds",
            (day, e.slide_id, int(e.dwell), e.dwell),
        )
        if self._session is not None and e.language not in self._languages:
            self._languages.add(e.language)
            self._con.execute(
                "INSERT INTO language_days VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET"
                " visits = visits + 1",
                (day, e.language),
            )

    def _day(self, t: float) -> str:
        return datetime.fromtimestamp(t, self.tz).date().isoformat()

    def _prune(self, now: float) -> None:
        assert self._con is not None
        cutoff = now - self.retention
        self._con.execute("BEGIN")
        for table, column in TIME_COLUMNS.items():
            self._con.execute(f"DELETE FROM {table} WHERE {column} < ?", (cutoff,))
        for table in DAY_TABLES:
            self._con.execute(f"DELETE FROM {table} WHERE day < ?", (self._day(cutoff),))
        self._con.execute(
            "INSERT INTO meta VALUES ('pruned_at', ?) ON CONFLICT(key) DO UPDATE"
            " SET value = excluded.value",
            (repr(now),),
        )
        self._con.execute("COMMIT")
        self._pruned_at = now

    def _pages(self, pragma: str) -> int:
        assert self._con is not None
        return int(self._con.execute(f"PRAGMA {pragma}").fetchone()[0])

    def _at_cap(self) -> bool:
        return self._pages("page_count") >= self._pages("max_page_count")

    def _used_share(self) -> float:
        used = self._pages("page_count") - self._pages("freelist_count")
        return used / self._pages("max_page_count")

    def _trim(self) -> None:
        """Delete the oldest fifth of each table; their pages are reused, the file stays."""
        assert self._con is not None
        self._con.execute("BEGIN")
        for table in TIME_COLUMNS:
            (count,) = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
            if count:
                self._con.execute(
                    f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} ORDER BY id LIMIT ?)",
                    (max(1, count // 5),),
                )
        (first,) = self._con.execute("SELECT min(start) FROM slides").fetchone()
        for table in DAY_TABLES:  # the days no slide is left of
            if first is None:
                self._con.execute(f"DELETE FROM {table}")
            else:
                self._con.execute(f"DELETE FROM {table} WHERE day < ?", (self._day(first),))
        self._con.execute("COMMIT")

    def _fail(self, error: BaseException) -> None:
        self.off_reason = f"cannot write {self.path}: {error}"
        self._on = False
        log.error(
            "Visitor insights: recording is off: cannot write %s (%s). The kiosk goes on; "
            "free disk space or fix the folder, then restart the kiosk.",
            self.path,
            error,
        )
        self._shut()
        while True:  # release anyone waiting on a flush
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Flush):
                item.done.set()

    def _shut(self) -> None:
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
            self._con = None


def _time(e: ev.Event) -> float:
    return e.start if isinstance(e, ev.SlideShown) else e.at


def _action(e: ev.Event) -> tuple[str, str | None, str | None, float | None]:
    match e:
        case ev.ChapterJump():
            return "chapter", e.slide_id, None, None
        case ev.LanguageChosen():
            return "language", None, e.language, None
        case ev.MediaPlayed():
            return "media", e.slide_id, None, e.fraction
        case ev.CountdownAnswered():
            return "countdown_answered", None, None, None
    raise TypeError(f"not an insights event: {e!r}")
