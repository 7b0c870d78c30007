"""Drawing the sign-off sheet into a PDF with QPdfWriter.

Every word is drawn as text (selectable, searchable, and what ``pdftotext`` reads), in
the kiosk's own fonts with the chain for the bundle's scripts; only the slides
themselves are pictures, painted by the kiosk's renderers at a print resolution
(``PICTURE_DPI``) rather than at the screen's, which keeps a long exhibition's sheet small.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPen

from kiosk.bundle import Bundle
from kiosk.bundle.lint import Finding
from kiosk.bundle.model import headline
from kiosk.text.languages import native_name
from kiosk.ui.images import ImageStore
from kiosk.ui.lint import lint_slide
from kiosk.ui.render import Overflow
from kiosk.ui.signoff.cover import draw_cover
from kiosk.ui.signoff.plan import Copy, Page, Render, Screen, is_portrait, pages, screen_text
from kiosk.ui.signoff.result import Checked, SheetResult
from kiosk.ui.signoff.writer import (
    ALARM,
    FOOTER,
    GREY,
    MARGIN,
    RULE,
    WARN,
    Fonts,
    Writer,
    is_rtl,
    mm,
)
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.theme import theme_for

#: Pixels an inch of the slide pictures: sharp on paper, small in the file.
PICTURE_DPI = 150


def _qsize(screen: Screen) -> QSize:
    return QSize(*screen)


def write_sheet(
    bundle: Bundle,
    copy: Copy,
    output: Path,
    screens: Sequence[Screen],
    languages: Sequence[str],
    *,
    made: date | None = None,
) -> SheetResult:
    """Write the sign-off sheet of ``bundle`` (loaded from ``copy``) to ``output``.

    The PDF is written beside ``output`` and moved into place when complete: a sheet
    that failed half way never stands where a finished one is expected."""
    theme = theme_for(bundle)
    images = ImageStore(bundle)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=".signoff-", suffix=".pdf")
    os.close(handle)
    partial = Path(name)
    try:
        contexts = {
            language: RenderContext(language, theme, images, blocking=True)
            for language in languages
        }
        plan = pages(len(bundle.manifest.slides), languages, screens)
        checked, result = _check(bundle, contexts, screens, languages)
        result.pages = 1 + len(plan)
        info = bundle.manifest.bundle
        footer = f"{info.id} {info.version} · SHA-256 {copy.sha256[:16]}…"
        title = f"Sign-off sheet: {info.title[bundle.default_language]} {info.version}"
        writer = Writer(partial, title, result.pages, footer)
        fonts = Fonts(theme)
        made = made or date.today()
        draw_cover(writer, fonts, bundle, copy, screens, languages, result, plan, made)
        for page in plan:
            _slide_page(writer, fonts, bundle, contexts, page, checked)
        writer.finish()
        partial.chmod(0o644)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
        images.shutdown()
    return result


def _check(
    bundle: Bundle,
    contexts: dict[str, RenderContext],
    screens: Sequence[Screen],
    languages: Sequence[str],
) -> tuple[dict[Render, Checked], SheetResult]:
    """Lay out every slide (no painting) for what does not fit and the layout lint: the
    cover, drawn first, sums them up."""
    sizes = next(iter(contexts.values())).images.sizes  # one store serves every language
    checked: dict[Render, Checked] = {}
    result = SheetResult(pages=0)
    for screen in screens:
        for language in languages:
            for index, slide in enumerate(bundle.manifest.slides):
                renderer = renderer_for(slide, contexts[language], _qsize(screen))
                found = lint_slide(renderer, sizes)
                checked[Render(index, language, screen)] = Checked(list(renderer.overflow), found)
                slide_id = slide.id or slide.type
                if renderer.overflow:
                    result.overflows.append(
                        Overflow(
                            index + 1,
                            slide_id,
                            language,
                            _qsize(screen),
                            renderer.overflow,
                            dict(renderer.excess),
                        )
                    )
                result.findings += [
                    Finding(index + 1, slide_id, language, screen, what) for what in found
                ]
    return checked, result


def _slide_page(
    w: Writer,
    fonts: Fonts,
    bundle: Bundle,
    contexts: dict[str, RenderContext],
    page: Page,
    checked: dict[Render, Checked],
) -> None:
    portrait_screen = is_portrait(page.screen)
    w.page(portrait=portrait_screen)
    screen_w, screen_h = page.screen
    if portrait_screen:  # two columns on an upright page, words under each picture
        column = (w.width - 2 * MARGIN - 8) / 2
        picture_h = min(column * screen_h / screen_w, 170.0)
        picture_w = picture_h * screen_w / screen_h
        for index, render in enumerate(page.renders):
            left = MARGIN + index * (column + 8)
            box = QRectF(left, MARGIN, picture_w, picture_h)
            _picture(w, bundle, contexts, render, box, checked[render])
            _words(w, fonts, bundle, render, checked[render], left, MARGIN + picture_h + 4, column)
    else:  # two rows on a sideways page, words beside each picture
        row = (w.height - 2 * MARGIN - FOOTER - 6) / 2
        picture_w = min(row * screen_w / screen_h, 165.0)
        picture_h = picture_w * screen_h / screen_w
        words_x = MARGIN + picture_w + 7
        for index, render in enumerate(page.renders):
            top = MARGIN + index * (row + 6)
            box = QRectF(MARGIN, top, picture_w, picture_h)
            _picture(w, bundle, contexts, render, box, checked[render])
            _words(
                w, fonts, bundle, render, checked[render], words_x, top, w.width - MARGIN - words_x
            )


def _picture(
    w: Writer,
    bundle: Bundle,
    contexts: dict[str, RenderContext],
    render: Render,
    box: QRectF,
    checked: Checked,
) -> None:
    """The slide as visitors see it, painted at PICTURE_DPI for ``box`` (in mm)."""
    slide = bundle.manifest.slides[render.slide]
    renderer: SlideRenderer = renderer_for(slide, contexts[render.language], _qsize(render.screen))
    pixels = box.width() / 25.4 * PICTURE_DPI
    image: QImage = renderer.render_image(min(1.0, pixels / render.screen[0]))
    image.setDevicePixelRatio(1.0)
    target = QRectF(mm(box.x()), mm(box.y()), mm(box.width()), mm(box.height()))
    w.painter.drawImage(target, image)
    _hidden_words(w.painter, renderer, target)
    flag = ALARM if checked.overflow else WARN if checked.findings else RULE
    w.painter.setPen(QPen(flag, mm(0.8 if flag is not RULE else 0.2)))
    w.painter.setBrush(Qt.BrushStyle.NoBrush)
    w.painter.drawRect(target)


def _hidden_words(painter: QPainter, renderer: SlideRenderer, target: QRectF) -> None:
    """The slide's texts again, where the picture shows them but invisible: a search or
    a copy in the PDF finds a slide's words, not only its source and credits."""
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(target.width() / renderer.size.width(), target.height() / renderer.size.height())
    painter.setOpacity(0.0)
    for _name, block, rect in renderer.placed:
        block.draw(painter, rect.topLeft())
    painter.restore()


def _words(
    w: Writer,
    fonts: Fonts,
    bundle: Bundle,
    render: Render,
    checked: Checked,
    x: float,
    y: float,
    width: float,
) -> None:
    """What the picture is, where its words come from, and what is wrong with it."""
    slide = bundle.manifest.slides[render.slide]
    language = render.language
    count = len(bundle.manifest.slides)
    named = f" · {slide.id}" if slide.id else ""
    y += w.text(
        x,
        y,
        width,
        f"Slide {render.slide + 1} of {count} · {slide.type}{named}",
        fonts.label(10, bold=True),
    )
    name = native_name(language, tuple(bundle.languages))
    where = f"{name} ({language}) · {screen_text(render.screen)}"
    y += w.text(x, y, width, where, fonts.text(where, language, 8.5), GREY) + 1
    head = headline(slide, language)
    if head:
        y += w.text(x, y, width, head, fonts.text(head, language, 9), rtl=is_rtl(language)) + 1.5
    if checked.overflow:
        text = f"Does not fit: {', '.join(checked.overflow)}"
        y += w.text(x, y, width, text, fonts.label(9, bold=True), ALARM) + 1
    for finding in checked.findings:
        y += w.text(x, y, width, f"Layout: {finding}", fonts.label(8), WARN) + 0.5
    y += 1.5
    source = slide.source_text(language, "full")
    y += w.text(x, y, width, "Source", fonts.label(7.5), GREY)
    if source:
        y += w.text(x, y, width, source, fonts.text(source, language, 8.5), rtl=is_rtl(language))
    else:
        y += w.text(x, y, width, "No source given.", fonts.label(8.5, bold=True), WARN)
    credits = list(_credits(slide, language))
    if credits:
        y += 1.5
        y += w.text(
            x, y, width, "Credit" if len(credits) == 1 else "Credits", fonts.label(7.5), GREY
        )
        for credit in credits:
            y += w.text(
                x, y, width, credit, fonts.text(credit, language, 8.5), rtl=is_rtl(language)
            )


def _credits(slide: object, language: str) -> Iterable[str]:
    """The slide's credits in ``language``: ``credit`` and any other ``*credit`` key a
    slide type has."""
    for name in sorted(type(slide).model_fields):  # type: ignore[attr-defined]
        if name == "credit" or name.endswith("_credit"):
            value = getattr(slide, name, None)
            if value:
                yield value[language] if isinstance(value, dict) else str(value)
