"""Soft hyphens (U+00AD) from hyphenation dictionaries, where a narrow line needs them.

When: the Smithsonian Guidelines for Accessible Exhibition Design ask for ragged-right
text without hyphenation, and at the kiosk's measure of 45-60 characters a line words
fit well without it. So reading text is hyphenated only where lines are short:

- below ``NARROW`` characters a line (timeline columns, captions beside a picture, a
  portrait panel's small boxes) in every language with a dictionary;
- below ``LONG_WORDS_NARROW`` in languages whose words run long (German, Finnish,
  Hungarian, Dutch, Russian, Azerbaijani ...), where a ragged edge gets deep quickly.

Where: only in words of at least ``MIN_WORD`` letters, never in a word holding a digit
("1990-cı"), never in a capitalised word (a name: "Vaşinqtondakı"), except in languages
that capitalise every noun (German), never in the last word of a paragraph, and at
least ``EDGE`` letters from either end. Headings are never hyphenated: kiosk.ui.text
hyphenates a block only when its style asks (``Style.hyphenate``).

Dictionaries: pyphen's (LibreOffice's hyphenation patterns). pyphen has none for
Azerbaijani or Turkish; their syllables follow one regular rule (a syllable boundary
comes before every consonant followed by a vowel: "müs-tə-qil-li-yi-ni"), written here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

import pyphen

from kiosk.text.breaks import (
    CAPITALISED_NOUNS,
    INSERTED,
    SOFT_HYPHEN,
    TYPESET_CACHE,
    base_language,
)

#: Below this many characters a line, words are hyphenated in every language we can.
NARROW = 32
#: Below this many, in languages with long words.
LONG_WORDS_NARROW = 42
LONG_WORDS = frozenset(
    {"de", "fi", "hu", "et", "nl", "da", "sv", "nb", "nn", "ru", "uk", "be", "az", "tr"}
    | {"ka", "hy", "lt", "lv", "el", "is"}
)
#: The shortest word worth a hyphen, and the fewest letters left on either side of one.
MIN_WORD = 7
EDGE = 3

_TURKIC = frozenset({"az", "tr"})
_VOWELS = frozenset("aeıioöuüəâîûAEIİOÖUÜƏÂÎÛ")
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\s\u00a0]+")

Splitter = Callable[[str], list[int]]


def _turkic_positions(word: str) -> list[int]:
    """Where an Azerbaijani or Turkish word may break: before each consonant that is
    followed by a vowel, when a vowel comes before it too ("xə-bər-dar-lıq")."""
    return [
        index
        for index in range(1, len(word) - 1)
        if word[index] not in _VOWELS
        and word[index + 1] in _VOWELS
        and any(character in _VOWELS for character in word[:index])
    ]


@lru_cache(maxsize=32)
def _splitter(language: str) -> Splitter | None:
    """Break positions in a word for ``language``, or None without a dictionary."""
    base = base_language(language)
    if base in _TURKIC:
        return _turkic_positions
    code = pyphen.language_fallback(language.replace("-", "_"))
    if code is None:
        return None
    dictionary = pyphen.Pyphen(lang=code, left=EDGE, right=EDGE)
    return dictionary.positions


def can_hyphenate(language: str) -> bool:
    """True when there is a dictionary (or rule) for ``language``."""
    return bool(language) and _splitter(language) is not None


def needs_hyphens(language: str, characters_per_line: float) -> bool:
    """Whether reading text in ``language`` at this line length is hyphenated."""
    if not can_hyphenate(language):
        return False
    limit = LONG_WORDS_NARROW if base_language(language) in LONG_WORDS else NARROW
    return characters_per_line < limit


@lru_cache(maxsize=TYPESET_CACHE)
def hyphenate(text: str, language: str) -> str:
    """``text`` (one paragraph) with soft hyphens where ``language`` allows a break in
    its long words (see the module for which words)."""
    split = _splitter(language) if language else None
    if split is None:
        return text
    names_allowed = base_language(language) in CAPITALISED_NOUNS

    def word(match: re.Match[str]) -> str:
        letters = match.group()
        if len(letters) < MIN_WORD or letters.isupper():
            return letters
        if letters[0].isupper() and not names_allowed:
            return letters
        cuts = [cut for cut in split(letters) if EDGE <= cut <= len(letters) - EDGE]
        pieces = [letters[start:end] for start, end in pairwise([0, *cuts, len(letters)])]
        return SOFT_HYPHEN.join(pieces)

    tokens = list(_TOKEN.finditer(text))
    out: list[str] = []
    position = 0
    for token in tokens[:-1]:  # never the last word of a paragraph
        out.append(text[position : token.start()])
        position = token.end()
        chunk = token.group()
        tied = any(character in INSERTED for character in chunk)  # "press-reliz", "23-cü"
        if tied or any(character.isdigit() for character in chunk):
            out.append(chunk)
        else:
            out.append(_WORD.sub(word, chunk))
    out.append(text[position:])
    return "".join(out)
