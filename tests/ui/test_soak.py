"""Soak: a simulated month of attract loop and visitors through the real window code.

After a warm-up and a visit to every slide in every language, 3,000 transitions spread
over a month of simulated time may not grow the Python heap by 500 bytes a transition
(1.5 MB) nor the RSS by 10 MB (a slide's pixmap a transition would be 1.5 GB), nor leave
timers, connections, threads, pixmaps or pictures behind. Tracing doubles the cost of a
transition, so the run is sized to its sensitivity; SOAK_N and SOAK_WARM make it longer.
"""

from __future__ import annotations

import gc
import random
import threading
import tracemalloc
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.presentation.test_presenter import check_invariants

WARM_UP = int(__import__("os").environ.get("SOAK_WARM", 500))
TRANSITIONS = int(__import__("os").environ.get("SOAK_N", 3_000))
MONTH = 30 * 24 * 3600


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def census(window: KioskWindow) -> dict[str, int]:
    """What must not pile up in a kiosk that runs for months."""
    return {
        "timers": len(window.findChildren(QTimer)),
        "objects": len(window.findChildren(QObject)),
        "threads": threading.active_count(),
        "deck receivers": window.deck._delivery.receivers("2rendered(PyObject,QImage)"),
        "picture receivers": window.images.receivers("2ready()"),
    }


@pytest.mark.slow
def test_a_simulated_month_leaks_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: None))
    clock = Clock()
    window = KioskWindow(
        load(builtin_bundle(), decode_media=False), Settings(idle_seconds=60), clock=clock
    )
    window.setGeometry(0, 0, 480, 270)
    window.show()
    qtbot.waitExposed(window)
    rng = random.Random(1990)
    step = 1.6 * MONTH / (WARM_UP + TRANSITIONS)  # visitors, too, take their time
    deck = window.deck

    def transition() -> None:
        """One slide change: the attract loop's fade, or a visitor's move."""
        before = (window.presenter.index, window.presenter.language)
        while (window.presenter.index, window.presenter.language) == before:
            choice = rng.random()
            if choice < 0.5:
                clock.now += rng.uniform(0.5, 1.5) * step
                window._tick()
            elif choice < 0.8:
                clock.now += rng.uniform(2, 60)  # a visitor reads, then moves on
                window.next() if rng.random() < 0.7 else window.previous()
            elif choice < 0.9:
                window.set_language(rng.choice(["en", "az"]))
            else:
                window.go_to(rng.randrange(window.presenter.count))
            check_invariants(window.presenter, clock.now)
        settle()

    def settle() -> None:
        animation = deck._animation
        animation.setCurrentTime(animation.duration())  # skip to the end: time is simulated
        QApplication.processEvents()

    try:
        for _ in range(WARM_UP):
            transition()
        # Every slide in every language once before counting: what is loaded once for
        # good (a language's hyphenation dictionary, a picture) is no leak.
        for language in ("en", "az"):
            window.set_language(language)
            for index in range(window.presenter.count):
                window.go_to(index)
                settle()
        deck.grab()
        gc.collect()
        tracemalloc.start()
        heap_before = tracemalloc.get_traced_memory()[0]
        rss_before = rss_bytes()
        counts_before = census(window)
        for number in range(TRANSITIONS):
            transition()
            if number % 500 == 0:
                deck.grab()  # paint a frame now and then, as the screen would
        gc.collect()
        QApplication.processEvents()
        heap_growth = tracemalloc.get_traced_memory()[0] - heap_before
        rss_growth = rss_bytes() - rss_before
        tracemalloc.stop()
        assert clock.now >= MONTH
        assert heap_growth < 500 * TRANSITIONS, f"Python heap grew by {heap_growth / 2**20:.1f} MB"
        assert rss_growth < 10 * 2**20, f"RSS grew by {rss_growth / 2**20:.1f} MB"
        assert census(window) == counts_before
        assert len(deck._cache) <= 3
        assert len(window.images._cache) <= 48
    finally:
        window.exit_kiosk(quit_application=False)
