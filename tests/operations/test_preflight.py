"""A fresh machine: a missing system package is named in one line, by `make run`
(packaging/preflight.py, run by the system's Python) and by the kiosk at start-up."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kiosk import cli
from kiosk.operations import system_libraries
from kiosk.operations.exit_codes import MISSING_LIBRARY
from tests.project_scripts import load_script

TOP = Path(__file__).parents[2]


def preflight() -> ModuleType:
    return load_script(TOP / "packaging" / "preflight.py")


def test_make_run_without_python3_venv_names_the_package(tmp_path: Path) -> None:
    # Debian's python3 without python3-venv: no ensurepip module. A module of that name
    # that cannot be imported, first on the path, stands in for the missing package.
    hidden = tmp_path / "hidden" / "ensurepip"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('python3-venv is not installed')\n")
    venv = tmp_path / "venv"
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        [make, "-C", str(TOP), "run", f"PYTHON={sys.executable}", f"VENV={venv}"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "hidden")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert len(lines) == 1, result.stderr
    assert "install the package python3-venv" in lines[0]
    assert not venv.exists()  # stopped before a half-made venv


def test_the_venv_check_passes_where_ensurepip_is() -> None:
    assert preflight().venv_problem((3, 11), lambda: True) is None
    assert "python3.12-venv" in preflight().venv_problem((3, 12), lambda: False)


def test_make_run_without_libxcb_cursor_names_the_package() -> None:
    check = preflight().display_problem
    problem = check({}, "linux", lambda soname: False)
    assert problem is not None and "sudo apt install libxcb-cursor0" in problem
    assert check({"QT_QPA_PLATFORM": "xcb"}, "linux", lambda soname: False) is not None
    assert check({}, "linux", lambda soname: soname != "libxcb-cursor.so.0") is not None
    assert check({}, "linux", lambda soname: True) is None
    assert check({"QT_QPA_PLATFORM": "wayland"}, "linux", lambda soname: False) is None
    assert check({}, "win32", lambda soname: False) is None


def test_the_checks_find_nothing_missing_on_this_machine() -> None:
    # CI installs libxcb-cursor0 and python3-venv: the real lookups must find them.
    assert preflight().main(["venv", "display"]) == 0
    assert system_libraries.missing_for_display({}, "linux", frozen=False) is None


def test_the_kiosk_names_the_package_before_qt_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(system_libraries, "_loads", lambda soname: False)
    assert cli.main(["--windowed"]) == MISSING_LIBRARY
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "install the package libxcb-cursor0" in err[0]


def test_the_frozen_app_and_other_platforms_are_not_checked() -> None:
    missing = system_libraries.missing_for_display
    assert missing({}, "linux", frozen=True, loads=lambda soname: False) is None
    assert missing({"QT_QPA_PLATFORM": "offscreen"}, "linux", False, lambda s: False) is None
    assert missing({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False, lambda s: False) is None
    assert missing({"QT_QPA_PLATFORM": "xcb"}, "linux", False, lambda s: False) is not None
    assert missing({}, "darwin", False, lambda s: False) is None
