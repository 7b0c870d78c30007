"""The kiosk's application converts video frames on the CPU (kiosk.media.raster)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_PROBE = """
from PySide6.QtCore import QCoreApplication
from kiosk.media.raster import converts_on_cpu
assert QCoreApplication.instance() is None and not converts_on_cpu()
from kiosk.ui.{module} import {function}
app = {function}()
print(converts_on_cpu())
"""


@pytest.mark.parametrize(
    ("module", "function"), [("application", "application"), ("render", "ensure_app")]
)
def test_the_application_is_made_with_cpu_conversion(module: str, function: str) -> None:
    """Qt reads the attribute only when the application is made, so the test needs a
    fresh process (this one's QApplication is made by pytest-qt, after conftest sets it)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module, function=function)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
