"""The first frame kept for the next start: shown only while nothing that decides it changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui import first_frame
from kiosk.ui.first_frame import FRAME_FILE, STAMP_FILE, FirstFrame, record, show_cached
from tests.bundles import write_bundle

ARGV = ["--bundle", "b"]


class Slide(QWidget):
    """Stands in for the live window: frameless, a picture with some detail."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101112"))
        painter.fillRect(40, 30, 200, 90, QColor("#b3202a"))
        painter.setPen(QColor("#f4f0e8"))
        painter.drawText(60, 200, "Black January")
        painter.end()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kiosk"


@pytest.fixture
def setup(tmp_path: Path, cache: Path) -> tuple[Path, Path]:
    """A settings file and a bundle folder, as the stamp records them."""
    config = tmp_path / "kiosk.toml"
    config.write_text('log_dir = "logs"\n', encoding="utf-8")
    return config, write_bundle(tmp_path / "b")


@pytest.fixture
def slide(qtbot: QtBot) -> Iterator[Slide]:
    widget = Slide()
    qtbot.addWidget(widget)
    widget.setGeometry(QApplication.primaryScreen().geometry())
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def picture(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def shown(qtbot: QtBot, config: Path, argv: list[str] = ARGV) -> FirstFrame | None:
    cover = show_cached(argv, config)
    if cover is not None:
        qtbot.addWidget(cover)
    return cover


def test_a_kept_frame_comes_back_as_it_was_painted(
    qtbot: QtBot, setup: tuple[Path, Path], slide: Slide
) -> None:
    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    cover = shown(qtbot, config)
    assert cover is not None
    assert cover.isVisible() and cover.painted
    assert cover.geometry() == slide.geometry()
    assert picture(cover) == picture(slide)
    cover.retire()
    assert not cover.isVisible()


def test_the_same_frame_is_not_written_again(
    setup: tuple[Path, Path], slide: Slide, cache: Path
) -> None:
    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    written = (cache / FRAME_FILE).stat().st_mtime_ns
    assert not record(slide, ARGV, config, [bundle])
    assert (cache / FRAME_FILE).stat().st_mtime_ns == written


@pytest.mark.parametrize(
    "change",
    [
        "edit the manifest",
        "add a media file",
        "remove a media file",
        "edit the settings",
        "remove the settings",
        "another command line",
        "another kiosk version",
    ],
)
def test_any_change_that_could_alter_the_frame_means_no_frame(
    qtbot: QtBot,
    setup: tuple[Path, Path],
    slide: Slide,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    argv = ARGV
    manifest = bundle / "bundle.toml"
    media = sorted((bundle / "media").iterdir())
    if change == "edit the manifest":
        manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "add a media file":
        (bundle / "media" / "new.svg").write_bytes(media[0].read_bytes())
    elif change == "remove a media file":
        media[-1].unlink()
    elif change == "edit the settings":
        config.write_text('log_dir = "elsewhere"\n', encoding="utf-8")
    elif change == "remove the settings":
        config.unlink()
    elif change == "another command line":
        argv = [*ARGV, "--idle-seconds", "30"]
    else:
        monkeypatch.setattr(first_frame, "__version__", "99.0")
    assert shown(qtbot, config, argv) is None


@pytest.mark.parametrize(
    "damage",
    [
        "no stamp",
        "stamp is not JSON",
        "stamp lacks a key",
        "frame cut short",
        "no frame",
        "frame bytes damaged",
        "frame of another start",
    ],
)
def test_a_damaged_cache_means_no_frame_and_no_error(
    qtbot: QtBot, setup: tuple[Path, Path], slide: Slide, cache: Path, damage: str
) -> None:
    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    stamp, frame = cache / STAMP_FILE, cache / FRAME_FILE
    if damage == "no stamp":
        stamp.unlink()
    elif damage == "stamp is not JSON":
        stamp.write_bytes(b"\x00{not json")
    elif damage == "stamp lacks a key":
        data = json.loads(stamp.read_text(encoding="utf-8"))
        del data["frame"]
        stamp.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "frame cut short":
        frame.write_bytes(frame.read_bytes()[:-4])
    elif damage == "frame bytes damaged":  # the same length: a bad sector, a torn write
        data = bytearray(frame.read_bytes())
        data[len(data) // 2] ^= 0xFF
        frame.write_bytes(bytes(data))
    elif damage == "frame of another start":
        data = frame.read_bytes()
        frame.write_bytes(data[len(data) // 2 :] + data[: len(data) // 2])
    else:
        frame.unlink()
    assert shown(qtbot, config) is None


def test_a_window_that_does_not_fill_its_screen_keeps_nothing(
    qtbot: QtBot, setup: tuple[Path, Path], cache: Path
) -> None:
    config, bundle = setup
    preview = Slide()
    qtbot.addWidget(preview)
    preview.resize(320, 200)
    preview.show()
    qtbot.waitExposed(preview)
    assert not record(preview, ARGV, config, [bundle])
    assert not (cache / STAMP_FILE).exists()


def test_an_unwritable_cache_is_logged_not_raised(
    setup: tuple[Path, Path], slide: Slide, cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, bundle = setup
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be", encoding="utf-8")
    assert not record(slide, ARGV, config, [bundle])
    assert "could not be kept" in caplog.text


def test_a_cover_its_backstop_already_closed_retires_without_error(
    qtbot: QtBot, setup: tuple[Path, Path], slide: Slide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live window paints late: the backstop has closed (and deleted) the cover first."""
    from shiboken6 import isValid

    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    monkeypatch.setattr(first_frame, "RETIRE_LATEST_MS", 10)
    cover = show_cached(ARGV, config)
    assert cover is not None
    qtbot.waitUntil(lambda: not isValid(cover))  # closed by its backstop, then deleted
    cover.retire()  # what the start calls once the window has painted: must not raise
    assert not isValid(cover)


def test_retiring_twice_is_harmless(qtbot: QtBot, setup: tuple[Path, Path], slide: Slide) -> None:
    config, bundle = setup
    assert record(slide, ARGV, config, [bundle])
    cover = shown(qtbot, config)
    assert cover is not None
    cover.retire()
    cover.retire()
    assert not cover.isVisible()
