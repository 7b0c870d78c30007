"""Packing a bundle folder into a .kiosk zip, byte for byte the same every time."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from kiosk.bundle.avfiles import AV_SUFFIXES
from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.loader import Bundle, load
from kiosk.bundle.media import HEADERS, MediaCheck
from kiosk.bundle.source import FolderSource

#: Zip's earliest representable time: no clock or file date leaks into the archive.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
#: Already-compressed formats are stored as they are (and a stored film can be played
#: straight from the archive).
STORED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".ttf", ".otf", *AV_SUFFIXES})


def pack(
    folder: Path,
    output: Path,
    *,
    media: MediaCheck = HEADERS,
    check: Callable[[Bundle], list[Problem]] | None = None,
) -> int:
    """Validate ``folder`` (its media with ``media``, then with ``check``, such as the
    kiosk's glyph check), then write it to ``output``; returns the number of files.

    Raises BundleError if the folder is not a valid bundle. The archive is written
    beside ``output`` and moved into place, so a running kiosk watching ``output``
    never sees half a file.
    """
    bundle = load(folder, media=media)
    try:
        problems = check(bundle) if check is not None else []
    finally:
        bundle.close()
    if problems:
        raise BundleError(problems)
    source = FolderSource(folder)
    output.parent.mkdir(parents=True, exist_ok=True)
    inside = output.resolve()
    names = sorted(name for name in source.names if (source.root / name).resolve() != inside)
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
    return len(names)
