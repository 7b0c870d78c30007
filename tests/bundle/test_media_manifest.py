"""Video slides, audio, the audio guide and their captions in bundle.toml: each key is
accepted, each wrong form refused at its place, and, until the kiosk plays them, a
bundle using them loads and plays (issue 14)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kiosk.bundle import BundleError, avfiles, load, source
from kiosk.bundle.avfacts import AVFacts
from kiosk.bundle.errors import Problem
from kiosk.bundle.model import VideoSlide, headline
from kiosk.cli import main
from kiosk.qtmedia import QtMediaCheck
from tests.bundle.media_files import MP4, VIDEO_SLIDE, media_bundle
from tests.bundles import VALID_TOML, png, valid_members, write_zip

FULL = """
[media]
attract_sound = true

[[slides]]
type = "video"
id = "film"
video = { en = "media/film.mp4", az = "media/film.webm" }
poster = "media/dot.png"
captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }
caption = { en = "A street", az = "Küçə" }
credit = { en = "Test credit", az = "Sınaq" }
source = { en = "Test source", az = "Sınaq mənbəyi" }
loop = true
muted = true
start = 1.5
end = 20
fit = "cover"
seconds = 25
audio = "media/voice.ogg"
audio_captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }

[[slides]]
type = "image"
image = "media/dot.png"
audio = { en = "media/voice.mp3", az = "media/voice.wav" }
audio_captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }
guide = { en = "media/guide/en-01.mp3", az = "media/guide/az-01.mp3" }
guide_captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }
"""


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        load(root)
    return caught.value.problems


def only_problem(root: Path) -> Problem:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``text`` holding ``needle`` (the test's own bundle.toml)."""
    lines = text.splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# --- accepted ------------------------------------------------------------------------


def test_every_media_key_is_accepted_and_read(tmp_path: Path) -> None:
    bundle = load(media_bundle(tmp_path / "b", FULL))
    manifest = bundle.manifest
    film, picture = manifest.slides[3], manifest.slides[4]
    assert isinstance(film, VideoSlide)
    assert film.video == {"en": "media/film.mp4", "az": "media/film.webm"}
    assert (film.poster, film.loop, film.muted, film.start, film.end, film.fit) == (
        "media/dot.png",
        True,
        True,
        1.5,
        20,
        "cover",
    )
    assert film.captions == {"en": "media/film.en.vtt", "az": "media/film.az.vtt"}
    assert manifest.seconds_for(3) == 25
    assert film.audio == "media/voice.ogg"
    assert picture.audio == {"en": "media/voice.mp3", "az": "media/voice.wav"}
    assert picture.guide == {"en": "media/guide/en-01.mp3", "az": "media/guide/az-01.mp3"}
    assert picture.guide_captions is not None
    assert manifest.media.attract_sound is True
    assert bundle.warnings == ()
    assert headline(film, "az") == "Küçə"
    assert [cue.text for cue in bundle.cues(film.captions["az"])] == ["Sınaq mətni: küçə."]
    bundle.close()


def test_a_video_slide_needs_only_its_file_and_has_quiet_defaults(tmp_path: Path) -> None:
    slide = '\n[[slides]]\ntype = "video"\nvideo = "media/film.mp4"\nmuted = true\n'
    bundle = load(media_bundle(tmp_path / "b", slide))
    film = bundle.manifest.slides[3]
    assert isinstance(film, VideoSlide)
    assert (film.loop, film.muted, film.fit, film.start, film.end, film.seconds) == (
        False,
        True,
        "contain",
        None,
        None,
        None,
    )
    assert bundle.manifest.media.attract_sound is False  # the attract loop is silent
    assert headline(film, "en") == "media/film.mp4"
    bundle.close()


def test_a_bundle_without_media_loads_as_before_with_no_warnings(tmp_path: Path) -> None:
    bundle = load(media_bundle(tmp_path / "b", ""))
    assert bundle.warnings == ()
    assert bundle.manifest.media.attract_sound is False
    bundle.close()


# --- film and sound are shown (issue 14) ------------------------------------------------


def test_a_bundle_with_film_sound_and_a_guide_loads(tmp_path: Path) -> None:
    bundle = load(media_bundle(tmp_path / "b", FULL))
    assert bundle.manifest.slides[3].type == "video"
    assert bundle.manifest.slides[4].audio is not None
    bundle.close()


def test_real_mistakes_come_before_the_playback_refusal(tmp_path: Path) -> None:
    problems = problems_of(media_bundle(tmp_path / "b", VIDEO_SLIDE + 'fit = "x"\n'))
    assert [problem.key for problem in problems] == ["slides[3].fit"]


# --- refused, at their place -----------------------------------------------------------

WRONG = {
    # image = a film: the old "not a picture file" now says what to do
    "film as a picture": (
        '\n[[slides]]\ntype = "image"\nimage = "media/film.mp4"\n',
        "slides[3].image",
        'is a video, not a picture: show it on a slide of type = "video"',
    ),
    "picture as a film": (
        '\n[[slides]]\ntype = "video"\nvideo = "media/dot.png"\n',
        "slides[3].video",
        "is a picture, not a video",
    ),
    "film as audio": (
        '\n[[slides]]\ntype = "quote"\ntext = { en = "A", az = "B" }\n'
        'attribution = { en = "A", az = "B" }\naudio = "media/film.mp4"\n',
        "slides[3].audio",
        "is not an audio file; use .mp3",
    ),
    "subtitles of another format": (
        VIDEO_SLIDE.replace("media/film.en.vtt", "media/dot.png"),
        "slides[3].captions.en",
        "captions are WebVTT files (.vtt)",
    ),
    "words written as captions": (
        VIDEO_SLIDE.replace('"media/film.en.vtt"', '"A street"'),
        "slides[3].captions.en",
        "captions are WebVTT files (.vtt)",
    ),
    "captions on a still": (
        '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\n'
        'captions = { en = "media/film.en.vtt" }\n',
        "slides[3].captions",
        "captions belong to a video",
    ),
    "loop on a still": (
        '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\nloop = true\n',
        "slides[3].loop",
        'loop is for video slides (type = "video")',
    ),
    "an audio slide type": (
        '\n[[slides]]\ntype = "audio"\naudio = "media/voice.mp3"\n',
        "slides[3].type",
        "there is no audio slide type",
    ),
    "a fit of another name": (
        VIDEO_SLIDE + 'fit = "stretch"\n',
        "slides[3].fit",
        'must be "contain" or "cover"',
    ),
    "a negative trim": (
        VIDEO_SLIDE + "start = -1\n",
        "slides[3].start",
        "must be 0 or more, not -1",
    ),
    "an end before the start": (
        VIDEO_SLIDE + "start = 10\nend = 4\n",
        "slides[3].end",
        "must be later than start (10 s); it is 4 s",
    ),
    "loop as a word": (VIDEO_SLIDE + 'loop = "often"\n', "slides[3].loop", "must be true or false"),
    "a film missing a language": (
        VIDEO_SLIDE.replace('video = "media/film.mp4"', 'video = { en = "media/film.mp4" }'),
        "slides[3].video.az",
        'has no "az" file: give a video for every language (en, az), or one file for all',
    ),
    "captions in a language the bundle lacks": (
        VIDEO_SLIDE.replace('az = "media/film.az.vtt"', 'fr = "media/film.az.vtt"'),
        "slides[3].captions.fr",
        'is in "fr", which is not among the bundle\'s languages (en, az)',
    ),
    "two sounds at once": (
        VIDEO_SLIDE + 'audio = "media/voice.mp3"\n',
        "slides[3].audio",
        "add muted = true to play this audio over it",
    ),
    "captions of no audio": (
        '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\n'
        'audio_captions = { en = "media/film.en.vtt" }\n',
        "slides[3].audio_captions",
        "captions audio this slide does not have",
    ),
    "captions of a guide recording not given": (
        '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\n'
        'guide = { en = "media/guide/en-01.mp3" }\n'
        'guide_captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }\n',
        "slides[3].guide_captions.az",
        'captions a guide recording in "az" that guide does not give',
    ),
    "a film not in the bundle": (
        VIDEO_SLIDE.replace("media/film.mp4", "media/Film.mp4"),
        "slides[3].video",
        "media/Film.mp4 is not in the bundle; did you mean media/film.mp4?",
    ),
}


@pytest.mark.parametrize("case", WRONG)
def test_each_wrong_form_is_refused_at_its_place(tmp_path: Path, case: str) -> None:
    slides, key, words = WRONG[case]
    problem = only_problem(media_bundle(tmp_path / "b", slides))
    assert problem.key == key
    assert words in problem.message
    assert problem.file.endswith("bundle.toml")
    assert problem.line is not None


def test_a_problem_is_placed_on_the_line_of_its_key(tmp_path: Path) -> None:
    slides = VIDEO_SLIDE + "start = 10\nend = 4\n"
    problem = only_problem(media_bundle(tmp_path / "b", slides))
    assert problem.line == line_of(VALID_TOML + slides, "end = 4")


FILES = {
    "a picture named .mp4": ("video", "media/film.mp4", png(), "is not an MP4 file, whatever"),
    "a WebM that is not": ("video", "media/film.webm", MP4, "is not a WebM file"),
    "an empty sound": ("audio", "media/voice.mp3", b"", "is empty"),
    "an MP4 named .ogg": ("audio", "media/voice.ogg", MP4, "is not an Ogg file"),
}


@pytest.mark.parametrize("case", FILES)
def test_a_media_file_not_what_its_name_says_is_named(tmp_path: Path, case: str) -> None:
    key, name, data, words = FILES[case]
    slides = '\n[[slides]]\ntype = "video"\nvideo = "media/film.mp4"\nmuted = true\n'
    if key == "video":
        slides = slides.replace("media/film.mp4", name)
    else:
        slides += f'audio = "{name}"\n'
    problem = only_problem(media_bundle(tmp_path / "b", slides, {name: data}))
    assert problem.file.endswith(name)
    assert words in problem.message
    assert "(used at slides[3]." in problem.message


def test_a_caption_file_that_does_not_parse_is_named_with_its_line(tmp_path: Path) -> None:
    broken = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n00:00:03,000 --> 00:00:04,000\nTwo\n"
    problem = only_problem(media_bundle(tmp_path / "b", files={"media/film.az.vtt": broken}))
    assert problem.file.endswith("media/film.az.vtt")
    assert problem.line == 6
    assert "not a comma" in problem.message
    assert "(used at slides[3].captions.az)" in problem.message
    assert str(problem).startswith(f"{problem.file}:6: ")


# --- captions missing: warnings, not errors ----------------------------------------------


def test_media_without_captions_in_a_language_is_a_warning(tmp_path: Path) -> None:
    slides = (
        VIDEO_SLIDE.replace(', az = "media/film.az.vtt"', "")
        + '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\naudio = "media/voice.mp3"\n'
        'guide = { en = "media/guide/en-01.mp3" }\n'
    )
    bundle = load(media_bundle(tmp_path / "b", slides))
    warnings = {warning.key: warning for warning in bundle.warnings}
    assert set(warnings) == {
        "slides[3].captions",
        "slides[4].audio_captions",
        "slides[4].guide_captions",
    }
    assert 'the film has no captions in "az"' in warnings["slides[3].captions"].message
    assert '"en", "az"' in warnings["slides[4].audio_captions"].message
    # the guide speaks English only: only English captions are wanted
    assert 'in "en":' in warnings["slides[4].guide_captions"].message
    assert warnings["slides[3].captions"].line == line_of(VALID_TOML + slides, "captions =")
    bundle.close()


def test_a_muted_film_needs_no_captions(tmp_path: Path) -> None:
    slide = '\n[[slides]]\ntype = "video"\nvideo = "media/film.mp4"\nmuted = true\n'
    bundle = load(media_bundle(tmp_path / "b", slide))
    assert bundle.warnings == ()
    bundle.close()


def test_validate_prints_the_warnings_with_the_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stand-in film is no film: the probe (tests/media/test_probe.py) answers as
    # for a good one, so that only the manifest's own mistakes are found.
    film = AVFacts(duration=10.0, video_streams=1, width=8, height=8, video_decoded=True)
    monkeypatch.setattr(QtMediaCheck, "av_facts", lambda _self, asked: [film] * len(asked))
    slide = VIDEO_SLIDE.replace(', az = "media/film.az.vtt"', "")
    assert main(["validate", str(media_bundle(tmp_path / "a", slide))]) == 0
    out = capsys.readouterr().out
    assert "warning: " in out and 'has no captions in "az"' in out
    wrong = media_bundle(tmp_path / "b", slide + "start = 5\nend = 2\n")
    assert main(["validate", str(wrong)]) == 1
    out = capsys.readouterr().out
    assert 'has no captions in "az"' in out and "must be later than start" in out


# --- sizes ---------------------------------------------------------------------------------


def test_a_video_over_the_per_file_limit_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(avfiles, "MAX_AV_BYTES", 2 * 2**20)
    big = MP4 + b"\x00" * (3 * 2**20)
    problem = only_problem(media_bundle(tmp_path / "b", files={"media/film.mp4": big}))
    assert problem.file.endswith("media/film.mp4")
    assert problem.message.startswith(
        "is 3 MB; a video or audio file may be at most 2 MB: shorten it, or encode it at a "
        "lower bitrate"
    )


def test_a_zip_member_over_the_media_limit_says_so_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(avfiles, "MAX_AV_BYTES", 2 * 2**20)
    members = {**valid_members(), "media/film.mp4": MP4 + b"\x00" * 3 * 2**20}
    problem = only_problem(write_zip(tmp_path / "b.kiosk", members))
    assert problem.file.endswith("media/film.mp4")
    assert "is 3 MB; a video or audio file may be at most 2 MB" in problem.message


def test_media_count_toward_the_bundle_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "MAX_TOTAL_BYTES", 2**20)
    big = MP4 + b"\x00" * (2**20)
    problem = only_problem(media_bundle(tmp_path / "b", files={"media/film.mp4": big}))
    assert problem.file == str(tmp_path / "b")
    assert "the media it uses add up to 1 MB; a bundle may hold 1 MB" in problem.message
    assert "media/film.mp4" in problem.message


def test_a_video_is_not_read_whole_to_be_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only its size and first bytes: a film of hundreds of MB is not loaded to memory."""
    root = media_bundle(tmp_path / "b")
    read = source.FolderSource.read

    def read_no_films(
        this: source.Source, name: str, limit: int = source.MAX_MEMBER_BYTES
    ) -> bytes:
        assert not avfiles.is_av_name(name), f"{name} was read whole"
        return read(this, name, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(source.FolderSource, "read", read_no_films)
    load(root).close()
    folder = source.FolderSource(root)
    assert folder.size("media/film.mp4") == len(MP4)
    assert folder.head("media/film.mp4", 8) == MP4[:8]
    with zipfile.ZipFile(tmp_path / "b.kiosk", "w") as archive:
        archive.writestr("bundle.toml", (root / "bundle.toml").read_text())
        archive.writestr("media/film.mp4", MP4)
    packed = source.ZipSource(tmp_path / "b.kiosk")
    assert packed.size("media/film.mp4") == len(MP4)
    assert packed.head("media/film.mp4", 8) == MP4[:8]
    packed.close()


# --- what the curators' guide's writer found unclear ------------------------------------


def test_a_guide_given_as_one_file_is_told_it_takes_a_file_per_language(tmp_path: Path) -> None:
    slide = (
        '\n[[slides]]\ntype = "image"\nimage = "media/dot.png"\nguide = "media/guide/en-01.mp3"\n'
        'guide_captions = { en = "media/film.en.vtt" }\n'
    )
    with pytest.raises(BundleError) as caught:
        load(media_bundle(tmp_path / "b", slide))
    (problem,) = caught.value.problems  # not also "captions a guide recording ..."
    assert problem.key == "slides[3].guide"
    assert problem.message.startswith('must be a file per language, e.g. { en = "media/guide/')


def test_a_film_missing_in_a_language_is_asked_for_in_good_english(tmp_path: Path) -> None:
    slide = VIDEO_SLIDE.replace('video = "media/film.mp4"', 'video = { en = "media/film.mp4" }')
    with pytest.raises(BundleError) as caught:
        load(media_bundle(tmp_path / "b", slide))
    assert any("give a video for every language" in p.message for p in caught.value.problems)
