"""The page machinery of the sign-off sheet: a QPdfWriter in millimetres, its faces, its
footer, and text drawn as text (selectable and searchable, as ``pdftotext`` reads it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from kiosk import __version__
from kiosk.text.languages import direction
from kiosk.ui.theme import SANS, SERIF, Theme

PICTURE_DPI = 150
#: The writer's own units: a point is 300 / 72 of them.
RESOLUTION = 300
MARGIN = 12.0  # mm
FOOTER = 10.0  # mm at the foot of each page, under the margin's top

INK = QColor("#1d1d1f")
GREY = QColor("#66666b")
RULE = QColor("#b8b8bd")
ALARM = QColor("#b3261e")  # text that does not fit
WARN = QColor("#9a5b00")  # layout warnings, missing sources

_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def mm(value: float) -> float:
    return value * RESOLUTION / 25.4


class Fonts:
    """The sheet's faces: its own words in Noto Sans, the bundle's in the theme's
    faces with the chain for their scripts (as on screen)."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme

    def label(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont(SANS)
        font.setPointSizeF(points)
        font.setBold(bold)
        return _searchable(font)

    def mono(self, points: float) -> QFont:
        font = QFont()
        font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "Consolas", "Courier New"])
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSizeF(points)
        return _searchable(font)

    def text(self, text: str, language: str, points: float, *, heading: bool = False) -> QFont:
        role = "heading" if heading else "body"
        face = self.theme.heading if heading else self.theme.body
        font = QFont(face if face else (SERIF if heading else SANS))
        font.setFamilies(list(self.theme.chain.for_role(role).families(face, text, language)))
        font.setPointSizeF(points)
        font.setBold(heading)
        return _searchable(font)


_LIGATURES = [QFont.Tag.fromString(name) for name in ("liga", "clig")]


def _searchable(font: QFont) -> QFont:
    """``font`` without ligatures: "fi" drawn as one glyph is read back from the PDF as
    "ﬁ", and a search for "fits" or a copied checksum note would not find it."""
    for tag in _LIGATURES:
        if tag is not None:
            font.setFeature(tag, 0)
    return font


class Writer:
    """A QPdfWriter and its painter, page by page, with text helpers in millimetres."""

    def __init__(self, path: Path, title: str, total: int, footer: str) -> None:
        self.path = path
        self.pdf = QPdfWriter(str(path))
        self.pdf.setResolution(RESOLUTION)
        self.pdf.setTitle(title)
        self.pdf.setCreator(f"kiosk {__version__}")
        self.pdf.setPageLayout(page_layout(portrait=True))
        self.painter = QPainter()
        self.total = total
        self.footer = footer
        self.number = 0
        self.portrait = True

    def page(self, *, portrait: bool) -> None:
        """Begin the next page, in the orientation asked for."""
        if self.number == 0:
            self.pdf.setPageLayout(page_layout(portrait=portrait))
            if not self.painter.begin(self.pdf):
                raise OSError(f"cannot write {self.path}")
        else:
            self.pdf.setPageLayout(page_layout(portrait=portrait))
            self.pdf.newPage()
        self.number += 1
        self.portrait = portrait
        self._foot()

    @property
    def width(self) -> float:
        return 210.0 if self.portrait else 297.0

    @property
    def height(self) -> float:
        return 297.0 if self.portrait else 210.0

    def _foot(self) -> None:
        y = self.height - MARGIN - FOOTER + 4
        p = self.painter
        p.setPen(QPen(RULE, mm(0.2)))
        p.drawLine(QPointF(mm(MARGIN), mm(y - 1.5)), QPointF(mm(self.width - MARGIN), mm(y - 1.5)))
        p.setFont(_searchable(QFont(SANS, 7)))
        p.setPen(GREY)
        box = QRectF(mm(MARGIN), mm(y), mm(self.width - 2 * MARGIN), mm(FOOTER - 4))
        p.drawText(box, int(Qt.AlignmentFlag.AlignLeft), self.footer)
        p.drawText(box, int(Qt.AlignmentFlag.AlignRight), f"page {self.number} of {self.total}")

    def text(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        font: QFont,
        colour: QColor = INK,
        *,
        rtl: bool = False,
    ) -> float:
        """Draw ``text`` wrapped to ``width`` mm at (x, y) mm; returns its height in mm."""
        p = self.painter
        p.setFont(font)
        p.setPen(colour)
        p.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        flags = _WRAP  # AlignLeft: the right edge when the direction is right to left
        box = QRectF(mm(x), mm(y), mm(width), mm(500))
        used = p.boundingRect(box, flags, text)
        p.drawText(QRectF(mm(x), mm(y), mm(width), used.height()), flags, text)
        p.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return used.height() * 25.4 / RESOLUTION

    def line(self, x: float, y: float, width: float, colour: QColor = INK) -> None:
        self.painter.setPen(QPen(colour, mm(0.25)))
        self.painter.drawLine(QPointF(mm(x), mm(y)), QPointF(mm(x + width), mm(y)))

    def finish(self) -> None:
        self.painter.end()


def page_layout(*, portrait: bool) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    )
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))


def is_rtl(language: str) -> bool:
    return direction(language) == "rtl"
