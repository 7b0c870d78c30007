"""A bare X server (Xvfb, no window manager), xdotool as a finger, and a WM's close request."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WIDTH, HEIGHT = 1280, 720


def require(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is missing: .ci/run installs it")
        pytest.skip(f"{program} is not installed (apt-get install xvfb xdotool)")
    return path


@contextmanager
def xvfb(
    width: int = WIDTH, height: int = HEIGHT, *, largest: tuple[int, int] | None = None
) -> Iterator[str]:
    """A new X display of ``width`` x ``height``, torn down afterwards.

    Xvfb picks a free display number itself (-displayfd), so tests running side by side
    never race for one. Its screen can change size at run time through RandR
    (``set_screen``), but never beyond the framebuffer it started with: ``largest`` is
    that framebuffer, the screen then shrinks to ``width`` x ``height`` before the test.
    -noreset keeps such changes when the last client leaves (by default Xvfb then resets
    to its start-up state, which also undoes every mode added with xrandr).
    """
    require("xdotool")
    server = require("Xvfb")
    reader, writer = os.pipe()
    start = largest or (width, height)
    screen = ["-screen", "0", f"{start[0]}x{start[1]}x24"]
    process = subprocess.Popen(
        [server, "-displayfd", str(writer), "-nolisten", "tcp", "-noreset", *screen],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(writer,),
    )
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as announced:
            number = announced.readline().strip()  # written once the server accepts clients
        if not number.isdigit() or process.poll() is not None:
            pytest.fail("Xvfb did not start")
        display = f":{number.decode()}"
        if start != (width, height):
            set_screen(display, width, height)
        yield display
    finally:
        process.terminate()
        process.wait(timeout=10)


def xrandr(display: str, *args: str) -> str:
    result = subprocess.run(
        [require("xrandr"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DISPLAY": display},
    )
    assert result.returncode == 0, f"xrandr {' '.join(args)}: {result.stderr}"
    return result.stdout


def set_screen(display: str, width: int, height: int) -> None:
    """Change the screen's resolution as ``xrandr`` does on a real machine.

    Xvfb offers one mode, its start-up size: any other is added first (a mode without
    timings, which Xvfb accepts), then the output is switched to it and the framebuffer
    fitted around it.
    """
    name = f"{width}x{height}"
    if not re.search(rf"^\s+{name}\s", xrandr(display), re.MULTILINE):
        xrandr(
            display, "--newmode", name, "0", str(width), "0", "0", "0", str(height), "0", "0", "0"
        )
        xrandr(display, "--addmode", "screen", name)
    xrandr(display, "--output", "screen", "--mode", name, "--fb", name)


def screen_size(display: str) -> tuple[int, int]:
    """The screen's current size, as RandR reports it."""
    found = re.search(r"current (\d+) x (\d+)", xrandr(display))
    assert found, "xrandr reports no current size"
    return int(found[1]), int(found[2])


@contextmanager
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus; yields its address."""
    daemon = require("dbus-daemon")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = process.stdout.readline().strip() if process.stdout else ""
        if not address:
            pytest.fail("dbus-daemon did not start")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


class Kiosk:
    """The real program, started as staff start it, on a display."""

    def __init__(
        self, display: str, home: Path, *args: str, environment: dict[str, str] | None = None
    ) -> None:
        self.display = display
        self.log = home / "logs" / "kiosk.log"
        config = home / "kiosk.toml"
        settings = f'log_dir = "{home / "logs"}"\n'
        if not config.exists() or config.read_text(encoding="utf-8") != settings:
            config.write_text(settings, encoding="utf-8")  # left alone for a restart
        self.mark = len(self.log_text())
        # Nothing of the desktop the tests run on: no Wayland, and no session bus (the
        # kiosk would inhibit that desktop's screen saver) unless a test gives one.
        variables = {
            key: value
            for key, value in os.environ.items()
            if key
            not in (
                "QT_QPA_PLATFORM",
                "WAYLAND_DISPLAY",
                "DBUS_SESSION_BUS_ADDRESS",
                "XDG_RUNTIME_DIR",
            )
        }
        runtime = home / "runtime"  # the single-instance lock: one per test, not per user
        runtime.mkdir(mode=0o700, exist_ok=True)
        variables.update(
            DISPLAY=display,
            KIOSK_CONFIG=str(config),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_RUNTIME_DIR=str(runtime),
        )
        variables.update(environment or {})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", *args],
            env=variables,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_for_log("first slide on screen", after=self.mark)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def wait_for_log(self, pattern: str, timeout: float = 20, after: int = 0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_text()[after:]
            if re.search(pattern, text):
                return text
            if self.process.poll() is not None:
                pytest.fail(f"the kiosk exited ({self.process.returncode}):\n{self.log_text()}")
            time.sleep(0.05)
        pytest.fail(f"no {pattern!r} in the log within {timeout} s:\n{self.log_text()[-3000:]}")

    def xdotool(self, *args: str) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "DISPLAY": self.display},
        )
        return result.stdout

    def window(self) -> int:
        ids = self.xdotool("search", "--onlyvisible", "--name", "Black January").split()
        assert ids, "the kiosk window is not on screen"
        return int(ids[-1])

    def geometry(self) -> tuple[int, int, int, int]:
        text = self.xdotool("getwindowgeometry", str(self.window()))
        x, y = map(int, re.search(r"Position: (\d+),(\d+)", text).groups())  # type: ignore[union-attr]
        w, h = map(int, re.search(r"Geometry: (\d+)x(\d+)", text).groups())  # type: ignore[union-attr]
        return x, y, w, h

    def drag(self, x0: int, x1: int, y: int = HEIGHT // 2, steps: int = 8) -> None:
        moves: list[str] = []
        for step in range(1, steps + 1):
            moves += ["mousemove", str(x0 + (x1 - x0) * step // steps), str(y), "sleep", "0.02"]
        self.xdotool("mousemove", str(x0), str(y), "mousedown", "1", *moves, "mouseup", "1")

    def tap(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def screenshot(self, path: Path) -> Path:
        return screenshot(self.display, path)

    def stop(self) -> None:
        stop(self.process)


def screenshot(display: str, path: Path) -> Path:
    """The whole screen as the X server ``display`` shows it, saved to ``path`` (a PNG)."""
    grab = (
        "import sys; from PySide6.QtGui import QGuiApplication; "
        "app = QGuiApplication(sys.argv); "
        "QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])"
    )
    environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", grab, str(path)], env=environment, timeout=60)
    assert path.exists(), "the screenshot failed"
    return path


def stop(process: subprocess.Popen[bytes]) -> None:
    """End ``process``: asked first, killed if it does not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def send_close_request(display: str, window: int) -> None:
    """What a window manager sends when someone clicks a window's close box."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.c_void_p,
    ]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [
            ("type", ctypes.c_int),
            ("serial", ctypes.c_ulong),
            ("send_event", ctypes.c_int),
            ("display", ctypes.c_void_p),
            ("window", ctypes.c_ulong),
            ("message_type", ctypes.c_ulong),
            ("format", ctypes.c_int),
            ("data", ctypes.c_long * 5),
        ]

    class Event(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

    connection = xlib.XOpenDisplay(display.encode())
    assert connection, f"cannot open display {display}"
    event = Event()
    event.xclient.type = 33  # ClientMessage
    event.xclient.window = window
    event.xclient.message_type = xlib.XInternAtom(connection, b"WM_PROTOCOLS", 0)
    event.xclient.format = 32
    event.xclient.data[0] = xlib.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
    xlib.XSendEvent(connection, window, 0, 0, ctypes.byref(event))
    xlib.XFlush(connection)
    xlib.XCloseDisplay(connection)
