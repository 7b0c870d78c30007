"""`make run` on a real fresh Debian machine: the packages are really absent, not faked.

packaging/linux/prepare_fresh_root.sh (run as root by .ci/run) makes two Debian bookworm
trees in build/fresh: `bare` has python3 and make but neither python3-venv nor
libxcb-cursor0; `venv` is the same with python3-venv installed. A copy of the checkout's
tracked files runs `make run` in each, through chroot as the user nobody, with a display
set as on a desktop and no network at all (a private network namespace): whatever the
Makefile would fetch before its check (pip, PySide6) fails loudly instead of passing
unnoticed. tests/operations/test_preflight.py covers the checks themselves with fakes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.project_scripts import require_prepared

TOP = Path(__file__).resolve().parents[2]
FRESH = TOP / "build" / "fresh"
BARE = FRESH / "bare"
WITH_VENV = FRESH / "venv"
NOBODY = 65534
# Mounts that vanish with the command, and no network: not even loopback is up.
PRIVATE = ["unshare", "--mount", "--net", "--propagation", "private", "--"]

pytestmark = pytest.mark.slow


def require_trees() -> None:
    require_prepared(
        (BARE / "usr/bin/make", WITH_VENV / "usr/lib/python3.11/ensurepip"),
        "packaging/linux/prepare_fresh_root.sh",
        "KIOSK_SKIP_CHROOT",
        "`make run` on a fresh Debian tree",
    )


def installed(tree: Path, package: str) -> bool:
    status = subprocess.run(
        ["chroot", str(tree), "dpkg-query", "-W", "-f=${Status}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return "ok installed" in status.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The checkout's tracked files as they are now (no .venv, no build/), owned by nobody."""
    require_trees()
    names = subprocess.run(
        ["git", "-C", str(TOP), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    copy = tmp_path / "checkout"
    for name in filter(None, names.split("\0")):
        source = TOP / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    for folder, _, files in os.walk(copy):
        os.chown(folder, NOBODY, NOBODY)
        for file in files:
            os.chown(Path(folder, file), NOBODY, NOBODY)
    return copy


def make_run(tree: Path, checkout: Path) -> list[str]:
    """`make run` in ``tree`` as a desktop user would type it; its output, line by line."""
    (tree / "work").mkdir(exist_ok=True)
    script = (
        'mount --bind "$1" "$0/work" && exec chroot --userspec=65534:65534 "$0" '
        "env -i PATH=/usr/bin:/bin HOME=/work LANG=C.UTF-8 DISPLAY=:0 "
        "sh -c 'cd /work && exec make run'"
    )
    result = subprocess.run(
        [*PRIVATE, "sh", "-c", script, str(tree), str(checkout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stdout, result.stdout
    assert not (checkout / ".venv").exists(), "make run made a venv before its check"
    # make's own closing line ("make: *** [Makefile:..: target] Error 1") aside.
    return [line for line in result.stdout.splitlines() if not line.startswith("make: ***")]


def test_without_python3_venv_and_libxcb_cursor0_both_are_named(checkout: Path) -> None:
    assert not installed(BARE, "python3-venv") and not installed(BARE, "libxcb-cursor0")
    lines = make_run(BARE, checkout)
    # One line for each, python3-venv first (what make would need first).
    assert len(lines) == 2, lines
    assert "install the package python3-venv (sudo apt install python3-venv" in lines[0]
    assert "install the package libxcb-cursor0 (sudo apt install libxcb-cursor0)" in lines[1]
    assert "libxcb" not in lines[0] and "venv" not in lines[1], lines


def test_with_python3_venv_only_libxcb_cursor0_is_named(checkout: Path) -> None:
    assert installed(WITH_VENV, "python3-venv") and not installed(WITH_VENV, "libxcb-cursor0")
    lines = make_run(WITH_VENV, checkout)
    assert len(lines) == 1, lines
    assert "install the package libxcb-cursor0 (sudo apt install libxcb-cursor0)" in lines[0]
