"""The frozen app collects only the PySide6 modules in build_installer.spec's KEEP_QT
(every other one is excluded by name): a module the kiosk imports but the list lacks
would be missing from the installer only, where no other test looks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kiosk

SOURCE = Path(kiosk.__file__).parent
SPEC = SOURCE.parents[1] / "build_installer.spec"


def kept_qt_modules() -> set[str]:
    """The spec's KEEP_QT, read without running the spec (it needs PyInstaller)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "KEEP_QT" for target in node.targets
        ):
            return set(ast.literal_eval(node.value))
    raise AssertionError("build_installer.spec has no KEEP_QT")


def qt_modules_imported_by_the_kiosk() -> set[str]:
    """Every ``PySide6.QtX`` a kiosk module imports, at its top or inside a function."""
    modules: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "PySide6":
                    names += [f"PySide6.{alias.name}" for alias in node.names]
            modules.update(name.split(".")[1] for name in names if name.startswith("PySide6.Qt"))
    return modules


def test_every_qt_module_the_kiosk_imports_is_kept_by_the_installer() -> None:
    imported = qt_modules_imported_by_the_kiosk()
    assert "QtMultimedia" in imported  # the scan sees kiosk.media
    assert imported <= kept_qt_modules(), "add to KEEP_QT in build_installer.spec"


def test_the_qt_modules_pyside_loads_for_them_are_kept_too() -> None:
    # PySide6.QtMultimedia imports PySide6.QtNetwork when it loads, for one.
    kept = sorted(kept_qt_modules())
    code = (
        "import importlib, sys\n"
        f"for name in {kept!r}: importlib.import_module('PySide6.' + name)\n"
        "print(' '.join(m.split('.')[1] for m in sys.modules if m.startswith('PySide6.Qt')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert "QtNetwork" in loaded
    assert set(loaded) <= set(kept), "add to KEEP_QT in build_installer.spec"
