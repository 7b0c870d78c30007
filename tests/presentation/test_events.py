"""What the presenter tells its listeners, for a scripted visitor, in simulated time."""

from __future__ import annotations

import logging

import pytest

from kiosk.presentation import (
    ChapterJumped,
    CountdownAnswered,
    LanguageChosen,
    Presenter,
    PresenterEvent,
    SessionBegan,
    SessionClosed,
    SlideEntered,
    Timing,
)

TIMING = Timing(slide_seconds=[10, 10, 10, 10], idle_reset_seconds=60, countdown_seconds=20)


def listened() -> tuple[Presenter, list[PresenterEvent]]:
    presenter = Presenter(TIMING, ["en", "az"], 0.0)
    heard: list[PresenterEvent] = []
    presenter.listeners.append(heard.append)
    return presenter, heard


def test_a_scripted_visitor_is_told_as_it_happens() -> None:
    presenter, heard = listened()
    presenter.tick(10)  # the attract loop
    presenter.touch(15)  # a visitor
    presenter.next(16, how="swipe")
    presenter.next(20)  # an arrow button or a key: a tap
    presenter.previous(25, how="swipe")
    presenter.go_to(3, 30)  # the chapters grid
    presenter.set_language("az", 40)
    presenter.set_language("az", 41)  # no change: nothing to tell
    presenter.tick(101)  # idle since the last touch (41): the countdown
    presenter.touch(105)  # answered
    presenter.tick(165)  # idle again
    presenter.tick(185)  # the countdown lapses: reset

    assert heard == [
        SlideEntered(10, 1, "en", False, "auto"),
        SessionBegan(15),
        SlideEntered(16, 2, "en", True, "swipe"),
        SlideEntered(20, 3, "en", True, "tap"),
        SlideEntered(25, 2, "en", True, "swipe"),
        ChapterJumped(30, 3),
        SlideEntered(30, 3, "en", True, "chapter"),
        LanguageChosen(40, "az"),
        SlideEntered(40, 3, "az", True, None),
        CountdownAnswered(105),
        SessionClosed(185, "countdown_lapsed"),
        SlideEntered(185, 0, "en", False, "reset"),
    ]


def test_staff_ends_a_visit_and_a_restart_is_an_idle_reset() -> None:
    presenter, heard = listened()
    presenter.touch(1)
    presenter.enter_staff(2)
    presenter.leave_staff(3)
    presenter.restart(4)
    assert heard == [
        SessionBegan(1),
        SessionClosed(2, "staff"),
        SessionClosed(4, "idle_reset"),
        SlideEntered(4, 0, "en", False, "reset"),
    ]


def test_a_listener_that_raises_never_breaks_the_presenter(
    caplog: pytest.LogCaptureFixture,
) -> None:
    presenter, heard = listened()

    def broken(_event: PresenterEvent) -> None:
        raise RuntimeError("a broken recorder")

    presenter.listeners.insert(0, broken)
    with caplog.at_level(logging.ERROR, "kiosk.presentation"):
        presenter.touch(1)
        assert presenter.next(2) is not None
        presenter.tick(200)
    assert presenter.index == 1
    assert len(heard) == 2  # the others still hear
    assert sum("listener failed" in r.getMessage() for r in caplog.records) == 1
