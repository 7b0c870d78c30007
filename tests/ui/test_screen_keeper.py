"""The screen keeper, offscreen: it puts a moved, resized or hidden window back on its screen.

The real X server cases (xrandr, another client unmapping the window) are in
tests/e2e/test_screen.py; these cover the logic, the preview and the idle cost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.operations import screensaver
from kiosk.ui import app as app_module
from kiosk.ui.awake import Awake
from kiosk.ui.screen import SETTLE_MS, ScreenKeeper, keep_full_screen


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    yield widget


def screen_geometry() -> QRect:
    return QGuiApplication.screens()[0].geometry()


def test_a_resized_or_moved_window_is_put_back(window: QWidget, qtbot: QtBot) -> None:
    keeper = keep_full_screen(window, 0)
    qtbot.waitExposed(window)
    assert window.geometry() == screen_geometry()
    window.setGeometry(40, 30, 300, 200)  # as another X client would
    qtbot.waitUntil(lambda: window.geometry() == screen_geometry())
    window.move(100, 100)
    qtbot.waitUntil(lambda: window.geometry() == screen_geometry())
    assert keeper.refits >= 2


def test_a_window_the_kiosk_closes_stays_closed(window: QWidget, qtbot: QtBot) -> None:
    """Staff exit closes the window: the keeper must not bring it back."""
    keeper = keep_full_screen(window, 0)
    qtbot.waitExposed(window)
    window.close()
    qtbot.wait(3 * SETTLE_MS)
    keeper.check()
    assert not window.isVisible() and keeper.refits == 0


def test_a_missing_screen_means_screen_0(window: QWidget, qtbot: QtBot) -> None:
    keeper = keep_full_screen(window, 3)
    assert keeper.target() is QGuiApplication.screens()[0]
    qtbot.waitExposed(window)
    assert window.geometry() == screen_geometry()


def test_a_window_that_fits_is_left_alone_at_almost_no_cost(window: QWidget, qtbot: QtBot) -> None:
    keeper = keep_full_screen(window, 0)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: keeper.misfit() is None)
    refits = keeper.refits
    began = time.process_time()
    for _ in range(10_000):  # more than two hours of the once-a-second check
        keeper.check()
    spent = time.process_time() - began
    assert keeper.refits == refits
    assert spent < 2.0, f"{spent:.2f} s of CPU for 10,000 checks"  # about 0.1 s measured


def awake_count() -> int:
    return len(QApplication.instance().findChildren(Awake))


def test_the_preview_keeps_no_screen_and_leaves_the_screen_saver_alone(
    window: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    touched: list[str] = []
    monkeypatch.setattr(screensaver, "disable", lambda *_args: touched.append("disable"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = awake_count()
    app_module._place(app, window, True, 0)  # type: ignore[arg-type]
    qtbot.waitExposed(window)
    qtbot.wait(100)  # past the first paint
    assert window.findChildren(ScreenKeeper) == []
    assert awake_count() == before and touched == []
    assert window.size().toTuple() == (1280, 720)


def test_the_full_screen_kiosk_keeps_its_screen_and_stays_awake_after_its_first_frame(
    window: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    touched: list[str] = []
    monkeypatch.setattr(screensaver, "disable", lambda *_args: touched.append("disable"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = awake_count()
    app_module._place(app, window, False, 0)  # type: ignore[arg-type]
    assert len(window.findChildren(ScreenKeeper)) == 1
    assert awake_count() == before  # not before the window has painted
    qtbot.waitUntil(lambda: awake_count() == before + 1)
    assert touched == []  # offscreen is not X11: the X server's settings are not touched


TWO_SCREENS = """
import json, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from kiosk.ui.screen import keep_full_screen

app = QApplication([])
main, projector = app.screens()
window = QWidget()
keeper = keep_full_screen(window, 1)
seen = []

def settle():
    for _ in range(50):
        app.processEvents()
        keeper.check()
    seen.append(window.geometry().getRect())

settle()
QGuiApplication.screens = staticmethod(lambda: [main])  # the projector is unplugged
keeper._screen_changed()
settle()
QGuiApplication.screens = staticmethod(lambda: [main, projector])  # and plugged in again
keeper._screen_changed()
settle()
print(json.dumps(seen))
"""


def test_without_its_screen_the_window_goes_to_screen_0_and_back_when_it_returns(
    tmp_path: Path,
) -> None:
    """Two offscreen screens (Qt's offscreen platform reads them from a file)."""
    screens = [
        {"name": "main", "x": 0, "y": 0, "width": 800, "height": 600},
        {"name": "projector", "x": 800, "y": 0, "width": 1024, "height": 768},
    ]
    for screen in screens:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"},
    )
    assert result.returncode == 0, result.stderr
    on_projector, fallback, back = json.loads(result.stdout.splitlines()[-1])
    assert on_projector == [800, 0, 1024, 768]
    assert fallback == [0, 0, 800, 600]
    assert back == [800, 0, 1024, 768]
