"""The presentation state machine, in simulated time: no Qt, no waiting."""

from __future__ import annotations

import random

import pytest

from kiosk.presentation import Mode, Move, Overlay, Presenter, Timing, next_side

TIMING = Timing(slide_seconds=[12, 12, 20, 12], idle_reset_seconds=90)
LANGUAGES = ["en", "az"]


def fresh(now: float = 0.0) -> Presenter:
    return Presenter(TIMING, LANGUAGES, now)


def test_attract_loop_advances_by_each_slides_seconds_and_loops() -> None:
    presenter = fresh()
    assert presenter.tick(11.9) is None
    assert presenter.tick(12) is Move.FADE and presenter.index == 1
    assert presenter.tick(24) is Move.FADE and presenter.index == 2
    assert presenter.tick(43.9) is None  # slide 2 shows for 20 s
    assert presenter.tick(44) is Move.FADE and presenter.index == 3
    assert presenter.tick(56) is Move.FADE and presenter.index == 0


def test_first_touch_starts_visitor_mode_and_stops_auto_advance() -> None:
    presenter = fresh()
    presenter.touch(5)
    assert presenter.mode is Mode.VISITOR
    assert presenter.index == 0
    assert presenter.tick(60) is None and presenter.index == 0


def test_idle_visitor_sees_a_countdown_then_returns_to_the_first_slide() -> None:
    presenter = fresh()
    presenter.next(1)
    presenter.set_language("az", 2)
    presenter.open_overlay(Overlay.CHAPTERS, 3)
    presenter.tick(92.9)
    assert presenter.mode is Mode.VISITOR
    presenter.tick(93)
    assert presenter.mode is Mode.COUNTDOWN
    assert presenter.countdown_left(96) == pytest.approx(20 - 3)
    assert presenter.tick(112.9) is None and presenter.mode is Mode.COUNTDOWN
    assert presenter.tick(113) is Move.FADE
    assert (presenter.mode, presenter.index, presenter.language, presenter.overlay) == (
        Mode.ATTRACT,
        0,
        "en",
        Overlay.NONE,
    )


def test_a_touch_during_the_countdown_keeps_the_visitors_place() -> None:
    presenter = fresh()
    presenter.next(1)
    presenter.tick(91)
    assert presenter.mode is Mode.COUNTDOWN
    presenter.touch(95)
    assert (presenter.mode, presenter.index) == (Mode.VISITOR, 1)
    assert presenter.tick(150) is None and presenter.mode is Mode.VISITOR


def test_next_and_previous_wrap_around_so_nobody_is_stuck() -> None:
    presenter = fresh()
    assert presenter.previous(1) is Move.BACKWARD and presenter.index == 3
    assert presenter.next(2) is Move.FORWARD and presenter.index == 0


def test_go_to_jumps_and_closes_the_chapters() -> None:
    presenter = fresh()
    presenter.open_overlay(Overlay.CHAPTERS, 1)
    assert presenter.go_to(2, 2) is Move.FORWARD
    assert (presenter.index, presenter.overlay) == (2, Overlay.NONE)
    assert presenter.go_to(0, 3) is Move.BACKWARD
    assert presenter.go_to(99, 4) is None and presenter.index == 0


def test_unknown_language_is_ignored() -> None:
    presenter = fresh()
    assert presenter.set_language("fr", 1) is False
    assert presenter.language == "en"


def test_the_countdown_lasts_20_seconds_by_default_and_follows_the_timing() -> None:
    """WCAG 2.2.1: a visitor has at least 20 s to say they are still there."""
    assert TIMING.countdown_seconds == 20
    presenter = Presenter(Timing([12], 90, countdown_seconds=45), LANGUAGES, 0)
    presenter.touch(0)
    presenter.tick(90)
    assert presenter.countdown_left(90) == 45
    assert presenter.tick(134.9) is None and presenter.mode is Mode.COUNTDOWN
    presenter.tick(135)
    assert presenter.mode is Mode.ATTRACT


def test_staff_mode_ignores_visitor_input_and_staff_leave_to_a_visitor() -> None:
    presenter = fresh()
    presenter.touch(0)
    presenter.enter_staff(0)
    for second in range(0, 50, 7):
        presenter.tick(second)
        presenter.next(second)
        presenter.touch(second)
    assert (presenter.mode, presenter.index) == (Mode.STAFF, 0)
    presenter.leave_staff(50)
    assert presenter.mode is Mode.VISITOR


def test_an_abandoned_staff_screen_closes_itself_after_the_staff_timeout() -> None:
    presenter = Presenter(Timing([12, 12], 90, staff_timeout_seconds=60), LANGUAGES, 0)
    presenter.enter_staff(0)
    presenter.tick(59.9)
    assert presenter.mode is Mode.STAFF
    presenter.tick(60)
    assert presenter.mode is Mode.ATTRACT  # back to the slideshow, which kept going


def test_any_touch_on_the_staff_screen_restarts_its_timeout() -> None:
    presenter = Presenter(Timing([12], 90, staff_timeout_seconds=60), LANGUAGES, 0)
    presenter.enter_staff(0)
    presenter.touch(50)  # a digit on the PIN pad
    presenter.tick(100)
    assert presenter.mode is Mode.STAFF
    presenter.touch(109)
    presenter.tick(168.9)
    assert presenter.mode is Mode.STAFF
    presenter.tick(169)
    assert presenter.mode is not Mode.STAFF


def test_the_attract_loop_goes_on_behind_the_staff_screen() -> None:
    presenter = fresh()
    presenter.enter_staff(0)
    assert presenter.tick(12) is Move.FADE and presenter.index == 1
    assert presenter.mode is Mode.STAFF


def test_the_idle_reset_happens_behind_the_staff_screen() -> None:
    presenter = Presenter(Timing([12, 12, 20, 12], 90, staff_timeout_seconds=300), LANGUAGES, 0)
    presenter.next(1)
    presenter.set_language("az", 2)
    presenter.offer_content(Timing([5, 5, 5], 60, staff_timeout_seconds=300), ["en", "az"])
    presenter.enter_staff(3)  # a visitor held the corner, then walked away
    presenter.tick(93)
    assert presenter.mode is Mode.STAFF and presenter.countdown_left(93) == 0
    assert presenter.tick(113) is Move.FADE
    assert (presenter.mode, presenter.index, presenter.language, presenter.count) == (
        Mode.STAFF,
        0,
        "en",
        3,
    )
    presenter.tick(302.9)
    assert presenter.mode is Mode.STAFF
    presenter.tick(303)  # nobody came back: the staff screen closes too
    assert presenter.mode is Mode.ATTRACT


def test_a_staff_screen_closing_during_the_countdown_shows_the_rest_of_it() -> None:
    presenter = Presenter(Timing([12], 90, staff_timeout_seconds=15), LANGUAGES, 0)
    presenter.touch(0)
    presenter.tick(85)
    presenter.enter_staff(85)
    presenter.tick(90)  # the countdown starts behind the staff screen
    assert presenter.mode is Mode.STAFF
    presenter.tick(100)
    assert presenter.mode is Mode.COUNTDOWN
    assert presenter.countdown_left(100) == pytest.approx(10)


def test_staff_timeout_and_countdown_bounds() -> None:
    with pytest.raises(ValueError, match="countdown"):
        Timing([12], 90, countdown_seconds=0)
    with pytest.raises(ValueError, match="staff"):
        Timing([12], 90, staff_timeout_seconds=-1)


def test_new_content_waits_for_the_reset() -> None:
    presenter = fresh()
    presenter.next(1)
    presenter.offer_content(Timing([5, 5], 60), ["az", "en"])
    presenter.tick(50)
    assert presenter.count == 4 and presenter.index == 1  # the visitor keeps reading
    presenter.tick(91)
    assert presenter.tick(110.9) is None
    assert presenter.tick(111) is Move.FADE
    assert (presenter.count, presenter.language, presenter.index) == (2, "az", 0)


def test_new_content_in_attract_mode_comes_in_at_once() -> None:
    presenter = fresh()
    presenter.offer_content(Timing([5], 60), ["en"])
    assert presenter.tick(1) is Move.FADE
    assert presenter.count == 1


def check_invariants(presenter: Presenter, now: float) -> None:
    assert 0 <= presenter.index < presenter.count
    assert presenter.language in presenter.languages
    if presenter.mode is Mode.ATTRACT:
        assert presenter.overlay is Overlay.NONE
        assert now - presenter.shown_at <= presenter.timing.slide_seconds[presenter.index]
    if presenter.mode is Mode.VISITOR:
        assert now - presenter.last_input < presenter.timing.idle_reset_seconds
    if presenter.mode is Mode.COUNTDOWN:
        assert 0 <= presenter.countdown_left(now) <= presenter.timing.countdown_seconds
    if presenter.mode is Mode.STAFF:
        assert now - presenter.staff_input <= presenter.timing.staff_timeout_seconds


def test_a_simulated_week_of_random_visitors_keeps_every_invariant() -> None:
    rng = random.Random(20_01_1990)
    presenter = fresh()
    now = 0.0
    week = 7 * 24 * 3600
    resets = visits = staff_visits = 0
    while now < week:
        if rng.random() < 0.02:  # a quiet spell, long enough for the reset
            now += rng.uniform(100, 3000)
            while presenter.mode is not Mode.ATTRACT or presenter.index != 0:
                before = presenter.mode
                presenter.tick(now)
                check_invariants(presenter, now)
                if before is Mode.COUNTDOWN and presenter.mode is Mode.ATTRACT:
                    resets += 1
                now += 1
        now += rng.uniform(0.05, 3)
        action = rng.random()
        if action < 0.3:
            visits += presenter.mode is Mode.ATTRACT
            presenter.touch(now)
        elif action < 0.45:
            presenter.next(now)
        elif action < 0.55:
            presenter.previous(now)
        elif action < 0.6:
            presenter.go_to(rng.randrange(-1, presenter.count + 1), now)
        elif action < 0.65:
            presenter.set_language(rng.choice([*LANGUAGES, "xx"]), now)
        elif action < 0.7:
            presenter.open_overlay(rng.choice(list(Overlay)), now)
        elif action < 0.7005:
            presenter.offer_content(Timing([rng.uniform(3, 20)] * rng.randint(1, 6), 90), ["az"])
        elif action < 0.706:
            staff_visits += presenter.mode is not Mode.STAFF
            presenter.enter_staff(now)
        elif action < 0.707:
            presenter.leave_staff(now)
        presenter.tick(now)
        check_invariants(presenter, now)
    assert resets > 100 and visits > 100 and staff_visits > 50


@pytest.mark.parametrize(
    ("language", "side"), [("en", 1), ("az", 1), ("ja", 1), ("fa", -1), ("ar", -1), ("he", -1)]
)
def test_the_next_slide_lies_on_the_side_a_language_is_read_towards(
    language: str, side: int
) -> None:
    assert next_side(language) == side


def test_the_presenter_knows_which_side_the_next_slide_lies_in_its_language() -> None:
    presenter = Presenter(Timing([10, 10], 60), ["en", "fa"], 0.0)
    assert presenter.next_side == 1
    presenter.set_language("fa", 1.0)
    assert presenter.next_side == -1
