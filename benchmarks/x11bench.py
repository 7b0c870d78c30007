"""Start-up, memory and idle CPU on a real X server (Xvfb), measured from outside.

Three programs show the same first slide, full screen, and are measured the same way:
  kiosk     -- this kiosk, on the built-in bundle, started as it is every day: a start
               before the measured ones has kept its first frame (kiosk.ui.first_frame);
  kiosk-arabic -- the kiosk as "kiosk", on a small Arabic test bundle (benchmarks/bundles/
               arabic): what the lazily loaded Arabic face costs;
  kiosk-first-start -- the same with nothing kept (the first start after an install or a
               change of bundle, settings or screen): start-up only;
  kiosk-arabic-first-start -- the same for the Arabic bundle: the cost of loading the
               Arabic faces and CLDR data before the first frame;
  floor     -- a minimal PySide6 program showing one label full screen (this stack's floor);
  chromium  -- the same slides as a reveal.js deck in Chromium --kiosk.
Start-up is process start to the first frame of the slide on screen: the root window is
captured with xwd every few milliseconds until it shows the slide (differs from the empty
screen and holds still). For the kiosk, "live" is process start to the moment its own
window has painted (from its log), when touches start to count. Memory is the PSS of the
whole process tree. Run: make bench.
"""

from __future__ import annotations

import contextlib
import datetime
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1920, 1080
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

FLOOR = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("Black January")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
label.setStyleSheet("background:#101112; color:#f4f0e8; font-size:96px")
label.setWindowFlags(Qt.WindowType.FramelessWindowHint)
label.setGeometry(app.primaryScreen().geometry())
label.showFullScreen()
app.exec()
"""


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    number = next(n for n in range(150, 250) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stderr=subprocess.DEVNULL,
    )
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        time.sleep(0.01)
    return server, display


def capture(display: str) -> bytes:
    raw = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display], capture_output=True, check=True
    ).stdout
    header = int.from_bytes(raw[0:4], "big")
    colours = int.from_bytes(raw[76:80], "big")
    return raw[header + colours * 12 :][::61]  # a sample of the pixels is enough


def changed_share(a: bytes, b: bytes) -> float:
    return sum(1 for x, y in zip(a, b, strict=False) if x != y) / max(1, len(a))


def tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return pids


def pss_mb(pid: int) -> float:
    total = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


class Program:
    def __init__(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        *,
        full: bool = True,
        forget: Path | None = None,
        warm_up: bool = False,
    ) -> None:
        self.name, self.command, self.env = name, command, env
        self.full = full  # memory and idle CPU as well as start-up
        self.forget = forget  # a folder emptied before every start
        self.warm_up = warm_up  # one start, not measured, before the measured ones
        self.wall_start = 0.0  # the clock time of the latest start, to read logs against

    def start(self, display: str) -> tuple[subprocess.Popen[bytes], float]:
        """Start it; returns the process and the seconds until its first slide shows."""
        if self.forget is not None:
            shutil.rmtree(self.forget, ignore_errors=True)
        empty = capture(display)
        self.wall_start = time.time()
        began = time.monotonic()
        process = subprocess.Popen(
            self.command,
            env={**self.env, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        previous, previous_at = None, 0.0
        while time.monotonic() - began < 60:
            shot = capture(display)
            now = time.monotonic()
            if changed_share(empty, shot) > 0.01:
                if previous is not None and changed_share(previous, shot) < 0.001:
                    return process, previous_at - began
                previous, previous_at = shot, now
            else:
                previous = None
        raise RuntimeError(f"{self.name} showed nothing within 60 s")

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        for member in reversed(tree(process.pid)):
            with contextlib.suppress(OSError):
                os.kill(member, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


LIVE = "the window painted its first frame"


def live_seconds(log: Path, wall_start: float, timeout: float = 20) -> float:
    """Process start to the kiosk window's own first paint, from the kiosk's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        for line in reversed(lines):
            if LIVE in line:
                stamp = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                seconds = stamp.timestamp() - wall_start
                if seconds > 0:
                    return seconds
                break
        time.sleep(0.05)
    raise RuntimeError(f"no {LIVE!r} in {log}")


def reveal_deck(folder: Path) -> Path:
    """The built-in bundle's English slides as a reveal.js deck."""
    sys.path.insert(0, str(ROOT / "src"))
    from kiosk.paths import builtin_bundle
    from kiosk.qtmedia import load

    reveal = Path(os.environ.get("REVEAL_DIR", ROOT / "benchmarks/.cache/node_modules/reveal.js"))
    shutil.copytree(reveal / "dist", folder / "dist", dirs_exist_ok=True)
    sections = []
    for slide in load(builtin_bundle(), decode_media=False).manifest.slides:
        texts = [
            value["en"]
            for key in ("title", "heading", "text", "subtitle", "body", "attribution", "dedication")
            if isinstance(value := getattr(slide, key, None), dict)
        ]
        sections.append(
            "<section>" + "".join(f"<p>{html.escape(t)}</p>" for t in texts) + "</section>"
        )
    page = folder / "index.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<link rel='stylesheet' href='dist/reveal.css'>"
        "<link rel='stylesheet' href='dist/theme/black.css'>"
        "</head><body><div class='reveal'><div class='slides'>"
        + "".join(sections)
        + "</div></div><script src='dist/reveal.js'></script>"
        "<script>Reveal.initialize({controls:true, progress:true, hash:false});</script>"
        "</body></html>",
        encoding="utf-8",
    )
    return page


def programs(work: Path) -> list[Program]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work / "home"),
        "LANG": "C.UTF-8",
        "KIOSK_CONFIG": str(work / "kiosk.toml"),
        "XDG_CACHE_HOME": str(work / "cache"),
    }
    (work / "kiosk.toml").write_text(f'log_dir = "{work / "logs"}"\n', encoding="utf-8")
    kiosk = [sys.executable, "-m", "kiosk"]
    found = [
        Program("kiosk", kiosk, env, warm_up=True),
        Program(
            "kiosk-arabic",
            [*kiosk, "--bundle", str(ROOT / "benchmarks" / "bundles" / "arabic")],
            env,
            warm_up=True,
        ),
        Program("kiosk-first-start", kiosk, env, full=False, forget=work / "cache" / "kiosk"),
        Program(
            "kiosk-arabic-first-start",
            [*kiosk, "--bundle", str(ROOT / "benchmarks" / "bundles" / "arabic")],
            env,
            full=False,
            forget=work / "cache" / "kiosk",
        ),
        Program("floor", [sys.executable, "-c", FLOOR], env),
    ]
    chromium = shutil.which("chromium")
    only = os.environ.get("BENCH_ONLY")
    if chromium and (not only or "chromium" in only.split(",")):  # its deck needs reveal.js
        page = reveal_deck(work / "deck")
        found.append(
            Program(
                "chromium",
                [
                    chromium,
                    "--kiosk",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    f"--user-data-dir={work / 'chromium'}",
                    page.as_uri(),
                ],
                env,
            )
        )
    return found


def xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True)


def main() -> int:
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        only = os.environ.get("BENCH_ONLY")
        for program in programs(work):
            if only and program.name not in only.split(","):
                continue
            results[program.name] = {
                "startup": [],
                "live": [],
                "pss_first": [],
                "pss_1000": [],
                "idle_cpu": [],
            }
            if program.warm_up:
                server, display = start_xvfb()
                try:
                    process, _seconds = program.start(display)
                    time.sleep(3)  # the first frame is kept once the window has painted
                    program.stop(process)
                finally:
                    server.terminate()
                    server.wait()
            for _run in range(RUNS):
                server, display = start_xvfb()
                try:
                    process, seconds = program.start(display)
                    results[program.name]["startup"].append(seconds)
                    if program.name.startswith("kiosk"):
                        log = work / "logs" / "kiosk.log"
                        results[program.name]["live"].append(live_seconds(log, program.wall_start))
                    time.sleep(2)
                    if program.full:
                        results[program.name]["pss_first"].append(pss_mb(process.pid))
                    if program.full and program.name != "floor":
                        xdotool(display, "mousemove", "960", "540", "click", "1")
                        time.sleep(1)
                        before = cpu_seconds(process.pid)
                        time.sleep(10)
                        share = (cpu_seconds(process.pid) - before) / 10 * 100
                        results[program.name]["idle_cpu"].append(share)
                        for _ in range(10):
                            xdotool(display, "key", "--delay", "15", *(["Right"] * 100))
                        time.sleep(2)
                        results[program.name]["pss_1000"].append(pss_mb(process.pid))
                    program.stop(process)
                finally:
                    server.terminate()
                    server.wait()
                print(
                    program.name,
                    {k: v[-1] for k, v in results[program.name].items() if v},
                    file=sys.stderr,
                )
    print(
        json.dumps(
            {
                name: {key: statistics.median(values) for key, values in metrics.items() if values}
                for name, metrics in results.items()
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
