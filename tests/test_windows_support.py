"""The Windows code paths of the staff commands, simulated on Linux with monkeypatch.

Windows' ``os`` has no ``geteuid``, ``getegid`` or ``fchown``; who may write the system-wide
settings file is asked of shell32's ``IsUserAnAdmin`` there instead.
"""

from __future__ import annotations

import ctypes
import errno
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.cli import main
from kiosk.config import check_pin
from kiosk.paths import SYSTEM_CONFIG_ENV, replace_atomically


@pytest.fixture
def windows_os(monkeypatch: pytest.MonkeyPatch) -> None:
    """``os`` as on Windows: no effective user or group ids."""
    monkeypatch.delattr(os, "geteuid")
    monkeypatch.delattr(os, "getegid")


def fake_shell32(monkeypatch: pytest.MonkeyPatch, *, admin: bool) -> None:
    shell32 = SimpleNamespace(IsUserAnAdmin=lambda: int(admin))
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(shell32=shell32), raising=False)


@pytest.fixture
def system_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "ProgramData" / "kiosk" / "kiosk.toml"
    path.parent.mkdir(parents=True)
    path.write_text("# the administrator's settings\nscreen = 1\n", encoding="utf-8")
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    return path


@pytest.mark.usefixtures("windows_os")
def test_a_file_is_replaced_where_os_has_no_user_ids(tmp_path: Path) -> None:
    # Rewriting an existing file compares its owner with this process's ids, which
    # Windows' os does not have.
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"old")
    replace_atomically(path, b"new")
    assert path.read_bytes() == b"new"


@pytest.mark.usefixtures("windows_os")
def test_set_pin_system_is_refused_to_a_windows_user_who_is_not_an_administrator(
    system_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_shell32(monkeypatch, admin=False)
    before = system_file.read_bytes()
    assert main(["set-pin", "--system", "--pin-stdin"]) == 2
    err = capsys.readouterr().err
    assert str(system_file) in err
    assert "administrator" in err and "Run as administrator" in err
    assert "sudo" not in err
    assert system_file.read_bytes() == before


@pytest.mark.usefixtures("windows_os")
def test_set_pin_system_writes_the_file_for_a_windows_administrator(
    system_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_shell32(monkeypatch, admin=True)
    assert main(["set-pin", "--system", "--pin-stdin"]) == 0
    text = system_file.read_text(encoding="utf-8")
    assert "screen = 1" in text
    assert check_pin("2468", text.split('pin_hash = "')[1].split('"')[0])


@pytest.mark.usefixtures("windows_os")
def test_where_windows_cannot_be_asked_the_os_decides(
    system_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No shell32 to ask (ctypes.windll missing): the write is tried, and the OS's refusal
    # is what the administrator reads, with the file's name.
    monkeypatch.delattr(ctypes, "windll", raising=False)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr("kiosk.config.write_setting", refused)
    assert main(["set-pin", "--system", "--pin-stdin"]) == 1
    assert f"cannot write {system_file} (Access is denied)" in capsys.readouterr().err
