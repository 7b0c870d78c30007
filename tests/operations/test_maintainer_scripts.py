"""The .deb's maintainer scripts against real processes standing in for kiosks.

A copy of /bin/sh at a path of the test's own plays /opt/kiosk/kiosk (the scripts are
run with that path put in, and with no systemd to ask): its processes are "kiosks", one
with ``--supervise`` among its arguments a supervisor. Replacing the file, as dpkg does
on an upgrade, leaves the running ones on the old, deleted program.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.operations.processes import gone, wait_for

MAINTAINER = Path(__file__).parents[2] / "packaging" / "linux" / "maintainer"
LOOP = "while :; do sleep 0.1; done"


class FakeInstall:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.app = root / "opt" / "kiosk" / "kiosk"
        self.app.parent.mkdir(parents=True)
        self.install()
        self.processes: list[subprocess.Popen[bytes]] = []

    def install(self) -> None:
        """Put the program in place as dpkg does: a new file renamed over the old."""
        new = self.app.with_suffix(".dpkg-new")
        shutil.copy(shutil.which("sh") or "/bin/sh", new)
        new.replace(self.app)

    def start(self, *args: str, program: str | None = None) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [program or str(self.app), "-c", LOOP, "kiosk", *args], start_new_session=True
        )
        self.processes.append(process)
        wait_for(lambda: Path(f"/proc/{process.pid}/exe").exists())
        return process

    def run(self, script: str, *args: str) -> str:
        text = (MAINTAINER / script).read_text(encoding="utf-8")
        text = text.replace("app=/opt/kiosk/kiosk", f"app={self.app}")
        text = text.replace("/run/systemd/system", str(self.root / "no-systemd"))
        path = self.root / script
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(
            ["/bin/sh", str(path), *args], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def ended(self, process: subprocess.Popen[bytes]) -> bool:
        return process.poll() is not None or gone(process.pid)

    def cleanup(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def install(tmp_path: Path) -> Iterator[FakeInstall]:
    fake = FakeInstall(tmp_path)
    try:
        yield fake
    finally:
        fake.cleanup()


def test_remove_stops_every_kiosk_and_nothing_else(install: FakeInstall) -> None:
    supervisor = install.start("--supervise")
    kiosk = install.start()
    other = install.start(program=shutil.which("sh"))
    assert "Stopping the running kiosk" in install.run("prerm", "remove")
    assert install.ended(supervisor) and install.ended(kiosk)
    assert other.poll() is None


def test_an_upgrade_stops_nothing_before_the_new_files(install: FakeInstall) -> None:
    kiosk = install.start()
    assert install.run("prerm", "upgrade", "0.2.0") == ""
    assert kiosk.poll() is None


def test_after_an_upgrade_old_kiosks_end_and_supervisors_stay(install: FakeInstall) -> None:
    supervisor = install.start("--supervise")
    kiosk = install.start()
    install.install()  # the new version's file, over the old
    started_after = install.start()  # already the new program: left alone
    assert "Restarting the running kiosk" in install.run("postinst", "configure", "0.1.0")
    wait_for(lambda: install.ended(kiosk))
    assert supervisor.poll() is None
    assert started_after.poll() is None


def test_a_first_install_touches_no_process(install: FakeInstall) -> None:
    kiosk = install.start()
    install.install()
    assert install.run("postinst", "configure", "") == ""
    assert kiosk.poll() is None
