"""Start-up: uncaught exceptions are logged (hot swap: tests/ui/test_hot_swap.py)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk import logs


def test_uncaught_exceptions_go_to_the_log_file(tmp_path: Path) -> None:
    import faulthandler
    import threading

    root = logging.getLogger()
    saved = (sys.excepthook, threading.excepthook, list(root.handlers), root.level)
    try:
        path = logs.setup(tmp_path / "logs")
        try:
            raise RuntimeError("a slot failed")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        faulthandler.enable()  # back to stderr, as pytest had it
        for handler in root.handlers:
            handler.close()
        sys.excepthook, threading.excepthook, root.handlers, level = saved
        root.setLevel(level)
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "RuntimeError: a slot failed" in text
