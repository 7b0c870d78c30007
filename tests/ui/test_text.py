"""Markdown bodies: formatting kept, links inert, nothing loaded from anywhere."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from kiosk.ui.text import SafeDocument, Style, TextBlock

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
