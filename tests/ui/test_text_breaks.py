"""Typesetting in TextBlock: no-break rules inside Markdown, the measure, no lone last
word, balanced lines, soft hyphens only where asked, and word joiners that draw nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.text.breaks import NO_BREAK_SPACE, SOFT_HYPHEN, WORD_JOINER
from kiosk.text.fonts import FontChain
from kiosk.ui.text import Style, TextBlock, line_characters
from kiosk.ui.theme import load_script_fonts

AZ = Style("Noto Sans", 30, "#f4f0e8", language="az")
EN = Style("Noto Sans", 30, "#f4f0e8", language="en")


def joined_lines(block: TextBlock) -> list[str]:
    return [line for paragraph in block.lines() for line in paragraph]


def test_a_suffix_never_starts_a_line_at_any_width(qapp: object) -> None:
    """The issue's "23-" / "cü": tried at every width where the line could break there."""
    text = "Azərbaycanın Vaşinqtondakı səfirliyində faciənin 23-cü ildönümü anılır."
    for width in range(200, 900, 20):
        lines = joined_lines(TextBlock(text, AZ, width))
        assert not any(line.rstrip().endswith("23-") for line in lines), (width, lines)


def test_rules_apply_inside_markdown_and_keep_its_formatting(qapp: object) -> None:
    block = TextBlock("Sovet əsgərləri **demək olar ki**, press-reliz", AZ, 2000, markdown=True)
    text = block.document.toRawText()  # toPlainText shows no-break spaces as spaces
    assert f"olar{NO_BREAK_SPACE}ki" in text
    assert f"press-{WORD_JOINER}reliz" in text
    bold = block.document.begin().begin()
    found = []
    while not bold.atEnd():
        fragment = bold.fragment()
        if fragment.charFormat().fontWeight() > 500:
            found.append(fragment.text())
        bold += 1
    assert found == [f"demək olar{NO_BREAK_SPACE}ki"]  # still one bold run
    assert block.text == "Sovet əsgərləri **demək olar ki**, press-reliz"  # the source is kept


def test_a_paragraph_does_not_end_on_one_word(qapp: object) -> None:
    text = "In memory of those who gave their lives for Azerbaijan’s independence."
    for width in range(450, 1000, 25):  # where the last two words fit a line together
        for paragraph in TextBlock(text, EN, width).lines():
            if len(paragraph) > 1:
                assert len(paragraph[-1].split()) > 1, (width, paragraph)


def test_the_measure_caps_characters_a_line_in_the_faces_own_widths(qapp: object) -> None:
    text = " ".join(["Members of the community gathered at the Embassy to commemorate."] * 4)
    wide = TextBlock(text, Style("Noto Sans", 30, "#fff", language="en", measure=55), 3000)
    lines = joined_lines(wide)
    assert max(map(line_characters, lines)) <= 58
    assert max(map(line_characters, lines)) >= 45
    assert wide.line_width < 3000 and wide.fits_width
    serif = TextBlock(text, Style("Noto Serif", 30, "#fff", language="en", measure=55), 3000)
    assert serif.line_width != wide.line_width  # measured in each face, not in ems


def test_balanced_lines_keep_their_number_and_even_out(qapp: object) -> None:
    text = "Soviet soldiers fired at almost anything that moved in the early hours of it."
    centred = Style("Noto Serif", 40, "#fff", align=Qt.AlignmentFlag.AlignHCenter, language="en")
    plain = TextBlock(text, centred, 1200)
    balanced = TextBlock(text, Style(**{**centred.__dict__, "balance": True}), 1200)
    assert len(joined_lines(plain)) == len(joined_lines(balanced)) == 2
    assert balanced.line_width < plain.line_width
    widths = [line_characters(line) for line in joined_lines(balanced)]
    assert abs(widths[0] - widths[1]) <= 8
    assert balanced.height == plain.height and balanced.width == plain.width


def test_soft_hyphens_only_where_the_style_asks_and_the_line_is_narrow(qapp: object) -> None:
    text = "bir xəbərdarlıq məqsədi daşıyırdı və müstəqilliyini elan etdi"
    never = TextBlock(text, AZ, 300)
    assert SOFT_HYPHEN not in never.document.toRawText()
    narrow = TextBlock(text, Style(**{**AZ.__dict__, "hyphenate": True}), 300)
    assert SOFT_HYPHEN in narrow.document.toRawText()
    wide = TextBlock(text, Style(**{**AZ.__dict__, "hyphenate": True}), 2000)
    assert SOFT_HYPHEN not in wide.document.toRawText()


def draw(text: str, style: Style) -> QImage:
    """``text`` drawn as it is (no TextBlock: its rules would add the joiner to both)."""
    image = QImage(600, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.setFont(style.font(families=style.families(text)))
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QPointF(10, 50), text)
    painter.end()
    return image


@pytest.mark.parametrize(("language", "word"), [("hy", "աբգ-դեզ"), ("he", "אבג-דהו")])
def test_a_word_joiner_draws_nothing_even_in_faces_without_one(
    qapp: object, language: str, word: str
) -> None:
    """Noto's Armenian and Hebrew faces lack U+2011 and U+2060: the kiosk keeps the
    curator's hyphen and adds an invisible joiner, which must not show as a box."""
    chain = FontChain("body", (), load_script_fonts({"Armn", "Hebr"}))
    style = Style("Noto Sans", 30, "#ffffff", language=language, chain=chain)
    joined = word.replace("-", "-" + WORD_JOINER)
    assert draw(joined, style) == draw(word, style)
