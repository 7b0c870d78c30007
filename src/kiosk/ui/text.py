"""Text blocks for slides: safe Markdown, one colour, and shrink-to-fit within bounds.

The typesetting happens here, at layout time, on the document Qt lays out (so inside
Markdown too, and never in the bundle's own text): the language's no-break rules
(kiosk.text.breaks), soft hyphens where lines are narrow (kiosk.text.hyphenate), a
measure in characters from the face's own widths, no paragraph ending on a line of one
word, and, on request, balanced lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from kiosk.text.breaks import INSERTED, keep_together, last_words_together
from kiosk.text.fonts import FontChain
from kiosk.text.hyphenate import hyphenate, needs_hyphens
from kiosk.text.languages import direction
from kiosk.text.measure import MAX_CHARACTERS
from kiosk.text.scripts import can_be_italic

_MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class SafeDocument(QTextDocument):
    """A text document that never loads anything: no files, no network, no images."""

    #: How much of the block's width its lines leave empty (measure, balance).
    inset: float = 0.0

    def loadResource(self, kind: int, name: QUrl) -> None:  # noqa: N802 - Qt's name
        return None


@dataclass(frozen=True)
class Style:
    """How a text block looks: font family, pixel size, weight, colour, alignment.

    ``align`` is logical, as Qt's is without ``AlignAbsolute``: AlignLeft means the start
    of the line, which is the right in a right-to-left language.
    """

    family: str
    pixels: float
    colour: str
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    italic: bool = False
    bold: bool = False
    line_height: float = 1.0  # times the face's own line spacing (Noto: about 1.36 em)
    #: The BCP 47 code of the text's language ("" if unknown): its direction, script
    #: and fonts follow from it (kiosk.text).
    language: str = ""
    #: The faces for the scripts the family lacks (the theme's, for this style's role).
    chain: FontChain | None = None
    #: The most characters a line may hold (kiosk.text.measure), measured in this face
    #: at the block's size; 0: as many as the block's width holds. A narrower measure
    #: than the width leaves the rest empty on the side the text is not aligned to.
    measure: int = 0
    #: Balanced lines: the narrowest width that keeps the same number of lines, so a
    #: centred title, quotation or dedication does not end on a short last line.
    balance: bool = False
    #: Soft hyphens where lines are narrow (kiosk.text.hyphenate decides); never set
    #: on headings.
    hyphenate: bool = False

    @property
    def direction(self) -> Qt.LayoutDirection:
        """Which way the text's paragraphs run: its language's direction."""
        if self.language and direction(self.language) == "rtl":
            return Qt.LayoutDirection.RightToLeft
        return Qt.LayoutDirection.LeftToRight

    def for_text(self, text: str) -> Style:
        """This style as ``text`` can be set: upright when one of its scripts has no
        italics (Arabic, Hebrew, CJK ...): a slanted Arabic text is wrong, and no font has
        the glyphs (Qt would slant the upright ones). A whole block keeps its weight: a
        quotation, a source or a credit is set apart by its size, place and colour, and
        a bold Persian original would outshout the translation under it. Emphasis
        inside a text becomes bold instead (``_upright_emphasis``)."""
        if self.italic and not can_be_italic(text):
            return replace(self, italic=False)
        return self

    def families(self, text: str) -> tuple[str, ...]:
        """The families that set ``text``: the face, and the chain for its scripts."""
        if self.chain is None or not text:
            return (self.family,)
        return self.chain.families(self.family, text, self.language)

    def font(self, pixels: float | None = None, families: tuple[str, ...] = ()) -> QFont:
        font = QFont(self.family)
        if len(families) > 1:
            font.setFamilies(list(families))
        font.setPixelSize(max(1, round(pixels or self.pixels)))
        font.setItalic(self.italic)
        font.setBold(self.bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font


class TextBlock:
    """One laid-out text: plain or Markdown, set at a width, drawn in one colour."""

    def __init__(self, text: str, style: Style, width: float, *, markdown: bool = False) -> None:
        self.text = text
        self.style = style.for_text(text)
        self.markdown = markdown
        self.width = width
        self.pixels = style.pixels
        # The same at every size shrink_to tries: found once.
        self._families = self.style.families(text)
        self.document = self._build(style.pixels)
        self._balance()

    def _build(self, pixels: float) -> SafeDocument:
        document = SafeDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.style.font(pixels, self._families))
        option = QTextOption(self.style.align)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        # The paragraph direction is the language's, not guessed from the first letter:
        # a Persian sentence ends at the left even when it begins with a Latin name.
        option.setTextDirection(self.style.direction)
        document.setDefaultTextOption(option)
        if self.markdown:
            document.setMarkdown(self.text, _MARKDOWN)
            _neutralise(document)
            _upright_emphasis(document)
        else:
            document.setPlainText(self.text)
        advance = average_advance(document.defaultFont(), document.toPlainText())
        line_width = self.width
        if self.style.measure:
            line_width = min(line_width, self.style.measure * advance)
        characters = line_width / advance
        language = self.style.language
        hyphens = self.style.hyphenate and needs_hyphens(language, characters)

        def typeset(paragraph: str) -> str:
            kept = keep_together(paragraph, language, max_run=int(characters * 0.8))
            return hyphenate(kept, language) if hyphens else kept

        _retype(document, typeset)
        _set_spacing(document, self.style, pixels)
        document.inset = self.width - line_width
        _set_inset(document, self.style, document.inset)
        document.setTextWidth(self.width)
        if self.style.measure:
            _hold_measure(document, self.style, _ceiling(self.style.measure), advance)
        _no_lone_last_word(document, self.width)
        return document

    @property
    def line_width(self) -> float:
        """The width lines are set in: the block's, less what the measure and balancing
        leave empty."""
        return self.width - self.document.inset

    def ink_width(self) -> float:
        """The width of the longest line as set: what the words take of the block, from
        its start edge (left in a left-to-right language)."""
        self.document.size()  # lays the document out
        widest = 0.0
        block = self.document.begin()
        while block.isValid():
            layout = block.layout()
            for index in range(layout.lineCount()):
                widest = max(widest, layout.lineAt(index).naturalTextWidth())
            block = block.next()
        return widest

    def lines(self) -> list[list[str]]:
        """Each paragraph's lines as laid out, as text (soft hyphens and word joiners
        included)."""
        paragraphs = []
        block = self.document.begin()
        self.document.size()  # lays the document out
        while block.isValid():
            layout, text = block.layout(), block.text()
            paragraphs.append(
                [
                    text[line.textStart() : line.textStart() + line.textLength()]
                    for line in map(layout.lineAt, range(layout.lineCount()))
                ]
            )
            block = block.next()
        return paragraphs

    def _balance(self) -> None:
        """Narrow the lines to the narrowest width that keeps their number (each
        paragraph's), when the style asks for it."""
        if not self.style.balance:
            return
        document = self.document

        def counts() -> list[int]:
            document.size()
            found, block = [], document.begin()
            while block.isValid():
                found.append(block.layout().lineCount())
                block = block.next()
            return found

        wanted = counts()
        if max(wanted, default=0) < 2:
            return
        widest = self.line_width
        low, high = widest / 2, widest  # high keeps the count; low is a guess below
        for _ in range(10):
            middle = (low + high) / 2
            _set_inset(document, self.style, self.width - middle)
            if counts() == wanted and document.idealWidth() <= self.width + 0.5:
                high = middle
            else:
                low = middle
            if high - low < 1:
                break
        document.inset = self.width - high
        _set_inset(document, self.style, document.inset)
        document.size()

    @property
    def height(self) -> float:
        return self.document.size().height()

    @property
    def fits_width(self) -> bool:
        """False when a word is wider than the block (it would be cut)."""
        return self.document.idealWidth() <= self.width + 0.5

    def shrink_to(self, height: float, min_pixels: float) -> bool:
        """Make the text as large as it can be, up to its style's size, within ``height``.

        Returns False when even ``min_pixels`` does not fit (the block is left at that size).
        """
        if self.height <= height and self.fits_width:
            return True
        low, high = min_pixels, self.style.pixels
        best = None
        for _ in range(12):
            middle = (low + high) / 2
            document = self._build(middle)
            if document.size().height() <= height and document.idealWidth() <= self.width + 0.5:
                best, low = (middle, document), middle
            else:
                high = middle
            if high - low < 0.5:
                break
        if best is None:
            self.pixels, self.document = min_pixels, self._build(min_pixels)
            self._balance()
            return False
        self.pixels, self.document = best
        self._balance()
        return True

    def draw(self, painter: QPainter, top_left: QPointF, clip: QRectF | None = None) -> None:
        painter.save()
        painter.translate(top_left)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette()
        colour = QColor(self.style.colour)
        palette.setColor(QPalette.ColorRole.Text, colour)
        context.palette = palette
        if clip is not None:
            context.clip = clip.translated(-top_left)
            painter.setClipRect(context.clip)
        self.document.documentLayout().draw(painter, context)
        painter.restore()


#: The most line spacing a face keeps, in ems (Noto Naskh Arabic: 1.70). Some faces
#: reserve far more (Noto Sans Arabic 2.11), which would leave lines as far apart as
#: paragraphs; they are brought to this.
MAX_LINE_EMS = 1.7


def _set_spacing(document: QTextDocument, style: Style, pixels: float) -> None:
    """Line height in proportion to the type; space between paragraphs, not after the last."""
    own = QFontMetricsF(document.defaultFont()).lineSpacing() / max(1.0, pixels)
    proportion = style.line_height * min(1.0, MAX_LINE_EMS / own) if own > 0 else 1.0
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        block_format = block.blockFormat()
        block_format.setLineHeight(
            proportion * 100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block_format.setLayoutDirection(style.direction)  # Markdown's blocks too
        block_format.setTopMargin(0)
        block_format.setBottomMargin(pixels * 0.6 if block.next().isValid() else 0)
        cursor.setBlockFormat(block_format)
        block = block.next()


def average_advance(font: QFont, text: str) -> float:
    """The mean width of ``text``'s characters in ``font``: a character of the measure,
    from the face itself rather than a guess in ems (Noto Serif's average is wider than
    Noto Sans's, a bold text's wider than a regular one's)."""
    metrics = QFontMetricsF(font)
    plain = " ".join(text.split())
    if not plain:
        return max(1.0, metrics.averageCharWidth())
    return max(1.0, metrics.horizontalAdvance(plain) / len(plain))


def measure_width(style: Style, text: str, characters: int, pixels: float | None = None) -> float:
    """How wide a line of ``characters`` of ``text`` is in ``style`` (at ``pixels``):
    for sizing a column to the measure before its block is made."""
    families = style.for_text(text).families(text)
    return characters * average_advance(style.for_text(text).font(pixels, families), text)


def _retype(document: QTextDocument, typeset: Callable[[str], str]) -> None:
    """Apply ``typeset`` to each paragraph's text in place, keeping every character's
    format: ``typeset`` may only turn spaces into other characters one for one and
    insert invisible ones (kiosk.text.breaks.INSERTED), so Markdown's bold, italics
    and lists are untouched."""
    block = document.lastBlock()
    while block.isValid():
        old = block.text()
        new = typeset(old)
        if new != old:
            _edit(document, block.position(), old, new)
        block = block.previous()


def _edit(document: QTextDocument, start: int, old: str, new: str) -> None:
    edits: list[tuple[int, bool, str]] = []  # (position in old, inserted?, character)
    i = j = 0
    while j < len(new):
        if i < len(old) and old[i] == new[j]:
            i += 1
        elif new[j] in INSERTED:
            edits.append((i, True, new[j]))
        else:
            edits.append((i, False, new[j]))
            i += 1
        j += 1
    cursor = QTextCursor(document)
    for position, inserted, character in reversed(edits):
        cursor.setPosition(start + position + (0 if inserted else 1))
        char_format = cursor.charFormat()  # the character's before the cursor
        if not inserted:
            cursor.setPosition(start + position, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(character, char_format)


def _set_inset(document: QTextDocument, style: Style, inset: float) -> None:
    """Leave ``inset`` of the width empty: on both sides of centred text, else on the
    side the lines do not start from (the left in a right-to-left language)."""
    inset = max(0.0, inset)
    align = style.align
    if align & Qt.AlignmentFlag.AlignHCenter:
        left = right = inset / 2
    else:
        start_on_left = not align & Qt.AlignmentFlag.AlignRight
        if style.direction == Qt.LayoutDirection.RightToLeft:
            start_on_left = not start_on_left
        left, right = (0.0, inset) if start_on_left else (inset, 0.0)
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        block_format = block.blockFormat()
        block_format.setLeftMargin(left)
        block_format.setRightMargin(right)
        cursor.setBlockFormat(block_format)
        block = block.next()


def _ceiling(measure: int) -> int:
    """The most characters a line set to ``measure`` may hold: a little over it, for
    lines of narrow letters, and never over the measure's maximum."""
    return min(MAX_CHARACTERS, round(measure * 1.05))


def line_characters(line: str) -> int:
    """How many characters a reader sees on a laid-out line: not the invisible ones
    (soft hyphens, word joiners) nor the spaces at its end."""
    return len("".join(c for c in line if c not in INSERTED).rstrip())


def _longest_line(document: QTextDocument) -> int:
    document.size()  # lays the document out
    longest, block = 0, document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for line in map(layout.lineAt, range(layout.lineCount())):
            shown = text[line.textStart() : line.textStart() + line.textLength()]
            longest = max(longest, line_characters(shown))
        block = block.next()
    return longest


def _hold_measure(document: SafeDocument, style: Style, ceiling: int, advance: float) -> None:
    """Narrow the lines until none holds more than ``ceiling`` characters: the measure
    is set from the text's average width, and a line of narrow letters holds more."""
    for _ in range(4):
        excess = _longest_line(document) - ceiling
        if excess <= 0:
            return
        document.inset += excess * advance
        _set_inset(document, style, document.inset)


def _no_lone_last_word(document: QTextDocument, width: float) -> None:
    """A paragraph of several lines does not end on a line of one word: its last two
    words are tied, when they fit a line together."""
    document.size()  # lays the document out
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        following = block.next()
        if layout.lineCount() > 1:
            last = layout.lineAt(layout.lineCount() - 1)
            tail = text[last.textStart() : last.textStart() + last.textLength()]
            if len(tail.split()) == 1:
                tied = last_words_together(text)
                if tied != text:
                    _edit(document, block.position(), text, tied)
                    if document.idealWidth() > width + 0.5:  # the pair is wider than a line
                        _edit(document, block.position(), tied, text)
        block = following


def _neutralise(document: QTextDocument) -> None:
    """Links become plain text in the text colour; pictures inside Markdown are removed."""
    block = document.begin()
    doomed: list[tuple[int, int]] = []
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                char_format = fragment.charFormat()
                if char_format.isImageFormat():
                    doomed.append((fragment.position(), fragment.length()))
                elif char_format.isAnchor():
                    plain = QTextCharFormat(char_format)
                    plain.setAnchor(False)
                    plain.clearProperty(QTextFormat.Property.AnchorHref)
                    plain.clearForeground()
                    plain.setFontUnderline(False)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(plain)
            iterator += 1
        block = block.next()
    for position, length in reversed(doomed):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()


def _upright_emphasis(document: QTextDocument) -> None:
    """Emphasis (*word*) in a script without italics is set in bold, not slanted; decided
    per fragment, so a Latin name emphasised inside a Persian paragraph stays italic."""
    slanted: list[tuple[int, int, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            italic = fragment.isValid() and char_format.fontItalic()
            if italic and not can_be_italic(fragment.text()):
                slanted.append((fragment.position(), fragment.length(), char_format))
            iterator += 1
        block = block.next()
    for position, length, char_format in slanted:
        upright = QTextCharFormat(char_format)
        upright.setFontItalic(False)
        upright.setFontWeight(QFont.Weight.Bold)
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(upright)
