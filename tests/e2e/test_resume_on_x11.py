"""Killed on a visitor's slide, the real kiosk comes back on it; killed again at once,
it starts fresh (a crash that repeats must not loop on the slide that causes it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.x11 import Kiosk, xvfb
from tests.operations.processes import wait_for


def saved(path: Path) -> dict[str, object]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return {}


def killed(kiosk: Kiosk) -> None:
    kiosk.process.kill()  # SIGKILL: a crash, no clean end
    kiosk.process.wait()


@pytest.mark.slow
def test_a_killed_kiosk_resumes_its_slide_unless_the_crash_repeats(tmp_path: Path) -> None:
    state = tmp_path / "state"
    resume = state / "kiosk" / "resume.json"
    environment = {"XDG_STATE_HOME": str(state)}
    with xvfb() as display:
        first = Kiosk(display, tmp_path, environment=environment)
        try:
            assert saved(resume)["running"] is True
            first.xdotool("key", "--window", str(first.window()), "Right", "Right")
            first.wait_for_log(r"showing slide 3/\d+ in en \(visitor\)", after=first.mark)
            wait_for(lambda: saved(resume).get("point", {}).get("index") == 2)  # type: ignore[union-attr]
        finally:
            killed(first)

        second = Kiosk(display, tmp_path, environment=environment)
        try:
            text = second.wait_for_log(r"showing slide \d+/", after=second.mark)
            assert "the last kiosk crashed: resuming at slide 3 in en" in text
            assert "showing slide 3/" in text and "showing slide 1/" not in text
            assert saved(resume)["resumed"] is True
        finally:
            killed(second)  # at once: the crash repeats

        third = Kiosk(display, tmp_path, environment=environment)
        try:
            text = third.wait_for_log(r"showing slide \d+/", after=third.mark)
            assert "resuming" not in text
            assert "showing slide 1/" in text
            assert saved(resume)["resumed"] is False
        finally:
            third.stop()  # SIGTERM: a clean end
        assert saved(resume)["running"] is False
