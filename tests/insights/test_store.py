"""The store: a simulated week read back exactly, merged kiosks, retention, the size cap,
failures that turn recording off with one log line, and a kill -9 mid-batch."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.insights import events as ev
from kiosk.insights.stats import read
from kiosk.insights.store import DAY, Store
from kiosk.insights.today import Today, lines, today

from .locking import held_exclusively
from .simulate import Truth, week

T0 = 1_790_000_000.0
CHILD = Path(__file__).with_name("writer_child.py")


def record(path: Path, truth: Truth, kiosk: str = "hall") -> Store:
    """Feed the events as the kiosk would: flushing at each reset."""
    opened = truth.events[0]
    assert isinstance(opened, ev.KioskEvent)
    store = Store(path, now=opened.at, kiosk_id=kiosk, batch_seconds=3600)
    for event in truth.events:
        store.record(event)
        if isinstance(event, ev.SessionEnded):
            store.flush()
    store.close()
    assert store.recording
    assert store.dropped == 0
    return store


def test_a_simulated_week_reads_back_exactly_what_was_generated(tmp_path: Path) -> None:
    truth = week(seed=17)
    record(tmp_path / "hall.sqlite3", truth)

    stats = read([tmp_path / "hall.sqlite3"], tz=UTC)

    assert stats.kiosks == ("hall",)
    assert stats.since == date(2026, 3, 2)
    assert stats.until == date(2026, 3, 8)
    assert dict(stats.per_day) == dict(truth.per_day)
    assert stats.sessions == sum(truth.per_day.values()) > 50
    assert stats.per_hour == tuple(truth.per_hour[h] for h in range(24))
    assert stats.median_session_seconds == truth.median_length
    assert {s.slide_id: s.total_seconds for s in stats.slides} == {
        k: sum(v) for k, v in truth.dwell.items()
    }
    assert [s.total_seconds for s in stats.slides] == sorted(
        (s.total_seconds for s in stats.slides), reverse=True
    )
    assert {s.slide_id: s.views for s in stats.slides} == {
        k: len(v) for k, v in truth.dwell.items()
    }
    assert dict(stats.chapter_jumps) == dict(truth.chapters)
    assert dict(stats.languages) == dict(truth.languages)
    assert (stats.countdown_answered, stats.countdown_lapsed) == (truth.answered, truth.lapsed)
    assert {s.slide_id: s.median_seconds for s in stats.slides} == {
        k: statistics.median(v)
        for k, v in truth.dwell.items()  # whole seconds: exact
    }
    (media,) = stats.media
    assert media.plays == len(truth.media["slide-3"])
    assert media.played_to_end == truth.media["slide-3"].count(1.0)
    assert dict(stats.kiosk_events) == dict(truth.life)


def test_since_and_until_keep_only_those_days(tmp_path: Path) -> None:
    truth = week(seed=3)
    record(tmp_path / "a.sqlite3", truth)

    stats = read([tmp_path / "a.sqlite3"], since=date(2026, 3, 4), until=date(2026, 3, 5), tz=UTC)

    assert [d for d, _ in stats.per_day] == [date(2026, 3, 4), date(2026, 3, 5)]
    assert stats.sessions == truth.per_day[date(2026, 3, 4)] + truth.per_day[date(2026, 3, 5)]


def test_two_kiosks_databases_are_merged(tmp_path: Path) -> None:
    one, two = week(seed=1), week(seed=2)
    record(tmp_path / "a.sqlite3", one, kiosk="hall")
    record(tmp_path / "b.sqlite3", two, kiosk="foyer")

    stats = read([tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"], tz=UTC)

    assert stats.kiosks == ("hall", "foyer")
    assert dict(stats.per_day) == dict(one.per_day + two.per_day)
    assert dict(stats.languages) == dict(one.languages + two.languages)
    assert stats.countdown_lapsed == one.lapsed + two.lapsed


def slide(at: float) -> ev.SlideShown:
    return ev.SlideShown("s", 0, "en", "visitor", at, 5.0, "swipe")


def count(path: Path, table: str = "slides") -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


class Monotonic:
    """The writer's real time, passed in."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rows_past_the_retention_go_on_open_and_each_day(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite3"
    real = Monotonic()
    store = Store(path, now=T0, retention_days=10, monotonic=real)
    store.record(slide(T0))
    store.record(slide(T0 + 5 * DAY))
    store.flush(wait=True)
    real.now += 6 * DAY  # (the prune time may run twice as fast as real time)
    store.record(slide(T0 + 12 * DAY))  # a day later in event time: T0 is now too old
    store.close()
    assert count(path) == 2

    # at most a day after the last prune (T0 + 12): T0 + 13, so up to T0 + 6 with 7 days
    Store(path, now=T0 + 16 * DAY, retention_days=7).close()

    assert count(path) == 1


def test_a_clock_jumping_years_ahead_deletes_nothing(tmp_path: Path) -> None:
    """A Pi without a real-time clock that boots with a date years ahead (or a clock set
    wrong while it runs): the retention counts real time, not the jump."""
    path = tmp_path / "i.sqlite3"
    real = Monotonic()
    store = Store(path, now=T0, retention_days=400, monotonic=real)
    for day in range(3):
        store.record(slide(T0 + day * DAY))
        real.now += DAY
        store.flush(wait=True)
    real.now += 60
    store.record(slide(T0 + 1000 * DAY))  # the clock jumped 1,000 days ahead
    store.flush(wait=True)
    store.record(slide(T0 + 1002 * DAY))  # and ran on two days: a prune is due
    store.close()
    assert count(path) == 5

    Store(path, now=T0 + 3000 * DAY, retention_days=400).close()  # a start years ahead
    assert count(path) == 5

    real = Monotonic()  # a start at the right time, then 401 days of running
    store = Store(path, now=T0 + 3 * DAY, retention_days=400, monotonic=real)
    store.flush(wait=True)  # opened (the writer reads its real time then)
    real.now += 401 * DAY
    store.record(slide(T0 + 401.5 * DAY))
    store.close()
    assert count(path) == 4  # only the first day's row went; the future rows stay


def test_the_size_cap_deletes_the_oldest_rows_and_the_file_never_grows_past_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "i.sqlite3"
    cap = 128 * 1024
    store = Store(path, now=T0, max_bytes=cap, batch_seconds=3600)
    for n in range(6000):
        store.record(slide(T0 + n))
        if n % 200 == 0:
            store.flush(wait=True)
            assert path.stat().st_size <= cap
    store.close()

    assert store.recording
    assert path.stat().st_size <= cap
    with sqlite3.connect(path) as con:
        query = "SELECT min(start), max(start), count(*) FROM slides"
        first, last, rows = con.execute(query).fetchone()
    assert last == T0 + 5999
    assert 100 < rows < 6000
    assert first > T0


def test_a_file_where_the_folder_should_be_turns_recording_off_with_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "data").write_text("not a folder")
    store = Store(tmp_path / "data" / "i.sqlite3", now=T0)
    store.flush(wait=True)
    for n in range(20):
        store.record(slide(T0 + n))  # never raises
        store.flush(wait=True)
    store.close()

    assert not store.recording
    assert store.dropped == 20
    lines = [r for r in caplog.records if r.name == "kiosk.insights"]
    assert len(lines) == 1
    assert "recording is off" in lines[0].getMessage()
    assert str(tmp_path / "data") in lines[0].getMessage()


def test_a_corrupt_database_turns_recording_off_with_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "i.sqlite3"
    path.write_bytes(b"this is no database " * 500)
    store = Store(path, now=T0)
    store.record(slide(T0))
    store.close()

    assert not store.recording
    assert len([r for r in caplog.records if r.name == "kiosk.insights"]) == 1
    assert path.read_bytes() == b"this is no database " * 500  # left as it was


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_folder_turns_recording_off(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    store = Store(folder / "i.sqlite3", now=T0)
    store.close()
    assert not store.recording


def test_a_full_disk_turns_recording_off_with_one_line(tmp_path: Path) -> None:
    """A file-size limit (RLIMIT_FSIZE) stands in for a full disk, in a subprocess."""
    done = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "i.sqlite3"), "full"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split()[0] == "off"
    assert int(done.stdout.split()[1]) > 0  # the events after it were dropped, counted
    logged = [line for line in done.stderr.splitlines() if line.startswith("LOG")]
    assert len(logged) == 1, done.stderr
    assert "recording is off" in logged[0]


def test_a_nearly_full_disk_is_left_to_the_exhibition(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Under the reserve of free space no database is made at all: a new bundle's copy
    needs the room more (tests/content/test_start_choice.py runs a kiosk on a 1 MB disk)."""
    free = shutil.disk_usage(tmp_path).free
    store = Store(tmp_path / "i.sqlite3", now=T0, min_free_bytes=free + 2**30)
    store.record(slide(T0))
    store.close()

    assert not store.recording
    assert not (tmp_path / "i.sqlite3").exists()
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.insights"]
    assert len(lines) == 1 and "MB free on its disk" in lines[0], lines
    assert store.off_reason is not None and "MB free" in store.off_reason


def test_recording_stops_when_the_disk_fills_up_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "i.sqlite3", now=T0, batch_seconds=60)
    store.record(slide(T0))
    store.flush(wait=True)
    assert store.recording and store.written == 1
    store.min_free_bytes = shutil.disk_usage(tmp_path).free + 2**30  # the disk fills
    store.record(slide(T0 + 1))
    store.flush(wait=True)
    store.record(slide(T0 + 2))
    store.close()

    assert not store.recording
    assert store.written == 1 and store.dropped == 1
    with sqlite3.connect(tmp_path / "i.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM slides").fetchone()[0] == 1


def test_each_batch_is_synced_as_it_commits(tmp_path: Path) -> None:
    """A power cut loses at most the last batch only if every commit reaches the disk:
    WAL's NORMAL sync may lose all since the last checkpoint (sqlite.org/pragma.html)."""
    store = Store(tmp_path / "i.sqlite3", now=T0)
    store.record(slide(T0))
    store.flush(wait=True)
    assert store._con is not None
    assert store._con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_the_attract_loops_slides_wait_longer_for_their_batch(tmp_path: Path) -> None:
    """A row every few seconds all year: the loop's slides are synced in minute batches;
    a visitor's next event takes them along in its own short batch."""
    store = Store(tmp_path / "i.sqlite3", now=T0, batch_seconds=0.05, attract_batch_seconds=3600)
    store.record(ev.SlideShown("s", 0, "en", "attract", T0, 8.0, "auto"))
    for _ in range(30):  # ten times the visitor's batch time: the loop's row still waits
        time.sleep(0.01)
    assert store.written == 0
    store.record(slide(T0 + 8))
    for _ in range(1000):  # a hang guard only: the visitor's batch comes in 0.05 s
        if store.written:
            break
        time.sleep(0.01)
    assert store.written == 2
    store.close()
    assert count(tmp_path / "i.sqlite3") == 2


def test_a_kill_9_mid_batch_loses_at_most_the_last_batch(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite3"
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(path), "kill"], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        for _ in range(20):
            committed = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        child.wait()

    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (rows,) = con.execute("SELECT count(*) FROM slides").fetchone()
    assert committed >= 1000
    assert rows >= committed  # everything flushed is there; only the batch after may be lost
    assert rows % 50 == 0  # whole batches only


def test_todays_figures_for_the_staff_menu(tmp_path: Path) -> None:
    path = tmp_path / "insights.sqlite3"
    assert today(path, datetime.now(UTC).date()) == Today(0, None)  # not written yet
    assert lines(Today(0, None)) == "Visits today: 0, none ended yet\nRecording visits: on"
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC).timestamp()
    store = Store(path, now=noon, kiosk_id="hall")
    for start, seconds in ((noon - DAY, 50.0), (noon, 30.0), (noon + 60, 90.0), (noon + 200, 0)):
        store.record(ev.SessionStarted(start))
        if seconds:
            store.record(ev.SessionEnded(start + seconds, "idle_reset"))
    store.close()
    figures = today(path, datetime.fromtimestamp(noon, UTC).date(), UTC)
    assert figures == Today(3, 60.0)  # yesterday's not; the one under way counts, unended
    assert lines(figures).splitlines()[0] == "Visits today: 3, median length 1 min 0 s"
    assert lines(figures, off="the disk is full") == "Recording visits: off (the disk is full)"


def test_the_staff_read_of_a_locked_database_gives_up_after_its_short_timeout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "insights.sqlite3"
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC).timestamp()
    store = Store(path, now=noon, kiosk_id="hall")
    store.record(ev.SessionStarted(noon))
    store.close()
    day = datetime.fromtimestamp(noon, UTC).date()
    with held_exclusively(path):
        # SQLite's default 5 s would outlast the lock and read the figures
        figures = today(path, day, UTC)
    assert figures is None
    assert lines(figures).splitlines() == [
        "Visits today: unavailable (the database is busy or damaged; try again)",
        "Recording visits: on",
    ]
    assert today(path, day, UTC) == Today(1, None)  # once the lock is gone


def test_one_days_slides_and_languages_come_from_the_daily_summaries(tmp_path: Path) -> None:
    """The summaries the store keeps agree with its rows, for a day of the week."""
    path = tmp_path / "hall.sqlite3"
    record(path, week(seed=5))
    day = date(2026, 3, 4)
    low = datetime(2026, 3, 4, tzinfo=UTC).timestamp()

    stats = read([path], since=day, until=day, tz=UTC)

    with sqlite3.connect(path) as con:
        slides = con.execute(
            "SELECT slide_id, count(*), sum(dwell) FROM slides WHERE mode = 'visitor'"
            " AND start >= ? AND start < ? GROUP BY slide_id",
            (low, low + DAY),
        ).fetchall()
        languages = con.execute(
            "SELECT language, count(DISTINCT session) FROM slides WHERE mode = 'visitor'"
            " AND session IS NOT NULL AND start >= ? AND start < ? GROUP BY language",
            (low, low + DAY),
        ).fetchall()
    assert slides and {(s.slide_id, s.views, s.total_seconds) for s in stats.slides} == set(slides)
    assert dict(stats.languages) == dict(languages)
