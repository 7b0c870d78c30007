"""The house rules of DESIGN.md, checked transitively: the import-linter contracts in
pyproject.toml hold, and they do catch a violation made through another module."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kiosk

SOURCE = Path(kiosk.__file__).parent
ROOT = SOURCE.parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: Qt modules that make widgets: only kiosk.ui may import them.
WIDGET_MODULES = ("PySide6.QtWidgets", "PySide6.QtSvgWidgets", "PySide6.QtOpenGLWidgets")


def imported_modules(path: Path) -> set[str]:
    """The modules ``path`` imports directly (what the old, non-transitive test checked)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def lint_imports(root: Path, source: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of ``root``/pyproject.toml on the ``kiosk`` package in ``source``."""
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT, SOURCE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_qt_import_made_through_another_module_breaks_the_contracts(tmp_path: Path) -> None:
    copy = tmp_path / "src" / "kiosk"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    presentation = copy / "presentation.py"
    presentation.write_text(
        presentation.read_text(encoding="utf-8") + "\nfrom kiosk import qtmedia  # noqa\n",
        encoding="utf-8",
    )
    # A new module is checked as soon as it appears, and so is a package still to come.
    (copy / "operations").mkdir(exist_ok=True)
    (copy / "operations" / "__init__.py").touch()
    (copy / "operations" / "health.py").write_text("import kiosk.ui.window\n", encoding="utf-8")
    (copy / "insights").mkdir(exist_ok=True)
    (copy / "insights" / "__init__.py").touch()
    (copy / "insights" / "recorder.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    # What the old test looked at, presentation.py's own imports, shows no Qt at all.
    assert not any(
        module.startswith(("PySide6", "qtawesome", "kiosk.ui"))
        for module in imported_modules(presentation)
    )
    result = lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "kiosk.presentation is not allowed to import PySide6" in report
    assert "kiosk.presentation -> kiosk.qtmedia" in report
    assert "kiosk.operations.health -> kiosk.ui.window" in report
    assert "kiosk.insights is not allowed to import PySide6" in report
    assert "kiosk.insights.recorder -> PySide6" in report
    # Only the Qt-free contract breaks: kiosk.media and the others keep theirs.
    assert re.search(r"Contracts: \d+ kept, 1 broken\.", report), report


def test_widgets_are_imported_only_in_the_ui_package() -> None:
    """import-linter cannot forbid part of an outside package (PySide6.QtWidgets), so this
    direct check completes the contracts: no module outside kiosk.ui imports widgets,
    and none of the Qt-free or Qt-side modules may import kiosk.ui, even indirectly."""
    outside = [path for path in SOURCE.rglob("*.py") if "ui" not in path.relative_to(SOURCE).parts]
    assert outside
    for path in outside:
        widgets = {module for module in imported_modules(path) if module.startswith(WIDGET_MODULES)}
        assert not widgets, f"{path.relative_to(SOURCE)} imports {sorted(widgets)}"


def test_every_package_is_listed_for_the_wheel() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("kiosk", *init.parent.relative_to(SOURCE).parts))
        for init in SOURCE.rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
