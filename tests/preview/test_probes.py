"""A save of the text does not probe the bundle's films again; a changed film is."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kiosk.bundle.avfacts import AVFacts, AVRequest
from kiosk.bundle.media import HEADERS
from kiosk.bundle.starter import write_starter
from kiosk.ui.preview.content import Content, load_content
from kiosk.ui.preview.probes import RememberedProbes


class CountingCheck:
    """The header checks, with a probe that answers at once and counts the files."""

    def __init__(self) -> None:
        self.asked: list[Path] = []

    def __getattr__(self, name: str) -> object:
        return getattr(HEADERS, name)

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        self.asked += [request.path for request in requests]
        film = AVFacts(duration=6.0, video_streams=1, video_codec="h264", width=640, height=360)
        return [film for _ in requests]


def test_only_a_changed_film_is_probed_again(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    write_starter(folder, ["en"])
    check = CountingCheck()
    probes = RememberedProbes(check)  # type: ignore[arg-type]

    for _ in range(3):
        content = load_content(folder, probes)
        assert isinstance(content, Content)
        content.close()
    assert check.asked == [folder / "media" / "film.mp4"]

    film = folder / "media" / "film.mp4"
    os.utime(film, ns=(film.stat().st_atime_ns, film.stat().st_mtime_ns + 1_000_000))
    content = load_content(folder, probes)
    assert isinstance(content, Content)
    content.close()
    assert len(check.asked) == 2


def test_a_failed_probe_is_asked_again(tmp_path: Path) -> None:
    film = tmp_path / "film.mp4"
    film.write_bytes(b"not yet")

    class Failing(CountingCheck):
        def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
            self.asked += [request.path for request in requests]
            return [AVFacts(problem="timed out") for _ in requests]

    check = Failing()
    probes = RememberedProbes(check)  # type: ignore[arg-type]
    for _ in range(2):
        assert probes.av_facts([AVRequest(film)])[0] == AVFacts(problem="timed out")
    assert len(check.asked) == 2
