"""The start as staff see it in Diagnostics: what is on screen, and what went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from kiosk.config import Effective, Settings
from kiosk.ui.app import start
from tests.bundles import valid_members, write_bundle, write_zip


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


def test_a_bundle_finished_while_the_start_falls_back_is_still_checked(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui import app

    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        (tmp_path / variable).mkdir(mode=0o700)
        monkeypatch.setenv(variable, str(tmp_path / variable))
    whole = write_zip(tmp_path / "whole.kiosk", valid_members()).read_bytes()
    source = tmp_path / "exhibit.kiosk"
    source.write_bytes(whole[: len(whole) // 2])  # the curator's copy is half-way at boot
    holding_texts = app.holding_texts

    def finished_meanwhile(languages: list[str]) -> dict[str, str]:
        source.write_bytes(whole)  # ... and ends while the start falls back
        return holding_texts(languages)

    monkeypatch.setattr(app, "holding_texts", finished_meanwhile)
    choice, watcher = app.choose_content(Effective(Settings(bundle=source)))
    assert choice.kind == "holding" and watcher is not None
    clock = [1000.0]
    watcher._clock = lambda: clock[0]
    offers: list[object] = []
    watcher.validated.connect(offers.append)
    try:
        for _ in range(3):
            clock[0] += 5
            watcher.check()
            polling = watcher._polling
            assert polling is not None
            qtbot.waitUntil(polling.done)
        qtbot.waitUntil(lambda: len(offers) == 1)
    finally:
        watcher.stop()
        shiboken6.delete(watcher)
