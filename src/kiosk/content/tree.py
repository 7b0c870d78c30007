"""Walking a bundle folder: every entry, depth first in name order, links to folders not
followed. One walk for the fingerprint, the size and the copy of a folder bundle."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path


def entries(
    root: Path,
    unreadable: Callable[[Path, OSError], None],
    skip: Callable[[str], bool] | None = None,
) -> Iterator[os.DirEntry[str]]:
    """The entries under ``root``; ``unreadable`` hears of each folder that cannot be
    listed (it may raise), and names ``skip`` accepts are neither given nor entered."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                found = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            unreadable(folder, error)
            continue
        for entry in found:
            if skip is not None and skip(entry.name):
                continue
            yield entry
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
