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

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType


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


def _system_libraries() -> ModuleType:
    """The kiosk's own check (standard library only), read from the checkout: nothing is
    installed yet, and the check must be the one the kiosk makes at start-up."""
    path = Path(__file__).resolve().parents[1] / "src/kiosk/operations/system_libraries.py"
    spec = importlib.util.spec_from_file_location("system_libraries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def display_problem(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    loads: Callable[[str], bool] | None = None,
) -> str | None:
    """Qt 6.5+ on X11 loads libxcb-cursor.so.0, which the PySide6 wheels do not bring."""
    problem = _system_libraries().missing_for_display(environ, platform, False, loads)
    return None if problem is None else "make" + problem.removeprefix("kiosk")


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
