"""What plays on a slide (kiosk.media.plan): plain Python, no player."""

from __future__ import annotations

from typing import Any

from kiosk.bundle.model import ImageSlide, VideoSlide
from kiosk.media.plan import NOTHING, Track, plan_for, waits_for_media

TEXT = {"en": "t", "az": "t"}


def film(**fields: Any) -> VideoSlide:
    return VideoSlide.model_validate(
        {"type": "video", "id": "film", "video": "media/f.mp4", **fields}
    )


def picture(**fields: Any) -> ImageSlide:
    return ImageSlide.model_validate(
        {"type": "image", "id": "pic", "image": "media/p.png", **fields}
    )


def test_a_film_is_muted_in_a_silent_attract_loop_and_heard_by_a_visitor() -> None:
    slide = film(captions={"en": "media/en.vtt"})
    loop = plan_for(slide, "en", attract=True, attract_sound=False, guide_on=False)
    assert loop.film == Track("media/f.mp4", "media/en.vtt", muted=True)
    assert loop.sound is None
    visitor = plan_for(slide, "en", attract=False, attract_sound=False, guide_on=False)
    assert visitor.film == Track("media/f.mp4", "media/en.vtt", muted=False)
    heard = plan_for(slide, "en", attract=True, attract_sound=True, guide_on=False)
    assert heard.film is not None and not heard.film.muted


def test_per_language_files_follow_the_visitor() -> None:
    slide = film(video={"en": "media/en.mp4", "az": "media/az.mp4"}, captions={"en": "media/e.vtt"})
    plan = plan_for(slide, "az", attract=False, attract_sound=False, guide_on=False)
    assert plan.film == Track("media/az.mp4", None)


def test_audio_plays_for_visitors_and_the_guide_replaces_it() -> None:
    slide = picture(
        audio="media/testimony.mp3",
        audio_captions={"en": "media/t-en.vtt"},
        guide={"en": "media/g-en.mp3"},
        guide_captions={"en": "media/g-en.vtt"},
    )
    assert plan_for(slide, "en", attract=True, attract_sound=False, guide_on=False) == NOTHING
    plain = plan_for(slide, "en", attract=False, attract_sound=False, guide_on=False)
    assert plain.sound == Track("media/testimony.mp3", "media/t-en.vtt")
    guided = plan_for(slide, "en", attract=False, attract_sound=False, guide_on=True)
    assert guided.sound == Track("media/g-en.mp3", "media/g-en.vtt")
    # No recording in Azerbaijani: the slide's own audio plays.
    other = plan_for(slide, "az", attract=False, attract_sound=False, guide_on=True)
    assert other.sound == Track("media/testimony.mp3", None)


def test_the_guide_mutes_the_film_under_it_and_never_plays_in_the_loop() -> None:
    slide = film(guide={"en": "media/g.mp3"})
    guided = plan_for(slide, "en", attract=False, attract_sound=False, guide_on=True)
    assert guided.film is not None and guided.film.muted
    assert guided.sound == Track("media/g.mp3")
    loop = plan_for(slide, "en", attract=True, attract_sound=True, guide_on=True)
    assert loop.sound is None and loop.film is not None and not loop.film.muted


def test_trims_and_loops_are_passed_on_and_a_loop_does_not_hold() -> None:
    plan = plan_for(
        film(loop=True, start=2, end=5), "en", attract=False, attract_sound=False, guide_on=False
    )
    assert plan.film is not None
    assert (plan.film.loop, plan.film.start, plan.film.end) == (True, 2, 5)
    assert not plan.film.holds


def test_which_slides_the_attract_loop_keeps_until_their_media_ends() -> None:
    assert waits_for_media(film(), attract_sound=False)
    assert not waits_for_media(film(seconds=30), attract_sound=False)
    assert not waits_for_media(film(loop=True), attract_sound=False)
    assert not waits_for_media(picture(audio="media/a.mp3"), attract_sound=False)
    assert waits_for_media(picture(audio="media/a.mp3"), attract_sound=True)
    assert not waits_for_media(picture(), attract_sound=True)
