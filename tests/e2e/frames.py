"""Grab the X screen again and again and say what each grab showed, as JSON lines.

Run as ``python -m tests.e2e.frames OUT COUNT INTERVAL_MS`` with ``DISPLAY`` set: it
grabs the whole screen ``COUNT`` times, ``INTERVAL_MS`` apart (or as fast as it can),
and for each grab writes the time, the mean and spread of the slide's middle (clear of
the controls at the edges), how dark it is, and a digest of a small copy (to count
distinct pictures). A separate process, so the grabs never slow the kiosk's own loop.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
import time

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage

#: The middle of the screen: clear of the arrows at the sides and the row at the bottom.
MIDDLE = (0.1, 0.05, 0.8, 0.72)
SMALL = (96, 54)


def describe(image: QImage) -> dict[str, float | str]:
    width, height = image.width(), image.height()
    x, y, w, h = MIDDLE
    middle = image.copy(QRect(round(x * width), round(y * height), round(w * width), round(h * height)))
    small = middle.scaled(*SMALL, Qt.AspectRatioMode.IgnoreAspectRatio).convertToFormat(
        QImage.Format.Format_Grayscale8
    )
    data = bytes(small.constBits())[: SMALL[0] * SMALL[1]]
    return {
        "mean": statistics.fmean(data),
        "spread": statistics.pstdev(data),
        "black": sum(1 for value in data if value < 6) / len(data),
        "digest": hashlib.sha1(data).hexdigest()[:12],
    }


def main(out: str, count: int, interval_ms: int) -> None:
    app = QGuiApplication([sys.argv[0]])
    screen = app.primaryScreen()
    with open(out, "w", encoding="utf-8") as file:
        for _ in range(count):
            started = time.monotonic()
            image = screen.grabWindow(0).toImage()
            file.write(json.dumps({"t": started, **describe(image)}) + "\n")
            file.flush()
            time.sleep(max(0.0, interval_ms / 1000 - (time.monotonic() - started)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
