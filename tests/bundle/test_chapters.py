"""Every slide knows the chapter it is in: the running head on the slide shows it."""

from __future__ import annotations

from kiosk.bundle.model import Manifest


def test_a_slide_is_in_the_last_chapter_begun_at_or_before_it() -> None:
    manifest = Manifest.model_validate(
        {
            "bundle": {"id": "t", "title": {"en": "T"}, "version": "1", "languages": ["en"]},
            "slides": [
                {"type": "quote", "text": {"en": "Q"}, "attribution": {"en": "A"}},
                {"type": "title", "title": {"en": "T"}, "chapter": {"en": "One"}},
                {"type": "quote", "text": {"en": "Q"}, "attribution": {"en": "A"}},
                {
                    "type": "quote",
                    "text": {"en": "Q"},
                    "attribution": {"en": "A"},
                    "chapter": {"en": "Two"},
                },
                {"type": "quote", "text": {"en": "Q"}, "attribution": {"en": "A"}},
            ],
        }
    )
    chapters = [slide.in_chapter for slide in manifest.slides]
    assert chapters == [None, {"en": "One"}, {"en": "One"}, {"en": "Two"}, {"en": "Two"}]
    assert "in_chapter" not in manifest.model_dump()["slides"][2]  # not part of the format
