"""What should play on a slide, in plain Python: the film, the one sound over it, their
captions, and whether each is heard. The window asks on every change of slide, language,
mode or toggle; :class:`kiosk.ui.playback.Playback` makes the players match.

The rules (issue 14):
- A video slide plays its film, in the visitor's language if it has one per language.
- One sound at a time: a visitor who turned the audio guide on hears the slide's guide
  recording in their language; otherwise the slide's own audio track plays.
- The attract loop is silent unless the bundle says ``[media] attract_sound = true``:
  films play muted there and audio tracks do not play at all (nor does the guide, which
  only a visitor turns on).
- A film under the guide is muted: the guide speaks over the picture.
- Captions go with what is heard, in the visitor's language: the film's while its sound
  plays (or while muted in the loop, for who reads rather than hears), the sound's with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.bundle.model import VideoSlide


@dataclass(frozen=True)
class Track:
    """One file to play, and how."""

    file: str
    captions: str | None = None
    muted: bool = False
    loop: bool = False
    start: float | None = None
    end: float | None = None

    @property
    def holds(self) -> bool:
        """Whether it ends by itself (the countdown and the loop may wait for it)."""
        return not self.loop


@dataclass(frozen=True)
class Plan:
    """The film and the sound of a slide; either may be None."""

    film: Track | None = None
    sound: Track | None = None

    @property
    def empty(self) -> bool:
        return self.film is None and self.sound is None


NOTHING = Plan()


def _in(files: object, language: str) -> str | None:
    """A file given once for all languages, or the visitor's language's from a table."""
    if files is None:
        return None
    if isinstance(files, str):
        return files
    if isinstance(files, dict):
        return files.get(language)
    return None


def plan_for(
    slide: Any, language: str, *, attract: bool, attract_sound: bool, guide_on: bool
) -> Plan:
    """What plays on ``slide`` for a visitor reading ``language`` (or the attract loop)."""
    silent = attract and not attract_sound
    sound: Track | None = None
    guide = None if attract else _in(getattr(slide, "guide", None), language)
    if guide_on and guide is not None:
        sound = Track(guide, _in(getattr(slide, "guide_captions", None), language))
    elif not silent and (audio := _in(getattr(slide, "audio", None), language)) is not None:
        sound = Track(audio, _in(getattr(slide, "audio_captions", None), language))
    film: Track | None = None
    if isinstance(slide, VideoSlide) and (video := _in(slide.video, language)) is not None:
        film = Track(
            video,
            _in(slide.captions, language),
            muted=slide.muted or silent or sound is not None,
            loop=slide.loop,
            start=slide.start,
            end=slide.end,
        )
    return Plan(film, sound)


def waits_for_media(slide: Any, *, attract_sound: bool) -> bool:
    """Whether the attract loop keeps ``slide`` until its media ends: a film that ends
    (not a loop) on a slide without seconds of its own. A slide's audio does not play in
    a silent loop, so only with ``attract_sound`` does it hold the slide."""
    if getattr(slide, "seconds", None) is not None:
        return False
    if isinstance(slide, VideoSlide):
        return not slide.loop
    return attract_sound and getattr(slide, "audio", None) is not None
