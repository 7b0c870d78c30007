"""Transition frame times with software rendering, at 1920x1080 and 3840x2160.

Each frame of a slide transition and of a crossfade is painted exactly as the deck
paints it on screen (two cached slide pixmaps, offset or blended) into an off-screen
image; the time of every frame is recorded. Target: p95 under 16.7 ms (one 60 Hz frame).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

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
    target = QImage(size, QImage.Format.Format_RGB32)
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


def main() -> int:
    _app = QApplication(sys.argv)
    print("| screen | transition | frames | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for size in (QSize(1920, 1080), QSize(3840, 2160)):
        for kind in (Move.FORWARD, Move.FADE):
            result = measure(size, kind)
            print(
                f"| {size.width()}x{size.height()} | {kind.value} | {result['frames']} "
                f"| {result['p50']:.1f} "
                f"| {result['p95']:.1f} | {result['p99']:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
