"""packaging/linux/kiosk-session with fake programs on the PATH: what it runs, in order.

The real launcher on a real X server is tests/e2e/test_session_on_x11.py.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.operations.exit_codes import STAFF_EXIT

LINUX = Path(__file__).parents[2] / "packaging" / "linux"
SESSION = LINUX / "kiosk-session"


def run_session(
    tmp_path: Path,
    kiosk_codes: list[int],
    *args: str,
    display: str = ":99",
    cage: bool = False,
    xwayland: bool = True,
    uid: int = 1000,
) -> tuple[int, list[str], str]:
    """The launcher with a fake kiosk ending with ``kiosk_codes`` in turn; its calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    codes = " ".join(str(code) for code in kiosk_codes)
    count = tmp_path / "count"
    programs = {
        "xset": "exit 0",
        "xsetroot": "exit 0",
        "sleep": "exit 0",  # no waiting between restarts here
        # The n-th start ends with the n-th code.
        "kiosk": (
            f'n=0; [ -f "{count}" ] && read -r n < "{count}"; n=$((n + 1)); echo $n > "{count}"\n'
            f'set -- {codes}; shift $((n - 1)); exit "$1"'
        ),
    }
    if cage:
        programs["cage"] = 'shift 2; exec "$@"'  # runs its client (after -d --), as cage does
    if xwayland:
        programs["Xwayland"] = "exit 0"
    for name, body in programs.items():
        program = bin_dir / name
        program.write_text(
            f'#!/bin/sh\necho "{name} $* QPA=$QT_QPA_PLATFORM" >> "{calls}"\n{body}\n'
        )
        program.chmod(0o755)
    user = bin_dir / "id"  # the user the session runs as (only `id -u` is asked); not a call
    user.write_text(f"#!/bin/sh\necho {uid}\n")
    user.chmod(0o755)
    # Only the fakes and the shell's own tools: no real cage, xset or kiosk of this machine.
    environment = {"PATH": str(bin_dir), "DISPLAY": display}
    shell = shutil.which("sh") or "/bin/sh"
    result = subprocess.run(
        [shell, str(SESSION), *args], env=environment, capture_output=True, text=True, timeout=60
    )
    lines = calls.read_text().splitlines() if calls.exists() else []
    return result.returncode, lines, result.stderr


def test_x11_turns_the_screen_saver_off_then_supervises_until_staff_exit(tmp_path: Path) -> None:
    code, calls, stderr = run_session(tmp_path, [1, 3, STAFF_EXIT], "--screen", "1")
    assert code == 0
    assert calls[0] == "xset s off -dpms s noblank QPA=xcb"
    kiosks = [call for call in calls if call.startswith("kiosk")]
    # Restarted after codes 1 and 3; ended by staff's exit.
    assert kiosks == ["kiosk --supervise --screen 1 QPA=xcb"] * 3
    assert "staff ended the kiosk" in stderr


def test_a_stopped_supervisor_ends_the_session(tmp_path: Path) -> None:
    code, calls, _ = run_session(tmp_path, [0])
    assert code == 0
    assert [call for call in calls if call.startswith("kiosk")] == ["kiosk --supervise QPA=xcb"]


def test_without_a_display_it_says_so(tmp_path: Path) -> None:
    code, calls, stderr = run_session(tmp_path, [STAFF_EXIT], display="")
    assert code == 1
    assert calls == []
    assert "no X display" in stderr


def test_wayland_runs_the_supervisor_under_cage(tmp_path: Path) -> None:
    code, calls, _ = run_session(tmp_path, [STAFF_EXIT], "--wayland", "--screen", "1", cage=True)
    assert code == 0
    assert calls[0].startswith("cage -d -- ")
    assert not [call for call in calls if call.startswith("xset")]
    assert calls[-1] == "kiosk --supervise --screen 1 QPA=wayland"


def test_wayland_without_xwayland_names_the_package(tmp_path: Path) -> None:
    # Debian 12's cage 0.1.4 does not start without Xwayland ("Cannot create XWayland
    # server") yet does not depend on it.
    code, calls, stderr = run_session(
        tmp_path, [STAFF_EXIT], "--wayland", cage=True, xwayland=False
    )
    assert code == 1
    assert calls == []
    assert "sudo apt install xwayland" in stderr


def test_wayland_as_root_says_cage_refuses(tmp_path: Path) -> None:
    # cage drops root or refuses to start ("Unable to drop root"); say so in plain words.
    code, calls, stderr = run_session(tmp_path, [STAFF_EXIT], "--wayland", cage=True, uid=0)
    assert code == 1
    assert calls == []
    assert "not as root" in stderr


def test_wayland_without_cage_names_the_package(tmp_path: Path) -> None:
    code, calls, stderr = run_session(tmp_path, [STAFF_EXIT], "--wayland")
    assert code == 1
    assert calls == []
    assert "sudo apt install cage" in stderr


@pytest.mark.parametrize("name", ["kiosk-session.desktop", "kiosk-wayland-session.desktop"])
def test_the_session_entries_start_the_launcher(name: str) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign] - keys keep their case
    parser.read_string((LINUX / name).read_text(encoding="utf-8"))
    entry = parser["Desktop Entry"]
    assert entry["Exec"].split()[0] == "/usr/bin/kiosk-session"  # build_deb.sh puts it there
    assert entry["TryExec"]  # hidden from the greeter where it cannot run


def test_desktop_file_validate_passes_every_entry() -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    entries = sorted(str(path) for path in LINUX.glob("*.desktop"))
    result = subprocess.run([validate, *entries], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
