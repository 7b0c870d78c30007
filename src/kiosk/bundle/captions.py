"""Captions: WebVTT files read with webvtt-py, checked with the line of each mistake.

webvtt-py parses; it does not say where a file goes wrong. So the lines are walked
first, the way its parser splits them into blocks, and each timing line is checked
(form, order, end after start): a curator is told "line 14: ...". What the walk lets
through, webvtt-py then parses, strictly. The kiosk draws the cues later; this module
only hands them over, as plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp
from webvtt.vtt import WebVTTCueBlock

from kiosk.bundle.avfiles import MAX_CAPTION_BYTES, size_text

_TIMINGS = WebVTTCueBlock.CUE_TIMINGS_PATTERN
_EXAMPLE = "00:01:02.500 --> 00:01:05.000"


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start`` to ``end`` seconds, its text without WebVTT tags
    (lines joined with a line break)."""

    start: float
    end: float
    text: str


class CaptionsError(ValueError):
    """A caption file that cannot be used: the phrase follows the file's name, ``line``
    is the line of the file to look at (1-based), if one is to blame."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.message = message


def _seconds(text: str) -> float | None:
    try:
        return Timestamp.from_string(text.strip()).in_milliseconds() / 1000
    except (MalformedCaptionError, ValueError):
        return None


def _timing_problem(line: str) -> tuple[str | None, tuple[float, float] | None]:
    """What is wrong with a line holding "-->", or the cue's start and end."""
    match = _TIMINGS.match(line)
    if match is None:
        hint = (
            ": write a full stop before the milliseconds, not a comma (commas are SubRip's)"
            if "," in line.split("-->")[0]
            else ""
        )
        return f'"{line.strip()}" is not a cue timing such as {_EXAMPLE}{hint}', None
    start, end = _seconds(match.group(1)), _seconds(match.group(2))
    for text, value in ((match.group(1), start), (match.group(2), end)):
        if value is None:
            return f'"{text.strip()}" is not a time (minutes and seconds go up to 59)', None
    assert start is not None and end is not None
    if end <= start:
        return f"the cue ends ({match.group(2)}) before it starts ({match.group(1)})", None
    return None, (start, end)


def _check_lines(lines: Sequence[str]) -> None:
    """Raise CaptionsError at the first line webvtt-py would refuse or misread."""
    if not lines or not lines[0].startswith("WEBVTT"):
        raise CaptionsError("a WebVTT file must begin with the line WEBVTT", 1)
    block: list[str] = []
    in_header = True
    previous_start = 0.0
    for number, line in enumerate(lines, start=1):
        if not line:  # only an empty line ends a block; spaces belong to it
            if block:
                block, in_header = [], False
            continue
        if "-->" in line:
            if block and (in_header or len(block) > 1 or "-->" in block[0]):
                if not in_header:
                    raise CaptionsError("needs an empty line before this cue", number)
                block, in_header = [], False
            problem, times = _timing_problem(line)
            if problem:
                raise CaptionsError(problem, number)
            assert times is not None
            if times[0] < previous_start:
                raise CaptionsError("this cue starts before the cue above it", number)
            previous_start = times[0]
        block.append(line)


def parse_captions(data: bytes) -> list[Cue]:
    """The cues of a WebVTT file; CaptionsError says what is wrong and on which line."""
    if len(data) > MAX_CAPTION_BYTES:
        raise CaptionsError(
            f"is {size_text(len(data))}; a caption file may be at most "
            f"{size_text(MAX_CAPTION_BYTES)}"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CaptionsError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8", line
        ) from None
    lines = text.splitlines()
    _check_lines(lines)
    try:
        parsed = webvtt.from_string(text, strict=True)
    except (MalformedFileError, MalformedCaptionError) as error:
        raise CaptionsError(f"is not valid WebVTT ({error})") from None
    cues = [
        Cue(
            caption.start_time.in_milliseconds() / 1000,
            caption.end_time.in_milliseconds() / 1000,
            caption.text,
        )
        for caption in parsed.captions
    ]
    if not cues:
        raise CaptionsError(
            f"has no cues; a cue is a timing line such as {_EXAMPLE}, then its text"
        )
    return cues
