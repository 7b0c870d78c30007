"""The curator's preview window: one slide as visitors will see it, its messages beside
it, and the controls to change language, screen size and slide.

An ordinary desktop window: no full screen, no PIN, no instance lock, no heartbeat, and
nothing of the installed kiosk's settings, logs or state is read or written.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kiosk.bundle.model import headline
from kiosk.ui.preview.canvas import SlideCanvas
from kiosk.ui.preview.content import Content, Failure
from kiosk.ui.preview.messages import Kind, Message, count_by_slide, plural
from kiosk.ui.preview.panel import MessagePanel
from kiosk.ui.preview.reload import DEBOUNCE_MS, Reloader
from kiosk.ui.preview.screens import STANDARD, Screen, choices, declared_screens
from kiosk.ui.theme import release_fonts

log = logging.getLogger("kiosk.ui.preview")

STALE_NOTE = "Last good version: the saved bundle has problems (see the messages)"


class PreviewWindow(QWidget):
    """Previews the bundle at ``path``, loading it again whenever it is saved."""

    def __init__(self, path: Path, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__()
        self.path = path
        self.setObjectName("kiosk-preview")
        self.setWindowTitle(f"Kiosk preview: {path.name}")
        self.content: Content | None = None
        self.failure: Failure | None = None
        self.language = ""
        self.screen_size: Screen = STANDARD[0]
        self.screens: list[Screen] = list(STANDARD)
        self.index = 0
        self.messages: list[Message] = []
        self._build()
        self.resize(1280, 760)
        self.reloader = Reloader(path, self, debounce_ms=debounce_ms)
        self.reloader.loaded.connect(self._take)
        self.reloader.reload()

    # --- what a curator (or a test) does ----------------------------------------------

    def go_to(self, index: int) -> None:
        count = self.slide_count()
        if count:
            self.index = max(0, min(index, count - 1))
            self._refresh()

    def step(self, delta: int) -> None:
        self.go_to(self.index + delta)

    def next_slide(self) -> None:
        self.step(1)

    def previous_slide(self) -> None:
        self.step(-1)

    def first_slide(self) -> None:
        self.go_to(0)

    def last_slide(self) -> None:
        self.go_to(self.slide_count() - 1)

    def set_language(self, code: str) -> None:
        if self.content is not None and code in self.content.bundle.languages:
            self.language = code
            self._refresh()

    def set_screen(self, screen: Screen) -> None:
        self.screen_size = screen
        self._refresh()

    def slide_count(self) -> int:
        return len(self.content.bundle.manifest.slides) if self.content is not None else 0

    @property
    def stale(self) -> bool:
        return self.canvas.stale

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.previous_button = QPushButton("◀ Previous", self)
        self.next_button = QPushButton("Next ▶", self)
        self.previous_button.clicked.connect(self.previous_slide)
        self.next_button.clicked.connect(self.next_slide)
        self.counter = QLabel(self)
        self.language_box = QComboBox(self)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.screen_box = QComboBox(self)
        self.screen_box.currentIndexChanged.connect(self._screen_chosen)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.counter):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Language:", self))
        bar.addWidget(self.language_box)
        bar.addWidget(QLabel("Screen:", self))
        bar.addWidget(self.screen_box)
        bar.addSpacing(16)
        bar.addWidget(self.status, 1)

        self.slide_list = QListWidget(self)
        self.slide_list.setObjectName("slides")
        self.slide_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.slide_list.currentRowChanged.connect(self._row_chosen)
        self.canvas = SlideCanvas(self)
        self.panel = MessagePanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.slide_list)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 760, 300])

        layout = QVBoxLayout(self)
        # No minimum size pushed to the window system: the splitter gives way instead.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        for keys, slot in (
            ((Qt.Key.Key_Right, Qt.Key.Key_PageDown), self.next_slide),
            ((Qt.Key.Key_Left, Qt.Key.Key_PageUp), self.previous_slide),
            ((Qt.Key.Key_Home,), self.first_slide),
            ((Qt.Key.Key_End,), self.last_slide),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)

    # --- taking a reload --------------------------------------------------------------

    def _take(self, result: Content | Failure, load_ms: float) -> None:
        started = time.perf_counter()
        name = self.path.name
        if isinstance(result, Failure):
            self.failure = result
            self._refresh()
            problems = [m for m in result.messages if m.kind is Kind.PROBLEM]
            kept = "the last good version stays on screen" if self.content else "nothing to show"
            log.info(
                "reloaded %s in %.0f ms: %s (first: %s); %s",
                name,
                load_ms + (time.perf_counter() - started) * 1000,
                plural(len(problems), "problem"),
                problems[0].text if problems else "none",
                kept,
            )
            return
        old_id = self.current_slide_id()
        old, self.content, self.failure = self.content, result, None
        if old is not None:
            old.close()
            release_fonts(result.theme)  # the fonts only the old version used
        bundle = result.bundle
        if self.language not in bundle.languages:
            self.language = bundle.default_language
        self.screens = choices(declared_screens(bundle.manifest))
        if self.screen_size not in self.screens:
            same = [
                s
                for s in self.screens
                if (s.width, s.height) == (self.screen_size.width, self.screen_size.height)
            ]
            self.screen_size = same[0] if same else self.screens[0]
        self.index = self._index_of(old_id)
        self._refresh()
        log.info(
            "reloaded %s in %.0f ms (checking %.0f ms): %s, %s",
            name,
            load_ms + (time.perf_counter() - started) * 1000,
            load_ms,
            plural(self.slide_count(), "slide"),
            plural(len(self.messages), "message"),
        )

    def current_slide_id(self) -> str | None:
        if self.content is None or not self.slide_count():
            return None
        return self.content.bundle.manifest.slides[self.index].id

    def _index_of(self, slide_id: str | None) -> int:
        """The slide with ``slide_id`` in the new version, else the same place."""
        slides = self.content.bundle.manifest.slides if self.content else []
        for index, slide in enumerate(slides):
            if slide_id is not None and slide.id == slide_id:
                return index
        return max(0, min(self.index, len(slides) - 1))

    # --- showing ----------------------------------------------------------------------

    def _refresh(self) -> None:
        """Show the current slide, its messages and the controls' state."""
        content = self.content
        if content is None:  # the first load failed: only the messages
            self.messages = list(self.failure.messages) if self.failure else []
            self.canvas.set_stale(True, "The bundle has problems: nothing to show yet")
            self.panel.show_saved_file(self.messages)
            self.counter.setText("no slides")
            self.status.setText(str(self.path))
            return
        layout = content.layout(self.language, self.screen_size)
        if self.failure is not None:
            self.messages = list(self.failure.messages)
        else:
            self.messages = content.messages + layout.messages
        self.canvas.show_image(layout.image(self.index))
        self.canvas.set_stale(self.failure is not None, STALE_NOTE)
        count = self.slide_count()
        label = f"Slide {self.index + 1}"
        if self.failure is not None:
            self.panel.show_saved_file(self.messages)
        else:
            self.panel.show_messages(self.messages, self.index, label)
        self.counter.setText(f"{self.index + 1} / {count}")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        self._fill_controls()
        title = content.bundle.manifest.bundle.title[self.language]
        self.setWindowTitle(f"Kiosk preview: {title} ({self.path.name})")
        state = "PROBLEMS (last good version shown)" if self.failure else "OK"
        self.status.setText(f"{state}  ·  {self.path}")

    def _fill_controls(self) -> None:
        """The language and screen choices and the slide list, as the bundle has them."""
        assert self.content is not None
        bundle = self.content.bundle
        for box, items, current in (
            (self.language_box, bundle.languages, self.language),
            (self.screen_box, [s.label for s in self.screens], self.screen_size.label),
        ):
            box.blockSignals(True)
            if [box.itemText(i) for i in range(box.count())] != items:
                box.clear()
                box.addItems(items)
            box.setCurrentIndex(items.index(current))
            box.blockSignals(False)
        # A broken save's slides may not be those listed (one added, moved): its
        # messages are all in the panel, and none is counted against a listed slide.
        counts = count_by_slide(self.messages) if self.failure is None else {}
        rows = []
        for index, slide in enumerate(bundle.manifest.slides):
            found = counts.get(index, 0)
            marker = f"[{found}] " if found else ""  # before the words, which may be cut
            rows.append(f"{index + 1}. {marker}{slide.type}: {headline(slide, self.language, 40)}")
        self.slide_list.blockSignals(True)
        if [self.slide_list.item(i).text() for i in range(self.slide_list.count())] != rows:
            self.slide_list.clear()
            self.slide_list.addItems(rows)
        self.slide_list.setCurrentRow(self.index)
        self.slide_list.blockSignals(False)

    def _language_chosen(self, row: int) -> None:
        if row >= 0:
            self.set_language(self.language_box.itemText(row))

    def _screen_chosen(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.set_screen(self.screens[row])

    def _row_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop watching and let go of the bundle (also when closed)."""
        self.reloader.stop()
        if self.content is not None:
            self.content.close()
            self.content = None
