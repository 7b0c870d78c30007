"""Soak (issue 14): 2,000 plays of a short film through the live window, a visitor going
back and forth between it and a still, each play cut at its first frame as a hurried
visitor would. QtMultimedia's players are a known leak source: the kiosk makes one and
reuses it, and after a warm-up the plays may not grow the memory, the threads or the
open files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle
from tests.media.conftest import QT_NOISE, Films

#: A film's opening cut short while FFmpeg reads its index: on a loaded machine the
#: interrupted read can end inside the MP4's index ("moov atom not found"), worded as
#: invalid data rather than "Immediate exit requested". The player has stopped by then and
#: ignores it (kiosk.media.player); seen once in 2,100 plays with the suite on 2 busy cores.
CUT_SHORT_IN_THE_INDEX = r"^Could not open media\. FFmpeg error description: Invalid data found"
pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE, CUT_SHORT_IN_THE_INDEX)

WARM_UP = 100
PLAYS = int(os.environ.get("FILM_SOAK_N", 2_000))
#: Measured: about 1 MB over 2,000 plays (the allocator's noise). A frame kept per
#: play would be 300 kB each, 600 MB in all; a player made per play, several MB each.
RSS_GROWTH = 12 * 2**20

TOML = """\
[bundle]
id = "soak"
title = { en = "Soak (test content)" }
version = "1.0"
languages = ["en"]
source = { en = "Test content" }
[[slides]]
type = "title"
title = { en = "A still (test content)" }

[[slides]]
type = "video"
video = "media/short.mp4"
captions = { en = "media/short.vtt" }
"""


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


POOLED = "Thread (pooled)"  # a QThreadPool's: bounded, idle ones expire
MAX_POOLED = 2 * QThread.idealThreadCount() + 4


class Census(NamedTuple):
    threads: list[str]  # by name, besides the pools'
    pooled: int
    files: int


def census() -> Census:
    names = sorted(
        (task / "comm").read_text().strip() for task in Path("/proc/self/task").iterdir()
    )
    files = sum(1 for _ in Path("/proc/self/fd").iterdir())
    return Census([name for name in names if name != POOLED], names.count(POOLED), files)


@pytest.mark.slow
def test_two_thousand_plays_leave_nothing_behind(
    qtbot: QtBot, films: Films, tmp_path: Path
) -> None:
    root = write_bundle(
        tmp_path / "soak",
        TOML,
        {
            "media/short.mp4": films.short.read_bytes(),
            "media/short.vtt": b"WEBVTT\n\n00:00:00.000 --> 00:00:00.400\nTest content.\n",
        },
    )
    window = KioskWindow(load(root, decode_media=False), Settings(windowed=True))
    window.setGeometry(0, 0, 480, 270)
    window.show()
    qtbot.waitExposed(window)
    deck = window.deck
    try:

        def play_once() -> None:
            window.next()  # to the film
            painted = deck.film_frames_painted
            qtbot.waitUntil(lambda: deck.film_frames_painted > painted, timeout=10_000)
            window.previous()  # and away, mid-play: it stops at once
            assert not window.playback._players["film"].is_playing

        for _ in range(WARM_UP):
            play_once()
        qtbot.wait(200)  # a stopped playback's threads end in their own time
        before, memory = census(), rss()
        for _ in range(PLAYS):
            play_once()
        qtbot.wait(200)  # let Qt delete what it was asked to
        after = census()
        assert after.threads == before.threads, f"{before} -> {after}"
        # QtMultimedia opens films on thread pools (Qt's global one and its own), which
        # grow to their bounds and let idle threads go after 30 s: measured 3 or 4 here
        # over 2,000 plays, each with one wake-up descriptor. Bounded, not growing.
        assert after.pooled <= MAX_POOLED
        assert after.files <= before.files + max(0, after.pooled - before.pooled), after
        assert rss() - memory < RSS_GROWTH, f"{(rss() - memory) / 2**20:.1f} MB more"
    finally:
        window.exit_kiosk(quit_application=False)
