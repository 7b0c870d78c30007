"""Texts written as TOML strings that read back exactly as given.

A Markdown body goes in a multi-line string that opens on its own line, as curators
write them (``body.fr = \"\"\"`` then the text); a text in an inline table, or of one
line, in a one-line string. Only what TOML requires is escaped: backslashes, control
characters other than tab (and the line break in a multi-line string), and the quotes
that would end the string.
"""

from __future__ import annotations

import re

from tomlkit.items import String, StringType, Trivia

_NAMED = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
#: What a basic string may not hold as it is: controls (except tab), DEL, \ and ".
_SINGLE = re.compile(r'[\x00-\x08\x0a-\x1f\x7f\\"]')
_MULTI = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\\]")
_QUOTES = re.compile(r'"+')


def _escape(character: str) -> str:
    if character in ("\\", '"'):
        return "\\" + character
    return _NAMED.get(character) or f"\\u{ord(character):04X}"


def single_line(text: str) -> str:
    """The body of a one-line basic string (between its quotes) for ``text``."""
    return _SINGLE.sub(lambda match: _escape(match.group()), text)


def multi_line(text: str) -> str:
    """The body of a multi-line basic string (between its triple quotes) for ``text``,
    beginning with the line break TOML drops after the opening quotes."""
    body = _MULTI.sub(lambda match: _escape(match.group()), text)

    def quotes(match: re.Match[str]) -> str:
        run = match.group()
        # One or two quotes stand as they are, except where they would touch the
        # closing delimiter; three or more would close the string.
        if len(run) >= 3 or match.end() == len(body):
            return '\\"' * len(run)
        return run

    return "\n" + _QUOTES.sub(quotes, body)


def toml_string(text: str, *, inline: bool) -> String:
    """A tomlkit string item for ``text``: multi-line when it has line breaks and does
    not stand in an inline table (``{ en = "...", fr = "..." }``)."""
    if "\n" in text and not inline:
        return String(StringType.MLB, text, multi_line(text), Trivia())
    return String(StringType.SLB, text, single_line(text), Trivia())
