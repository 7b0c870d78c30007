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

Recording visits (issue 17): the open attract loop is measured with ``record_visits``
false and true, ``BENCH_ROUNDS`` times each (default 3, alternating, so the machine's
load falls on both alike), with what the process wrote over the same window
(/proc/<pid>/io: write calls and bytes sent to the disk). Then once each under
``strace -f -c -e trace=fsync,fdatasync`` (attached for ``BENCH_SECONDS``; ptrace slows
the process, so that run's CPU is not counted): the syncs a minute the writer costs.
"""

from __future__ import annotations

import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
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


def io_counts(pid: int) -> tuple[int, int]:
    """Write calls and bytes sent to the storage layer (/proc/<pid>/io), threads included."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["syscw"]), int(fields["write_bytes"])


def syncs(pid: int, seconds: float) -> int:
    """fsync + fdatasync calls of every thread of ``pid`` over ``seconds`` (strace -c)."""
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        tracer = subprocess.Popen(
            ["strace", "-f", "-c", "-e", "trace=fsync,fdatasync", "-o", out.name, "-p", str(pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(seconds)
        tracer.send_signal(2)  # SIGINT: detach and write the summary
        tracer.wait(30)
        text = Path(out.name).read_text()
    # "% time  seconds  usecs/call  calls  [errors]  syscall": the fourth column
    rows = (line.split() for line in text.splitlines())
    return sum(int(row[3]) for row in rows if row and row[-1] in ("fsync", "fdatasync"))


@dataclass
class Run:
    ticks: int
    percent: float
    wake_ups: float  # a second
    writes: float  # write calls a minute
    disk_bytes: float  # bytes a minute sent to the disk
    syncs: float | None = None  # fsync + fdatasync a minute (strace run only)


def measure(name: str, settings: str, ready: str, *, trace: bool = False) -> Run:
    """CPU ticks, CPU % of one core, wake-ups a second and writes over SECONDS; with
    ``trace``, the syncs instead of the CPU (strace slows what it watches)."""
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
            written = io_counts(kiosk.pid)
            synced = syncs(kiosk.pid, SECONDS) if trace else None
            if not trace:
                time.sleep(SECONDS)
            elapsed = time.monotonic() - began
            ticks = cpu_ticks(kiosk.pid) - ticks
            woken = wake_ups(kiosk.pid) - woken
            calls, disk = (
                now - before for now, before in zip(io_counts(kiosk.pid), written, strict=True)
            )
        finally:
            kiosk.terminate()
            kiosk.wait(30)
    minute = 60 / elapsed
    return Run(
        ticks,
        100 * ticks / TICK / elapsed,
        woken / elapsed,
        calls * minute,
        disk * minute,
        None if synced is None else synced * minute,
    )


def spread(values: list[float], form: str) -> str:
    median = statistics.median(values)
    return f"{median:{form}} ({min(values):{form}}-{max(values):{form}})"


def main() -> None:
    print(f"CPU time of an offscreen kiosk over {SECONDS:.0f} s ({TICK} ticks a second)")
    print(
        f"{'':34} {'ticks':>6} {'CPU':>8} {'wake-ups/s':>11} {'writes/min':>11} {'disk B/min':>11}"
    )

    def show(name: str, run: Run) -> None:
        print(
            f"{name:34} {run.ticks:6d} {run.percent:7.2f}% {run.wake_ups:11.1f}"
            f" {run.writes:11.1f} {run.disk_bytes:11.0f}"
        )

    show(
        "closed (outside opening hours)",
        measure("closed", closed_now_hours(), "outside opening hours"),
    )
    cases = {
        "open, record_visits = false": "record_visits = false\n",
        "open, record_visits = true": "record_visits = true\n",
    }
    runs: dict[str, list[Run]] = {name: [] for name in cases}
    for round_ in range(ROUNDS):
        for name, settings in cases.items():
            run = measure(name, settings, "first slide on screen")
            runs[name].append(run)
            show(f"{name} #{round_ + 1}", run)
    print(f"\nmedians of {ROUNDS} rounds (lowest-highest)")
    for name, done in runs.items():
        print(
            f"{name:34} CPU {spread([r.percent for r in done], '.2f')} %,"
            f" ticks {spread([r.ticks for r in done], '.0f')},"
            f" wake-ups/s {spread([r.wake_ups for r in done], '.1f')},"
            f" writes/min {spread([r.writes for r in done], '.0f')},"
            f" disk KB/min {spread([r.disk_bytes / 1024 for r in done], '.0f')}"
        )
    if shutil.which("strace") is None:
        print("strace is not installed: no sync counts")
        return
    for name, settings in cases.items():
        run = measure(name, settings, "first slide on screen", trace=True)
        print(f"{name:34} fsync + fdatasync a minute (strace): {run.syncs:.1f}")


if __name__ == "__main__":
    main()
