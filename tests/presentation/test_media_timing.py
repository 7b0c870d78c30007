"""Film and sound in the state machine (issue 14): the attract loop and the idle
countdown wait while media plays; a film in the loop moves on when it ends, or at its
slide's seconds when they are set; the guide and captions are visitor toggles."""

from __future__ import annotations

from kiosk.presentation import Mode, Move, Presenter, Timing

#: Slide 1 is a film without seconds of its own: the loop waits for its end.
TIMING = Timing(slide_seconds=[10, 10, 10], idle_reset_seconds=60, until_media=[False, True, False])


def at_film(now: float = 0.0) -> Presenter:
    presenter = Presenter(TIMING, ["en", "az"], now)
    assert presenter.tick(10) is Move.FADE and presenter.index == 1
    return presenter


def test_the_attract_loop_waits_for_a_film_to_end_then_moves_on_at_once() -> None:
    presenter = at_film()
    presenter.media_started(10.1, holds=True)
    assert presenter.tick(100) is None and presenter.index == 1  # a long film
    assert presenter.media_finished(130) is Move.FADE
    assert presenter.index == 2 and presenter.shown_at == 130
    assert presenter.tick(139.9) is None
    assert presenter.tick(140) is Move.FADE and presenter.index == 0


def test_a_film_that_never_starts_or_fails_leaves_after_the_slides_seconds() -> None:
    presenter = at_film()
    assert presenter.tick(19.9) is None
    assert presenter.tick(20) is Move.FADE and presenter.index == 2  # nothing played
    presenter = at_film()
    presenter.media_started(10.1, holds=True)
    assert presenter.media_finished(12) is Move.FADE  # failed: moves on
    assert presenter.index == 2


def test_a_slide_with_its_own_seconds_leaves_at_them_while_its_film_plays() -> None:
    timing = Timing(slide_seconds=[10, 15], idle_reset_seconds=60, until_media=[False, False])
    presenter = Presenter(timing, ["en"], 0)
    presenter.tick(10)
    presenter.media_started(10, holds=True)
    assert presenter.tick(24.9) is None
    assert presenter.tick(25) is Move.FADE and presenter.index == 0


def test_the_countdown_waits_while_a_visitor_watches_and_counts_from_the_end() -> None:
    presenter = at_film()
    presenter.touch(11)
    presenter.media_started(11, holds=True)
    assert presenter.tick(200) is None and presenter.mode is Mode.VISITOR
    assert presenter.media_finished(300) is None  # a visitor's film does not move on
    assert presenter.index == 1 and presenter.mode is Mode.VISITOR
    presenter.tick(359.9)
    assert presenter.mode is Mode.VISITOR
    presenter.tick(360)
    assert presenter.mode is Mode.COUNTDOWN


def test_a_looping_film_does_not_hold_the_kiosk() -> None:
    presenter = at_film()
    presenter.touch(11)
    presenter.media_started(11, holds=False)
    presenter.tick(71)
    assert presenter.mode is Mode.COUNTDOWN


def test_leaving_the_slide_forgets_its_media() -> None:
    presenter = at_film()
    presenter.touch(11)
    presenter.media_started(11, holds=True)
    presenter.next(12)
    assert not presenter.media_playing
    presenter.tick(72)
    assert presenter.mode is Mode.COUNTDOWN
    # A late "finished" of the old slide's film changes nothing.
    assert presenter.media_finished(73) is None and presenter.index == 2


def test_media_that_ended_long_ago_does_not_move_a_later_attract_loop() -> None:
    presenter = at_film()
    presenter.media_started(10.1, holds=True)
    presenter.media_finished(15)
    assert presenter.index == 2
    assert presenter.media_finished(16) is None and presenter.index == 2


def test_guide_and_captions_are_visitor_toggles_reset_for_the_next_visitor() -> None:
    presenter = at_film()
    assert presenter.captions_on and not presenter.guide_on
    assert presenter.toggle_guide(11) and presenter.guide_on
    assert presenter.toggle_captions(12) and not presenter.captions_on
    assert presenter.mode is Mode.VISITOR
    presenter.tick(72)
    presenter.tick(92)  # the countdown lapsed: the next visitor starts afresh
    assert presenter.mode is Mode.ATTRACT
    assert presenter.captions_on and not presenter.guide_on


def test_staff_screens_ignore_the_media_toggles() -> None:
    presenter = at_film()
    presenter.enter_staff(11)
    assert not presenter.toggle_guide(12) and not presenter.guide_on
    assert not presenter.toggle_captions(12) and presenter.captions_on
