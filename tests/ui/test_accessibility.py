"""Every control a visitor (or staff) can reach has a name and a role for assistive
technology, found by walking the accessibility tree as a screen reader does; visitor
controls are named in the visitor's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.text import words
from kiosk.text.languages import native_name
from kiosk.ui.window import KioskWindow

Role = QAccessible.Role
ROLES = {Role.Button, Role.CheckBox, Role.List}


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[KioskWindow]:
    QAccessible.setActive(True)  # on offscreen, no bridge asks for it
    window = KioskWindow(load(builtin_bundle(), decode_media=False), Settings(), clock=lambda: 0)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.exit_kiosk(quit_application=False)


def controls(interface: QAccessibleInterface | None) -> Iterator[QAccessibleInterface]:
    """The visible interactive controls under ``interface``, depth first."""
    if interface is None or not interface.isValid() or interface.state().invisible:
        return
    if isinstance(interface.object(), QAbstractButton | QAbstractItemView):
        yield interface
    for child in range(interface.childCount()):
        yield from controls(interface.child(child))


def named(window: KioskWindow) -> dict[str, QAccessibleInterface]:
    found = list(controls(QAccessible.queryAccessibleInterface(window)))
    assert found, "no control in the accessibility tree"
    for control in found:
        name = control.text(QAccessible.Text.Name)
        assert name.strip(), f"a {type(control.object()).__name__} has no name"
        assert control.role() in ROLES, f"{name}: role {control.role()}"
    return {control.text(QAccessible.Text.Name): control for control in found}


def test_the_visitor_controls_have_names_and_roles_in_the_visitors_language(
    kiosk: KioskWindow,
) -> None:
    shown = named(kiosk)
    assert set(shown) >= {
        words.word(key, "en")
        for key in ("previous", "next", "chapters", "language", "larger_text", "reduced_motion")
    }
    toggle = shown[words.word("larger_text", "en")]
    assert toggle.role() is Role.CheckBox and not toggle.state().checked
    assert shown[words.word("next", "en")].role() is Role.Button
    kiosk.text_button.click()
    assert toggle.state().checked
    assert "125" in toggle.text(QAccessible.Text.Description)
    kiosk.set_language("az")
    assert set(named(kiosk)) >= {words.word(key, "az") for key in ("next", "reduced_motion")}
    assert words.word("next", "en") not in named(kiosk)


def test_the_overlays_controls_are_named_too(kiosk: KioskWindow) -> None:
    kiosk.language_button.click()
    assert {native_name("en", ("en", "az")), native_name("az", ("en", "az"))} <= set(named(kiosk))
    kiosk._close_overlay()
    kiosk.chapters_button.click()
    assert words.word("chapters", "en") in named(kiosk)  # the list
    kiosk._close_overlay()
    kiosk.open_staff()
    assert {"OK", "Delete", "1"} <= set(named(kiosk))
