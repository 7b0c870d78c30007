"""System libraries Qt needs but the PySide6 wheels do not bring, checked before Qt starts.

Qt 6.5 and later need ``libxcb-cursor.so.0`` for X11; without it Qt stops with a long
"Could not load the Qt platform plugin xcb" message that names no package. The kiosk
checks first and says in one line what to install. The frozen app carries the library
in its own folder, so only a kiosk run from a checkout or a wheel is checked. Loading
the library (dlopen) is the check: it is what Qt does next anyway, and it costs far
less than asking ``ldconfig``.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

XCB_CURSOR = "libxcb-cursor.so.0"
XCB_CURSOR_PACKAGE = "libxcb-cursor0"


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will take its X11 platform: on Linux, QT_QPA_PLATFORM unset or xcb."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    return chosen in ("", "xcb")


def missing_for_display(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    frozen: bool | None = None,
    loads: Callable[[str], bool] | None = None,
) -> str | None:
    """One line naming the package to install, or None when nothing is missing.

    Each argument defaults to this process's own (environment, platform, frozen or not,
    dlopen), read at the call.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    loads = _loads if loads is None else loads
    if frozen or not uses_xcb(environ, platform) or loads(XCB_CURSOR):
        return None
    return (
        f"kiosk: Qt needs {XCB_CURSOR} to open a window on X11 and this system has none: "
        f"install the package {XCB_CURSOR_PACKAGE} (sudo apt install {XCB_CURSOR_PACKAGE})"
    )
