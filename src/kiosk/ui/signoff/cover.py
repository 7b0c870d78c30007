"""The cover of the sign-off sheet: what the exhibition is, the checksum of the file,
what was found, what signing means, and lines to sign on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kiosk import __version__
from kiosk.bundle import Bundle
from kiosk.text.languages import native_name
from kiosk.ui.signoff.plan import SIGNING_MEANS, Copy, Page, Screen, screen_text
from kiosk.ui.signoff.result import SheetResult
from kiosk.ui.signoff.writer import ALARM, FOOTER, GREY, MARGIN, RULE, WARN, Fonts, Writer, is_rtl


def draw_cover(
    w: Writer,
    fonts: Fonts,
    bundle: Bundle,
    copy: Copy,
    screens: Sequence[Screen],
    languages: Sequence[str],
    result: SheetResult,
    plan: Sequence[Page],
    made: date,
) -> None:
    w.page(portrait=True)
    info = bundle.manifest.bundle
    x, width = MARGIN + 6, 210 - 2 * (MARGIN + 6)
    y = MARGIN + 6
    y += w.text(x, y, width, "Sign-off sheet", fonts.label(11), GREY) + 2
    first = bundle.default_language
    title = info.title[first]
    y += w.text(x, y, width, title, fonts.text(title, first, 26, heading=True), rtl=is_rtl(first))
    for language in bundle.languages[1:]:
        other = info.title[language]
        y += w.text(x, y, width, other, fonts.text(other, language, 14), GREY, rtl=is_rtl(language))
    y += 6
    names = ", ".join(
        f"{code} ({native_name(code, tuple(bundle.languages))})" for code in languages
    )
    facts = [
        ("Exhibition", info.id),
        ("Version", info.version),
        ("Languages", names),
        ("Slides", f"{len(bundle.manifest.slides)}"),
        ("Screens checked", ", ".join(screen_text(screen) for screen in screens)),
        ("Sheet made", f"{made.isoformat()}, by kiosk {__version__}; {result.pages} pages"),
    ]
    label_width = 38.0
    for label, value in facts:
        w.text(x, y, label_width, label, fonts.label(9), GREY)
        y += w.text(x + label_width, y, width - label_width, value, fonts.text(value, "en", 10)) + 1
    y += 2
    w.text(x, y, label_width, "SHA-256", fonts.label(9), GREY)
    y += w.text(x + label_width, y, width - label_width, copy.sha256, fonts.mono(9.5)) + 0.5
    y += w.text(
        x + label_width, y, width - label_width, f"of {copy.describes}", fonts.label(8), GREY
    )
    y += 6
    y = _findings_summary(w, fonts, x, y, width, result, plan)
    y += 6
    y += w.text(x, y, width, "What signing means", fonts.label(10, bold=True)) + 1.5
    y += w.text(x, y, width, SIGNING_MEANS, fonts.label(9)) + 8
    _signature_blocks(w, fonts, x, max(y, 297 - MARGIN - FOOTER - 62), width)


def _findings_summary(
    w: Writer,
    fonts: Fonts,
    x: float,
    y: float,
    width: float,
    result: SheetResult,
    plan: Sequence[Page],
) -> float:
    """Whether every text fits and what the layout lint found, with the pages to look at."""
    if not result.overflows and not result.findings:
        return y + w.text(
            x, y, width, "Every text fits at every screen; no layout warnings.", fonts.label(10)
        )
    flagged = {
        number
        for number, page in enumerate(plan, start=2)
        for render in page.renders
        if any(
            (o.slide - 1, o.language, (o.size.width(), o.size.height()))
            == (render.slide, render.language, render.screen)
            for o in result.overflows
        )
        or any(
            (f.slide - 1, f.language, f.size) == (render.slide, render.language, render.screen)
            for f in result.findings
        )
    }
    parts = []
    if result.overflows:
        parts.append(
            _count(len(result.overflows), "slide picture") + " with text that does not fit"
        )
    if result.findings:
        parts.append(_count(len(result.findings), "layout warning"))
    where = ", ".join(str(number) for number in sorted(flagged))
    colour = ALARM if result.overflows else WARN
    pages = "page" if len(flagged) == 1 else "pages"
    summary = f"To look at before signing: {' and '.join(parts)}, marked on {pages} {where}."
    y += w.text(x, y, width, summary, fonts.label(10, bold=True), colour) + 1
    lines = [f"Does not fit: {overflow}" for overflow in result.overflows]
    lines += [f"Layout: {finding}" for finding in result.findings]
    shown = lines[:6]  # the rest are on their pages; the cover keeps room to sign
    if len(lines) > len(shown):
        shown.append(f"… and {len(lines) - len(shown)} more, on their pages.")
    for line in shown:
        y += w.text(x + 3, y, width - 3, line, fonts.label(8), colour) + 0.5
    return y


def _signature_blocks(w: Writer, fonts: Fonts, x: float, y: float, width: float) -> None:
    column = (width - 10) / 2
    for index, heading in enumerate(("Checked by", "Approved by")):
        left = x + index * (column + 10)
        top = y
        top += w.text(left, top, column, heading, fonts.label(10, bold=True)) + 4
        for label in ("Name", "Role", "Date", "Signature"):
            gap = 14 if label == "Signature" else 9
            top += gap
            w.line(left + 20, top, column - 20, RULE)
            w.text(left, top - 4.2, 20, label, fonts.label(8.5), GREY)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
