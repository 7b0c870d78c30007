"""Text blocks for slides: safe Markdown, one colour, and shrink-to-fit within bounds."""

from __future__ import annotations

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

from kiosk.text.fonts import FontChain
from kiosk.text.languages import direction
from kiosk.text.scripts import can_be_italic

_MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class SafeDocument(QTextDocument):
    """A text document that never loads anything: no files, no network, no images."""

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

    def _build(self, pixels: float) -> QTextDocument:
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
        _set_spacing(document, self.style, pixels)
        document.setTextWidth(self.width)
        return document

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
            return False
        self.pixels, self.document = best
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
