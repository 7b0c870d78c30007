"""The manifest's video and audio: the files it names, their languages, the captions a
visitor may miss, and the one switch that keeps unplayable slides off the screen.

The loader asks this module; everything here reads the raw TOML (so that a mistake is
found even when other parts of the manifest are wrong) or the validated manifest, and
answers with key paths and curator-facing phrases.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from kiosk.bundle.avfiles import AUDIO_SUFFIXES, CAPTION_SUFFIXES, VIDEO_SUFFIXES
from kiosk.bundle.locate import KeyPath
from kiosk.bundle.media import FONT_SUFFIXES, IMAGE_SUFFIXES
from kiosk.bundle.model import Manifest, VideoSlide

Kind = Literal["picture", "font", "video", "audio", "captions"]

#: The key of each media file a slide may name, and the kind of file it must be.
SLIDE_FILE_KINDS: dict[str, Kind] = {
    "image": "picture",
    "poster": "picture",
    "video": "video",
    "audio": "audio",
    "guide": "audio",
    "captions": "captions",
    "audio_captions": "captions",
    "guide_captions": "captions",
}
#: Per-language file tables that must cover every bundle language (else one file for all).
_EVERY_LANGUAGE = ("video", "audio")
_A = {"video": "a video", "audio": "an audio file"}
#: Which captions go with which sound, and what that sound is called in a message.
CAPTIONED = {"video": ("captions", "film"), "audio": ("audio_captions", "audio")}

SUFFIXES: dict[Kind, tuple[str, ...]] = {
    "picture": IMAGE_SUFFIXES,
    "font": FONT_SUFFIXES,
    "video": VIDEO_SUFFIXES,
    "audio": AUDIO_SUFFIXES,
    "captions": CAPTION_SUFFIXES,
}


def slide_files(data: dict[str, Any]) -> Iterator[tuple[KeyPath, object, Kind]]:
    """Every media file the raw slides name, with its place and kind (per-language tables
    give one entry per language)."""
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    for index, slide in enumerate(slides):
        if not isinstance(slide, dict):
            continue
        for key, kind in SLIDE_FILE_KINDS.items():
            value = slide.get(key)
            if value is None:
                continue
            if isinstance(value, dict) and key != "image":
                for language, name in value.items():
                    yield ("slides", index, key, language), name, kind
            else:
                yield ("slides", index, key), value, kind


def wrong_kind_message(name: str, kind: Kind, suffix: str) -> str:
    """What a curator is told of a file of the wrong kind for its key."""
    allowed = ", ".join(SUFFIXES[kind])
    if kind == "picture" and suffix in VIDEO_SUFFIXES:
        return f'{name} is a video, not a picture: show it on a slide of type = "video"'
    if kind == "picture" and suffix in AUDIO_SUFFIXES:
        return f'{name} is a sound, not a picture: give it as audio = "{name}"'
    if kind == "video" and suffix in SUFFIXES["picture"]:
        return f"{name} is a picture, not a video: give it as the poster, or use an image slide"
    if kind == "audio" and suffix in VIDEO_SUFFIXES:
        return (
            f'{name} is not an audio file; use {allowed} (a film goes on a slide of type = "video")'
        )
    if kind == "captions":
        return (
            f"{name} is not a caption file: captions are WebVTT files ({allowed}); the words "
            "shown under a picture or film are caption (without s)"
        )
    noun = {"picture": "a picture", "font": "a font", "video": "a video", "audio": "an audio"}
    return f"{name} is not {noun[kind]} file; use {allowed}"


def value_hint(path: KeyPath) -> str:
    """Words added to a model message about a media key, or ""."""
    key = next((part for part in reversed(path) if part in SLIDE_FILE_KINDS), "")
    if SLIDE_FILE_KINDS.get(str(key)) == "captions":
        return "; captions are WebVTT files (.vtt); the words shown under it are caption"
    return ""


#: Examples of the per-language file tables, for a key given something else.
_TABLE_EXAMPLES = {
    "captions": '{ en = "media/film.en.vtt", az = "media/film.az.vtt" }',
    "audio_captions": '{ en = "media/voice.en.vtt", az = "media/voice.az.vtt" }',
    "guide": '{ en = "media/guide/en-03.mp3", az = "media/guide/az-03.mp3" }',
    "guide_captions": '{ en = "media/guide/en-03.vtt", az = "media/guide/az-03.vtt" }',
}


def file_table_message(path: KeyPath) -> str | None:
    """What a key that takes a file per language is told when given anything else."""
    if len(path) == 3 and path[0] == "slides" and path[2] in _TABLE_EXAMPLES:
        return f"must be a file per language, e.g. {_TABLE_EXAMPLES[str(path[2])]}"
    return None


def unknown_key_message(path: KeyPath, slide_type: object) -> str | None:
    """A clearer word for an unknown key a curator meant for media, or None."""
    if len(path) != 3 or path[0] != "slides":
        return None
    if path[2] == "captions" and slide_type != "video":
        return "captions belong to a video; the captions of a slide's audio are audio_captions"
    if path[2] in ("loop", "muted", "start", "end", "poster") and slide_type != "video":
        return f'{path[2]} is for video slides (type = "video")'
    if path[2] in ("fit", "focal") and slide_type not in ("image", "video"):
        return (
            f"{path[2]} is for image and video slides, whose picture may fill the screen; "
            "a picture on this slide is always shown whole"
        )
    return None


def unknown_type_message(found: object) -> str | None:
    if found == "audio":
        return (
            'there is no audio slide type: add audio = "media/…" to any slide (testimony '
            "over a photograph is an image slide with audio)"
        )
    return None


def language_problems(data: dict[str, Any], declared: list[str]) -> Iterator[tuple[KeyPath, str]]:
    """Per-language files in languages the bundle lacks; a film or sound given per
    language but not in every one; captions of a guide recording that does not exist."""
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    listed = ", ".join(declared)
    for index, slide in enumerate(slides):
        if not isinstance(slide, dict):
            continue
        for key, kind in SLIDE_FILE_KINDS.items():
            table = slide.get(key)
            if key == "image" or not isinstance(table, dict):
                continue
            place: KeyPath = ("slides", index, key)
            for code in table:
                if code not in declared:
                    yield (
                        (*place, code),
                        f'is in "{code}", which is not among the bundle\'s languages ({listed})',
                    )
            if key in _EVERY_LANGUAGE:
                for code in declared:
                    if code not in table:
                        yield (
                            (*place, code),
                            f'has no "{code}" file: give {_A[kind]} for every language '
                            f'({listed}), or one file for all, e.g. {key} = "media/…"',
                        )
        guide, guide_captions = slide.get("guide"), slide.get("guide_captions")
        if isinstance(guide_captions, dict) and isinstance(guide, dict | None):
            # (a guide of the wrong form is reported at guide, once)
            recorded = guide if isinstance(guide, dict) else {}
            for code in guide_captions:
                if code in declared and code not in recorded:
                    yield (
                        ("slides", index, "guide_captions", code),
                        f'captions a guide recording in "{code}" that guide does not give',
                    )


def rule_problems(manifest: Manifest) -> Iterator[tuple[KeyPath, str]]:
    """What the models cannot say alone: trims in order, one sound at a time."""
    for index, slide in enumerate(manifest.slides):
        if slide.audio_captions is not None and slide.audio is None:
            yield ("slides", index, "audio_captions"), "captions audio this slide does not have"
        if not isinstance(slide, VideoSlide):
            continue
        if slide.start is not None and slide.end is not None and slide.end <= slide.start:
            yield (
                ("slides", index, "end"),
                f"must be later than start ({slide.start:g} s); it is {slide.end:g} s",
            )
        if slide.audio is not None and not slide.muted:
            yield (
                ("slides", index, "audio"),
                "a film plays its own sound: add muted = true to play this audio over it instead",
            )


def missing_captions(manifest: Manifest) -> Iterator[tuple[KeyPath, str]]:
    """Sounds without captions in a bundle language: warnings, for the deaf visitor and
    the one who does not know the spoken language will miss the words."""
    languages = manifest.bundle.languages
    for index, slide in enumerate(manifest.slides):
        sounds: list[tuple[str, str, list[str]]] = []
        if isinstance(slide, VideoSlide) and not slide.muted:
            sounds.append(("captions", "film", languages))
        if slide.audio is not None:
            sounds.append(("audio_captions", "audio", languages))
        if slide.guide is not None:
            spoken = [code for code in languages if code in slide.guide]
            sounds.append(("guide_captions", "guide recording", spoken))
        for key, what, needed in sounds:
            given = getattr(slide, key) or {}
            absent = [code for code in needed if code not in given]
            if absent:
                codes = ", ".join(f'"{code}"' for code in absent)
                yield (
                    ("slides", index, key),
                    f"the {what} has no captions in {codes}: visitors who cannot hear it "
                    f"will miss its words (add a WebVTT file per language)",
                )


def media_uses(manifest: Manifest) -> list[KeyPath]:
    """Every place the manifest asks for video or audio to be played."""
    uses: list[KeyPath] = []
    for index, slide in enumerate(manifest.slides):
        if isinstance(slide, VideoSlide):
            uses.append(("slides", index, "video"))
        for key in ("audio", "guide"):
            if getattr(slide, key) is not None:
                uses.append(("slides", index, key))
    return uses
