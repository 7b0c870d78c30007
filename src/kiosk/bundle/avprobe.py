"""The loader's questions about a bundle's video and audio, asked of its MediaCheck once
for all the files, and the answers placed where a curator looks.

Each file whose header passed (kiosk.bundle.avfiles) is probed once, however many
slides use it, with the frames its video slides need as posters (the frame at the
slide's ``start``, for a slide without ``poster``). A file's problem goes on the file,
naming the first key that uses it; a trim past the film's end goes on the slide's key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.bundle.avfacts import AVFacts, AVRequest, facts_problem, frame_name, trim_problem
from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.locate import KeyPath, key_path
from kiosk.bundle.media import MediaCheck
from kiosk.bundle.source import Source


@dataclass
class Probed:
    """What probing found, kept on the Bundle: the facts of each file, and the frames
    taken as posters by :func:`kiosk.bundle.avfacts.frame_name`."""

    facts: dict[str, AVFacts] = field(default_factory=dict)
    frames: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Use:
    """One place the manifest plays a file: its key path, the kind it must be, and for a
    video slide its trims and whether it has a poster of its own."""

    path: KeyPath
    name: str
    kind: str
    start: float | None = None
    end: float | None = None
    has_poster: bool = True


def _seconds(value: object) -> float | None:
    """A trim as the raw TOML has it, when it is a number (the model reports the rest)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value >= 0 else None


def use_of(data: Mapping[str, Any], path: KeyPath, name: str, kind: str) -> Use:
    """The use at ``path`` (slides[i].video, .audio, .guide, per language or not)."""
    slides = data.get("slides")
    index = path[1] if len(path) > 1 and path[0] == "slides" else None
    slide = slides[index] if isinstance(slides, list) and isinstance(index, int) else None
    if not isinstance(slide, dict) or path[2] != "video" or slide.get("type") != "video":
        return Use(path, name, kind)
    return Use(
        path,
        name,
        kind,
        start=_seconds(slide.get("start")),
        end=_seconds(slide.get("end")),
        has_poster=slide.get("poster") is not None,
    )


def probe_uses(
    check: MediaCheck, source: Source, uses: Iterable[Use], probed: Probed
) -> list[Problem | tuple[KeyPath, str]]:
    """Probe every file ``uses`` play; fill ``probed``; return the problems: a Problem
    on the file, or a manifest key path and its message."""
    by_name: dict[str, list[Use]] = {}
    for use in uses:
        by_name.setdefault(use.name, []).append(use)
    if not by_name:
        return []
    found: list[Problem | tuple[KeyPath, str]] = []
    names, requests = [], []
    for name, its_uses in by_name.items():
        times = sorted({use.start or 0.0 for use in its_uses if not use.has_poster})
        try:
            requests.append(AVRequest(source.file(name), tuple(times)))
        except BundleError as error:  # a zip member that cannot be copied out to play
            found += error.problems
            continue
        names.append(name)
    answers = check.av_facts(requests) if requests else []
    for name, answer in zip(names, answers, strict=True):
        if answer is None:  # this check cannot probe: the header was all it could see
            continue
        probed.facts[name] = answer
        said: set[str] = set()
        for use in by_name[name]:
            problem = facts_problem(use.kind, answer)
            if problem and use.kind not in said:
                said.add(use.kind)
                message = f"{problem} (used at {key_path(use.path)})"
                found.append(Problem(source.where(name), message))
            if problem:
                continue
            if use.kind == "video" and (trim := trim_problem(answer, use.start, use.end)):
                key, message = trim
                found.append(((*use.path[:2], key), f"{message} ({name})"))
            for at, frame in answer.frames.items():
                probed.frames[frame_name(name, at)] = frame
    return found
