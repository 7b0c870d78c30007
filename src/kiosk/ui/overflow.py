"""Measuring a text that does not fit on a laid-out slide: by how many pixels, lines
and words (said in :mod:`kiosk.bundle.overflow`)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from kiosk.bundle.overflow import Excess
from kiosk.ui.text import TextBlock


def _line_facts(block: TextBlock) -> tuple[float, float, float]:
    """A line's height, and the words and characters an average line holds."""
    lines = [line for paragraph in block.lines() for line in paragraph]
    count = max(1, len(lines))
    text = " ".join(line.strip() for line in lines)
    return block.height / count, len(text.split()) / count, len(text) / count


def _widest_word(block: TextBlock) -> str:
    metrics = QFontMetricsF(block.document.defaultFont())
    words = block.document.toPlainText().split()
    return max(words, key=metrics.horizontalAdvance, default="")


def too_large(block: TextBlock, height: float) -> Excess:
    """How ``block``, left at the smallest size it may shrink to, exceeds ``height`` and
    its own width."""
    line_height, words, characters = _line_facts(block)
    wider = max(0.0, block.document.idealWidth() - block.width)
    return Excess(
        taller=max(0.0, block.height - height),
        wider=wider,
        word=_widest_word(block) if wider > 0 else "",
        line_height=line_height,
        words_per_line=words,
        characters_per_line=characters,
    )


def pushed_out(block: TextBlock, rect: QRectF, area: QRectF, source: QRectF | None) -> Excess:
    """How far ``block``, placed at ``rect``, reaches out of ``area`` or into the
    ``source`` line."""
    down = [area.top() - rect.top(), rect.bottom() - area.bottom()]
    if source is not None and rect.intersects(source):
        down.append(rect.bottom() - source.top())
    across = [area.left() - rect.left(), rect.right() - area.right()]
    line_height, words, characters = _line_facts(block)
    return Excess(
        taller=max(0.0, *down),
        wider=max(0.0, *across),
        line_height=line_height,
        words_per_line=words,
        characters_per_line=characters,
        outside=True,
    )
