"""The visitor's toggles (larger text, reduced motion): kept for a visit, reset after it."""

from __future__ import annotations

import pytest

from kiosk.presentation import TEXT_SCALES, Mode, Presenter, Timing

TIMING = Timing(slide_seconds=[12, 12, 12], idle_reset_seconds=90)


def test_larger_text_steps_up_twice_then_back_to_normal() -> None:
    presenter = Presenter(TIMING, ["en"], 0)
    scales = [presenter.text_scale]
    for second in range(1, 4):
        assert presenter.larger_text(second)
        scales.append(presenter.text_scale)
    assert scales == [1.0, 1.25, 1.5, 1.0]
    assert TEXT_SCALES == (1.0, 1.25, 1.5)
    assert presenter.mode is Mode.VISITOR  # a toggle is a touch


@pytest.mark.parametrize("setting", [False, True])
def test_both_toggles_go_back_to_the_installations_at_the_idle_reset(setting: bool) -> None:
    presenter = Presenter(TIMING, ["en", "az"], 0, reduced_motion=setting)
    assert presenter.reduced_motion is setting
    presenter.larger_text(1)
    presenter.larger_text(2)
    presenter.toggle_reduced_motion(3)
    assert (presenter.text_scale, presenter.reduced_motion) == (1.5, not setting)
    presenter.tick(3 + 90)  # the countdown starts; the toggles still hold
    assert presenter.mode is Mode.COUNTDOWN and presenter.text_scale == 1.5
    presenter.tick(3 + 90 + 20)  # the reset, for the next visitor
    assert presenter.mode is Mode.ATTRACT
    assert (presenter.text_scale, presenter.reduced_motion) == (1.0, setting)


def test_staff_content_reload_also_starts_the_next_visitor_afresh() -> None:
    presenter = Presenter(TIMING, ["en"], 0)
    presenter.larger_text(1)
    presenter.replace_content(TIMING, ["en"], 2)
    assert presenter.text_scale == 1.0


def test_on_a_staff_screen_the_toggles_do_nothing() -> None:
    presenter = Presenter(TIMING, ["en"], 0)
    presenter.enter_staff(1)
    assert not presenter.larger_text(2) and not presenter.toggle_reduced_motion(2)
    assert (presenter.text_scale, presenter.reduced_motion) == (1.0, False)
