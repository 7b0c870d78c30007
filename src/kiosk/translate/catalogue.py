"""What a translation file holds, whatever its format."""

from __future__ import annotations

from dataclasses import dataclass


class FormatError(Exception):
    """A translation file that cannot be read; the message says why, in plain words."""


@dataclass(frozen=True)
class Entry:
    """One unit as a translation file gives it back."""

    id: str
    source: str
    #: None when the translator left it empty (or blank).
    target: str | None
    note: str = ""
    #: Marked as not done (fuzzy in PO; state "new" or "needs-translation" in XLIFF).
    unfinished: bool = False
    #: A hard limit in characters, written to the file for the translator's tool.
    max_chars: int | None = None
    #: The line of bundle.toml the text is on, for a PO reference.
    line: int | None = None


@dataclass(frozen=True)
class Catalogue:
    """A bundle's texts from one language into another."""

    bundle: str
    version: str
    source: str
    target: str
    entries: tuple[Entry, ...]
