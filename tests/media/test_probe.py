"""Probing films in a child process (kiosk.media.probe): what it finds in real files,
and hostile media (truncated, a huge declared or real resolution, thousands of streams,
a codec this kiosk cannot decode) refused or probed without harm to this process; a
child that crashes or hangs is named in the answer, within the probe's own bound."""

from __future__ import annotations

import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.bundle import Bundle
from kiosk.bundle.avfacts import MAX_STREAMS, AVFacts, AVRequest, facts_problem
from kiosk.bundle.model import VideoSlide
from kiosk.cli import main
from kiosk.media import probe_child
from kiosk.media.probe import probe
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.lint import PictureSizes, lint_slide
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.theme import theme_for
from tests.bundle.media_files import media_bundle
from tests.media.conftest import FFMPEG, HEIGHT, WIDTH, Films


def _ffmpeg(*arguments: str) -> None:
    subprocess.run([FFMPEG or "ffmpeg", "-v", "error", "-y", *arguments], check=True, timeout=120)


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, bytes]]:
    at = start
    while at < end:
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        yield at, size, kind
        at += size


def _many_tracks(data: bytes, copies: int) -> bytes:
    """An MP4 whose index (moov) lists its first track ``copies`` more times."""
    for at, size, kind in _boxes(data, 0, len(data)):
        if kind == b"moov":
            moov = data[at : at + size]
            children = [moov[i : i + s] for i, s, _k in _boxes(moov, 8, size)]
            track = next(child for child in children if child[4:8] == b"trak")
            body = b"".join(children) + track * copies
            return (
                data[:at] + struct.pack(">I4s", 8 + len(body), b"moov") + body + data[at + size :]
            )
    raise AssertionError("no moov box")


def _declared_size(data: bytes, width: int, height: int) -> bytes:
    """The film with ``width`` x ``height`` written in its headers (the H.264 sample
    entry and the track header), the pictures inside left as they are."""
    patched = bytearray(data)
    entry = patched.find(b"avc1") - 4
    struct.pack_into(">HH", patched, entry + 32, width, height)
    header = patched.find(b"tkhd") - 4
    (size,) = struct.unpack_from(">I", patched, header)
    struct.pack_into(">II", patched, header + size - 8, width << 16, height << 16)
    return bytes(patched)


@pytest.fixture(scope="module")
def hostile(films: Films, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Hostile and unplayable files, each made small."""
    folder = tmp_path_factory.mktemp("hostile")
    data = films.mp4.read_bytes()
    made = {
        "cut in the index": data[: data.rfind(b"moov") + 200],
        "huge declared size": _declared_size(data, 65535, 65535),
    }
    faststart = folder / "faststart.mp4"
    _ffmpeg("-i", str(films.mp4), "-c", "copy", "-movflags", "+faststart", str(faststart))
    made["3000 tracks"] = _many_tracks(faststart.read_bytes(), 3000)
    paths = {name: folder / f"{index}.mp4" for index, name in enumerate(made)}
    for name, path in paths.items():
        path.write_bytes(made[name])
    paths["sound only"] = folder / "sound.m4a"
    _ffmpeg("-i", str(films.mp4), "-vn", "-c", "copy", str(paths["sound only"]))
    paths["40 streams"] = folder / "streams.mkv"
    maps = [item for _ in range(40) for item in ("-map", "0:a")]
    _ffmpeg("-i", str(paths["sound only"]), *maps, "-c", "copy", str(paths["40 streams"]))
    paths["4096x2160"] = folder / "large.mov"
    colour = "color=c=red:size=4096x2160:duration=0.1:rate=10"
    _ffmpeg("-f", "lavfi", "-i", colour, "-c:v", "mjpeg", str(paths["4096x2160"]))
    paths["AV1"] = folder / "av1.mp4"
    bars = "testsrc2=size=160x120:rate=10:duration=0.3"
    _ffmpeg("-f", "lavfi", "-i", bars, "-c:v", "libaom-av1", "-cpu-used", "8", str(paths["AV1"]))
    return paths


@pytest.fixture(scope="module")
def probed(films: Films, hostile: dict[str, Path]) -> dict[str, AVFacts]:
    """Every file probed in one child, as the loader does for a bundle."""
    named = {
        "mp4": films.mp4,
        "webm": films.webm,
        "cut in half": films.truncated,
        "text": films.text,
        **hostile,
    }
    requests = [AVRequest(path, (0.5,) if name == "mp4" else ()) for name, path in named.items()]
    return dict(zip(named, probe(requests), strict=True))


def test_a_film_s_streams_codecs_size_and_length_are_found(probed: dict[str, AVFacts]) -> None:
    mp4, webm = probed["mp4"], probed["webm"]
    assert (mp4.video_codec, mp4.audio_codec, webm.video_codec, webm.audio_codec) == (
        "H264",
        "AAC",
        "VP9",
        "Opus",
    )
    for facts in (mp4, webm):
        assert (facts.width, facts.height) == (WIDTH, HEIGHT)
        assert (facts.video_streams, facts.audio_streams) == (1, 1)
        assert facts.video_decoded and facts.audio_decoded
        assert facts.duration == pytest.approx(2.0, abs=0.05)
        assert facts_problem("video", facts) is None


def test_the_frame_asked_for_comes_as_a_jpeg_of_the_film_s_size(
    probed: dict[str, AVFacts],
) -> None:
    assert probed["webm"].frames == {}  # none asked
    image = QImage.fromData(probed["mp4"].frames[0.5], "JPEG")
    assert image.size() == QSize(WIDTH, HEIGHT)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("cut in half", "cannot be opened: it is damaged, cut short or not a film"),
        ("text", "cannot be opened"),
        ("cut in the index", "has no picture"),
        ("3000 tracks", "cannot be opened"),  # FFmpeg itself stops at 1000 streams
        ("sound only", "has no picture"),
        ("40 streams", f"holds 40 streams; a film or sound may hold at most {MAX_STREAMS}"),
        ("4096x2160", "is 4096x2160 pixels; a film may be at most 3840x2160"),
        # The FFmpeg of PySide6-Addons 6.11.3 has no AV1 decoder: a newer one may.
        ("AV1", "this kiosk cannot decode its codec (AV1); export it as H.264 video"),
    ],
)
def test_hostile_and_unplayable_files_are_refused_in_curator_words(
    probed: dict[str, AVFacts], name: str, words: str
) -> None:
    problem = facts_problem("video", probed[name])
    assert problem is not None
    assert words in problem


def test_what_is_too_large_is_judged_from_its_header_not_decoded(
    probed: dict[str, AVFacts],
) -> None:
    assert probed["4096x2160"].video_decoded is None
    assert probed["40 streams"].audio_decoded is None


def test_a_huge_size_in_the_headers_is_not_what_is_decoded(probed: dict[str, AVFacts]) -> None:
    """The decoder reads the size from the pictures themselves: probed without harm."""
    facts = probed["huge declared size"]
    assert (facts.width, facts.height) == (WIDTH, HEIGHT)
    assert facts.video_decoded


def _fake_child(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for ``kiosk probe-media``: ``body`` runs for each file (``path``)."""
    script = tmp_path / "child.py"
    script.write_text(
        "import json, os, signal, sys, time\n"
        "for path in [item for item in sys.argv[1:] if item != '--']:\n"
        + "".join(f"    {line}\n" for line in body.splitlines())
    )
    return [sys.executable, str(script)]


def test_a_file_that_crashes_the_decoder_is_refused_and_the_rest_probed(tmp_path: Path) -> None:
    child = _fake_child(
        tmp_path,
        "if path.endswith('bad.mp4'):\n"
        "    os.kill(os.getpid(), signal.SIGSEGV)\n"
        "print(json.dumps({'video_streams': 1, 'width': 2, 'height': 2}), flush=True)",
    )
    names = ["a.mp4", "bad.mp4", "c.mp4"]
    found = probe([AVRequest(tmp_path / name) for name in names], command=child)
    assert [facts.problem for facts in found] == [
        None,
        "made the media decoder crash (SIGSEGV): it is damaged or hostile",
        None,
    ]
    assert found[2].width == 2  # a new child probed the file after the crash


def test_a_file_that_hangs_the_decoder_is_given_up_within_the_bound(tmp_path: Path) -> None:
    child = _fake_child(tmp_path, "time.sleep(600)")
    [facts] = probe(
        [AVRequest(tmp_path / "slow.mp4")], seconds_per_file=0.5, start_seconds=0, command=child
    )
    assert facts.problem == "could not be checked within 0.5 s (the media decoder hung on it)"


@pytest.mark.parametrize(
    "answer",
    ["print('not json', flush=True)", "print(json.dumps({'width': 'wide'}), flush=True)"],
)
def test_a_garbled_answer_is_a_problem_not_an_error(tmp_path: Path, answer: str) -> None:
    [facts] = probe([AVRequest(tmp_path / "a.mp4")], command=_fake_child(tmp_path, answer))
    assert facts.problem == "could not be checked (the media probe's answer was garbled)"


def test_the_decoder_s_chatter_stays_off_the_kiosk_s_stderr(
    films: Films, capfd: pytest.CaptureFixture[str]
) -> None:
    [facts] = probe([AVRequest(films.truncated)])
    assert facts.problem is not None
    assert capfd.readouterr().err == ""


def test_the_child_s_memory_is_capped() -> None:
    code = (
        "from kiosk.media.probe_child import ADDRESS_SPACE_BYTES, limit_memory\n"
        "import resource\n"
        "limit_memory()\n"
        "assert resource.getrlimit(resource.RLIMIT_AS)[0] == ADDRESS_SPACE_BYTES\n"
        "try:\n"
        "    bytearray(ADDRESS_SPACE_BYTES)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "refused", done.stderr


def test_the_child_s_command_line() -> None:
    assert probe_child.parse_items(["--", "a.mp4", "--at", "1.5", "--at", "0", "b.m4a"]) == [
        ("a.mp4", [1.5, 0.0]),
        ("b.m4a", []),
    ]
    for wrong in (["--at", "1"], ["a.mp4", "--at"], ["a.mp4", "--at", "-1"]):
        with pytest.raises(ValueError):
            probe_child.parse_items(wrong)
    assert main(["probe-media", "a.mp4", "--at"]) == 2


def test_a_film_without_poster_is_drawn_with_its_frame(films: Films, tmp_path: Path) -> None:
    slides = '\n[[slides]]\ntype = "video"\nvideo = "media/film.mp4"\nstart = 1\nmuted = true\n'
    root = media_bundle(tmp_path / "b", slides, {"media/film.mp4": films.mp4.read_bytes()})
    bundle = load(root)
    try:
        image, findings = _render(bundle)
    finally:
        bundle.close()
    # The frame is as sharp as the film: no "picture enlarged" warning names it.
    assert not [finding for finding in findings if "frames/" in finding], findings
    # testsrc2's colour bars fill the frame, shown whole above the slide's source line:
    # much of the slide is far from the ground.
    ground = theme_for(bundle).palette.background
    coloured = sum(
        image.pixelColor(x, y).saturation() > 128 and image.pixelColor(x, y).name() != ground
        for x in range(0, image.width(), 16)
        for y in range(0, image.height(), 16)
    )
    assert coloured > 0.3 * (image.width() // 16) * (image.height() // 16)


FILM_SLIDE = '\n[[slides]]\ntype = "video"\nvideo = "media/film.mp4"\nmuted = true\n'


def test_validate_prints_each_film_s_facts(
    films: Films, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = media_bundle(tmp_path / "b", FILM_SLIDE, {"media/film.mp4": films.mp4.read_bytes()})
    assert main(["validate", str(root)]) == 0
    assert "media: media/film.mp4: 0:02, 320x240, H264 + AAC\n" in capsys.readouterr().out


def test_validate_names_a_damaged_film_and_its_use(
    films: Films, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = films.truncated.read_bytes()
    bad = media_bundle(tmp_path / "b", FILM_SLIDE, {"media/film.mp4": cut})
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad / 'media/film.mp4'}: cannot be opened: it is damaged, cut short" in out
    assert "(used at slides[3].video)" in out


def _render(bundle: Bundle) -> tuple[QImage, list[str]]:
    """The slide drawn at 1280x720, and what the layout lint says of it."""
    slide = bundle.manifest.slides[-1]
    assert isinstance(slide, VideoSlide)
    assert bundle.poster(slide, "en") is not None
    images = ImageStore(bundle)
    try:
        context = RenderContext("en", theme_for(bundle), images, blocking=True)
        renderer = renderer_for(slide, context, QSize(1280, 720))
        return renderer.render_image(), lint_slide(renderer, PictureSizes(bundle))
    finally:
        images.shutdown()
