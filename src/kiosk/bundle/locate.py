"""Finds the line of bundle.toml where a key path is written.

``tomllib`` keeps no positions, so this scans the text for table headers and keys.
It is a locator, not a parser: the text has already parsed, and when it cannot tell,
it answers with the nearest enclosing key's line (or nothing).
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_KEY = r'(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")
_INLINE_ITEM = re.compile(r"^\s*\{")
_SPLIT = re.compile(rf"\s*({_KEY})\s*\.?")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _SPLIT.findall(dotted))


class LineIndex:
    """Key path -> first line number (1-based) for one TOML document."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._scan(text.splitlines())

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None

    def _record(self, path: KeyPath, line: int) -> None:
        self._lines.setdefault(path, line)

    def _scan(self, lines: list[str]) -> None:
        array_counts: dict[KeyPath, int] = {}  # array-of-tables path -> entries so far
        table: KeyPath = ()
        in_multiline: str | None = None
        open_array: KeyPath | None = None
        array_items = 0
        for number, raw in enumerate(lines, start=1):
            if in_multiline:
                if raw.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            line = raw.split("#", 1)[0] if '"' not in raw and "'" not in raw else raw
            if open_array is not None:
                if _INLINE_ITEM.match(line):
                    self._record((*open_array, array_items), number)
                    array_items += 1
                if line.strip().startswith("]"):
                    open_array = None
                continue
            if match := _ARRAY_HEADER.match(line):
                parts = self._resolve(_split(match.group(1)), array_counts)
                index = array_counts.get(parts, 0)
                array_counts[parts] = index + 1
                table = (*parts, index)
                self._record(parts, number)
                self._record(table, number)
            elif match := _TABLE_HEADER.match(line):
                table = self._resolve(_split(match.group(1)), array_counts)
                self._record(table, number)
            elif match := _ASSIGNMENT.match(line):
                key = (*table, *_split(match.group(1)))
                for end in range(len(table) + 1, len(key) + 1):
                    self._record(key[:end], number)  # a.b.c = ... also places a and a.b
                value = match.group(2).strip()
                for quote in ('"""', "'''"):
                    if value.count(quote) % 2 == 1:
                        in_multiline = quote
                if value.startswith("[") and value.count("[") > value.count("]"):
                    open_array, array_items = key, 0

    @staticmethod
    def _resolve(parts: tuple[str, ...], array_counts: dict[KeyPath, int]) -> KeyPath:
        """Insert the current index after every prefix that is an array of tables."""
        resolved: list[str | int] = []
        for position, part in enumerate(parts):
            resolved.append(part)
            count = array_counts.get(tuple(resolved))
            if count is not None and position < len(parts) - 1:
                resolved.append(count - 1)
        return tuple(resolved)


def key_path(path: KeyPath) -> str:
    """('slides', 3, 'text', 'az') -> 'slides[3].text.az'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
