"""What of a bundle folder is packed, what is left out and why, and which media files
are larger than the bundle's screens need (plain Python, no Qt).

A packed bundle holds ``bundle.toml`` and the media files it names, nothing else: a
picture no slide uses any more, the editor's schema file, notes beside the manifest and
what operating systems and editors leave in folders (``Thumbs.db``, ``name~``) stay
out, and ``kiosk validate`` and ``kiosk pack`` say so. (Files whose names begin with a
dot are never part of a bundle; see :class:`kiosk.bundle.source.FolderSource`.)
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from kiosk.bundle.avfacts import AVFacts
from kiosk.bundle.avfiles import is_av_name, size_text
from kiosk.bundle.errors import Problem
from kiosk.bundle.framing import upright_size
from kiosk.bundle.loader import _media_references as media_references
from kiosk.bundle.source import MANIFEST, MAX_MANIFEST_BYTES, Source

#: The JSON Schema editors check bundle.toml with (docs/curators.md, section 2).
SCHEMA_FILE = "bundle.schema.json"
#: Files operating systems and editors leave in folders (compared in lower case).
LITTER_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"})
LITTER_SUFFIXES = (".bak", ".tmp", ".swp", ".swo", ".orig", ".crdownload", ".part")
#: A PNG or JPEG larger than this is slow to open on a kiosk PC, whatever its pixels.
PICTURE_BYTES_HINT = 8 * 2**20
#: A picture with more than this many times the pixels a side that the largest target
#: screen can show of it: the rest is decoded for nothing, every time it is shown.
PICTURE_SIDE_HINT = 2.0
#: A film above this bitrate (picture and sound) is larger than a kiosk needs; the
#: curators' guide encodes at about 5 Mbit/s.
FILM_BITS_HINT = 20_000_000


@dataclass(frozen=True)
class LeftOut:
    """A file of the folder that is not packed, and why. ``warn``: probably a mistake
    (an unused picture, litter); else a note (the schema file, notes)."""

    name: str
    why: str
    warn: bool


def referenced(source: Source) -> set[str]:
    """The media files bundle.toml names, as the source names them (a bundle that
    loaded: its manifest parses)."""
    text = source.read(MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8-sig")
    names = set()
    for _path, name, _kind in media_references(tomllib.loads(text)):
        if isinstance(name, str) and source.has(name):
            names.add(unicodedata.normalize("NFC", name))
    return names


def is_litter(name: str) -> bool:
    base = PurePosixPath(name).name
    folded = base.casefold()
    return (
        folded in LITTER_NAMES
        or base.endswith("~")
        or base.startswith("~$")
        or folded.endswith(LITTER_SUFFIXES)
    )


def sort_out(source: Source) -> tuple[list[str], list[LeftOut]]:
    """The names to pack (bundle.toml and what it names, sorted), and what is left out."""
    used = referenced(source) | {MANIFEST}
    packed = sorted(name for name in source.names if name in used)
    left_out = [_why(name) for name in sorted(source.names) if name not in used]
    return packed, left_out


def _why(name: str) -> LeftOut:
    if is_litter(name):
        return LeftOut(name, "left by the operating system or an editor; not packed", warn=True)
    if name == SCHEMA_FILE:
        return LeftOut(
            name, "the schema for your editor; not packed (the kiosk does not need it)", False
        )
    if name.startswith("media/"):
        return LeftOut(
            name, "no slide or font uses it; not packed (delete it, or use it)", warn=True
        )
    return LeftOut(
        name,
        "not part of the bundle (only bundle.toml and the media files it names are); not packed",
        warn=False,
    )


def left_out_problems(source: Source, left_out: Iterable[LeftOut]) -> list[Problem]:
    return [Problem(source.where(item.name), item.why) for item in left_out]


# --- files larger than the screens need ----------------------------------------------


def longest_side_needed(natural: tuple[int, int], screens: Iterable[tuple[int, int]]) -> int:
    """The longer side, in pixels, a picture of ``natural`` proportions needs to fill
    the largest of ``screens`` edge to edge (cropped), in either orientation (a camera
    may have turned it): no slide shows a picture larger than that."""
    width, height = natural
    longest = 0.0
    for screen_width, screen_height in screens:
        for w, h in ((width, height), (height, width)):
            scale = max(screen_width / max(1, w), screen_height / max(1, h))
            longest = max(longest, max(w, h) * scale)
    return math.ceil(longest)


def picture_hint(
    name: str, data_size: int, natural: tuple[int, int] | None, screens: list[tuple[int, int]]
) -> str | None:
    """What to export instead of a picture much larger than the screens need, or None."""
    heavy = data_size > PICTURE_BYTES_HINT
    needed = longest_side_needed(natural, screens) if natural else 0
    larger = natural is not None and max(natural) > PICTURE_SIDE_HINT * needed
    if not (heavy or larger):
        return None
    said = [f"is {size_text(data_size)}"]
    if natural is not None:
        said.append(f"{natural[0]}x{natural[1]} pixels")
    largest = "x".join(map(str, max(screens, key=lambda s: s[0] * s[1])))
    advice = "export it as a JPEG of quality about 85" if heavy else "export it smaller"
    if natural is not None:
        advice += f", at most {needed} pixels on its longer side"
    reason = (
        f"more than the target screens can show (the largest, {largest}, shows at most "
        f"{needed} pixels of its longer side)"
        if larger
        else f"a picture over {size_text(PICTURE_BYTES_HINT)} is slow to open"
    )
    return f"{', '.join(said)}: {reason}; {advice}"


def film_hint(facts: AVFacts, size: int, screens: list[tuple[int, int]]) -> str | None:
    """What to encode instead of a film much larger than the screens need, or None."""
    longest = max(max(screen) for screen in screens)
    said = []
    if max(facts.width, facts.height) > 1.5 * longest:
        target = "1920x1080" if longest <= 1920 else "3840x2160"
        said.append(
            f"its {facts.width}x{facts.height} pixels are more than the target screens show "
            f"(encode it at {target} or smaller)"
        )
    if facts.duration and size * 8 / facts.duration > FILM_BITS_HINT:
        rate = size * 8 / facts.duration / 1e6
        said.append(
            f"its {rate:.0f} Mbit/s are more than a kiosk needs (about 5 Mbit/s: see "
            '"Making the files with ffmpeg" in the curators\' guide)'
        )
    return "; ".join(said) or None


def size_hints(
    source: Source,
    names: Iterable[str],
    screens: list[tuple[int, int]],
    facts: Mapping[str, AVFacts],
) -> list[Problem]:
    """Warnings for the media among ``names`` that are far larger than ``screens`` need."""
    found = []
    for name in names:
        suffix = PurePosixPath(name).suffix.lower()
        hint = None
        if suffix in (".png", ".jpg", ".jpeg"):
            size = source.size(name)
            head = source.head(name, 256 * 1024)
            hint = picture_hint(name, size, upright_size(name, head), screens)
        elif is_av_name(name) and name in facts:
            hint = film_hint(facts[name], source.size(name), screens)
        if hint:
            found.append(Problem(source.where(name), hint))
    return found
