"""A 300 MB .kiosk updated on a running kiosk: memory and disk the update costs.

Starts the kiosk (offscreen) on a generated 300 MB bundle (300 pictures of 1 MB, one per
slide), copies a new version of the same size over the file with `cp`, waits until the
kiosk shows it, and reports the process's peak resident memory (VmHWM) before and after,
its memory now (VmRSS), how many private copies the store holds, and the time from the end
of the copy to the new version on screen (4 s of it is the quiet time).
Targets: the update raises peak memory by less than 100 MB (it is streamed, never read
whole); at most 2 copies are left.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.bundles import png

PICTURES = 300
SIDE = 1024  # a 1024x1024 noise PNG is about 1 MB


def make_kiosk(path: Path, version: str) -> Path:
    lines = [
        f'[bundle]\nid = "big"\ntitle = {{ en = "Big" }}\nversion = "{version}"\n'
        'languages = ["en"]\nsource = { en = "Test content" }\n[timing]\nidle_reset_seconds = 15\n'
    ]
    lines += [
        f'[[slides]]\ntype = "image"\nimage = "media/p{n:03d}.png"\n' for n in range(PICTURES)
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("bundle.toml", "\n".join(lines))
        for number in range(PICTURES):
            rows = b"".join(b"\x00" + os.urandom(SIDE) for _ in range(SIDE))  # filter 0: none
            archive.writestr(f"media/p{number:03d}.png", png(SIDE, SIDE, rows=rows))
    return path


def memory(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    return {
        key: int(re.search(rf"{key}:\s+(\d+)", status).group(1)) // 1024
        for key in ("VmHWM", "VmRSS")
    }  # type: ignore[union-attr]


def wait_for(log: Path, text: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while text not in (log.read_text() if log.exists() else ""):
        if time.monotonic() > deadline:
            raise SystemExit(f"no {text!r} in {log}")
        time.sleep(0.1)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        exhibit = make_kiosk(work / "exhibit.kiosk", "1")
        update = make_kiosk(work / "update.kiosk", "2")
        print(f"bundle: {exhibit.stat().st_size / 2**20:.0f} MB, {PICTURES} pictures")
        config = work / "kiosk.toml"
        config.write_text(f'bundle = "{exhibit}"\nlog_dir = "{work / "logs"}"\n')
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_CONFIG": str(config),
            "XDG_DATA_HOME": str(work / "data"),
            "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_RUNTIME_DIR": str(work),
        }
        log = work / "logs" / "kiosk.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(log, "first slide on screen")
            time.sleep(5)
            before = memory(process.pid)
            shutil.copyfile(update, exhibit)  # in place, as `cp` does
            copied = time.monotonic()
            wait_for(log, "now showing bundle big 2")
            shown = time.monotonic() - copied
            time.sleep(3)
            after = memory(process.pid)
            copies = list((work / "data" / "kiosk" / "bundles").iterdir())
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        print(f"peak memory before the update: {before['VmHWM']} MB (now {before['VmRSS']} MB)")
        print(f"peak memory after the update:  {after['VmHWM']} MB (now {after['VmRSS']} MB)")
        print(f"the update on screen {shown:.1f} s after the copy ended (4 s quiet time)")
        print(f"private copies kept: {len(copies)}")


if __name__ == "__main__":
    main()
