"""Regression: PySide6-Essentials 6.12.0 on Python 3.11 aborts after many void calls.

Each call of a method that returns nothing dropped one reference to None; on Python
3.11 (where None is not immortal) the interpreter aborts with "Fatal Python error:
none_dealloc" after a few thousand calls. pyproject.toml pins around it; this test
fails if a release with the bug is ever installed again.
"""

import subprocess
import sys

VOID_CALLS = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QObject, QRect, QTimer
app = QCoreApplication([])
obj, rect, timer = QObject(), QRect(), QTimer()
for i in range(250_000):
    obj.setObjectName("kiosk")
    rect.setWidth(i)
    timer.setInterval(i % 1000)
    timer.stop()
print("survived")
"""


def test_one_million_void_calls_do_not_abort_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
