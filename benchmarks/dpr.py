"""Memory of the kiosk on a 4K panel at 200 % against the same panel at 100 %.

Both run on Xvfb at 3840x2160, measured from outside as ``x11bench.py`` measures: PSS of
the process tree once the first slide is on screen, and again after 1,000 transitions
(the Right key). At 100 % the kiosk lays slides out for 3840x2160; at 200 %
(``QT_SCALE_FACTOR=2``: a device pixel ratio of 2.0) it lays them out for 1920x1080 and
renders them at 3840x2160 device pixels, so its slide pictures take the same memory.
Frame times at 2.0 are in ``frames.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import x11bench  # the X11 helpers, shared

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CASES = {"3840x2160 at 1.0": "1", "1920x1080 at 2.0": "2"}


def main() -> int:
    x11bench.WIDTH, x11bench.HEIGHT = 3840, 2160
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        kiosk = next(p for p in x11bench.programs(work) if p.name == "kiosk-first-start")
        for name, factor in CASES.items():
            program = x11bench.Program(
                name, kiosk.command, {**kiosk.env, "QT_SCALE_FACTOR": factor}, forget=kiosk.forget
            )
            results[name] = {"startup": [], "pss_first": [], "pss_1000": []}
            for _run in range(RUNS):
                server, display = x11bench.start_xvfb()
                try:
                    process, seconds = program.start(display)
                    results[name]["startup"].append(seconds)
                    time.sleep(2)
                    results[name]["pss_first"].append(x11bench.pss_mb(process.pid))
                    x11bench.xdotool(display, "mousemove", "1920", "1080", "click", "1")
                    for _ in range(10):
                        x11bench.xdotool(display, "key", "--delay", "15", *(["Right"] * 100))
                    time.sleep(2)
                    results[name]["pss_1000"].append(x11bench.pss_mb(process.pid))
                    program.stop(process)
                finally:
                    server.terminate()
                    server.wait()
                print(name, {k: round(v[-1], 2) for k, v in results[name].items()}, file=sys.stderr)
    print(
        json.dumps(
            {
                name: {key: round(statistics.median(values), 2) for key, values in found.items()}
                for name, found in results.items()
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
