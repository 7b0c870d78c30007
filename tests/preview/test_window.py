"""The preview window, offscreen: stepping, languages and screens, messages beside their
slide, reloading on save with the last good picture kept, and the kiosk's settings left
alone."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from kiosk.ui.preview.messages import Kind
from kiosk.ui.preview.screens import STANDARD
from kiosk.ui.preview.window import PreviewWindow
from tests.preview.bundle import preview_toml, save_as_editor, write_preview_bundle

LANDSCAPE, PORTRAIT, UHD = STANDARD
#: Event-loop turns a save is given to come through the file watcher (10 ms each).
POLLS = 1000


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return write_preview_bundle(tmp_path / "bundle")


@pytest.fixture
def window(qtbot, bundle: Path) -> Iterator[PreviewWindow]:  # type: ignore[no-untyped-def]
    preview = PreviewWindow(bundle, debounce_ms=10)
    qtbot.addWidget(preview)
    preview.show()
    yield preview
    preview.close()


def saved(qtbot, window: PreviewWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """Save the manifest as an editor does and wait (a bounded count of polls) until the
    window has taken the reload the file watcher started."""
    taken = []
    window.reloader.loaded.connect(lambda *_: taken.append(1))
    save_as_editor(window.path / "bundle.toml", text)
    for _ in range(POLLS):
        if taken:
            break
        qtbot.wait(10)
    assert taken, "the save did not reload the bundle"


def same(first: QImage, second: QImage) -> bool:
    return first.size() == second.size() and first == second


def test_each_screen_is_laid_out_at_its_size_and_shown_scaled(window: PreviewWindow) -> None:
    assert window.canvas.image.size() == QSize(1920, 1080)
    window.set_screen(PORTRAIT)
    assert window.canvas.image.size() == QSize(1080, 1920)
    window.set_screen(UHD)
    assert window.canvas.image.size() == QSize(3840, 2160)
    shown = window.canvas.picture_rect()
    assert window.canvas.rect().contains(shown)
    assert abs(shown.width() / shown.height() - 16 / 9) < 0.01
    assert window.screen_box.currentText() == UHD.label


def test_languages_and_slides_switch_from_the_controls_and_the_keys(
    qtbot, window: PreviewWindow
) -> None:  # type: ignore[no-untyped-def]
    english = window.canvas.image
    window.language_box.setCurrentIndex(1)
    assert window.language == "az"
    assert not same(english, window.canvas.image)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.index == 1
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # past the last: stays there
    assert window.index == 2
    assert not window.next_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert (window.index, window.slide_list.currentRow()) == (1, 1)
    window.previous_button.click()
    assert window.index == 0
    window.slide_list.setCurrentRow(2)
    assert (window.index, window.counter.text()) == (2, "3 / 3")


def test_messages_stand_beside_the_slide_they_concern(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    long_quotation = " ".join(["remembrance"] * 600)  # does not fit on any screen
    toml = preview_toml().replace("A short quotation of test content.", long_quotation)
    preview = PreviewWindow(write_preview_bundle(tmp_path / "long", toml))
    qtbot.addWidget(preview)
    assert [(m.kind, m.slide) for m in preview.messages] == [(Kind.LAYOUT, 1)]
    assert preview.panel.shown == []
    assert preview.panel.others.text() == "1 message on other slides"
    assert preview.slide_list.item(1).text().startswith("2. [1] quote: ")
    preview.go_to(1)
    assert [m.text for m in preview.panel.shown] == ["en, 1920x1080: text does not fit"]
    assert preview.panel.list.count() == 1
    assert preview.panel.others.text() == ""
    preview.close()


def test_a_save_reloads_and_stays_on_the_slide_and_language(qtbot, window: PreviewWindow) -> None:  # type: ignore[no-untyped-def]
    window.set_language("az")
    window.go_to(1)  # "words"
    # A slide put before it: the preview follows the slide by its id.
    inserted = preview_toml().replace(
        '[[slides]]\nid = "words"',
        '[[slides]]\nid = "added"\ntype = "title"\ntitle = { en = "New", az = "Yeni" }\n\n'
        '[[slides]]\nid = "words"',
    )
    saved(qtbot, window, inserted)
    assert (window.index, window.language, window.slide_count()) == (2, "az", 4)
    assert window.current_slide_id() == "words"
    assert not window.stale


def test_a_broken_save_keeps_the_last_good_picture_until_it_is_fixed(
    qtbot, window: PreviewWindow
) -> None:  # type: ignore[no-untyped-def]
    good = window.canvas.image
    saved(qtbot, window, preview_toml().replace('title = { en = "Hello"', 'title = { en = "Hello'))
    assert window.stale
    assert same(good, window.canvas.image)
    problems = [m for m in window.panel.shown if m.kind is Kind.PROBLEM]
    assert problems and all(m.slide is None for m in problems)  # a syntax error: the file's
    assert problems[0].text.startswith("bundle.toml, line 11, column 22: ")
    assert window.status.text().startswith("PROBLEMS")

    saved(qtbot, window, preview_toml(heading_key="hedaing"))  # a content mistake on slide 3
    assert window.stale and same(good, window.canvas.image)
    # The saved file's slides may not be those listed (one added or moved), so all its
    # messages stand beside whichever slide is shown, and no listed slide counts them.
    for index in (0, 2):
        window.go_to(index)
        # One message: the misspelt key, with the right one (not also "heading is missing").
        [message] = window.panel.shown
        assert message.text.split(": ")[1] == "slides[2].hedaing"
        assert "heading" in message.text.split(": ", 2)[2]
        assert window.panel.others.text() == ""
    rows = [window.slide_list.item(i).text() for i in range(window.slide_list.count())]
    assert not any("[" in row for row in rows), rows

    window.go_to(0)
    saved(qtbot, window, preview_toml(title="Welcome"))
    assert not window.stale
    assert window.messages == []
    assert not same(good, window.canvas.image)  # the new title


def test_the_installed_kiosks_settings_and_folders_are_left_alone(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch, bundle: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = tmp_path / "kiosk.toml"
    settings.write_text('log_dir = "/nowhere"\nidle_seconds = 90\n', encoding="utf-8")
    os.utime(settings, ns=(1_000_000_000, 1_000_000_000))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("KIOSK_CONFIG", str(settings))
    monkeypatch.setenv("HOME", str(home))
    for name in ("CONFIG", "CACHE", "DATA", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    preview = PreviewWindow(bundle, debounce_ms=10)
    qtbot.addWidget(preview)
    preview.show()
    preview.set_screen(PORTRAIT)
    saved(qtbot, preview, preview_toml(title="Again"))
    preview.close()
    assert settings.read_bytes() == b'log_dir = "/nowhere"\nidle_seconds = 90\n'
    assert settings.stat().st_mtime_ns == 1_000_000_000
    assert list(home.rglob("*")) == []


def test_a_packed_file_replaced_by_a_new_one_is_reloaded(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    def pack(title: str, name: str) -> Path:
        folder = write_preview_bundle(tmp_path / name, preview_toml(title=title))
        packed = tmp_path / f"{name}.kiosk"
        with zipfile.ZipFile(packed, "w") as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(folder).as_posix())
        return packed

    packed = pack("Hello", "first")
    preview = PreviewWindow(packed, debounce_ms=10)
    qtbot.addWidget(preview)
    before = preview.canvas.image
    taken = []
    preview.reloader.loaded.connect(lambda *_: taken.append(1))
    pack("Welcome", "second").replace(packed)
    for _ in range(POLLS):
        if taken:
            break
        qtbot.wait(10)
    assert taken and not preview.stale
    assert not same(before, preview.canvas.image)
    preview.close()


def test_a_bundle_broken_from_the_start_shows_its_messages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = write_preview_bundle(tmp_path / "broken", preview_toml().replace('"quote"', '"qoute"'))
    preview = PreviewWindow(broken, debounce_ms=10)
    qtbot.addWidget(preview)
    [message] = preview.panel.shown
    assert "slides[1].type" in message.text and "quote" in message.text
    assert "1 problem" in preview.panel.heading.text()
