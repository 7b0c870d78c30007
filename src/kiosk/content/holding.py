"""The holding screen: what the kiosk shows when its exhibition cannot be, and none was
shown before. A calm, one-slide bundle made here, never another exhibition."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from kiosk.bundle.errors import BundleError
from kiosk.bundle.loader import Bundle
from kiosk.bundle.model import LANGUAGE_PATTERN, Manifest
from kiosk.bundle.source import MANIFEST, Source, open_source
from kiosk.text import words

HOLDING_ID = "holding"
#: Languages named on the holding screen at most: it must stay calm.
MAX_LANGUAGES = 4


class NoFiles(Source):
    """The holding bundle's files: none."""

    def __init__(self) -> None:
        super().__init__("the holding screen", ())

    def read(self, name: str, limit: int = 0) -> bytes:
        raise BundleError.single(self.where(name), "is not in the bundle")

    def file(self, name: str) -> Path:
        raise BundleError.single(self.where(name), "is not in the bundle")


def holding_texts(languages: Iterable[str]) -> dict[str, str]:
    """The holding sentence in each of ``languages`` the kiosk has words of its own in,
    keyed by the language it is written in: a language without them (he, zh-TW) gets the
    English sentence, under "en", so that it is never set as another script's text."""
    texts: dict[str, str] = {}
    for language in languages:
        shipped = words.words_language(language) or words.ENGLISH
        texts.setdefault(shipped, words.word("back_shortly", shipped))
    return texts


def holding_bundle(texts: Mapping[str, str]) -> Bundle:
    """A one-slide bundle saying ``texts`` (language -> sentence), the first the largest.

    It has one language, so the kiosk offers no language button; every other language's
    sentence stands under the first one.
    """
    sentences = list(dict.fromkeys(texts.values()))[:MAX_LANGUAGES] or [""]
    language = next(iter(texts), "en")
    slide = {"type": "title", "title": {language: sentences[0]}}
    if len(sentences) > 1:
        slide["subtitle"] = {language: "\n".join(sentences[1:])}
    manifest = Manifest.model_validate(
        {
            "bundle": {
                "id": HOLDING_ID,
                "title": {language: sentences[0]},
                "version": "-",
                "languages": [language],
            },
            "timing": {"slide_seconds": 600, "idle_reset_seconds": 3600},
            "slides": [slide],
        }
    )
    return Bundle(manifest, NoFiles())


def declared_languages(path: Path) -> list[str] | None:
    """The languages a bundle declares, read from its bundle.toml however broken the rest
    is; None when even that cannot be read."""
    try:
        source = open_source(path)
    except BundleError:
        return None
    try:
        data = tomllib.loads(source.read(MANIFEST, 1024 * 1024).decode("utf-8-sig"))
    except (BundleError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    finally:
        source.close()
    info = data.get("bundle")
    languages = info.get("languages") if isinstance(info, dict) else None
    if not isinstance(languages, list):
        return None
    return _codes(languages) or None


def _codes(values: Iterable[object]) -> list[str]:
    return [
        value for value in values if isinstance(value, str) and re.match(LANGUAGE_PATTERN, value)
    ]
