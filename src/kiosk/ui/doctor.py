"""``kiosk doctor``, the checks that need Qt: the screen, touch devices, the bundle and
the fonts for its scripts; then prints every check (``kiosk.operations.doctor``'s too).

Safe without a display: with no X server or Wayland compositor to talk to, Qt runs
offscreen, the screen and touch checks say they could not run, and the rest still do.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.config import Effective
from kiosk.operations.doctor import NOTE, OK, PROBLEM, Check, exit_code, plain_checks, report
from kiosk.paths import builtin_bundle

#: How many problems of one kind are quoted; the rest are counted.
QUOTED = 3
#: The application of a doctor run on a display (kept: Qt needs it alive).
_app: object = None


def choose_platform() -> str | None:
    """Why Qt must run offscreen here (and make it so), or None when a display answers."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None if os.environ["QT_QPA_PLATFORM"] != "offscreen" else "Qt runs offscreen"
    if not sys.platform.startswith("linux"):
        return None
    display = os.environ.get("DISPLAY")
    reason = None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not display:
        reason = "no display (DISPLAY is not set)"
    else:
        from kiosk.operations import screensaver

        if screensaver.state(display) is None:  # Qt would abort on a server that is not there
            reason = f"no X server answers at {display}"
    if reason:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return reason


def screen_checks(current: Effective, offscreen: str | None) -> list[Check]:
    from PySide6.QtGui import QGuiApplication, QInputDevice

    if offscreen or QGuiApplication.platformName() == "offscreen":
        why = offscreen or "Qt runs offscreen"
        hint = "run kiosk doctor in the kiosk's session (e.g. DISPLAY=:0 kiosk doctor)"
        return [
            Check("screen", NOTE, f"{why}: not checked; {hint}"),
            Check("touch", NOTE, f"{why}: not checked"),
        ]
    checks = []
    screens = QGuiApplication.screens()
    wanted = current.settings.screen
    if wanted >= len(screens):
        checks.append(
            Check(
                "screen",
                PROBLEM,
                f"screen = {wanted} ({current.origins['screen']}), but there are only "
                f"{len(screens)} screen(s): set screen = "
                + ("0" if len(screens) == 1 else f"0 to {len(screens) - 1}"),
            )
        )
    for number, screen in enumerate(screens):
        size = screen.size()
        physical = screen.physicalSize()
        text = (
            f"{screen.name() or 'unnamed'}, {size.width()}x{size.height()} pixels, "
            f"{screen.logicalDotsPerInch():.0f} dpi, scale {screen.devicePixelRatio():g}"
        )
        status = OK
        if physical.width() > 0 and physical.height() > 0:
            text += (
                f", {physical.width():.0f}x{physical.height():.0f} mm, "
                f"{screen.physicalDotsPerInch():.0f} physical dpi"
            )
        else:
            status = NOTE
            text += "; it does not report its size: viewing_distance_m cannot size text by it"
        checks.append(Check(f"screen {number}{' (kiosk)' * (number == wanted)}", status, text))
    touch = [
        device.name() or "unnamed"
        for device in QInputDevice.devices()
        if device.type() == QInputDevice.DeviceType.TouchScreen
    ]
    if touch:
        checks.append(Check("touch", OK, f"{len(touch)} touch screen(s): {', '.join(touch)}"))
    else:
        checks.append(
            Check(
                "touch",
                PROBLEM,
                "no touch screen found: check its USB cable and driver (xinput list shows "
                "what X sees); with two screens, map it to the kiosk's: xinput map-to-output",
            )
        )
    return checks


def bundle_checks(current: Effective) -> list[Check]:
    """The bundle loads and fits its screens; every text has a font that draws it."""
    from kiosk.bundle import BundleError
    from kiosk.qtmedia import ensure_gui, load
    from kiosk.ui.fonts import missing_glyphs
    from kiosk.ui.target_screens import fit_problems
    from kiosk.ui.theme import theme_for

    path: Path = current.settings.bundle or builtin_bundle()
    ensure_gui()
    try:
        bundle = load(path)
    except BundleError as error:
        return [
            Check("bundle", PROBLEM, _quoted(path, error.problems)),
            Check("fonts", NOTE, "not checked: the bundle does not load"),
        ]
    try:
        fits = fit_problems(bundle)
        glyphs = missing_glyphs(bundle, theme_for(bundle))
        summary = bundle.summary()
    finally:
        bundle.close()
    checks = [
        Check("bundle", PROBLEM, _quoted(path, fits)) if fits else Check("bundle", OK, summary)
    ]
    if glyphs:
        checks.append(
            Check(
                "fonts",
                PROBLEM,
                f"no font draws {len(glyphs)} text(s) of the bundle; install a font for that "
                f"script (each line says which) or add one to the bundle: {_list(glyphs)}",
            )
        )
    else:
        checks.append(Check("fonts", OK, "every text of the bundle has a font that draws it"))
    return checks


def _quoted(path: Path, problems: list[object]) -> str:
    return f"{path}: {len(problems)} problem(s), run kiosk validate {path}: {_list(problems)}"


def _list(items: list[object]) -> str:
    text = " | ".join(str(item) for item in items[:QUOTED])
    return text + (f" | and {len(items) - QUOTED} more" if len(items) > QUOTED else "")


def run(current: Effective) -> int:
    """Every check, printed one a line; 1 when any found a problem."""
    global _app
    offscreen = choose_platform()
    checks = plain_checks(current)
    from PySide6.QtGui import QGuiApplication

    from kiosk.qtmedia import ensure_gui, harden_qt

    # After choose_platform: never Qt's abort for a display that is not there. With a
    # display, on it (ensure_gui alone would go offscreen).
    if QGuiApplication.instance() is None and not offscreen:
        harden_qt()
        _app = QGuiApplication(["kiosk doctor"])
    ensure_gui()
    checks += screen_checks(current, offscreen)
    checks += bundle_checks(current)
    print(report(checks))
    return exit_code(checks)
