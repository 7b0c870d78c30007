"""kiosk.operations and the supervisor know no Qt: they run without a display."""

from __future__ import annotations

from pathlib import Path

import kiosk
from tests.test_architecture import imported_modules


def test_operations_and_the_supervisor_import_no_qt() -> None:
    root = Path(kiosk.__file__).parent
    sources = [*sorted((root / "operations").glob("*.py")), root / "supervise.py"]
    assert len(sources) > 3
    for source in sources:
        for module in imported_modules(source):
            assert not module.startswith(("PySide6", "qtawesome", "kiosk.ui")), (
                f"{source.name} imports {module}"
            )
