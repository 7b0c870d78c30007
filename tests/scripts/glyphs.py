"""What Qt actually set: the glyphs of a laid-out text, and the ones no font had."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QGlyphRun, QTextLayout

from kiosk.ui.text import TextBlock

_ALL = QTextLayout.GlyphRunRetrievalFlag.DefaultRetrievalFlags | (
    QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
)


@dataclass(frozen=True)
class Missing:
    """A character set as glyph 0 (.notdef, the empty box) in the font Qt chose."""

    character: str
    family: str

    def __str__(self) -> str:
        return f"{self.character!r} U+{ord(self.character):04X} in {self.family}"


def _runs(block: TextBlock) -> Iterator[tuple[str, QGlyphRun]]:
    """Each paragraph of ``block`` shaped again as the document shapes it (same text,
    fonts, formats and options; the document's own layouts keep no glyphs to ask)."""
    document = block.document
    paragraph = document.begin()
    while paragraph.isValid():
        layout = QTextLayout(paragraph.text(), document.defaultFont())
        layout.setFormats(paragraph.textFormats())
        layout.setTextOption(document.defaultTextOption())
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(block.width)
        layout.endLayout()
        for run in layout.glyphRuns(-1, -1, _ALL):
            yield paragraph.text(), run
        paragraph = paragraph.next()


def missing_glyphs(block: TextBlock) -> list[Missing]:
    """Every character of ``block`` that its font set as .notdef: glyph index 0 is
    the font's own "not in my character map", so this is the font's coverage, not a
    judgement by eye."""
    missing: list[Missing] = []
    for text, run in _runs(block):
        family = run.rawFont().familyName()
        for glyph, where in zip(run.glyphIndexes(), run.stringIndexes(), strict=False):
            if glyph == 0 and 0 <= where < len(text) and not text[where].isspace():
                missing.append(Missing(text[where], family))
    return missing


def fonts_used(block: TextBlock) -> set[str]:
    """The families Qt set ``block`` in, fallbacks included."""
    return {run.rawFont().familyName() for _text, run in _runs(block)}


def fonts_setting(block: TextBlock, word: str) -> set[str]:
    """The families Qt set the characters of ``word`` in (each paragraph's first one)."""
    found: set[str] = set()
    for text, run in _runs(block):
        start = text.find(word)
        if start >= 0:
            span = range(start, start + len(word))
            if any(where in span for where in run.stringIndexes()):
                found.add(run.rawFont().familyName())
    return found
