"""Numbers in the digits a language writes them with: CLDR's default numbering system
("۲۰" in Persian, "২০" in Bengali, "20" in Arabic as CLDR has it, and in English)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools.unicodedata import script as script_of

from kiosk.text.languages import locale_of


@lru_cache(maxsize=64)
def _zero(system: str) -> str | None:
    """The digit zero of a CLDR numbering system, or None for Latin digits.

    CLDR names a numeric system after its script ("deva", "beng", "mymr"); the Arabic
    script has two, "arab" (U+0660) and "arabext" (U+06F0, Persian and Urdu).
    """
    if system == "latn":
        return None
    script = "Arab" if system.startswith("arab") else system.title()
    zeros = [
        character
        for character in map(chr, range(0x0660, 0x20000))
        if unicodedata.decimal(character, None) == 0 and script_of(character) == script
    ]
    index = 1 if system == "arabext" else 0
    return zeros[index] if len(zeros) > index else None


@lru_cache(maxsize=64)
def _digits(code: str) -> dict[int, str]:
    locale = locale_of(code)
    zero = _zero(locale.default_numbering_system) if locale is not None else None
    if zero is None:
        return {}
    return {ord("0") + value: chr(ord(zero) + value) for value in range(10)}


def in_digits_of(text: str, code: str) -> str:
    """``text`` with its ASCII digits written as the language ``code`` writes them."""
    return text.translate(_digits(code))
