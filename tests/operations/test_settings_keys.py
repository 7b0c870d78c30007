"""The settings this package adds, as `kiosk config` shows them, with their bounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.cli import main
from kiosk.config import Settings


def test_kiosk_config_lists_the_new_keys_with_their_origins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("staff_timeout_seconds = 120\n", encoding="utf-8")
    assert main(["config", "--config", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "countdown_seconds = 20.0    # default" in lines
    assert f"staff_timeout_seconds = 120.0    # {path}" in lines
    assert "watchdog_seconds = 30.0    # default" in lines


def test_defaults() -> None:
    settings = Settings()
    assert (settings.countdown_seconds, settings.staff_timeout_seconds) == (20, 60)
    assert settings.watchdog_seconds == 30


@pytest.mark.parametrize(
    ("name", "refused", "accepted"),
    [
        ("countdown_seconds", [19.9, 121], [20, 120]),  # WCAG 2.2.1: 20 s at least
        ("staff_timeout_seconds", [14, 601], [15, 600]),
        ("watchdog_seconds", [9, 601], [10, 600]),
    ],
)
def test_bounds(name: str, refused: list[float], accepted: list[float]) -> None:
    for value in refused:
        with pytest.raises(ValidationError):
            Settings.model_validate({name: value})
    for value in accepted:
        assert getattr(Settings.model_validate({name: value}), name) == value
