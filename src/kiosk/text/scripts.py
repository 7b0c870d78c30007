"""Which scripts a text is written in, per character, from the Unicode data."""

from __future__ import annotations

from fontTools import unicodedata

#: Scripts that are not a script of their own: digits, punctuation, spaces, marks that
#: take the script of the letter they follow.
NEUTRAL = frozenset({"Zyyy", "Zinh", "Zzzz"})

#: Scripts with a tradition of italic type. Anything else is never slanted: emphasis
#: and quotations are set by weight or colour (a slanted Arabic or Chinese text is wrong).
ITALIC_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})


def script_of(character: str) -> str:
    return unicodedata.script(character)


def scripts_in(text: str) -> set[str]:
    """The scripts of ``text``'s letters (not of its digits, spaces or punctuation)."""
    return {code for code in map(unicodedata.script, set(text)) if code not in NEUTRAL}


def can_be_italic(text: str) -> bool:
    """True when every script in ``text`` has italics (a text of digits only has)."""
    return scripts_in(text) <= ITALIC_SCRIPTS
