"""The chapters overlay: chapters when the bundle has them, else a list, never every slide at once.

Opening it must cost bounded work on the GUI thread whatever the slide count: a valid
1,000-slide bundle without chapters once froze the screen for 50 s while it drew a
thumbnail of every slide, and left 436 MB behind.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.presentation import Overlay
from kiosk.qtmedia import load
from kiosk.ui.slides.base import SlideRenderer
from kiosk.ui.window import KioskWindow
from tests.bundles import VALID_TOML, write_bundle

SLIDES = 1000
HEADER = VALID_TOML[: VALID_TOML.index("[[slides]]")]


def many_slides(count: int, chapter_every: int = 0) -> str:
    slides = []
    for number in range(1, count + 1):
        chapter = ""
        if chapter_every and (number - 1) % chapter_every == 0:
            chapter = f'chapter = {{ en = "Part {number}", az = "Hissə {number}" }}\n'
        kind = number % 3
        if kind == 0:
            slides.append(
                f'[[slides]]\ntype = "quote"\n{chapter}'
                f'text = {{ en = "Words {number}", az = "Sözlər {number}" }}\n'
                'attribution = { en = "Someone", az = "Kimsə" }\n'
            )
        else:
            slides.append(
                f'[[slides]]\ntype = "narrative"\n{chapter}'
                f'heading = {{ en = "Heading {number}", az = "Başlıq {number}" }}\n'
                f'body = {{ en = "Body of slide {number}.", az = "Slayd {number}." }}\n'
            )
    return HEADER + "\n".join(slides)


class Renders:
    """Counts slide renders, and on which thread they ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on_gui_thread = 0
        self.elsewhere = 0
        self._lock = threading.Lock()
        original = SlideRenderer.render_image
        counter = self

        def counting(renderer: SlideRenderer, ratio: float = 1.0) -> QImage:
            with counter._lock:
                if threading.current_thread() is threading.main_thread():
                    counter.on_gui_thread += 1
                else:
                    counter.elsewhere += 1
            return original(renderer, ratio)

        monkeypatch.setattr(SlideRenderer, "render_image", counting)

    @property
    def total(self) -> int:
        return self.on_gui_thread + self.elsewhere

    def reset(self) -> None:
        with self._lock:
            self.on_gui_thread = self.elsewhere = 0


def make_window(
    qtbot: QtBot, bundle_path: Path, width: int = 1280, height: int = 720
) -> KioskWindow:
    window = KioskWindow(load(bundle_path, decode_media=False), Settings(idle_seconds=600))
    qtbot.addWidget(window)
    window.setGeometry(0, 0, width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def thousand(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskWindow]:
    window = make_window(qtbot, write_bundle(tmp_path / "big", many_slides(SLIDES)))
    yield window
    window.exit_kiosk(quit_application=False)


def settle(qtbot: QtBot, window: KioskWindow) -> None:
    """Wait until the deck has nothing left to render, nor the chapters on screen."""
    chapters = window.chapters

    def settled() -> bool:
        shown = not chapters.isVisible() or all(
            chapters.thumbnail_ready(row) for row in chapters.visible_rows()
        )
        return window.deck.idle and window.deck.thumbnails.idle and shown

    qtbot.waitUntil(settled, timeout=30_000)


def test_a_thousand_slides_without_chapters_open_with_bounded_work(
    thousand: KioskWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = Renders(monkeypatch)
    settle(qtbot, thousand)
    renders.reset()
    widgets_before = len(thousand.findChildren(QWidget))
    thousand._toggle_chapters()
    assert thousand.chapters.isVisible()
    opened_on_gui_thread = renders.on_gui_thread
    settle(qtbot, thousand)
    visible = thousand.chapters.visible_rows()
    assert 3 <= len(visible) <= 30
    # Only the rows on screen get a thumbnail, drawn off the GUI thread.
    assert opened_on_gui_thread == 0 and renders.on_gui_thread == 0
    assert renders.elsewhere <= len(visible) + 4, renders.elsewhere
    assert all(thousand.chapters.thumbnail_ready(row) for row in visible)
    # The list is a view of the slides, not a thousand widgets.
    assert len(thousand.findChildren(QWidget)) - widgets_before < 40
    assert thousand.chapters.count() == SLIDES
    assert thousand.chapters.label(0) == "1. Heading 1"
    assert thousand.chapters.label(SLIDES - 1) == f"{SLIDES}. Heading {SLIDES}"


def test_scrolling_a_thousand_slides_keeps_the_thumbnails_within_their_memory(
    thousand: KioskWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = Renders(monkeypatch)
    thousand._toggle_chapters()
    settle(qtbot, thousand)
    thumbnails = thousand.deck.thumbnails
    for row in range(0, SLIDES, 40):
        thousand.chapters.scroll_to(row)
        QApplication.processEvents()
        assert thumbnails.cached_bytes <= thumbnails.max_bytes
        assert thumbnails.pending <= thumbnails.max_pending + 1  # and the one being drawn
    thousand.chapters.scroll_to(SLIDES - 1)
    settle(qtbot, thousand)
    assert thousand.chapters.thumbnail_ready(SLIDES - 1)
    assert thumbnails.cached_bytes <= thumbnails.max_bytes
    assert renders.on_gui_thread == 0
    assert renders.total < SLIDES // 4  # rows scrolled past were never all drawn


def test_a_row_of_the_list_jumps_to_its_slide(thousand: KioskWindow, qtbot: QtBot) -> None:
    thousand._toggle_chapters()
    assert thousand.chapters.title == "All slides"  # not "Chapters": the bundle has none
    thousand.chapters.scroll_to(500)
    settle(qtbot, thousand)
    row = thousand.chapters.visible_rows()[1]
    centre = thousand.chapters.row_centre(row)
    qtbot.mouseClick(thousand.chapters.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: thousand.presenter.index == row)
    assert not thousand.chapters.isVisible()
    assert thousand.presenter.overlay is not Overlay.CHAPTERS


def test_with_chapters_there_is_one_entry_per_chapter(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = Renders(monkeypatch)
    window = make_window(qtbot, write_bundle(tmp_path / "big", many_slides(SLIDES, 100)))
    try:
        settle(qtbot, window)
        renders.reset()
        window._toggle_chapters()
        assert window.chapters.title == "Chapters"
        assert window.chapters.count() == SLIDES // 100
        assert [window.chapters.label(row) for row in range(3)] == [
            "Part 1",
            "Part 101",
            "Part 201",
        ]
        assert window.chapters.slide(2) == 200
        settle(qtbot, window)
        assert renders.on_gui_thread == 0 and renders.elsewhere <= SLIDES // 100
    finally:
        window.exit_kiosk(quit_application=False)


def test_the_builtin_bundle_shows_its_four_chapters_with_pictures(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, builtin_bundle())
    try:
        window.set_language("az")
        window._toggle_chapters()
        assert window.chapters.count() == 4
        assert window.chapters.label(0) == "20 yanvar 1990"
        settle(qtbot, window)
        assert all(window.chapters.thumbnail_ready(row) for row in range(4))
        rows = window.chapters.visible_rows()
        assert rows == [0, 1, 2, 3]  # all four on screen, no scrolling needed
        point = window.chapters.row_centre(2)
        assert window.chapters.viewport().rect().contains(point)
        qtbot.mouseClick(window.chapters.viewport(), Qt.MouseButton.LeftButton, pos=point)
        third = window.chapters.slide(2)
        assert window.bundle.manifest.slides[third].chapter is not None
        qtbot.waitUntil(lambda: window.presenter.index == third)
        assert not window.chapters.isVisible()
    finally:
        window.exit_kiosk(quit_application=False)
