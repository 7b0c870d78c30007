"""Markdown bodies: formatting kept, links inert, nothing loaded from anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from kiosk.text.fonts import FontChain
from kiosk.ui.text import MAX_LINE_EMS, SafeDocument, Style, TextBlock
from kiosk.ui.theme import load_script_fonts

STYLE = Style("Noto Sans", 30, "#f4f0e8")


def fragments(document: QTextDocument) -> list:
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            found.append(iterator.fragment())
            iterator += 1
        block = block.next()
    return found


def test_markdown_keeps_emphasis(qapp: object) -> None:
    block = TextBlock("Some **bold** words", STYLE, 800, markdown=True)
    assert block.document.toPlainText() == "Some bold words"
    assert any(f.charFormat().fontWeight() > 500 for f in fragments(block.document))


def test_links_become_plain_text(qapp: object) -> None:
    block = TextBlock("See [the site](https://example.com) now", STYLE, 800, markdown=True)
    assert block.document.toPlainText() == "See the site now"
    for fragment in fragments(block.document):
        assert not fragment.charFormat().isAnchor()
        assert fragment.charFormat().anchorHref() == ""


def test_pictures_in_markdown_are_removed_and_never_loaded(qapp: object) -> None:
    block = TextBlock(
        "A ![x](/etc/hostname) B ![y](http://example.com/y.png)", STYLE, 800, markdown=True
    )
    assert not any(f.charFormat().isImageFormat() for f in fragments(block.document))
    assert SafeDocument().loadResource(2, QUrl("file:///etc/hostname")) is None


def test_html_in_markdown_is_shown_as_text_not_obeyed(qapp: object) -> None:
    block = TextBlock('<img src="file:///etc/hostname"> <b>x</b>', STYLE, 800, markdown=True)
    assert "<b>x</b>" in block.document.toPlainText()
    assert not any(f.charFormat().isImageFormat() for f in fragments(block.document))


def test_shrink_to_reports_when_even_the_minimum_does_not_fit(qapp: object) -> None:
    block = TextBlock("word " * 500, STYLE, 400)
    assert block.shrink_to(100, 20) is False
    assert block.pixels == 20
    short = TextBlock("A few words", STYLE, 400)
    assert short.shrink_to(100, 20) is True
    assert short.pixels == 30  # already fits: left at its own size


def test_a_face_with_very_tall_lines_is_brought_to_the_kiosks_measure(qapp: object) -> None:
    """Noto Sans Arabic keeps 2.11 em between lines: as far apart as paragraphs."""
    chain = FontChain("body", (), load_script_fonts({"Arab"}))
    text = " ".join(["محتوای آزمایشی برای فاصلهٔ سطرها."] * 12)
    block = TextBlock(text, Style("Noto Sans", 40, "#ffffff", language="fa", chain=chain), 600)
    height = block.height  # lays the text out
    lines = block.document.begin().layout().lineCount()
    assert lines >= 3
    assert height / lines <= 40 * MAX_LINE_EMS + 1
    latin = TextBlock(" ".join(["Test content, spaced."] * 12), Style("Noto Sans", 40, "#fff"), 600)
    latin_height = latin.height
    latin_lines = latin.document.begin().layout().lineCount()
    assert latin_lines >= 3
    assert latin_height / latin_lines == pytest.approx(40 * 1.362, abs=1.5)  # Noto Sans's own
