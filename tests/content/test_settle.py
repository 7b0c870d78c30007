"""A changed bundle is taken once it has been quiet, not while it is being copied."""

from __future__ import annotations

from kiosk.content.settle import Settling


def test_a_change_is_taken_only_after_the_quiet_time() -> None:
    settling = Settling(("v1",), now=0.0, quiet=4.0)
    assert not settling.observe(("v1",), 10.0)  # nothing changed
    assert not settling.observe(("v2 half",), 12.0)  # a copy begins
    assert not settling.observe(("v2 more",), 14.0)
    assert not settling.observe(("v2",), 16.0)
    assert not settling.observe(("v2",), 19.9)  # quiet for 3.9 s only
    assert settling.observe(("v2",), 20.0)


def test_once_taken_the_same_state_is_not_taken_again() -> None:
    settling = Settling(("v1",), now=0.0, quiet=4.0)
    settling.observe(("v2",), 1.0)
    assert settling.observe(("v2",), 5.0)
    settling.take(("v2",))
    assert not settling.observe(("v2",), 100.0)
    assert not settling.observe(("v3",), 101.0)
    assert settling.observe(("v3",), 105.0)


def test_a_change_back_to_what_is_shown_is_no_change() -> None:
    settling = Settling(("v1",), now=0.0, quiet=4.0)
    settling.observe(("v1 being rewritten",), 1.0)
    settling.observe(("v1",), 2.0)
    assert not settling.observe(("v1",), 10.0)
