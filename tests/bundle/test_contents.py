"""What a pack leaves out, media larger than the target screens need, and how an
overflow is said: plain Python, no Qt."""

from __future__ import annotations

from kiosk.bundle.avfacts import AVFacts
from kiosk.bundle.contents import film_hint, is_litter, longest_side_needed, picture_hint
from kiosk.bundle.overflow import Excess, describe

LANDSCAPE_AND_PORTRAIT = [(1920, 1080), (1080, 1920)]


def test_litter_is_recognised_and_bundle_files_are_not() -> None:
    assert all(map(is_litter, ["Thumbs.db", "media/desktop.ini", "bundle.toml~", "~$notes.docx"]))
    assert not any(map(is_litter, ["bundle.toml", "media/photo.jpg", "media/tilde~x.png"]))


def test_a_picture_fills_the_portrait_screen_from_its_shorter_side() -> None:
    # A 3:2 photo filling a 1080x1920 screen is cropped at the sides: 2880 x 1920.
    assert longest_side_needed((6000, 4000), LANDSCAPE_AND_PORTRAIT) == 2880
    # Either way up, as its header does not say how a camera turned it: on its side it
    # fills 1920x1080 at 1920 x 2880.
    assert longest_side_needed((6000, 4000), [(1920, 1080)]) == 2880
    assert longest_side_needed((1000, 1000), [(1920, 1080)]) == 1920


def test_a_heavy_or_oversized_picture_says_how_big_and_what_to_export() -> None:
    hint = picture_hint("media/a.jpg", 31 * 2**20, (6000, 4000), LANDSCAPE_AND_PORTRAIT)
    assert hint == (
        "is 31 MB, 6000x4000 pixels: more than the target screens can show (the largest, "
        "1920x1080, shows at most 2880 pixels of its longer side); export it as a JPEG of "
        "quality about 85, at most 2880 pixels on its longer side"
    )
    assert picture_hint("media/a.jpg", 2 * 2**20, (3000, 2000), LANDSCAPE_AND_PORTRAIT) is None
    heavy = picture_hint("media/a.png", 9 * 2**20, (2000, 1500), LANDSCAPE_AND_PORTRAIT)
    assert heavy is not None and "a picture over 8 MB is slow to open" in heavy


def test_a_4k_film_for_full_hd_screens_is_hinted() -> None:
    facts = AVFacts(duration=60.0, width=3840, height=2160)
    hint = film_hint(facts, 300 * 2**20, LANDSCAPE_AND_PORTRAIT)
    assert hint is not None and "encode it at 1920x1080 or smaller" in hint and "42 Mbit/s" in hint
    full_hd = AVFacts(duration=60.0, width=1920, height=1080)
    assert film_hint(full_hd, 40 * 2**20, [(1920, 1080)]) is None


def test_an_overflow_in_a_language_without_spaces_is_counted_in_characters() -> None:
    excess = Excess(taller=90, line_height=40, words_per_line=1.0, characters_per_line=20)
    assert describe("text", excess) == (
        "the text is 90 px too tall even in the smallest type: about 3 lines; "
        "shorten it by about 60 characters"
    )
    pushed = Excess(taller=30, line_height=40, words_per_line=8, outside=True)
    assert describe("events[2].text", pushed) == (
        "events[2].text is pushed 30 px out of the slide's area (about 1 line of it): "
        "shorten this slide's texts"
    )
