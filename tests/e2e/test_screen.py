"""The screen on a bare X server: resolution changes, other clients, the screen saver.

Without a window manager nobody but the kiosk keeps its window filling the screen: a
projector switched to another resolution, or any X client unmapping, moving or resizing
the window, would otherwise leave the desktop showing or the buttons off screen.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.x11 import (
    Kiosk,
    require,
    screen_size,
    session_bus,
    set_screen,
    xrandr,
    xvfb,
)

LARGEST = (1920, 1080)
#: The kiosk has 1 s to re-fit (the issue's target); the tests wait longer on a busy machine.
PATIENCE = 15.0


def next_button(width: int, height: int) -> tuple[int, int]:
    """The centre of the next button on a ``width`` x ``height`` window (window.py's layout)."""
    short = min(width, height)
    diameter = max(48, round(height * 0.075), round(short * 0.085))
    margin = round(short * 0.025)
    return width - margin - diameter // 2, height // 2


def wait_for(condition: object, what: str, timeout: float = PATIENCE) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()  # type: ignore[operator]
        if last:
            return
        time.sleep(0.05)
    pytest.fail(f"{what} within {timeout} s (last: {last!r})")


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with xvfb(1280, 720, largest=LARGEST) as display:
        program = Kiosk(display, tmp_path)
        try:
            yield program
        finally:
            program.stop()


def geometry_of(kiosk: Kiosk, window: int) -> tuple[int, int, int, int] | None:
    text = kiosk.xdotool("getwindowgeometry", str(window))
    position = re.search(r"Position: (-?\d+),(-?\d+)", text)
    size = re.search(r"Geometry: (\d+)x(\d+)", text)
    if position is None or size is None:
        return None
    return (int(position[1]), int(position[2]), int(size[1]), int(size[2]))


def visible(kiosk: Kiosk, window: int) -> bool:
    shown = kiosk.xdotool("search", "--onlyvisible", "--name", "Black January").split()
    return str(window) in shown


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080), (1080, 1080)], ids=str)
def test_a_new_resolution_is_filled_and_its_buttons_work(
    kiosk: Kiosk, size: tuple[int, int]
) -> None:
    window = kiosk.window()
    assert geometry_of(kiosk, window) == (0, 0, 1280, 720)
    mark = len(kiosk.log_text())
    set_screen(kiosk.display, *size)
    assert screen_size(kiosk.display) == size
    wait_for(
        lambda: geometry_of(kiosk, window) == (0, 0, *size),
        f"the window fills the {size[0]}x{size[1]} screen",
    )
    kiosk.wait_for_log(rf"re-fitted to {size[0]}x{size[1]}", after=mark)
    assert visible(kiosk, window)
    kiosk.tap(*next_button(*size))  # the button is where a visitor sees it, and works
    kiosk.wait_for_log(r"showing slide 2/10 in en \(visitor\)", after=mark)


def test_shrink_then_grow_back(kiosk: Kiosk) -> None:
    window = kiosk.window()
    for size in [(800, 600), LARGEST, (1280, 720)]:
        set_screen(kiosk.display, *size)
        wait_for(lambda size=size: geometry_of(kiosk, window) == (0, 0, *size), f"{size} filled")


def test_another_client_unmapping_the_window_is_undone(kiosk: Kiosk) -> None:
    window = kiosk.window()
    kiosk.xdotool("windowunmap", str(window))
    wait_for(lambda: visible(kiosk, window), "the window is mapped again")
    wait_for(lambda: geometry_of(kiosk, window) == (0, 0, 1280, 720), "it fills the screen")
    kiosk.tap(*next_button(1280, 720))
    kiosk.wait_for_log(r"showing slide 2/10 in en \(visitor\)")


@pytest.mark.parametrize(
    "action",
    [("windowsize", "400", "300"), ("windowmove", "200", "150"), ("windowsize", "3000", "2000")],
    ids=" ".join,
)
def test_another_client_moving_or_resizing_the_window_is_undone(
    kiosk: Kiosk, action: tuple[str, ...]
) -> None:
    window = kiosk.window()
    kiosk.xdotool(action[0], str(window), *action[1:])
    wait_for(lambda: geometry_of(kiosk, window) == (0, 0, 1280, 720), "the window is back")
    assert visible(kiosk, window)


def xset_q(display: str) -> str:
    result = subprocess.run(
        [require("xset"), "q"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
    )
    return result.stdout


def test_the_screen_saver_and_dpms_are_off_while_the_kiosk_runs(tmp_path: Path) -> None:
    with xvfb() as display:
        before = xset_q(display)
        assert re.search(r"timeout:\s+600\b", before), before  # the X server's default
        program = Kiosk(display, tmp_path)
        try:
            wait_for(
                lambda: re.search(r"timeout:\s+0\b", xset_q(display)), "the screen saver is off"
            )
            settings = xset_q(display)
            if "Server does not have the DPMS Extension" not in settings:
                assert "DPMS is Disabled" in settings, settings
        finally:
            program.stop()
        assert re.search(r"timeout:\s+600\b", xset_q(display)), "restored at a clean exit"


def test_disable_and_restore_on_a_bare_server_without_qt() -> None:
    from kiosk.operations import screensaver

    with xvfb() as display:
        subprocess.run(["xset", "s", "300", "20"], env={"DISPLAY": display}, check=True)
        saved = screensaver.disable(display)
        assert saved is not None and (saved.timeout, saved.interval) == (300, 20)
        assert re.search(r"timeout:\s+0\s+cycle:\s+0\b", xset_q(display))
        screensaver.restore(saved, display)
        assert re.search(r"timeout:\s+300\s+cycle:\s+20\b", xset_q(display))


def test_no_x_server_means_nothing_to_do() -> None:
    from kiosk.operations import screensaver

    assert screensaver.disable(":4242") is None


def test_a_screen_switched_off_and_on_again_is_filled_again(kiosk: Kiosk) -> None:
    window = kiosk.window()
    xrandr(kiosk.display, "--output", "screen", "--off", "--fb", "1280x720")
    time.sleep(1)  # a while with no screen at all
    assert kiosk.process.poll() is None
    xrandr(kiosk.display, "--output", "screen", "--mode", "1920x1080", "--fb", "1920x1080")
    wait_for(lambda: geometry_of(kiosk, window) == (0, 0, 1920, 1080), "the screen is filled")
    assert visible(kiosk, window)
    kiosk.tap(*next_button(1920, 1080))
    kiosk.wait_for_log(r"showing slide 2/10 in en \(visitor\)")


def test_a_desktop_screen_saver_is_inhibited_over_dbus(tmp_path: Path) -> None:
    with xvfb() as display, session_bus() as address:
        service = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fake_screensaver.py")), address],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        try:
            assert service.stdout is not None and service.stdout.readline() == "ready\n"
            program = Kiosk(display, tmp_path, environment={"DBUS_SESSION_BUS_ADDRESS": address})
            try:
                program.wait_for_log("the desktop's screen saver is inhibited", after=program.mark)
                assert service.stdout.readline().startswith("Inhibit 'kiosk'")
            finally:
                program.stop()
        finally:
            service.terminate()
            service.wait(timeout=10)
            if service.stdout is not None:
                service.stdout.close()


def test_a_session_bus_without_a_screen_saver_is_no_problem(tmp_path: Path) -> None:
    with xvfb() as display, session_bus() as address:
        program = Kiosk(display, tmp_path, environment={"DBUS_SESSION_BUS_ADDRESS": address})
        try:
            program.wait_for_log("no desktop screen saver to inhibit", after=program.mark)
            program.tap(*next_button(1280, 720))
            program.wait_for_log(r"showing slide 2/10 in en \(visitor\)", after=program.mark)
        finally:
            program.stop()
