"""What the loader makes of a probe's answers, without Qt: a fake MediaCheck answers
with given facts, and each refusal is said in curator words at its place; posters are
taken from the films that have none; a quick start probes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.avfacts import (
    MAX_STREAMS,
    AVFacts,
    AVRequest,
    facts_problem,
    frame_name,
    trim_problem,
)
from kiosk.bundle.errors import Problem
from kiosk.bundle.media import HEADERS, HeaderCheck
from kiosk.bundle.model import VideoSlide
from tests.bundle.media_files import MP4, media_bundle
from tests.bundles import valid_members, write_zip

FILM = AVFacts(
    duration=2.0,
    video_streams=1,
    audio_streams=1,
    video_codec="H264",
    audio_codec="AAC",
    width=320,
    height=240,
    video_decoded=True,
    audio_decoded=True,
)
SOUND = AVFacts(duration=2.0, audio_streams=1, audio_codec="MP3", audio_decoded=True)
FRAME = b"\xff\xd8\xff\xe0 stands for a JPEG frame"


class FakeProbe(HeaderCheck):
    """Answers with ``facts`` by file name (a film by default), a frame for each time
    asked, and records what it was asked."""

    def __init__(self, facts: dict[str, AVFacts] | None = None) -> None:
        self.facts = facts or {}
        self.asked: list[list[AVRequest]] = []

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        self.asked.append(list(requests))
        answers: list[AVFacts | None] = []
        for request in requests:
            assert request.path.is_file()
            known = self.facts.get(request.path.name)
            if known is None:
                known = SOUND if request.path.suffix in (".mp3", ".ogg", ".wav") else FILM
            frames = dict.fromkeys(request.frames_at, FRAME) if known.video_decoded else {}
            answers.append(AVFacts(**{**known.__dict__, "frames": frames}))
        return answers


NO_POSTER = """
[[slides]]
type = "video"
video = "media/film.mp4"
start = 1.5
end = 2
muted = true
"""


def problems(root: Path, check: FakeProbe) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        load(root, media=check)
    return caught.value.problems


def one_problem(root: Path, check: FakeProbe) -> Problem:
    found = problems(root, check)
    assert len(found) == 1, found
    return found[0]


def test_a_film_without_poster_gets_its_frame_at_start_as_poster(tmp_path: Path) -> None:
    check = FakeProbe()
    bundle = load(media_bundle(tmp_path / "b", NO_POSTER), media=check)
    [[request]] = check.asked
    assert request.frames_at == (1.5,)
    slide = bundle.manifest.slides[-1]
    assert isinstance(slide, VideoSlide)
    name = bundle.poster(slide, "en")
    assert name == frame_name("media/film.mp4", 1.5)
    assert bundle.read_media(name) == FRAME
    assert bundle.media_facts["media/film.mp4"].summary() == "0:02, 320x240, H264 + AAC"
    bundle.close()


def test_a_film_with_a_poster_is_probed_without_a_frame(tmp_path: Path) -> None:
    check = FakeProbe()
    bundle = load(media_bundle(tmp_path / "b"), media=check)  # VIDEO_SLIDE has a poster
    [[request]] = check.asked
    assert request.frames_at == ()
    slide = bundle.manifest.slides[-1]
    assert isinstance(slide, VideoSlide)
    assert bundle.poster(slide, "az") == "media/dot.png"
    assert bundle.frames == {}
    bundle.close()


def test_every_file_is_probed_once_in_one_call(tmp_path: Path) -> None:
    slides = NO_POSTER + NO_POSTER.replace("1.5", "0.5") + '\naudio = "media/voice.mp3"\n'
    check = FakeProbe()
    bundle = load(media_bundle(tmp_path / "b", slides), media=check)
    [requests] = check.asked
    assert sorted(request.path.name for request in requests) == ["film.mp4", "voice.mp3"]
    film = next(request for request in requests if request.path.name == "film.mp4")
    assert film.frames_at == (0.5, 1.5)
    bundle.close()


def test_a_film_per_language_has_a_frame_per_language(tmp_path: Path) -> None:
    slides = NO_POSTER.replace(
        'video = "media/film.mp4"', 'video = { en = "media/film.mp4", az = "media/film.webm" }'
    )
    bundle = load(media_bundle(tmp_path / "b", slides), media=FakeProbe())
    slide = bundle.manifest.slides[-1]
    assert isinstance(slide, VideoSlide)
    assert bundle.poster(slide, "en") == frame_name("media/film.mp4", 1.5)
    assert bundle.poster(slide, "az") == frame_name("media/film.webm", 1.5)
    bundle.close()


def test_a_quick_start_and_the_plain_check_probe_nothing(tmp_path: Path) -> None:
    root = media_bundle(tmp_path / "b", NO_POSTER)
    check = FakeProbe()
    quick = load(root, media=check, decode_media=False)
    assert check.asked == []
    plain = load(root, media=HEADERS)
    for bundle in (quick, plain):
        slide = bundle.manifest.slides[-1]
        assert isinstance(slide, VideoSlide)
        assert bundle.poster(slide, "en") is None  # the play mark on the ground
        assert bundle.media_facts == {}
        bundle.close()


def test_a_film_in_a_zip_is_probed_from_a_copy_on_disk(tmp_path: Path) -> None:
    folder = media_bundle(tmp_path / "b", NO_POSTER)
    members = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }
    check = FakeProbe()
    bundle = load(write_zip(tmp_path / "b.kiosk", members), media=check)
    [[request]] = check.asked
    assert request.path.read_bytes() == members["media/film.mp4"]
    bundle.close()


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        (AVFacts(problem="cannot be opened: it is damaged"), "cannot be opened: it is damaged"),
        (
            AVFacts(duration=2.0, audio_streams=1, audio_codec="AAC", audio_decoded=True),
            "has no picture",
        ),
        (
            AVFacts(**{**FILM.__dict__, "video_codec": "AV1", "video_decoded": False}),
            "this kiosk cannot decode its codec (AV1); export it as H.264 video with AAC "
            "sound in MP4, or VP9 with Opus in WebM",
        ),
        (
            AVFacts(**{**FILM.__dict__, "width": 4096, "height": 2160, "video_decoded": None}),
            "is 4096x2160 pixels; a film may be at most 3840x2160 (4K)",
        ),
        (
            AVFacts(**{**FILM.__dict__, "audio_streams": 999}),
            f"holds 1000 streams; a film or sound may hold at most {MAX_STREAMS}",
        ),
        (
            AVFacts(**{**FILM.__dict__, "audio_codec": "Opus", "audio_decoded": False}),
            "this kiosk cannot decode its sound (Opus); export it as H.264",
        ),
    ],
)
def test_a_film_the_kiosk_cannot_play_is_refused_naming_file_and_reason(
    tmp_path: Path, facts: AVFacts, words: str
) -> None:
    problem = one_problem(media_bundle(tmp_path / "b"), FakeProbe({"film.mp4": facts}))
    assert problem.file.endswith("media/film.mp4")
    assert words in problem.message
    assert problem.message.endswith("(used at slides[3].video)")


def test_an_audio_file_without_sound_is_refused(tmp_path: Path) -> None:
    slides = '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\naudio = "media/voice.mp3"\n'
    silent = AVFacts(duration=2.0, video_streams=1, width=8, height=8, video_decoded=True)
    check = FakeProbe({"voice.mp3": silent})
    problem = one_problem(media_bundle(tmp_path / "b", slides), check)
    assert problem.file.endswith("media/voice.mp3")
    assert problem.message == "has no sound (used at slides[3].audio)"


@pytest.mark.parametrize(
    ("trims", "key", "words"),
    [
        ("start = 2.5", "start", "is 2.5 s, but the film is 2 s long (media/film.mp4)"),
        ("end = 9", "end", "is 9 s, but the film is 2 s long (media/film.mp4)"),
    ],
)
def test_a_trim_past_the_film_s_end_is_refused_at_its_key(
    tmp_path: Path, trims: str, key: str, words: str
) -> None:
    slides = NO_POSTER.replace("start = 1.5\nend = 2\n", trims + "\n")
    root = media_bundle(tmp_path / "b", slides)
    problem = one_problem(root, FakeProbe())
    assert problem.file.endswith("bundle.toml")
    assert problem.key == f"slides[3].{key}"
    assert problem.line == (root / "bundle.toml").read_text().splitlines().index(trims) + 1
    assert problem.message == words


def test_a_film_of_unknown_length_cannot_have_its_trims_checked(tmp_path: Path) -> None:
    unknown = AVFacts(**{**FILM.__dict__, "duration": None})
    root = media_bundle(tmp_path / "b", NO_POSTER)
    problem = one_problem(root, FakeProbe({"film.mp4": unknown}))
    assert problem.key == "slides[3].start"
    assert "the film does not say how long it is" in problem.message
    # Without trims, a length the file does not state is no problem (live recordings).
    load(media_bundle(tmp_path / "c"), media=FakeProbe({"film.mp4": unknown})).close()


def test_a_film_probed_bad_is_said_once_however_many_slides_use_it(tmp_path: Path) -> None:
    bad = AVFacts(problem="made the media decoder crash (SIGSEGV): it is damaged or hostile")
    found = problems(media_bundle(tmp_path / "b", NO_POSTER * 3), FakeProbe({"film.mp4": bad}))
    assert len(found) == 1
    assert "SIGSEGV" in found[0].message


def test_a_zip_bomb_posing_as_a_film_is_refused_before_anything_opens_it(
    tmp_path: Path,
) -> None:
    """8 MB that deflate to a few kB: the zip's ratio rule refuses it from the central
    directory, so the probe never sees it."""
    members = {**valid_members(), "media/film.mp4": MP4 + b"\x00" * 8 * 2**20}
    check = FakeProbe()
    with pytest.raises(BundleError) as caught:
        load(write_zip(tmp_path / "b.kiosk", members), media=check)
    [problem] = caught.value.problems
    assert problem.file.endswith("media/film.mp4")
    assert "compressed suspiciously well" in problem.message
    assert check.asked == []


def test_a_zip_archive_named_as_a_film_is_refused_by_its_header(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "bomb.zip", {"zeros": b"\x00" * 2**20})
    root = media_bundle(tmp_path / "b", NO_POSTER, {"media/film.mp4": archive.read_bytes()})
    check = FakeProbe()
    problem = one_problem(root, check)
    assert problem.message.startswith("is not an MP4 file, whatever its name says")
    assert check.asked == []


def test_the_rules_in_plain_words() -> None:
    assert facts_problem("video", FILM) is None
    assert facts_problem("audio", SOUND) is None
    assert facts_problem("audio", FILM) is None  # a film's sound may be an audio track
    zero = AVFacts(**{**SOUND.__dict__, "duration": 0.0})
    assert (
        facts_problem("audio", zero) == "has no length (0 seconds): it is damaged or not finished"
    )
    assert trim_problem(FILM, None, None) is None
    assert trim_problem(FILM, 1.0, 2.0) is None
    assert trim_problem(FILM, 0, 2.04) is None  # the last frame's length rounds
    assert AVFacts().summary() == "nothing known"
