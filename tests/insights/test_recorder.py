"""The recorder: a scripted presenter run becomes exactly the expected rows."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

from kiosk.insights import events as ev
from kiosk.insights.recorder import Recorder, slide_id
from kiosk.insights.stats import read
from kiosk.insights.store import Store
from kiosk.presentation import Presenter, Timing

T0 = 1_790_000_000.0  # wall time at monotonic 0
IDS = ["opening", None, "memorial", None]
TIMING = Timing(slide_seconds=[10, 10, 10, 10], idle_reset_seconds=60, countdown_seconds=20)


class Slide:
    def __init__(self, id: str | None) -> None:
        self.id = id


SLIDES = [Slide(i) for i in IDS]


def scripted(sink: object) -> Recorder:
    clock = [0.0]  # the monotonic time of the call under way; the wall clock follows it

    def at(now: float) -> float:
        clock[0] = now
        return now

    presenter = Presenter(TIMING, ["en", "az"], 0.0)
    recorder = Recorder(
        sink,  # type: ignore[arg-type]
        lambda index: slide_id(SLIDES, index),
        now=0.0,
        wall=lambda: T0 + clock[0],
    )
    recorder.attach(presenter, 0.0)
    recorder.kiosk("start", 0.0)
    presenter.tick(at(10))  # attract: slide 2
    presenter.touch(at(15))  # a visitor
    presenter.next(at(16), how="swipe")  # "memorial"
    presenter.next(at(20))  # slide 4, a tap
    presenter.go_to(0, at(30))  # a chapter: "opening"
    presenter.set_language("az", at(40))
    presenter.media_stopped(at(45), 0, 0.5)
    presenter.tick(at(101))  # the countdown
    presenter.touch(at(105))  # answered
    presenter.tick(at(165))  # the countdown again
    presenter.tick(at(185))  # lapsed: reset, "opening" in en, attract
    presenter.tick(at(195))  # slide 2
    recorder.kiosk("stop", at(200))
    return recorder


class Sink:
    def __init__(self) -> None:
        self.events: list[ev.Event] = []
        self.flushes = 0

    def record(self, event: ev.Event) -> None:
        self.events.append(event)

    def flush(self, *, wait: bool = False) -> None:
        self.flushes += 1


def test_a_scripted_run_gives_exactly_these_events() -> None:
    sink = Sink()
    recorder = scripted(sink)
    S = ev.SlideShown  # noqa: N806
    assert sink.events == [
        ev.KioskEvent(T0, "start"),
        S("opening", 0, "en", "attract", T0, 10, "start"),
        S("2", 1, "en", "attract", T0 + 10, 5, "auto"),
        ev.SessionStarted(T0 + 15),
        S("2", 1, "en", "visitor", T0 + 15, 1, "auto"),
        S("memorial", 2, "en", "visitor", T0 + 16, 4, "swipe"),
        ev.ChapterJump(T0 + 30, "opening"),
        S("4", 3, "en", "visitor", T0 + 20, 10, "tap"),
        ev.LanguageChosen(T0 + 40, "az"),
        ev.MediaPlayed(T0 + 45, "opening", 0.5),
        ev.CountdownAnswered(T0 + 105),
        S("opening", 0, "az", "visitor", T0 + 30, 155, "chapter"),
        ev.SessionEnded(T0 + 185, "countdown_lapsed"),
        S("opening", 0, "en", "attract", T0 + 185, 10, "reset"),
        S("2", 1, "en", "attract", T0 + 195, 5, "auto"),
        ev.KioskEvent(T0 + 200, "stop"),
    ]
    assert (recorder.sessions, recorder.slide_changes) == (1, 7)
    assert sink.flushes == 3  # start, the reset, stop


def test_the_rows_read_back_with_stats(tmp_path: Path) -> None:
    path = tmp_path / "insights.sqlite3"
    store = Store(path, now=T0, kiosk_id="hall", batch_seconds=3600)
    scripted(store)
    store.close()
    assert store.recording and store.dropped == 0

    stats = read([path], tz=UTC)
    assert stats.sessions == 1
    assert stats.median_session_seconds == 170
    assert {s.slide_id: (s.views, s.total_seconds) for s in stats.slides} == {
        "opening": (1, 155),
        "4": (1, 10),
        "memorial": (1, 4),
        "2": (1, 1),
    }
    assert stats.chapter_jumps == (("opening", 1),)
    assert dict(stats.languages) == {"en": 1, "az": 1}
    assert (stats.countdown_answered, stats.countdown_lapsed) == (1, 1)
    assert [(m.slide_id, m.median_fraction) for m in stats.media] == [("opening", 0.5)]
    assert dict(stats.kiosk_events) == {"start": 1, "stop": 1}
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT mode, count(*), sum(dwell) FROM slides GROUP BY mode").fetchall()
        (session_of_visits,) = con.execute(
            "SELECT count(DISTINCT session) FROM slides WHERE mode = 'visitor'"
        ).fetchone()
    assert sorted(rows) == [("attract", 4, 30.0), ("visitor", 4, 170.0)]
    assert session_of_visits == 1


def test_a_swap_at_the_reset_names_the_old_slides_by_the_old_content() -> None:
    sink = Sink()
    names = {"ids": ["a", "b"]}
    presenter = Presenter(Timing([10, 10], 60), ["en"], 0.0)
    recorder = Recorder(sink, lambda i: names["ids"][i], now=0.0, wall=lambda: T0)
    recorder.attach(presenter, 0.0)
    presenter.tick(10)
    presenter.offer_content(Timing([10, 10], 60), ["en"])
    presenter.tick(12)  # the reset brings the new content; the window then adopts it
    names["ids"] = ["x", "y"]
    presenter.tick(22)
    assert [e.slide_id for e in sink.events if isinstance(e, ev.SlideShown)] == ["a", "b", "x"]


def test_staffs_corner_hold_is_no_visit() -> None:
    # The hold's first touch starts a visit; the staff screen ends it 5 s later.
    sink = Sink()
    presenter = Presenter(TIMING, ["en"], 0.0)
    recorder = Recorder(sink, lambda i: slide_id(SLIDES, i), now=0.0, wall=lambda: T0)
    recorder.attach(presenter, 0.0)
    presenter.touch(3)  # the corner
    presenter.enter_staff(8)  # 5 s later: the PIN pad
    presenter.leave_staff(20)
    assert not any(isinstance(e, ev.SessionStarted | ev.SessionEnded) for e in sink.events)
    assert {e.mode for e in sink.events if isinstance(e, ev.SlideShown)} == {"attract"}
    assert recorder.sessions == 0


def test_a_visit_that_staff_end_after_a_visitors_action_is_kept() -> None:
    sink = Sink()
    presenter = Presenter(TIMING, ["en"], 0.0)
    clock = [0.0]  # the wall clock follows the monotonic one, from 0

    def at(now: float) -> float:
        clock[0] = now
        return now

    recorder = Recorder(sink, lambda i: slide_id(SLIDES, i), now=0.0, wall=lambda: clock[0])
    recorder.attach(presenter, 0.0)
    presenter.touch(at(3))
    presenter.next(at(4), how="swipe")
    presenter.enter_staff(at(30))
    assert [e for e in sink.events if isinstance(e, ev.SessionStarted | ev.SessionEnded)] == [
        ev.SessionStarted(3.0),
        ev.SessionEnded(30.0, "staff"),
    ]
    assert recorder.sessions == 1


def test_a_clock_set_after_the_start_dates_the_next_visit_by_the_set_clock() -> None:
    # A Raspberry Pi has no clock of its own: it boots at the time it last shut down
    # (fake-hwclock, here 15 hours back) and NTP sets it a little later. The first
    # visit of the day, long after, must be dated by the set clock, not the boot's.
    wall = [T0 - 15 * 3600]
    sink = Sink()
    presenter = Presenter(TIMING, ["en", "az"], 0.0)
    recorder = Recorder(
        sink,  # type: ignore[arg-type]
        lambda index: slide_id(SLIDES, index),
        now=0.0,
        wall=lambda: wall[0],
    )
    recorder.attach(presenter, 0.0)
    recorder.kiosk("start", 0.0)
    wall[0] = T0 + 30  # NTP, 30 s after the start
    presenter.tick(10.0)  # the attract loop goes on
    wall[0] = T0 + 600
    presenter.touch(600.0)  # a visitor, 10 minutes after the start
    wall[0] = T0 + 605
    presenter.next(605.0, how="swipe")

    (started,) = [e for e in sink.events if isinstance(e, ev.SessionStarted)]
    assert abs(started.at - (T0 + 600)) < 1
    (read_slide,) = [e for e in sink.events if isinstance(e, ev.SlideShown) and e.mode == "visitor"]
    assert abs(read_slide.start - (T0 + 600)) < 1
