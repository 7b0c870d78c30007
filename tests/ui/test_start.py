"""The start as staff see it in Diagnostics: what is on screen, and what went wrong."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logs
from kiosk.config import Effective, Settings
from kiosk.ui.app import start
from tests.bundles import write_bundle


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (sys.excepthook, threading.excepthook, list(root.handlers), root.level)
    try:
        yield
    finally:
        logs._reset()
        sys.excepthook, threading.excepthook, root.handlers, level = saved
        root.setLevel(level)
        faulthandler.enable()


@pytest.mark.usefixtures("restore_logging")
def test_diagnostics_say_what_is_shown_and_that_the_log_folder_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    broken = write_bundle(tmp_path / "exhibit", files={"media/dot.png": None})
    settings = Settings(bundle=broken, windowed=True, log_dir=blocker)
    _app, window = start(Effective(settings))
    try:
        window._show_diagnostics()
        text = window.staff_menu.diagnostics
        assert "showing: the holding screen" in text
        assert f"the log folder {blocker} cannot be written" in text
        assert "media/dot.png is not in the bundle" in "\n".join(window.problems)
    finally:
        window.exit_kiosk(quit_application=False)
