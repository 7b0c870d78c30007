"""Rendering a bundle's slides to PNG files, as visitors will see them, with no screen."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from kiosk.bundle import Bundle
from kiosk.bundle.lint import Finding
from kiosk.media.raster import force_cpu_conversion
from kiosk.ui.images import ImageStore
from kiosk.ui.lint import lint_slide
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.target_screens import Overflow, overflow_of
from kiosk.ui.theme import theme_for

THUMBNAIL_WIDTH = 480
SHEET_COLUMNS = 4


def ensure_app() -> QGuiApplication:
    """A QGuiApplication, offscreen when there is no display to connect to."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    force_cpu_conversion()  # a poster taken from a film's frame (kiosk.media.raster)
    return QGuiApplication(["kiosk"])


def parse_size(text: str) -> QSize:
    """'1920x1080' -> QSize; ValueError for anything else."""
    width, _, height = text.lower().partition("x")
    size = QSize(int(width), int(height))
    if not (320 <= size.width() <= 8192 and 320 <= size.height() <= 8192):
        raise ValueError(f"{text}: sizes go from 320x320 to 8192x8192")
    return size


class SlideRenders:
    """The renderers of one bundle for one language and size."""

    def __init__(self, bundle: Bundle, images: ImageStore, language: str, size: QSize) -> None:
        self.context = RenderContext(language, theme_for(bundle), images, blocking=True)
        self.bundle = bundle
        self.size = size

    def __iter__(self) -> Iterator[SlideRenderer]:
        for slide in self.bundle.manifest.slides:
            yield renderer_for(slide, self.context, self.size)


def file_name(index: int, slide_id: str, language: str, size: QSize) -> str:
    return f"{index:03d}-{slide_id}-{language}-{size.width()}x{size.height()}.png"


def render_bundle(
    bundle: Bundle, out: Path, sizes: Iterable[QSize], languages: Iterable[str]
) -> tuple[list[Path], list[Overflow], list[Finding]]:
    """Write one PNG per slide x language x size, and a contact sheet per size and language;
    returns the files, the texts that do not fit, and what the layout lint found."""
    ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    images = ImageStore(bundle)
    pictures = images.sizes
    written: list[Path] = []
    overflows: list[Overflow] = []
    findings: list[Finding] = []
    try:
        for size in sizes:
            for language in languages:
                thumbnails = []
                for number, renderer in enumerate(
                    SlideRenders(bundle, images, language, size), start=1
                ):
                    slide_id = renderer.slide.id or renderer.slide.type
                    image = renderer.render_image()
                    path = out / file_name(number, slide_id, language, size)
                    image.save(str(path))
                    written.append(path)
                    thumbnails.append(image)
                    if overflow := overflow_of(number, renderer):
                        overflows.append(overflow)
                    where = (number, slide_id, language, (size.width(), size.height()))
                    findings += [Finding(*where, what) for what in lint_slide(renderer, pictures)]
                sheet = out / f"contact-{size.width()}x{size.height()}-{language}.png"
                contact_sheet(thumbnails).save(str(sheet))
                written.append(sheet)
    finally:
        images.shutdown()
    return written, overflows, findings


def contact_sheet(slides: list[QImage]) -> QImage:
    """Every slide as a numbered thumbnail, in rows of four."""
    first = slides[0]
    width = THUMBNAIL_WIDTH
    height = round(first.height() * width / first.width())
    margin = 24
    label = 36
    rows = (len(slides) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    sheet = QImage(
        margin + SHEET_COLUMNS * (width + margin),
        margin + rows * (height + label + margin),
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#2a2b2e"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    font = QFont("Noto Sans")
    font.setPixelSize(22)
    painter.setFont(font)
    painter.setPen(QColor("#e8e4dc"))
    for index, image in enumerate(slides):
        row, column = divmod(index, SHEET_COLUMNS)
        x = margin + column * (width + margin)
        y = margin + row * (height + label + margin)
        painter.drawText(QRectF(x, y, width, label), Qt.AlignmentFlag.AlignLeft, f"{index + 1}")
        painter.drawImage(
            QRectF(x, y + label, width, height),
            image.scaled(
                width,
                height,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ),
        )
    painter.end()
    return sheet
