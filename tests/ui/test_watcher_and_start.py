"""Hot swap and start-up: changed bundles are checked in the background, bad ones refused."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import logs
from kiosk.bundle import Bundle
from kiosk.config import Effective, Settings
from kiosk.ui.app import _load_content
from kiosk.ui.watcher import BundleWatcher, load_staged
from tests.bundles import VALID_TOML, valid_members, write_bundle, write_zip


def test_a_changed_bundle_is_validated_and_offered(tmp_path: Path, qtbot: QtBot) -> None:
    root = write_bundle(tmp_path / "b")
    watcher = BundleWatcher(root)
    (root / "bundle.toml").write_text(VALID_TOML.replace('"1.0"', '"1.1"'), encoding="utf-8")
    with qtbot.waitSignal(watcher.validated, timeout=10_000) as signal:
        watcher.check()
    bundle: Bundle = signal.args[0]
    assert bundle.manifest.bundle.version == "1.1"
    watcher.stop()


def test_a_broken_change_is_refused_with_its_problems(tmp_path: Path, qtbot: QtBot) -> None:
    root = write_bundle(tmp_path / "b")
    watcher = BundleWatcher(root)
    (root / "bundle.toml").write_text("this is = not [valid", encoding="utf-8")
    with qtbot.waitSignal(watcher.refused, timeout=10_000) as signal:
        watcher.check()
    assert "is not valid TOML" in signal.args[0]
    watcher.stop()


def test_a_kiosk_file_is_read_from_a_private_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    archive = write_zip(tmp_path / "b.kiosk", valid_members())
    bundle = load_staged(archive)
    assert bundle.source.label != str(archive)
    assert str(tmp_path / "cache") in bundle.source.label
    archive.write_bytes(b"overwritten while the kiosk runs")
    assert bundle.read_media("media/shape.svg").startswith(b"<svg")
    bundle.close()


def test_a_bad_configured_bundle_falls_back_to_the_built_in_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = write_bundle(tmp_path / "b", files={"media/dot.png": None})
    problems: list[str] = []
    with caplog.at_level(logging.ERROR):
        bundle = _load_content(Effective(Settings(bundle=broken)), problems)
    assert bundle.manifest.bundle.id == "black-january"
    assert "showing the built-in one" in problems[0]
    assert "media/dot.png is not in the bundle" in caplog.text
    bundle.close()


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
