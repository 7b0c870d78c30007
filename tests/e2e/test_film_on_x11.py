"""A film between two stills on a real X server, grabbed about 40 times a second (issue
14): the attract loop fades into the film and out of it when it ends, a visitor swipes
into it and out of it, and no grab is blank: never a black window, never an empty
ground for longer than the instant a fade passes through it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.x11 import HEIGHT, WIDTH, Kiosk, require, xvfb

TOML = """\
[bundle]
id = "film-e2e"
title = { en = "Film between stills (test content)" }
version = "1.0"
languages = ["en"]
source = { en = "Test content" }
[timing]
slide_seconds = 3
idle_reset_seconds = 60

[[slides]]
type = "title"
title = { en = "Before the film (test content)" }

[[slides]]
type = "video"
video = "media/film.mp4"
fit = "cover"
caption = { en = "Test pattern (test content)" }
muted = true

[[slides]]
type = "quote"
text = { en = "After the film: a still slide of test content." }
attribution = { en = "Test content" }
"""

FILM_SECONDS = 3
GRAB_MS = 25
#: An empty ground may show for the instant a fade passes through it, never longer.
LONGEST_EMPTY_RUN = 2


@pytest.fixture(scope="module")
def film_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ffmpeg = require("ffmpeg")
    root = tmp_path_factory.mktemp("film-e2e")
    (root / "media").mkdir()
    (root / "bundle.toml").write_text(TOML, encoding="utf-8")
    subprocess.run(
        [
            ffmpeg, "-v", "error", "-y", "-f", "lavfi",
            "-i", f"testsrc2=size={WIDTH}x{HEIGHT}:rate=30:duration={FILM_SECONDS}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            str(root / "media" / "film.mp4"),
        ],
        check=True,
        timeout=120,
    )  # fmt: skip
    return root


@pytest.fixture
def kiosk(tmp_path: Path, film_bundle: Path) -> Iterator[Kiosk]:
    with xvfb() as display:
        program = Kiosk(display, tmp_path, "--bundle", str(film_bundle), "--idle-seconds", "60")
        # Its films are probed once it is on screen, and the bundle so checked comes in
        # at once in the attract loop: the tests begin after that, from the first slide.
        program.wait_for_log(r"now showing bundle film-e2e", timeout=60)
        try:
            yield program
        finally:
            program.stop()


class Grabber:
    """The screen grabbed in another process while the test acts."""

    def __init__(self, kiosk: Kiosk, out: Path, count: int) -> None:
        self.out = out
        environment = {**os.environ, "DISPLAY": kiosk.display, "QT_QPA_PLATFORM": "xcb"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.frames", str(out), str(count), str(GRAB_MS)],
            env=environment,
        )

    def grabs(self) -> list[dict[str, float | str]]:
        self.process.wait(timeout=300)
        assert self.process.returncode == 0, "the grabber failed"
        return [json.loads(line) for line in self.out.read_text().splitlines()]


def assert_never_blank(grabs: list[dict[str, float | str]]) -> None:
    black = [index for index, grab in enumerate(grabs) if float(grab["black"]) > 0.9]
    assert not black, f"black grabs at {black} of {len(grabs)}"
    run = longest = 0
    for grab in grabs:
        run = run + 1 if float(grab["spread"]) < 1.0 else 0
        longest = max(longest, run)
    assert longest <= LONGEST_EMPTY_RUN, f"{longest} empty grabs in a row"


@pytest.mark.slow
def test_the_attract_loop_fades_into_and_out_of_a_film_without_a_blank_frame(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    seconds = 3 + FILM_SECONDS + 2.5  # the title, the film, into the quotation
    mark = len(kiosk.log_text())
    grabber = Grabber(kiosk, tmp_path / "attract.jsonl", round(seconds * 1000 / GRAB_MS))
    kiosk.wait_for_log(r"showing slide 2/3 in en \(attract\)", timeout=30, after=mark)
    kiosk.wait_for_log(r"showing slide 3/3 in en \(attract\)", timeout=30, after=mark)
    grabs = grabber.grabs()
    assert len(grabs) >= seconds * 1000 / GRAB_MS * 0.5, "the grabber fell far behind"
    assert_never_blank(grabs)
    # The film played: many different pictures, not a poster standing still.
    assert len({grab["digest"] for grab in grabs}) >= FILM_SECONDS * 10


@pytest.mark.slow
def test_swipes_into_and_out_of_a_playing_film_show_no_blank_frame(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    mark = len(kiosk.log_text())
    kiosk.drag(1000, 300)  # a visitor: to the film
    kiosk.wait_for_log(r"showing slide 2/3 in en \(visitor\)", after=mark)
    grabber = Grabber(kiosk, tmp_path / "swipes.jsonl", round(4000 / GRAB_MS))
    kiosk.xdotool("sleep", "1")
    kiosk.drag(1000, 300)  # out of the film while it plays
    kiosk.wait_for_log(r"showing slide 3/3 in en \(visitor\)")
    kiosk.xdotool("sleep", "0.6")
    mark = len(kiosk.log_text())
    kiosk.drag(300, 1000)  # and back into it
    kiosk.wait_for_log(r"showing slide 2/3 in en \(visitor\)", after=mark)
    grabs = grabber.grabs()
    assert_never_blank(grabs)
    assert kiosk.process.poll() is None
