"""The house rules of DESIGN.md: bundle/ knows files and formats, and no widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk

FORBIDDEN_IN_BUNDLE = ("PySide6.QtWidgets", "PySide6.QtSvgWidgets", "qtawesome", "kiosk.ui")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_bundle_package_imports_no_widgets() -> None:
    package = Path(kiosk.__file__).parent / "bundle"
    sources = sorted(package.glob("*.py"))
    assert sources
    for source in sources:
        for module in imported_modules(source):
            assert not module.startswith(FORBIDDEN_IN_BUNDLE), f"{source.name} imports {module}"


def test_every_package_is_listed_for_the_wheel() -> None:
    import tomllib

    root = Path(kiosk.__file__).parent
    pyproject = tomllib.loads((root.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("kiosk", *init.parent.relative_to(root).parts))
        for init in root.rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_the_presentation_state_machine_and_settings_know_no_qt() -> None:
    root = Path(kiosk.__file__).parent
    names = ["presentation.py", "palette.py", "config.py", "supervise.py", "ui/gesture.py"]
    names += [f"content/{path.name}" for path in (root / "content").glob("*.py")]
    for name in names:
        for module in imported_modules(root / name):
            assert not module.startswith(("PySide6", "qtawesome", "kiosk.ui")), (
                f"{name} imports {module}"
            )
