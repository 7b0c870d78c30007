"""The kiosk's own words on screen: in the visitor's language, from the bundle's [ui]
table where it gives them, languages by their own names, staff screens in the bundle's
default language. The bundles here are test content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.presentation import Mode
from kiosk.qtmedia import load
from kiosk.text.numbers import in_digits_of
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle

TITLE = {
    "fr": "Contenu de test",
    "en": "Test content",
    "fa": "محتوای آزمایشی",
    "ar": "محتوى تجريبي",
    "zh": "测试内容",
}
#: Set to a folder to keep the screens drawn here as PNGs, to look at them.
SHOTS = os.environ.get("KIOSK_WORDS_SHOTS")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _toml(languages: list[str], ui: str) -> str:
    title = ", ".join(f'{code} = "{TITLE[code]}"' for code in languages)
    slides = "".join(
        f'\n[[slides]]\ntype = "title"\ntitle = {{ {title} }}\nchapter = {{ {title} }}\n'
        for _ in range(3)
    )
    return f"""\
[bundle]
id = "words-test"
title = {{ {title} }}
version = "1"
languages = [{", ".join(f'"{code}"' for code in languages)}]
source = {{ {title} }}
{slides}{ui}"""


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator:
    made: list[KioskWindow] = []
    clock = Clock()

    def make(languages: list[str], ui: str = "") -> KioskWindow:
        root = write_bundle(tmp_path / f"b{len(made)}", _toml(languages, ui))
        settings = Settings(pin_hash=hash_pin("2468"), idle_seconds=60)
        kiosk = KioskWindow(load(root), settings, clock=clock)
        kiosk.clock_ = clock  # type: ignore[attr-defined]
        kiosk.setGeometry(0, 0, 1280, 720)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.exit_kiosk(quit_application=False)


def _count_down(kiosk: KioskWindow) -> None:
    kiosk.note_activity()  # a visitor, who then walks away
    kiosk.clock_.now += 61  # type: ignore[attr-defined]
    kiosk._tick()
    assert kiosk.presenter.mode is Mode.COUNTDOWN and kiosk.countdown.isVisible()


def _shoot(kiosk: KioskWindow, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        kiosk.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize(
    ("language", "still_there", "touch"),
    [
        ("fr", "Vous êtes toujours là\u202f?", "Touchez l’écran pour continuer"),
        ("ar", "هل ما زلت هنا؟", "المس الشاشة للمتابعة"),
        ("zh", "还在吗？", "触摸屏幕继续"),
    ],
)
def test_a_visitor_is_asked_in_their_own_language(
    make_window, language: str, still_there: str, touch: str
) -> None:
    kiosk = make_window(["en", language])
    kiosk.set_language(language)
    _count_down(kiosk)
    assert kiosk.countdown.lines == (still_there, touch)
    _shoot(kiosk, f"countdown-{language}")


def test_the_bundles_ui_table_gives_the_countdowns_words(make_window) -> None:
    kiosk = make_window(["fr", "en"], '\n[ui.fr]\nstill_there = "Encore là\u202f?"\n')
    _count_down(kiosk)
    assert kiosk.countdown.lines == ("Encore là\u202f?", "Touchez l’écran pour continuer")


def test_languages_go_by_their_own_names_in_their_own_scripts(make_window, qtbot: QtBot) -> None:
    kiosk = make_window(["en", "fa", "ar", "zh", "fr"])
    qtbot.mouseClick(kiosk.language_button, Qt.MouseButton.LeftButton)
    assert [label for _, label in kiosk.languages._choices] == [
        "English",
        "فارسی",
        "العربية",
        "中文",
        "Français",
    ]
    _shoot(kiosk, "languages-en")
    kiosk._language_chosen("fa")
    assert kiosk.language_button._label == "فارسی"
    assert kiosk.language_button.accessibleName() == "زبان"
    assert kiosk.next_button.accessibleName() == "بعدی"
    _shoot(kiosk, "button-fa")


def test_the_language_button_is_wide_enough_for_its_name(make_window) -> None:
    kiosk = make_window(["zh", "en"])
    button = kiosk.language_button
    text_room = button.width() - button.height() * 1.2  # the icon and the margins
    assert text_room >= QFontMetricsF(button._font(button.height())).horizontalAdvance("中文")


def test_the_chapters_list_is_titled_in_the_visitors_language(make_window, qtbot: QtBot) -> None:
    kiosk = make_window(["en", "zh"])
    kiosk.set_language("zh")
    qtbot.mouseClick(kiosk.chapters_button, Qt.MouseButton.LeftButton)
    assert kiosk.chapters.title == "章节"
    _shoot(kiosk, "chapters-zh")


def test_staff_screens_speak_the_bundles_default_language(make_window) -> None:
    kiosk = make_window(["fr", "en"])
    kiosk.set_language("en")  # the last visitor read English
    kiosk.open_staff()
    assert kiosk.pin_pad.isVisible()
    kiosk._pin_entered("0000")
    assert kiosk.pin_pad.message == "Code incorrect"
    kiosk._pin_entered("2468")
    assert [button.text() for button in kiosk.staff_menu._buttons] == [
        "Reprendre",
        "Recharger l’exposition",
        "Diagnostic",
        "Quitter le kiosque",
    ]
    kiosk._show_diagnostics()
    assert kiosk.staff_menu.diagnostics.startswith("Diagnostic\n")
    assert "diapositive 1 sur 3" in kiosk.staff_menu.diagnostics
    _shoot(kiosk, "staff-fr")


@pytest.mark.parametrize(
    ("language", "digits"), [("fa", "۰۱۲۳۴۵۶۷۸۹"), ("en", "0123456789"), ("ar", "0123456789")]
)
def test_the_countdowns_seconds_are_in_the_languages_digits(
    make_window, language: str, digits: str
) -> None:
    kiosk = make_window(["en", language] if language != "en" else ["en", "fr"])
    kiosk.set_language(language)
    _count_down(kiosk)
    assert kiosk.countdown.seconds > 0
    assert kiosk.countdown.number == in_digits_of(str(kiosk.countdown.seconds), language)
    assert set(kiosk.countdown.number) <= set(digits)
