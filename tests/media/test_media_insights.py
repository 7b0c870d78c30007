"""The live window tells the visitor insights how far a visitor played a film (issue 17):
to its end is 1.0, left mid-way is between 0 and 1, and the attract loop's muted plays
are no visitor's. Films made by ffmpeg (tests/media/conftest.py), offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.insights import events as ev
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle
from tests.media.conftest import QT_NOISE, Films
from tests.ui.test_window import Clock

pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE)

TOML = """\
[bundle]
id = "films"
title = { en = "Films (test content)" }
version = "1.0"
languages = ["en"]
source = { en = "Test content" }
[timing]
slide_seconds = 10
idle_reset_seconds = 60

[[slides]]
type = "title"
id = "start"
title = { en = "Test content" }

[[slides]]
type = "video"
id = "short"
video = "media/short.mp4"
caption = { en = "Half a second of bars (test content)" }

[[slides]]
type = "video"
id = "bars"
video = "media/bars.mp4"
caption = { en = "Colour bars (test content)" }
"""


class Sink:
    """A store that keeps what it is given (what the window's recorder records)."""

    recording = True

    def __init__(self) -> None:
        self.events: list[ev.Event] = []

    def record(self, event: ev.Event) -> None:
        self.events.append(event)

    def flush(self, *, wait: bool = False) -> None:
        pass

    def close(self) -> None:
        pass

    @property
    def plays(self) -> list[ev.MediaPlayed]:
        return [e for e in self.events if isinstance(e, ev.MediaPlayed)]


@pytest.fixture
def kiosk(qtbot: QtBot, films: Films, tmp_path: Path) -> Iterator[tuple[KioskWindow, Sink, Clock]]:
    media = {"media/bars.mp4": films.mp4.read_bytes(), "media/short.mp4": films.short.read_bytes()}
    root = write_bundle(tmp_path / "films", TOML, media)
    sink, clock = Sink(), Clock()
    window = KioskWindow(
        load(root, decode_media=False),
        Settings(windowed=True),
        clock=clock,
        insights=sink,  # type: ignore[arg-type]
    )
    window.setGeometry(0, 0, 320, 200)
    window.show()
    qtbot.waitExposed(window)
    yield window, sink, clock
    window.exit_kiosk(quit_application=False)
    qtbot.waitUntil(lambda: window.playback is None or not window.playback.plan.film, timeout=5000)


def test_a_visitor_who_watches_a_film_to_its_end_played_all_of_it(
    kiosk: tuple[KioskWindow, Sink, Clock], qtbot: QtBot
) -> None:
    window, sink, _ = kiosk
    window.go_to(1)
    qtbot.waitUntil(lambda: bool(sink.plays), timeout=10_000)  # the 0.5 s film ends
    assert [(p.slide_id, p.fraction) for p in sink.plays] == [("short", 1.0)]
    window.go_to(0)  # leaving after its end tells nothing more
    assert len(sink.plays) == 1


def test_a_visitor_who_leaves_mid_film_played_part_of_it(
    kiosk: tuple[KioskWindow, Sink, Clock], qtbot: QtBot
) -> None:
    window, sink, _ = kiosk
    window.go_to(2)
    film = window.playback._players["film"]
    qtbot.waitUntil(lambda: (film.played_share or 0) > 0.1, timeout=10_000)
    window.go_to(0)
    (play,) = sink.plays
    assert play.slide_id == "bars" and 0 < play.fraction < 1


def test_the_attract_loops_muted_film_is_no_visitors_play(
    kiosk: tuple[KioskWindow, Sink, Clock], qtbot: QtBot
) -> None:
    window, sink, clock = kiosk
    clock.now += 10
    window._tick()  # the loop moves on to the short film, muted
    assert window.presenter.index == 1 and window.playback.plan.film.muted
    qtbot.waitUntil(lambda: window.presenter.index == 2, timeout=10_000)  # its end
    assert sink.plays == []
