"""Names that copying, syncing and editing tools give their unfinished files.

A folder bundle being copied or synced holds such files for a while: they are never part
of a bundle, so a private copy leaves them out (their changes still show that a copy is
under way).
"""

from __future__ import annotations

from fnmatch import fnmatch

#: Hidden names (Syncthing's ``.syncthing.*``, LibreOffice's ``.~lock*``, Vim's
#: ``.*.swp``, macOS's ``.DS_Store``) are left out of every bundle by the loader too.
TEMPORARY = (
    ".*",
    "~syncthing~*",
    "*.tmp",
    "*.partial",
    "*.part",
    "*.crdownload",
    "*.swp",
    "*~",
)


def is_temporary(name: str) -> bool:
    """Whether a file or folder called ``name`` is a tool's unfinished file."""
    lowered = name.lower()
    return any(fnmatch(lowered, pattern) for pattern in TEMPORARY)
