"""Transition frame times with software rendering, at 1920x1080 and 3840x2160, and at
1920x1080 logical on a device pixel ratio of 2.0 (a 4K panel at 200 %: the same 3840x2160
pixels, drawn from slides rendered at the screen's pixels).

Each frame of a slide transition and of a crossfade is painted exactly as the deck
paints it on screen (two cached slide pixmaps, offset or blended) into an off-screen
image; the time of every frame is recorded. Target: p95 under 16.7 ms (one 60 Hz frame).
The 2.0 case runs in a process of its own, on an offscreen 3840x2160 screen with
QT_SCALE_FACTOR=2 (a device pixel ratio is a property of the screen).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.presentation import Move
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow

FRAMES_PER_TRANSITION = 24  # 400 ms at 60 fps


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(size: QSize, kind: Move, transitions: int = 20) -> dict[str, float]:
    window = KioskWindow(load(builtin_bundle(), decode_media=False), Settings())
    window.setGeometry(0, 0, size.width(), size.height())
    window.show()
    QApplication.processEvents()
    deck = window.deck
    ratio = window.devicePixelRatioF()
    target = QImage(size * ratio, QImage.Format.Format_RGB32)
    target.setDevicePixelRatio(ratio)
    times: list[float] = []
    for _ in range(transitions):
        move = kind
        index = (deck.index + 1) % window.presenter.count
        deck._pixmap(index)  # prepared beforehand, as the worker thread does
        deck.show_slide(index, move)
        animation = deck._animation
        for frame in range(1, FRAMES_PER_TRANSITION + 1):
            animation.setCurrentTime(animation.duration() * frame // (FRAMES_PER_TRANSITION + 1))
            started = time.perf_counter()
            window.render(target)  # the whole window: deck, buttons and dots
            times.append((time.perf_counter() - started) * 1000)
        animation.setCurrentTime(animation.duration())
        QApplication.processEvents()
    window.exit_kiosk(quit_application=False)
    return {
        "frames": len(times),
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
    }


def row(screen: str, kind: Move, result: dict[str, float]) -> str:
    return (
        f"| {screen} | {kind.value} | {result['frames']} | {result['p50']:.1f} "
        f"| {result['p95']:.1f} | {result['p99']:.1f} |"
    )


def at_ratio_2() -> list[str]:
    """The 1920x1080-at-2.0 rows, measured in a process on a 200 % screen."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "screen.json"
        screen = {"name": "4k", "x": 0, "y": 0, "width": 3840, "height": 2160, "dpr": 1.0}
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_SCALE_FACTOR": "2",
        }
        result = subprocess.run(
            [sys.executable, __file__, "--ratio-2"],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
    return result.stdout.splitlines()


def main() -> int:
    app = QApplication(sys.argv)
    if "--ratio-2" in sys.argv:
        ratio = app.primaryScreen().devicePixelRatio()
        assert ratio == 2.0, f"the screen's device pixel ratio is {ratio}, not 2.0"
        for kind in (Move.FORWARD, Move.FADE):
            print(
                row("1920x1080 at 2.0 (3840x2160 pixels)", kind, measure(QSize(1920, 1080), kind))
            )
        return 0
    print("| screen | transition | frames | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for size in (QSize(1920, 1080), QSize(3840, 2160)):
        for kind in (Move.FORWARD, Move.FADE):
            print(row(f"{size.width()}x{size.height()}", kind, measure(size, kind)))
    for line in at_ratio_2():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
