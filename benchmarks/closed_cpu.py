"""CPU time outside opening hours, measured on a real kiosk process.

The tests show on simulated time that the window's timers stop at closing
(tests/operations/test_hours.py). This measures what that buys: the kiosk is started
offscreen (``python -m kiosk``, as the tests start it) with opening hours that make it
closed now, and, for comparison, with none (the attract loop runs). Once it is closed
(its log says the screen went off) or showing its first slide, and has settled, its CPU
time (utime + stime of the process and its threads, /proc/<pid>/stat) and its wake-ups
(voluntary context switches of every thread: each is a sleep that something ended;
involuntary ones, preemptions, count the machine's load rather than the kiosk) are read
at the start and end of ``BENCH_SECONDS`` (default 20). Run: make bench.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
#: After the log line, before the measurement: the first frame's work, the kept frame's
#: write and the first health files are done by then.
SETTLE = 5.0
TICK = os.sysconf("SC_CLK_TCK")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def closed_now_hours() -> str:
    """Opening hours that make now closed: only the day after tomorrow is open (a day not
    named is closed), so neither now nor the minute before an opening falls in the run."""
    day = DAYS[(datetime.date.today().weekday() + 2) % 7]
    return f'opening_hours = {{ {day} = "10:00-11:00" }}\n'


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime: the threads' included


def wake_ups(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches"):
                    total += int(line.split()[1])
        except OSError:
            continue  # a thread that ended meanwhile
    return total


def measure(name: str, settings: str, ready: str) -> tuple[int, float, float]:
    """CPU ticks, CPU % of one core and wake-ups a second over SECONDS."""
    with tempfile.TemporaryDirectory(prefix="kiosk-closed-cpu-") as folder:
        home = Path(folder)
        config = home / "kiosk.toml"
        config.write_text(f'log_dir = "{home / "logs"}"\n{settings}', encoding="utf-8")
        (home / "runtime").mkdir(mode=0o700)
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_CONFIG": str(config),
            "KIOSK_SYSTEM_CONFIG": str(home / "no-system-file.toml"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
        }
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            log = home / "logs" / "kiosk.log"
            deadline = time.monotonic() + 120
            while not (log.exists() and ready in log.read_text(encoding="utf-8")):
                if kiosk.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{name}: the kiosk did not log {ready!r}")
                time.sleep(0.1)
            time.sleep(SETTLE)
            ticks, woken, began = cpu_ticks(kiosk.pid), wake_ups(kiosk.pid), time.monotonic()
            time.sleep(SECONDS)
            elapsed = time.monotonic() - began
            ticks = cpu_ticks(kiosk.pid) - ticks
            woken = wake_ups(kiosk.pid) - woken
        finally:
            kiosk.terminate()
            kiosk.wait(30)
    return ticks, 100 * ticks / TICK / elapsed, woken / elapsed


def main() -> None:
    print(f"CPU time of an offscreen kiosk over {SECONDS:.0f} s ({TICK} ticks a second)")
    print(f"{'':34} {'ticks':>6} {'CPU':>8} {'wake-ups/s':>11}")
    cases = [
        ("closed (outside opening hours)", closed_now_hours(), "outside opening hours"),
        ("open (attract loop)", "", "first slide on screen"),
    ]
    for name, settings, ready in cases:
        ticks, percent, woken = measure(name, settings, ready)
        print(f"{name:34} {ticks:6d} {percent:7.2f}% {woken:11.1f}")


if __name__ == "__main__":
    main()
