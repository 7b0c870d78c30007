"""A 1,000-slide bundle with 300 pictures: how long `kiosk validate` takes, and how long
the kiosk takes to show its first slide (target: under 1.5 s; pictures are decoded
lazily, only the first slide's before it shows). Measured to the live window's own first
paint, with no first frame kept from an earlier start (the settings file is written anew
for every run, which voids it).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SLIDES, PICTURES = 1000, 300


def make_bundle(root: Path) -> Path:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    media = root / "media"
    media.mkdir(parents=True)
    for number in range(PICTURES):
        image = QImage(1600, 1000, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        gradient = QLinearGradient(0, 0, 1600, 1000)
        gradient.setColorAt(0, QColor.fromHsv(number % 360, 120, 90))
        gradient.setColorAt(1, QColor.fromHsv((number * 7) % 360, 200, 40))
        painter.fillRect(image.rect(), gradient)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, f"picture {number}")
        painter.end()
        image.save(str(media / f"p{number:03d}.jpg"), "JPEG", 85)
    lines = [
        '[bundle]\nid = "big"\ntitle = { en = "Big" }\nversion = "1"\nlanguages = ["en"]\n'
        'source = { en = "Test content" }\n'
    ]
    for number in range(SLIDES):
        if number % 10 < 3:
            lines.append(
                f'[[slides]]\ntype = "image"\nimage = "media/p{number * 3 // 10:03d}.jpg"\n'
                f'caption = {{ en = "Picture for slide {number}" }}\n'
            )
        else:
            lines.append(
                f'[[slides]]\ntype = "narrative"\nheading = {{ en = "Slide {number}" }}\n'
                f'body = {{ en = "Some **text** for slide {number}." }}\n'
            )
    (root / "bundle.toml").write_text("\n".join(lines), encoding="utf-8")
    return root


def first_slide_seconds(bundle: Path, work: Path) -> float:
    """Process start to the kiosk window's first paint (offscreen)."""
    log = work / "logs" / "kiosk.log"
    log.unlink(missing_ok=True)
    config = work / "kiosk.toml"
    config.write_text(f'log_dir = "{work / "logs"}"\nbundle = "{bundle}"\n', encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_CONFIG": str(config),
    }
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if log.exists() and "the window painted its first frame" in log.read_text():
                return time.monotonic() - began
            if time.monotonic() - began > 60:
                raise RuntimeError(log.read_text() if log.exists() else "no log")
            time.sleep(0.005)
    finally:
        process.terminate()
        process.wait()


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bundle = make_bundle(work / "big")
        validate = []
        for _ in range(RUNS):
            began = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "kiosk", "validate", str(bundle)],
                capture_output=True,
                text=True,
            )
            validate.append(time.monotonic() - began)
            assert result.returncode == 0, result.stdout + result.stderr
        first = [first_slide_seconds(bundle, work) for _ in range(RUNS)]
        inside = re.findall(
            r"the window painted its first frame after (\d+) ms",
            (work / "logs" / "kiosk.log").read_text(),
        )
    print(
        f"| {SLIDES} slides, {PICTURES} pictures | validate {statistics.median(validate):.2f} s "
        f"| first slide {statistics.median(first):.2f} s (in-process {inside[-1]} ms) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
