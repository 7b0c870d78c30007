"""The messages beside the slide: this slide's, the whole bundle's, and a count of the
others'."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.ui.preview.messages import Kind, Message, elsewhere, for_slide, plural

COLOURS = {Kind.PROBLEM: "#b0281e", Kind.WARNING: "#8a5a00", Kind.LAYOUT: "#245a8a"}


class MessagePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setObjectName("messages")
        self.others = QLabel(self)
        self.others.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.others)
        self.shown: list[Message] = []

    def show_messages(self, messages: Sequence[Message], index: int, slide_label: str) -> None:
        """The messages of slide ``index`` (named ``slide_label``) and of the bundle."""
        self.shown = for_slide(messages, index)
        self._fill(messages, index, slide_label)

    def show_saved_file(self, messages: Sequence[Message]) -> None:
        """Every message of a save that could not be shown: its slides are not those on
        screen (the last good version, or none), so none is left behind another slide."""
        self.shown = list(messages)
        problems = sum(1 for message in messages if message.kind is Kind.PROBLEM)
        self.heading.setText(
            f"The saved bundle: {plural(problems, 'problem')} to fix before it can be shown"
            " (slides[N] counts slides from 0)"
        )
        self._list(self.shown)
        self.others.setText("")

    def _fill(self, messages: Sequence[Message], index: int, slide_label: str) -> None:
        here = sum(1 for message in self.shown if message.slide == index)
        whole = len(self.shown) - here
        parts = [f"{slide_label}: {plural(here, 'message') if here else 'no messages'}"]
        if whole:
            parts.append(f"the whole bundle: {plural(whole, 'message')}")
        self.heading.setText("; ".join(parts))
        self._list(self.shown)
        count = elsewhere(messages, index)
        self.others.setText(f"{plural(count, 'message')} on other slides" if count else "")

    def _list(self, messages: Sequence[Message]) -> None:
        self.list.clear()
        for message in messages:
            item = QListWidgetItem(f"{message.kind.value}: {message.text}")
            item.setForeground(QBrush(QColor(COLOURS[message.kind])))
            self.list.addItem(item)
