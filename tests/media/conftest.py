"""Films made at test time with the ``ffmpeg`` command (``.ci/run`` installs it), and a
player that is closed after each test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

FFMPEG = shutil.which("ffmpeg")
WIDTH, HEIGHT = 320, 240

#: What QtMultimedia warns of on a test machine: no sound server or device, no GPU.
QT_NOISE = (
    r"^PulseAudioService: pa_context_connect\(\) failed",
    r"^No audio device detected",
    r"No RHI backend\. Using CPU conversion",
    r"Immediate exit requested",  # a film's opening cut short by the next slide
)


@dataclass(frozen=True)
class Films:
    mp4: Path  # 2 s of testsrc2 with a 440 Hz tone, H.264/AAC
    webm: Path  # the same, VP9/Opus
    short: Path  # 0.5 s, H.264/AAC, for play/stop cycles
    truncated: Path  # the first half of ``mp4``: its index (moov) is at the end, so lost
    text: Path  # a text file named .mp4


def _make(out: Path, seconds: float, video: list[str], audio: list[str]) -> Path:
    source = [
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={WIDTH}x{HEIGHT}:rate=30:duration={seconds}",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency=440:duration={seconds}",
    ]
    command = [FFMPEG or "ffmpeg", "-v", "error", "-y", *source, *video, *audio, "-shortest"]
    subprocess.run([*command, str(out)], check=True, timeout=120)
    return out


@pytest.fixture(scope="session")
def films(tmp_path_factory: pytest.TempPathFactory) -> Films:
    if FFMPEG is None:
        pytest.skip("the ffmpeg command is not installed: it makes the test films (.ci/run)")
    folder = tmp_path_factory.mktemp("films")
    h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    vp9 = ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"]
    mp4 = _make(folder / "bars.mp4", 2, h264, ["-c:a", "aac"])
    webm = _make(folder / "bars.webm", 2, vp9, ["-c:a", "libopus"])
    short = _make(folder / "short.mp4", 0.5, h264, ["-c:a", "aac"])
    data = mp4.read_bytes()
    assert data.rfind(b"moov") > len(data) // 2, "the test needs the index at the end"
    truncated = folder / "truncated.mp4"
    truncated.write_bytes(data[: len(data) // 2])
    text = folder / "notes.mp4"
    text.write_text("This is a text file, not a film (test content).\n" * 20)
    return Films(mp4, webm, short, truncated, text)


@pytest.fixture
def player(qtbot: object) -> Iterator[object]:
    from kiosk.media.player import VideoPlayer

    made = VideoPlayer()
    yield made
    with qtbot.waitSignal(made.destroyed, timeout=10_000):  # type: ignore[attr-defined]
        made.close()
