"""Slides named for people: ``kiosk stats --bundle PATH`` shows each slide's heading or
title (kiosk.bundle.model.headline, in the bundle's default language) where the
database keeps its id (its ``id``, else its number from 1). Qt-free."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from kiosk.bundle import load
from kiosk.bundle.model import headline
from kiosk.insights.recorder import slide_id
from kiosk.insights.stats import Stats


def slide_names(bundle: Path) -> dict[str, str]:
    """Each slide's id (as recorded) -> its headline; an id whose headline another slide
    also has, or that has none, keeps its id in brackets. Raises BundleError."""
    loaded = load(bundle, decode_media=False)
    try:
        slides = loaded.manifest.slides
        language = loaded.default_language
        heads = {slide_id(slides, i): headline(s, language, 50) for i, s in enumerate(slides)}
    finally:
        loaded.close()
    seen: dict[str, int] = {}
    for head in heads.values():
        seen[head] = seen.get(head, 0) + 1
    return {
        key: head if head and seen[head] == 1 else f"{head} ({key})".strip()
        for key, head in heads.items()
    }


def named(stats: Stats, names: Mapping[str, str]) -> Stats:
    """``stats`` with its slides, chapters and films named by ``names`` (ids not in it,
    from an older bundle, stay as they are)."""

    def name(key: str) -> str:
        return names.get(key, key)

    return dataclasses.replace(
        stats,
        slides=tuple(dataclasses.replace(s, slide_id=name(s.slide_id)) for s in stats.slides),
        chapter_jumps=tuple((name(k), n) for k, n in stats.chapter_jumps),
        media=tuple(dataclasses.replace(m, slide_id=name(m.slide_id)) for m in stats.media),
    )
