"""The curators' guide's examples are what the kiosk accepts: a curator copies them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from kiosk.bundle.captions import CaptionsError, parse_captions

GUIDE = Path(__file__).parents[1] / "docs" / "curators.md"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(language: str) -> list[str]:
    return [
        body for tag, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")) if tag == language
    ]


def _film_and_sound() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text[text.index("## 8. Film and sound") : text.index("## 9. ")]


def test_the_guide_shows_webvtt() -> None:
    assert any(body.startswith("WEBVTT\n") for body in _blocks("text"))


@pytest.mark.parametrize("body", [b for b in _blocks("text") if b.startswith("WEBVTT\n")])
def test_every_webvtt_example_is_read_and_keeps_the_guides_own_rule(body: str) -> None:
    cues = parse_captions(body.encode("utf-8"))
    for cue in cues:
        lines = cue.text.split("\n")
        assert len(lines) <= 2, cue
        assert all(len(line) <= 42 for line in lines), cue


def test_the_comma_the_guide_warns_of_is_refused() -> None:
    """The guide's example with SubRip's comma, so the rule it states holds."""
    with pytest.raises(CaptionsError, match="full stop"):
        parse_captions(b"WEBVTT\n\n00:00:01,000 --> 00:00:04,500\nWords.\n")


@pytest.mark.parametrize(
    "body", [b for tag, b in _BLOCK.findall(_film_and_sound()) if tag == "toml"]
)
def test_every_toml_example_of_film_and_sound_is_toml(body: str) -> None:
    assert tomllib.loads(body)
