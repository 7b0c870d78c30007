"""Film and sound in the live window, offscreen, with films ffmpeg made (issue 14): the
attract loop plays a film muted and moves on at its end; the countdown waits while a
visitor watches; leaving a slide stops its sound at once; captions come at their times;
the audio guide follows the visitor."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.presentation import Mode
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundle.media_files import vtt
from tests.bundles import write_bundle
from tests.media.conftest import QT_NOISE, Films
from tests.ui.test_window import Clock

pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE)

TOML = """\
[bundle]
id = "films"
title = { en = "Films (test content)", az = "Filmlər (sınaq)" }
version = "1.0"
languages = ["en", "az"]
source = { en = "Test content", az = "Sınaq mətni" }
[timing]
slide_seconds = 10
idle_reset_seconds = 60

[[slides]]
type = "title"
title = { en = "Test content", az = "Sınaq mətni" }

[[slides]]
type = "video"
video = "media/bars.mp4"
captions = { en = "media/bars.en.vtt", az = "media/bars.az.vtt" }
caption = { en = "Colour bars (test content)", az = "Rəng zolaqları (sınaq)" }

[[slides]]
type = "image"
image = "media/dot.png"
audio = "media/tone.webm"
guide = { en = "media/guide.en.m4a" }
guide_captions = { en = "media/guide.en.vtt" }
"""

EN_CUE = "Test content: the bars."
EN_LATER = "Test content: still the bars."
AZ_CUE = "Sınaq mətni: zolaqlar."


def _sound_of(film: Path, out: Path) -> bytes:
    """The sound track of ``film`` alone, as an .m4a (no re-encoding)."""
    command = ["ffmpeg", "-v", "error", "-y", "-i", str(film), "-vn", "-c:a", "copy", str(out)]
    subprocess.run(command, check=True, timeout=60)
    return out.read_bytes()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def media_window(qtbot: QtBot, films: Films, tmp_path: Path, clock: Clock) -> Iterator[KioskWindow]:
    root = write_bundle(
        tmp_path / "films",
        TOML,
        {
            "media/bars.mp4": films.mp4.read_bytes(),
            "media/tone.webm": films.webm.read_bytes(),
            "media/guide.en.m4a": _sound_of(films.short, tmp_path / "guide.m4a"),
            "media/bars.en.vtt": vtt(
                ("00:00:00.000", "00:00:00.600", EN_CUE),
                ("00:00:00.600", "00:00:02.000", EN_LATER),
            ),
            "media/bars.az.vtt": vtt(("00:00:00.000", "00:00:02.000", AZ_CUE)),
            "media/guide.en.vtt": vtt(("00:00:00.000", "00:00:00.400", "Guide (test).")),
        },
    )
    window = KioskWindow(load(root, decode_media=False), Settings(windowed=True), clock=clock)
    window.setGeometry(0, 0, 640, 360)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.exit_kiosk(quit_application=False)
    qtbot.waitUntil(lambda: window.playback is None or not window.playback.plan.film, timeout=5000)


def tick_to(window: KioskWindow, clock: Clock, now: float) -> None:
    clock.now = now
    window._tick()


def test_the_attract_loop_plays_the_film_muted_and_moves_on_at_its_end(
    media_window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window, deck = media_window, media_window.deck
    tick_to(window, clock, 1010)
    assert window.presenter.index == 1
    film = window.playback.plan.film
    assert film is not None and film.muted  # the loop is silent
    qtbot.waitUntil(lambda: deck.film_frames_painted > 0, timeout=10_000)
    tick_to(window, clock, 1100)  # long past the slide's seconds: the film still plays
    assert window.presenter.index == 1
    qtbot.waitUntil(lambda: window.presenter.index == 2, timeout=10_000)  # its end
    assert window.playback.plan.sound is None  # the loop does not play the audio


def test_the_countdown_waits_while_a_visitor_watches(
    media_window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window = media_window
    window.go_to(1)
    assert window.playback.plan.film is not None and not window.playback.plan.film.muted
    qtbot.waitUntil(lambda: window.presenter.media_playing, timeout=5000)
    tick_to(window, clock, 1200)  # far past the idle time
    assert window.presenter.mode is Mode.VISITOR
    qtbot.waitUntil(lambda: not window.presenter.media_playing, timeout=10_000)
    ended = clock.now
    tick_to(window, clock, ended + 59)
    assert window.presenter.mode is Mode.VISITOR
    tick_to(window, clock, ended + 60)
    assert window.presenter.mode is Mode.COUNTDOWN


def test_captions_come_at_their_time_in_the_visitors_language(
    media_window: KioskWindow, qtbot: QtBot
) -> None:
    window, deck = media_window, media_window.deck
    window.go_to(1)
    qtbot.waitUntil(lambda: deck.cue == EN_CUE, timeout=5000)
    assert window.captions_button.isVisible()
    qtbot.waitUntil(lambda: deck.cue == EN_LATER, timeout=5000)  # the next, at 0.6 s
    window.set_language("az")  # the same film plays on, captioned in Azerbaijani
    qtbot.waitUntil(lambda: deck.cue == AZ_CUE, timeout=5000)
    window.toggle_captions()
    assert deck.cue == "" and not window.captions_button.isChecked()
    window.toggle_captions()
    qtbot.waitUntil(lambda: deck.cue == AZ_CUE, timeout=5000)
    qtbot.waitUntil(lambda: deck.cue == "", timeout=5000)  # the film ended: no caption


def test_leaving_a_slide_stops_its_sound_at_once(media_window: KioskWindow, qtbot: QtBot) -> None:
    window = media_window
    window.go_to(2)
    plan = window.playback.plan
    assert plan.sound is not None and plan.sound.file == "media/tone.webm"
    sound = window.playback._players["sound"]
    qtbot.waitUntil(lambda: sound.is_playing, timeout=5000)
    window.previous()
    assert not sound.is_playing
    assert window.playback.plan.film is not None  # the film of slide 2 starts instead


def test_the_guide_plays_the_visitors_recording_and_follows_them(
    media_window: KioskWindow, qtbot: QtBot
) -> None:
    window = media_window
    window.go_to(2)
    assert window.listen_button.isVisible()
    window.toggle_guide()
    assert window.listen_button.isChecked()
    assert window.playback.plan.sound.file == "media/guide.en.m4a"
    qtbot.waitUntil(lambda: window.deck.cue == "Guide (test).", timeout=5000)
    window.set_language("az")  # no recording in Azerbaijani: the slide's own audio
    assert not window.listen_button.isVisible()
    assert window.playback.plan.sound.file == "media/tone.webm"


@pytest.mark.qt_log_ignore(*QT_NOISE, r"Could not open media", r"[Ii]nvalid data")
def test_a_film_that_cannot_be_played_shows_its_poster_and_the_loop_moves_on(
    qtbot: QtBot, films: Films, tmp_path: Path, clock: Clock
) -> None:
    """A truncated film passes the quick start's header check; it fails when played."""
    root = write_bundle(
        tmp_path / "broken",
        TOML.split('[[slides]]\ntype = "image"')[0],
        {
            "media/bars.mp4": films.truncated.read_bytes(),
            "media/bars.en.vtt": vtt(("00:00:00.000", "00:00:01.000", EN_CUE)),
            "media/bars.az.vtt": vtt(("00:00:00.000", "00:00:01.000", AZ_CUE)),
        },
    )
    window = KioskWindow(load(root, decode_media=False), Settings(windowed=True), clock=clock)
    window.setGeometry(0, 0, 640, 360)
    window.show()
    qtbot.waitExposed(window)
    try:
        tick_to(window, clock, 1010)
        assert window.presenter.index == 1
        qtbot.waitUntil(lambda: window.presenter.index == 0, timeout=10_000)  # moved on
        assert window.deck.film_frames_painted == 0
        assert window.deck._film_frame is None
    finally:
        window.exit_kiosk(quit_application=False)


def test_a_bundle_started_without_probing_has_its_films_checked_after(
    media_window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    """The quick start reads films from their headers; once on screen, the kiosk probes
    them in the background and the bundle so checked, with the films' own frames as
    posters, comes in at the next reset."""
    window = media_window
    film = window.bundle.manifest.slides[1]
    assert window.bundle.poster(film, "en") is None  # not probed at start
    window.check_media_fully()
    qtbot.waitUntil(lambda: window.presenter.has_pending_content, timeout=60_000)
    tick_to(window, clock, 1001)  # the attract loop: the next reset is now
    assert window.bundle.media_facts
    assert window.bundle.poster(window.bundle.manifest.slides[1], "en") is not None
    window.check_media_fully()  # checked: nothing more to do
    assert not window.presenter.has_pending_content
