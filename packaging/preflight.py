"""What `make run` needs from the system before it makes a virtual environment.

Run by the system's Python (standard library only, nothing installed yet), so that a
fresh Debian or Ubuntu desktop that lacks a package stops with one line naming it,
instead of venv's ensurepip error or Qt's "Could not load the Qt platform plugin xcb".

    python3 packaging/preflight.py venv      # before `python3 -m venv`
    python3 packaging/preflight.py display   # before the kiosk opens a window

Exit code 1 and one line on stderr per missing package; 0 and silence otherwise. The
kiosk checks the X11 library again at start-up (kiosk.operations.system_libraries).
"""

from __future__ import annotations

import ctypes
import importlib
import os
import sys
from collections.abc import Callable, Mapping

XCB_CURSOR = "libxcb-cursor.so.0"


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _has_ensurepip() -> bool:
    # Imported, not only looked up: what venv runs must load, not merely be found.
    try:
        importlib.import_module("ensurepip")
    except ImportError:
        return False
    return True


def venv_problem(
    version: tuple[int, int] = (sys.version_info.major, sys.version_info.minor),
    has_ensurepip: Callable[[], bool] = _has_ensurepip,
) -> str | None:
    """Debian and Ubuntu leave ensurepip (which venv runs) to the python3-venv package."""
    if has_ensurepip():
        return None
    versioned = f"python{version[0]}.{version[1]}-venv"
    return (
        f"make: this Python {version[0]}.{version[1]} cannot make a virtual environment: "
        f"install the package python3-venv (sudo apt install python3-venv; for another "
        f"Python than the system's, {versioned})"
    )


def display_problem(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    loads: Callable[[str], bool] = _loads,
) -> str | None:
    """Qt 6.5+ on X11 loads libxcb-cursor.so.0, which the PySide6 wheels do not bring."""
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen not in ("", "xcb") or loads(XCB_CURSOR):
        return None
    return (
        f"make: Qt needs {XCB_CURSOR} to open a window on X11 and this system has none: "
        "install the package libxcb-cursor0 (sudo apt install libxcb-cursor0)"
    )


CHECKS = {"venv": venv_problem, "display": display_problem}


def main(argv: list[str]) -> int:
    names = argv or list(CHECKS)
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        print(f"preflight: no check named {', '.join(unknown)}; use {', '.join(CHECKS)}")
        return 2
    problems = [problem for name in names if (problem := CHECKS[name]()) is not None]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
