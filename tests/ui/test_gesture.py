"""Swipe and tap recognition from one finger's points."""

from kiosk.ui.gesture import Release, SwipeTracker


def drag(tracker: SwipeTracker, points: list[tuple[float, float]]) -> Release:
    (x0, t0), *rest = points
    tracker.press(x0, 500, t0)
    for x, t in rest[:-1]:
        tracker.move(x, 500, t)
    x, t = rest[-1]
    return tracker.release(x, 500, t)


def test_a_short_still_press_is_a_tap() -> None:
    tracker = SwipeTracker(1920, 1080)
    tracker.press(100, 100, 0)
    assert tracker.move(104, 103, 0.05) == 0  # within the slop the slides do not move
    assert tracker.release(104, 103, 0.1) is Release.TAP


def test_a_long_press_is_not_a_tap() -> None:
    tracker = SwipeTracker(1920, 1080)
    tracker.press(100, 100, 0)
    assert tracker.release(100, 100, 2.0) is Release.SPRING_BACK


def test_dragging_left_past_a_quarter_goes_to_the_next_slide() -> None:
    tracker = SwipeTracker(1920, 1080)
    tracker.press(1500, 500, 0)
    assert tracker.move(1400, 500, 0.2) == -100  # the slides follow the finger
    assert tracker.release(1000, 500, 1.5) is Release.NEXT


def test_dragging_right_past_a_quarter_goes_back() -> None:
    assert drag(SwipeTracker(1920, 1080), [(200, 0), (500, 0.5), (800, 1.5)]) is Release.PREVIOUS


def test_a_short_slow_drag_springs_back() -> None:
    assert drag(SwipeTracker(1920, 1080), [(1000, 0), (900, 1), (800, 2)]) is Release.SPRING_BACK


def test_a_short_fast_flick_changes_slide() -> None:
    result = drag(SwipeTracker(1920, 1080), [(1000, 0), (900, 0.03), (800, 0.06), (700, 0.09)])
    assert result is Release.NEXT


def test_a_vertical_movement_is_not_a_swipe() -> None:
    tracker = SwipeTracker(1920, 1080)
    tracker.press(500, 200, 0)
    assert tracker.move(520, 600, 0.2) == 0
    assert tracker.release(520, 900, 0.3) is Release.SPRING_BACK


# --- right to left: the next slide lies to the left -----------------------------------


def test_in_a_right_to_left_language_a_rightward_drag_goes_to_the_next_slide() -> None:
    tracker = SwipeTracker(1920, 1080, next_side=-1)
    assert drag(tracker, [(200, 0), (500, 0.5), (800, 1.5)]) is Release.NEXT


def test_in_a_right_to_left_language_a_leftward_drag_goes_back() -> None:
    tracker = SwipeTracker(1920, 1080, next_side=-1)
    assert drag(tracker, [(1500, 0), (1400, 0.2), (1000, 1.5)]) is Release.PREVIOUS


def test_in_a_right_to_left_language_a_rightward_flick_goes_on() -> None:
    tracker = SwipeTracker(1920, 1080, next_side=-1)
    result = drag(tracker, [(700, 0), (800, 0.03), (900, 0.06), (1000, 0.09)])
    assert result is Release.NEXT
