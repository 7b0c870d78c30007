"""What ``kiosk validate`` and ``kiosk pack`` check beyond loading a bundle: that every
text can be drawn and fits each target screen (problems), and which pictures are
enlarged or oversized there, and which files are left out of a pack (warnings, notes).

Needs Qt (offscreen is enough: :func:`kiosk.qtmedia.ensure_gui`), no display.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.bundle import Bundle, Problem
from kiosk.bundle.contents import left_out_problems, size_hints, sort_out
from kiosk.bundle.lint import Finding
from kiosk.bundle.model import screen_size
from kiosk.qtmedia import ensure_gui
from kiosk.ui.fonts import missing_glyphs
from kiosk.ui.lint import lint_pictures
from kiosk.ui.target_screens import fit_problems, target_screens
from kiosk.ui.theme import theme_for


@dataclass(frozen=True)
class Checked:
    #: Texts no font can draw, texts that do not fit a target screen: the bundle is refused.
    problems: list[Problem]
    #: Pictures enlarged over 1.5 times at a target screen (errors under --strict).
    findings: list[Finding]
    #: Files far larger than the screens need, unused media and litter (not packed).
    warnings: list[Problem]
    #: Files that are rightly not packed: the schema file, notes beside bundle.toml.
    notes: list[Problem]


def glyph_and_fit_problems(bundle: Bundle) -> list[Problem]:
    """What refuses a bundle beyond the loader's checks (``kiosk pack``'s check)."""
    ensure_gui()
    return missing_glyphs(bundle, theme_for(bundle)) + fit_problems(bundle)


def check_bundle(bundle: Bundle) -> Checked:
    problems = glyph_and_fit_problems(bundle)
    findings = lint_pictures(bundle, target_screens(bundle))
    source = bundle.source
    packed, left_out = sort_out(source)
    screens = [screen_size(screen) for screen in bundle.manifest.bundle.screens]
    warnings = size_hints(source, packed, screens, bundle.media_facts)
    warnings += left_out_problems(source, [item for item in left_out if item.warn])
    notes = left_out_problems(source, [item for item in left_out if not item.warn])
    return Checked(problems, findings, warnings, notes)
