"""kiosk.iss compiled by the real Inno Setup compiler, and its Setup run, under Wine.

Inno Setup checks a script's [Code] (Pascal Script) only when it compiles it, so a typo
there passes every reading of the file: this test compiles it (ISCC.exe from the npm
package innosetup, pinned in packaging/windows/prepare_wine.sh, which .ci/run runs) with
a stub dist\\kiosk, then installs silently, registers the task with Wine's schtasks and
uninstalls. Wine is not Windows: its powershell.exe is a stub that does nothing and
exits 0, so the UTF-16 task file is never written there (Setup says so); its schtasks
registers and deletes tasks but checks less than Windows' Task Scheduler. docs/windows.md
says what this proves.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.e2e.x11 import xvfb
from tests.project_scripts import load_script, require_prepared

TOP = Path(__file__).resolve().parents[2]
WINDOWS = TOP / "packaging" / "windows"
CACHE = TOP / "build" / "inno"
ROOT = CACHE / "root32"
COMPILER = CACHE / "node_modules" / "innosetup" / "bin"
# Test content: a domain account with an ampersand, which the task file must escape.
ACCOUNT = "MUSEUM\\kiosk&1"
APP = "C:\\Program Files\\Kiosk"

pytestmark = pytest.mark.slow


def task_xml() -> ModuleType:
    return load_script(WINDOWS / "task_xml.py")


def require_wine() -> None:
    require_prepared(
        (COMPILER / "ISCC.exe", ROOT / "usr" / "bin" / "wine", CACHE / "prefix"),
        "packaging/windows/prepare_wine.sh",
        "KIOSK_SKIP_WINE",
        "Inno Setup under Wine",
    )


def in_wine(work: Path, display: str, script: str) -> subprocess.CompletedProcess[str]:
    """Runs ``script`` (sh) in the i386 tree with ``work`` as /work (Z:\\work)."""
    mounts = (
        'mount --bind /proc "$0/proc" && mount --bind /dev "$0/dev" && '
        'mount --bind "$1" "$0/work" && mount --bind "$2" "$0/inno" && '
        'mount --bind /tmp/.X11-unix "$0/tmp/.X11-unix" && '
        'exec chroot "$0" env -i PATH=/usr/bin:/bin HOME=/root WINEDEBUG=-all '
        'WINEDLLOVERRIDES="mscoree,mshtml=" WINEPREFIX=/work/prefix DISPLAY="$3" sh -c "$4"'
    )
    command = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", mounts]
    return subprocess.run(
        [*command, str(ROOT), str(work), str(COMPILER), display, script],
        capture_output=True,
        text=True,
        check=False,
    )


def log_lines(path: Path) -> list[str]:
    """Setup's log without its timestamps (continuation lines kept as they are)."""
    text = path.read_bytes().decode("utf-8-sig")
    return [
        re.sub(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}   ", "", line) for line in text.splitlines()
    ]


@pytest.fixture
def work() -> Iterator[Path]:
    """A folder beside the cached prefix: a hard-linked copy needs the same file system."""
    require_wine()
    (CACHE / "runs").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=CACHE / "runs"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def test_the_script_compiles_installs_registers_the_task_and_uninstalls(work: Path) -> None:
    (work / "packaging" / "windows").mkdir(parents=True)
    for name in ("kiosk.iss", "kiosk-task.xml"):
        shutil.copy(WINDOWS / name, work / "packaging" / "windows" / name)
    (work / "resources" / "icons").mkdir(parents=True)
    shutil.copy(TOP / "resources" / "icons" / "kiosk.ico", work / "resources" / "icons")
    dist = work / "dist" / "kiosk"
    dist.mkdir(parents=True)
    for program in ("kiosk.exe", "kiosk-cli.exe"):
        (dist / program).write_bytes(b"stub: not a program\n")
    # The task exactly as packaging/windows/task_xml.py renders it, for Wine's schtasks.
    (work / "task.xml").write_bytes(task_xml().render(ACCOUNT, APP))
    # A hard-linked copy of the prefix prepare_wine.sh made (a new one would cost a
    # wineboot), but for the registry files, which Wine rewrites in place: copied.
    subprocess.run(["cp", "-al", str(CACHE / "prefix"), str(work / "prefix")], check=True)
    for hive in (work / "prefix").glob("*.reg"):
        hive.unlink()
        shutil.copy(CACHE / "prefix" / hive.name, hive)
    drive = work / "prefix" / "drive_c"
    task = drive / "windows" / "system32" / "tasks" / "Kiosk"

    script = (
        "set -e; cd /work; "
        "wine /inno/ISCC.exe 'Z:\\work\\packaging\\windows\\kiosk.iss' > compile.txt 2>&1; "
        "wine 'Z:\\work\\dist\\kiosk-0.1.0-setup.exe' /VERYSILENT /SUPPRESSMSGBOXES "
        "/TASKS=startatlogin '/KIOSKUSER=MUSEUM\\kiosk&1' '/LOG=Z:\\work\\install.log'; "
        "wine schtasks /Create /TN Kiosk /XML 'Z:\\work\\task.xml' /F; "
        "test -f prefix/drive_c/windows/system32/tasks/Kiosk && touch registered; "
        "wine 'C:\\Program Files\\Kiosk\\unins000.exe' /VERYSILENT /SUPPRESSMSGBOXES "
        "'/LOG=Z:\\work\\uninstall.log'; "
        "wineserver --wait"
    )
    with xvfb(640, 480) as display:
        result = in_wine(work, display, script)
    compiled = (work / "compile.txt").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, result.stderr + compiled
    # No error, no warning, no hint: ISCC prints them in its output.
    assert (
        "Successful compile" in compiled and "Compiler engine version: Inno Setup 6.4.1" in compiled
    )
    assert not re.search(r"warning|hint|error", compiled, flags=re.IGNORECASE), compiled

    installed = log_lines(work / "install.log")
    assert "Installation process succeeded." in installed
    for program in ("kiosk.exe", "kiosk-cli.exe"):
        assert f"Dest filename: {APP}\\{program}" in installed
    assert any(line.endswith("Set the staff PIN (run as administrator).lnk") for line in installed)
    # [Code] ran: the account from /KIOSKUSER, the template filled and XML-escaped as
    # task_xml.py fills it (the file Setup hands to PowerShell, then schtasks).
    template = (WINDOWS / "kiosk-task.xml").read_text(encoding="ascii")
    expected = task_xml().fill(template, ACCOUNT, APP).splitlines()
    written = [
        line.removeprefix("Start-up task| ")
        for line in installed
        if line.startswith("Start-up task| ")
    ]
    assert written == expected
    assert "<UserId>MUSEUM\\kiosk&amp;1</UserId>" in "\n".join(written)
    # Wine's PowerShell writes nothing: Setup notices and says so, rather than passing a
    # missing file to schtasks.
    assert any(
        "Setup could not prepare the start-up task (PowerShell)" in line for line in installed
    )
    assert "PowerShell exit code 0; task file written: 0" in installed

    # Wine's schtasks took the task file task_xml.py renders (UTF-16 LE), and the
    # uninstaller's schtasks /Delete removed it with the app and its Start menu entries.
    assert (work / "registered").exists()
    assert not task.exists()
    removed = log_lines(work / "uninstall.log")
    delete = removed.index('Running Exec parameters: /Delete /TN "Kiosk" /F')
    assert removed[delete + 1] == "Process exit code: 0"
    assert "Uninstallation process succeeded." in removed and "Removed all? Yes" in removed
    assert not (drive / "Program Files" / "Kiosk" / "kiosk.exe").exists()
    start_menu = drive / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert not (start_menu / "Kiosk").exists()
