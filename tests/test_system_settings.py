"""System-wide settings: /etc/kiosk/kiosk.toml under the user's file, under the flags."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import check_pin, effective
from kiosk.paths import SYSTEM_CONFIG_ENV, system_config_path


@pytest.fixture
def layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A system file and a user file, each setting what the other does not, and one key both."""
    system = tmp_path / "etc" / "kiosk.toml"
    system.parent.mkdir()
    system.write_text("screen = 1\nidle_seconds = 90\nwindowed = true\n", encoding="utf-8")
    user = tmp_path / "user.toml"
    user.write_text("idle_seconds = 120\nslide_seconds = 20\n", encoding="utf-8")
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(system))
    monkeypatch.setenv("KIOSK_CONFIG", str(user))
    return system, user


def test_each_value_comes_from_its_layer(layers: tuple[Path, Path]) -> None:
    system, user = layers
    current = effective(flags={"windowed": False})
    assert current.settings.screen == 1 and current.origins["screen"] == str(system)
    assert current.settings.idle_seconds == 120 and current.origins["idle_seconds"] == str(user)
    assert current.settings.slide_seconds == 20 and current.origins["slide_seconds"] == str(user)
    assert current.settings.windowed is False and current.origins["windowed"] == "command line"
    assert current.origins["reduced_motion"] == "default"
    assert current.system_path == system and current.path == user


def test_kiosk_config_shows_every_origin(
    layers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    system, user = layers
    assert main(["config", "--slide-seconds", "30"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"# system settings file: {system}" in out
    assert f"screen = 1    # {system}" in out
    assert f"idle_seconds = 120.0    # {user}" in out
    assert "slide_seconds = 30.0    # command line" in out
    assert "countdown_seconds = 20.0    # default" in out


def test_a_bad_line_in_the_system_file_is_named_and_costs_only_itself(
    layers: tuple[Path, Path],
) -> None:
    system, _ = layers
    system.write_text('screen = "left"\nwindowed = true\n', encoding="utf-8")
    current = effective()
    assert current.settings.windowed is True and current.origins["windowed"] == str(system)
    assert current.settings.screen == 0
    assert [problem.split(": ")[0] for problem in current.problems] == [f"{system}:1"]


def test_the_same_file_as_both_layers_is_read_once(layers: tuple[Path, Path]) -> None:
    system, _ = layers
    system.write_text("colour = 3\n", encoding="utf-8")  # one problem, not two
    assert len(effective(system, system=system).problems) == 1


def test_the_system_file_is_where_administrators_look(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SYSTEM_CONFIG_ENV)
    monkeypatch.setattr("sys.platform", "linux")
    assert system_config_path() == Path("/etc/kiosk/kiosk.toml")


def test_set_pin_system_writes_the_system_file_readable_by_the_kiosk_user(
    layers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    system, user = layers
    system.chmod(0o640)  # as an administrator may make it (root:kiosk)
    monkeypatch.setattr("os.geteuid", lambda: 0)
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--system", "--pin-stdin"]) == 0
    assert check_pin("2468", effective().settings.pin_hash)
    assert effective().origins["pin_hash"] == str(system)
    assert "pin_hash" not in user.read_text(encoding="utf-8")
    assert "screen = 1" in system.read_text(encoding="utf-8")  # the rest is kept
    assert stat.S_IMODE(system.stat().st_mode) == 0o640  # the mode it had is kept
    new = system.with_name("new.toml")
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(new))
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--system", "--pin-stdin"]) == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # every kiosk user must read it


def test_set_pin_system_is_refused_to_other_users(
    layers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    system, _ = layers
    before = system.read_bytes()
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--system", "--pin-stdin"]) == 2
    assert "sudo" in capsys.readouterr().err
    assert system.read_bytes() == before


def test_set_pin_writes_the_users_file_by_default(
    layers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    system, user = layers
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--pin-stdin"]) == 0
    assert effective().origins["pin_hash"] == str(user)
    assert "pin_hash" not in system.read_text(encoding="utf-8")


def test_the_live_kiosk_logs_where_the_system_file_says(
    layers: tuple[Path, Path], tmp_path: Path, restore_logging: None
) -> None:
    import argparse

    from kiosk.cli import _start_logging

    system, user = layers
    system.write_text(f'log_dir = "{tmp_path / "system-logs"}"\n', encoding="utf-8")
    _start_logging(argparse.Namespace(config=None, supervise=False))
    assert (tmp_path / "system-logs").is_dir()
    user.write_text(f'log_dir = "{tmp_path / "user-logs"}"\n', encoding="utf-8")
    _start_logging(argparse.Namespace(config=None, supervise=False))
    assert (tmp_path / "user-logs").is_dir()  # the user's file wins
