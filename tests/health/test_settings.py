"""health_dir and health_screenshot_minutes: `kiosk config` shows them; bad values cost
only their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import effective
from kiosk.health import default_health_dir


def test_kiosk_config_names_the_health_folder_it_would_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("health_screenshot_minutes = 15\n", encoding="utf-8")
    assert main(["config", "--config", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"health_dir = {default_health_dir()}    # default" in lines
    assert f"health_screenshot_minutes = 15    # {path}" in lines


def test_a_relative_folder_or_a_negative_interval_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'health_dir = "node-exporter"\nhealth_screenshot_minutes = -1\n', encoding="utf-8"
    )
    settings = effective(path)
    assert settings.settings.health_dir is None
    assert settings.settings.health_screenshot_minutes == 0
    assert any(f"{path}:1: health_dir: must be an absolute path" in p for p in settings.problems)
    assert any(f"{path}:2: health_screenshot_minutes" in p for p in settings.problems)
