"""The kiosk playing a film, against mpv and Chromium in the same run (issue 14 targets).

On one Xvfb 1920x1080, each plays the same 30 s 1080p30 H.264 clip (benchmarks/video.py
makes it) full screen, looping, muted:
  kiosk     the kiosk's own code (kiosk.ui.app.start) on a bundle whose first slide is
            the clip (fit = "cover", loop = true); a timer in this harness writes the
            deck's count of frames painted, which is what a visitor sees;
  mpv       mpv --vo=x11 --hwdec=no (what users would pick);
  chromium  Chromium --kiosk with a <video>.
For each: CPU of the process tree over 10 s after 3 s of warm-up, PSS, frames presented
a second. Then, for the kiosk: PSS on a still slide of the same bundle and of the
built-in bundle (what the film adds), and the time from the end of a swipe (xdotool's
mouse-up) to the film's first frame, as the kiosk logs it and as seen from outside,
median of 10 swipes. Targets: CPU within 1.3x of mpv with no frame dropped (30 frames
a second presented), first frame within 150 ms, PSS within 60 MB of the still kiosk.
Run: python benchmarks/film.py (part of make bench). BENCH_RUNS (default 3).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import video  # the clip, the players and the measuring, shared
import x11bench

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SWIPES = 10

BUNDLE = """\
[bundle]
id = "film-bench"
title = {{ en = "Film benchmark (test content)" }}
version = "1.0"
languages = ["en"]
source = {{ en = "Test content" }}

[timing]
slide_seconds = 600
idle_reset_seconds = 600

{slides}
"""
FILM = """
[[slides]]
type = "video"
video = "media/clip.mp4"
fit = "cover"
loop = true
muted = true
caption = { en = "Test pattern (test content)" }
"""
STILL = """
[[slides]]
type = "title"
title = { en = "A still slide (test content)" }
"""

#: Runs the kiosk as kiosk.ui.app.run does, and writes "clock frames note" every 100 ms.
HARNESS = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from kiosk.config import Effective, Settings
from kiosk.ui.app import start
bundle, logs, counter = sys.argv[1], sys.argv[2], sys.argv[4]  # then the clip, the counter
app, window = start(Effective(Settings(bundle=bundle, log_dir=logs)))
def write():
    Path(counter).write_text(f"{time.monotonic()} {window.deck.film_frames_painted} painted")
timer = QTimer()
timer.timeout.connect(write)
timer.start(100)
app.exec()
"""


def make_bundle(folder: Path, clip: Path, slides: str) -> Path:
    (folder / "media").mkdir(parents=True, exist_ok=True)
    target = folder / "media" / "clip.mp4"
    if not target.exists():
        shutil.copyfile(clip, target)  # a link out of the bundle would be refused
    (folder / "bundle.toml").write_text(BUNDLE.format(slides=slides), encoding="utf-8")
    return folder


def kiosk_player(work: Path, bundle: Path) -> video.Player:
    script = work / "kiosk_harness.py"
    script.write_text(HARNESS, encoding="utf-8")
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    # measure() appends the clip and the counter's path: the harness takes them after.
    return video.Player(
        "kiosk",
        [sys.executable, str(script), str(bundle), str(logs)],
        "file",
        QT_QPA_PLATFORM="xcb",
        KIOSK_CONFIG=str(work / "none.toml"),
        XDG_RUNTIME_DIR=str(_runtime(work)),
    )


def _runtime(work: Path) -> Path:
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return runtime


def start_kiosk(
    work: Path, display: str, name: str, bundle: Path | None
) -> tuple[subprocess.Popen[bytes], Path]:
    """``kiosk`` as staff start it on ``bundle`` (the built-in one if None), with its own
    settings and log folder named ``name``; returns the process and its log."""
    logs = work / f"{name}-logs"
    (work / f"{name}.toml").write_text(f'log_dir = "{logs}"\n', encoding="utf-8")
    command = [sys.executable, "-m", "kiosk", "--idle-seconds", "600"]
    if bundle is not None:
        command += ["--bundle", str(bundle)]
    process = subprocess.Popen(
        command,
        env={
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "KIOSK_CONFIG": str(work / f"{name}.toml"),
            "XDG_RUNTIME_DIR": str(_runtime(work)),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, logs / "kiosk.log"


def still_pss(work: Path, display: str, bundle: Path | None) -> float:
    """PSS of the kiosk settled on a still slide of ``bundle`` (the built-in one if None)."""
    process, _log = start_kiosk(work, display, "still", bundle)
    try:
        time.sleep(8)
        return x11bench.pss_mb(process.pid)
    finally:
        video.stop(process)


def first_frames(work: Path, display: str, bundle: Path) -> tuple[list[float], list[float]]:
    """ms from a swipe's end to the film's first frame: logged by the kiosk, and from the
    mouse-up to that log line's time stamp."""
    process, log = start_kiosk(work, display, "swipe", bundle)
    inside: list[float] = []
    outside: list[float] = []
    try:
        time.sleep(6)
        for _ in range(SWIPES):
            mark = len(log.read_text(encoding="utf-8"))
            x11bench.xdotool(
                display, "mousemove", "1500", "540", "mousedown", "1",
                "mousemove", "1100", "540", "mousemove", "700", "540",
                "mousemove", "300", "540", "mouseup", "1",
            )  # fmt: skip
            released = time.time()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                text = log.read_text(encoding="utf-8")[mark:]
                found = re.search(
                    r"^(\S+ \S+) INFO kiosk.media: film \S+: first frame (\d+) ms", text, re.M
                )
                if found:
                    inside.append(float(found[2]))
                    stamp = datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
                    outside.append((stamp - released) * 1000)
                    break
                time.sleep(0.02)
            time.sleep(1.5)
            x11bench.xdotool(
                display, "mousemove", "300", "540", "mousedown", "1",
                "mousemove", "700", "540", "mousemove", "1100", "540",
                "mousemove", "1500", "540", "mouseup", "1",
            )  # fmt: skip
            time.sleep(1.5)
    finally:
        video.stop(process)
    return inside, outside


def main() -> None:
    clip = video.make_clip()
    server, display = x11bench.start_xvfb()
    results: dict[str, list[dict[str, object]]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            film_first = make_bundle(work / "film-first", clip, FILM + STILL)
            still_first = make_bundle(work / "still-first", clip, STILL + FILM)
            found, notes = video.players(work, clip, display)
            players = [player for player in found if player.name in ("mpv", "chromium")]
            players.insert(0, kiosk_player(work, film_first))
            for note in notes:
                if "mpv" in note or "chromium" in note:
                    print(f"note: {note}")
            for run in range(RUNS):
                for player in players:
                    result = video.measure(player, display, clip, work)
                    results.setdefault(player.name, []).append(result)
                    print(f"run {run + 1} {player.name}: {result}", file=sys.stderr)
            still = still_pss(work, display, still_first)
            builtin = still_pss(work, display, None)
            inside, outside = first_frames(work, display, still_first)
    finally:
        server.terminate()
        server.wait()
    print()
    print(f"{video.WIDTH}x{video.HEIGHT}p{video.FPS} H.264, looping, muted, full screen on Xvfb;")
    print(f"medians of {RUNS} runs; CPU in % of one core ({os.cpu_count()} cores).")
    print()
    print("| player | CPU | PSS | frames presented/s | busiest threads |")
    print("|---|---|---|---|---|")
    medians: dict[str, dict[str, float]] = {}
    for name, runs in results.items():
        good = [run for run in runs if "error" not in run]
        if not good:
            print(f"| {name} | {runs[0]['error']} | | | |")
            continue
        row = {
            key: statistics.median(float(run[key]) for run in good if run[key] is not None)  # type: ignore[arg-type]
            for key in ("cpu", "pss", "fps")
            if any(run[key] is not None for run in good)
        }
        medians[name] = row
        middle = sorted(good, key=lambda run: float(run["cpu"]))[len(good) // 2]  # type: ignore[arg-type]
        fps = f"{row['fps']:.1f}" if "fps" in row else "-"
        print(f"| {name} | {row['cpu']:.0f}% | {row['pss']:.0f} MB | {fps} | {middle['threads']} |")
    print()
    kiosk, mpv = medians.get("kiosk"), medians.get("mpv")
    if kiosk and mpv:
        print(f"kiosk CPU / mpv CPU: {kiosk['cpu'] / mpv['cpu']:.2f}x (target 1.3x)")
    if kiosk:
        print(f"kiosk frames presented: {kiosk.get('fps', 0):.1f}/s of {video.FPS} (target all)")
        print(
            f"kiosk PSS: {kiosk['pss']:.0f} MB playing; {still:.0f} MB on a still slide of the "
            f"same bundle ({kiosk['pss'] - still:+.0f} MB, target +60); built-in bundle "
            f"{builtin:.0f} MB ({kiosk['pss'] - builtin:+.0f} MB)"
        )
    if inside:
        print(
            f"swipe to first frame (median of {len(inside)}): {statistics.median(inside):.0f} ms "
            f"as the kiosk logs it, {statistics.median(outside):.0f} ms from the mouse-up "
            f"(max {max(outside):.0f} ms; target 150 ms)"
        )


if __name__ == "__main__":
    main()
