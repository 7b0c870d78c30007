"""Packing a bundle folder into a .kiosk zip, byte for byte the same every time.

Only the bundle is packed: ``bundle.toml`` and the media files it names
(:mod:`kiosk.bundle.contents` says what is left out, and why).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.bundle.avfiles import AV_SUFFIXES
from kiosk.bundle.contents import LeftOut, sort_out
from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.loader import Bundle, load
from kiosk.bundle.media import HEADERS, MediaCheck
from kiosk.bundle.outputs import ZIP_MAGIC, check_output
from kiosk.bundle.source import FolderSource

#: Zip's earliest representable time: no clock or file date leaks into the archive.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
#: Already-compressed formats are stored as they are (and a stored film can be played
#: straight from the archive).
STORED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".ttf", ".otf", *AV_SUFFIXES})


@dataclass(frozen=True)
class Packed:
    """What went into the archive, and what of the folder did not."""

    names: list[str]
    left_out: list[LeftOut]


def pack(
    folder: Path,
    output: Path,
    *,
    media: MediaCheck = HEADERS,
    check: Callable[[Bundle], list[Problem]] | None = None,
) -> Packed:
    """Validate ``folder`` (its media with ``media``, then with ``check``, such as the
    kiosk's glyph check and that its texts fit its screens), then write it to
    ``output``; returns what it packed and what it left out.

    Raises OutputRefusedError (before anything is read) when ``output`` is one of the
    bundle's own files or an existing file that is not a zip, BundleError if the folder
    is not a valid bundle, or still holds texts as
    `kiosk new` wrote them (placeholders are no exhibition). The archive is written
    beside ``output`` and moved into place, so a running kiosk watching ``output``
    never sees half a file.
    """
    check_output(output, folder, kind="kiosk bundle (a zip file)", magic=ZIP_MAGIC, suffix=".kiosk")
    bundle = load(folder, media=media)
    try:
        problems = list(bundle.placeholders)
        problems += check(bundle) if check is not None else []
    finally:
        bundle.close()
    if problems:
        raise BundleError(problems)
    source = FolderSource(folder)
    output.parent.mkdir(parents=True, exist_ok=True)
    inside = output.resolve()
    names, left_out = sort_out(source)
    names = [name for name in names if (source.root / name).resolve() != inside]
    left_out = [item for item in left_out if (source.root / item.name).resolve() != inside]
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".pack-", suffix=".kiosk")
    try:
        with os.fdopen(handle, "wb") as file, zipfile.ZipFile(file, "w") as archive:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.external_attr = 0o100644 << 16
                info.create_system = 3  # Unix, whatever system packs it
                stored = Path(name).suffix.lower() in STORED_SUFFIXES
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                archive.writestr(info, source.read(name), compresslevel=9)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Packed(names, left_out)
