"""WebVTT captions: the cues the kiosk will draw, and each mistake with its line."""

from __future__ import annotations

import pytest

from kiosk.bundle.captions import CaptionsError, Cue, parse_captions


def test_cues_come_with_their_times_in_seconds_and_text_without_tags() -> None:
    data = (
        b"\xef\xbb\xbfWEBVTT - test content\nKind: captions\n\n"
        b"NOTE a comment\n\n"
        b"1\n00:00:01.250 --> 00:00:03.000 line:90%\nA <i>street</i>\nin Baku\n\n"
        b"01:02:03.004 --> 01:02:05.000\n<v Narrator>Test content.\n"
    )
    assert parse_captions(data) == [
        Cue(1.25, 3.0, "A street\nin Baku"),
        Cue(3723.004, 3725.0, "Test content."),
    ]


def test_short_timestamps_and_windows_line_ends_are_read() -> None:
    data = b"WEBVTT\r\n\r\n00:01.500 --> 00:02.000\r\nShort.\r\n"
    assert parse_captions(data) == [Cue(1.5, 2.0, "Short.")]


BROKEN = {
    "no header": (b"00:00:01.000 --> 00:00:02.000\nHi\n", 1, "must begin with the line WEBVTT"),
    "SubRip commas": (
        b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi\n",
        3,
        "a full stop before the milliseconds, not a comma",
    ),
    "a letter in a time": (
        b"WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHi\n",
        3,
        "is not a cue timing such as",
    ),
    "minute 99": (b"WEBVTT\n\n00:99:01.000 --> 01:00:02.000\nHi\n", 3, "is not a time"),
    "ends before it starts": (
        b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHi\n",
        3,
        "the cue ends (00:00:02.000) before it starts (00:00:05.000)",
    ),
    "no empty line between cues": (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n00:00:03.000 --> 00:00:04.000\nHo\n",
        5,
        "needs an empty line before this cue",
    ),
    "out of order": (
        b"WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA\n",
        6,
        "starts before the cue above it",
    ),
    "not UTF-8": (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaf\xe9\n", 4, "is not UTF-8"),
    "no cues": (b"WEBVTT\n\nJust words.\n", None, "has no cues"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_caption_file_is_reported_with_its_line(case: str) -> None:
    data, line, words = BROKEN[case]
    with pytest.raises(CaptionsError) as caught:
        parse_captions(data)
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_huge_caption_file_is_refused_unread() -> None:
    with pytest.raises(CaptionsError, match="a caption file may be at most 2 MB"):
        parse_captions(b"WEBVTT\n\n" + b"x" * (3 * 2**20))
