"""What counts: slide changes, visitor sessions, problems, swaps, restarts."""

from __future__ import annotations

import logging

from kiosk.health import Health, ProblemHandler, restarts_from


def test_a_slide_change_is_another_slide_and_the_first_slide_is_none() -> None:
    health = Health("1.0", 100.0)
    health.saw(0, "attract", 101.0)
    health.saw(0, "attract", 102.0)  # every tick sees the same slide again
    assert health.slide_changes == 0 and health.last_slide_change is None
    health.saw(1, "attract", 103.0)
    health.saw(0, "visitor", 104.0)
    assert health.slide_changes == 2
    assert health.last_slide_change is not None and health.last_slide_change.time == 104.0


def test_a_session_is_a_visitor_after_the_attract_loop_and_a_countdown_is_the_same() -> None:
    health = Health("1.0", 0.0)
    for mode in ("attract", "visitor", "visitor", "countdown", "visitor", "attract", "visitor"):
        health.saw(0, mode, 1.0)
    assert health.sessions == 2
    health.saw(0, "staff", 2.0)
    health.saw(0, "visitor", 3.0)  # staff left while someone touched: not from the loop
    assert health.sessions == 2


def test_a_swap_names_the_bundle_and_its_first_slide_is_no_change() -> None:
    health = Health("1.0", 0.0)
    health.showing("a", "1")
    health.saw(3, "visitor", 1.0)
    health.swapped("b", "2", 5.0)
    health.saw(0, "attract", 6.0)
    assert (health.bundle_id, health.bundle_version) == ("b", "2")
    assert health.last_swap is not None and health.last_swap.text == "b 2"
    assert health.slide_changes == 0


def test_warnings_and_errors_are_problems_at_the_time_they_were_logged() -> None:
    health = Health("1.0", 0.0)
    handler = ProblemHandler(health)
    logger = logging.getLogger("tests.health.problems")
    logger.addHandler(handler)
    try:
        logger.info("showing slide 2/10")
        assert health.last_problem is None
        logger.warning("the changed bundle was refused: %s", "x" * 1000)
    finally:
        logger.removeHandler(handler)
    assert health.last_problem is not None
    assert health.last_problem.text.startswith("the changed bundle was refused: xxx")
    assert len(health.last_problem.text) == 500
    assert health.last_problem.time > 1.7e9  # the record's own wall time


def test_the_supervisors_restart_count_comes_from_the_environment() -> None:
    assert restarts_from({"KIOSK_RESTARTS": "3"}) == 3
    assert restarts_from({}) == 0
    assert restarts_from({"KIOSK_RESTARTS": "-1"}) == 0
