"""Where a line must not break: a language's no-break rules, applied to plain text.

A line break between "23-" and "cü", "demək olar" and "ki,", "Sovet" and "İttifaqının",
"press-" and "reliz", or "20" and "January" makes a reader stop and rejoin what belongs
together. ``keep_together`` marks those places with characters that every layout engine
honours and that draw nothing of their own:

- U+00A0 NO-BREAK SPACE instead of a space (same width as a space in every face);
- U+2060 WORD JOINER after a hyphen that must not end a line. The curator's own hyphen
  is kept, so its glyph stays the face's: U+2011 NON-BREAKING HYPHEN would be the
  alternative, but the Armenian, Georgian and Hebrew Noto faces lack it and Qt would
  take the hyphen from another face. A word joiner is default-ignorable: nothing is
  drawn even where a face has no glyph for it (tests/ui/test_text_breaks.py).

The bundle's text stays as the curator wrote it; kiosk.ui.text applies these rules at
layout time, per paragraph, in the text's language, and passes ``max_run`` (about the
characters a line holds) so that no glued run is longer than a line: when it would be,
the weakest ties in it are let go first.

Every function here is plain ``str -> str``: the output differs from the input only by
spaces turned into no-break spaces and by inserted word joiners (and, in
kiosk.text.hyphenate, soft hyphens), so a caller can map it back onto formatted text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kiosk.text.languages import locale_of, script

NO_BREAK_SPACE = "\u00a0"
WORD_JOINER = "\u2060"
SOFT_HYPHEN = "\u00ad"
#: What these rules insert or substitute, and nothing else.
INSERTED = frozenset({WORD_JOINER, SOFT_HYPHEN})

#: Languages whose nouns are capitalised: two capitalised words there are no name.
CAPITALISED_NOUNS = frozenset({"de", "lb"})
#: Languages that inflect by suffixes written onto the word ("yanvarın", "20-də"),
#: so a month name may carry one and still be the month.
SUFFIXING = frozenset({"az", "tr", "tk", "uz", "kk", "ky", "tt", "ba", "fi", "et", "hu"})
#: Particles written as words of their own that belong to the word before them
#: (Azerbaijani and Turkish "demək olar ki", "həm də", "gəlir mi").
PARTICLES: dict[str, frozenset[str]] = {
    "az": frozenset({"ki", "da", "də", "mi", "mı", "mu", "mü"}),
    "tr": frozenset({"ki", "da", "de", "mi", "mı", "mu", "mü"}),
}
#: Scripts written without spaces between words: no word rules apply.
UNSPACED_SCRIPTS = frozenset({"Hans", "Hant", "Jpan", "Kore", "Thai", "Laoo", "Khmr", "Mymr"})

#: Words of at most this many letters go to the next line with the word after them.
SHORT_WORD = 2
#: Two capitalised words are kept together as a name when together at most this long
#: ("Sovet İttifaqının", "Human Rights Watch"; not "Azərbaycan Respublikasının").
NAME_CHARACTERS = 20
#: A hyphenated compound this short, or with a part this short, never breaks at its
#: hyphen ("press-reliz", "press-relizindən"); longer ones with long parts may.
COMPOUND_CHARACTERS = 18
COMPOUND_PART = 5

# How strongly a tie holds; the weakest are let go first when a run is too long.
_NAME, _SHORT, _STRONG = 1, 2, 3

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def core(self) -> str:
        """The word without the punctuation around it ("“Post”," -> "Post")."""
        return _strip_punctuation(self.text)

    @property
    def ends_phrase(self) -> bool:
        """True when punctuation follows the word's letters ("olar," "1990.")."""
        return bool(self.text) and _is_punctuation(self.text[-1]) and self.core != ""


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character)[0] in "PS"


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_punctuation(text[start]):
        start += 1
    while end > start and _is_punctuation(text[end - 1]):
        end -= 1
    return text[start:end]


def base_language(language: str) -> str:
    """The language subtag of a code, lower case ("az-Latn-AZ" -> "az")."""
    return language.replace("_", "-").split("-")[0].lower()


def _is_number(core: str) -> bool:
    return bool(core) and unicodedata.decimal(core[0], None) is not None


def _is_letters(core: str) -> bool:
    return bool(core) and all(character.isalpha() for character in core)


def _capitalised(core: str) -> bool:
    return bool(core) and core[0].isupper()


@lru_cache(maxsize=64)
def _months(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """CLDR's month names for ``language``, lower case: (wide, abbreviated)."""
    locale = locale_of(language)
    wide: set[str] = set()
    short: set[str] = set()
    if locale is not None:
        for context in ("format", "stand-alone"):
            names = locale.months.get(context, {})
            for width, found in (("wide", wide), ("abbreviated", short)):
                table = names.get(width, {})
                for number in range(1, 13):
                    name = table.get(number)
                    if name:
                        found.add(name.lower())
    return frozenset(wide), frozenset(short - wide)


def is_month(word: str, language: str) -> bool:
    """True for a month's name in ``language`` as CLDR gives it ("January", "yanvar",
    "Jan."), or, in a suffixing language, with a suffix ("yanvarın")."""
    core = _strip_punctuation(word).lower()
    wide, short = _months(language)
    if core in wide or core in short or core.rstrip(".") in short:
        return True
    if base_language(language) in SUFFIXING:
        return any(core.startswith(name) and len(core) - len(name) <= 4 for name in wide)
    return False


def _tie(first: _Word, second: _Word, language: str) -> int:
    """How strongly the space between two words holds (0: a line may break there)."""
    a, b = first.core, second.core
    if not a or not b:
        return 0
    base = base_language(language)
    if b.lower() in PARTICLES.get(base, ()) and not first.ends_phrase:
        return _STRONG  # "olar ki,"
    if re.fullmatch(r"(\w\.)+", first.text) and first.text[0].isupper():
        return _STRONG  # initials: "J. Smith", "J.R.R. Tolkien"
    month_a, month_b = is_month(a, language), is_month(b, language)
    if re.fullmatch(r"\d{1,2}\.?", first.text) and month_b:
        return _STRONG  # "20 January", "20. Januar"
    if first.ends_phrase:
        return 0
    year = len(a) == 4 and a.isdigit()
    if _is_number(a) and not year and (b[0].islower() or base in CAPITALISED_NOUNS):
        return _STRONG  # "133 people", "1990-cı il", "700 nəfər", "133 Menschen"
    if _is_number(a) and _is_number(b) and len(b) == 3 and b.isdigit() and len(a) <= 3:
        return _STRONG  # digit groups: "1 000"
    if month_a and _is_number(b):
        # "January 20", "yanvarın 20-də": the day; "October 1991": only the year.
        return _NAME if len(b) == 4 and b.isdigit() else _STRONG
    if (
        len(a) <= SHORT_WORD
        and _is_letters(a)
        and a.lower() not in PARTICLES.get(base, ())
        and b[0].isalnum()
    ):
        return _SHORT  # "of the", "a warning", "və tanklar"
    if (
        base not in CAPITALISED_NOUNS
        and _capitalised(a)
        and _capitalised(b)
        and _is_letters(a)
        and len(first.text) + 1 + len(second.text) <= NAME_CHARACTERS
    ):
        return _NAME  # "Sovet İttifaqının", "Soviet Union"
    return 0


def _joined_hyphens(word: str, max_run: int | None) -> str:
    """``word`` with a word joiner after each hyphen a line must not break at: after a
    number ("23-cü", "1990-cı"), and in short compounds ("press-reliz")."""
    if "-" not in word or WORD_JOINER in word:
        return word
    core = _strip_punctuation(word)
    parts = core.split("-")
    compound = (
        all(_is_letters(part) for part in parts)
        and len(parts) > 1
        and (len(core) <= COMPOUND_CHARACTERS or min(map(len, parts)) <= COMPOUND_PART)
        and (max_run is None or len(core) <= max_run)
    )
    out = []
    for index, character in enumerate(word):
        out.append(character)
        if character != "-" or index + 1 >= len(word):
            continue
        before, after = word[index - 1] if index else "", word[index + 1]
        after_number = bool(before) and unicodedata.decimal(before, None) is not None
        letters = before.isalpha() and after.isalpha()
        if (after_number and after.isalpha()) or (compound and letters):
            out.append(WORD_JOINER)
    return "".join(out)


#: Paragraphs are set again at every size a block tries: their ties are worked out once.
#: A few hundred paragraphs (about 1 MB at most).
TYPESET_CACHE = 512


@lru_cache(maxsize=TYPESET_CACHE)
def keep_together(text: str, language: str, max_run: int | None = None) -> str:
    """``text`` with its no-break rules applied for ``language`` (see the module).

    ``max_run``: the most characters a glued run may hold (about a line's worth);
    None for no limit. Only single spaces between words become no-break spaces: line
    and paragraph separators and the curator's own no-break spaces stay as they are.
    """
    if not text or script(language) in UNSPACED_SCRIPTS:
        return text
    words = [_Word(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
    ties = [
        _tie(first, second, language) if text[first.end : second.start] == " " else 0
        for first, second in pairwise(words)
    ]
    for index in range(1, len(ties)):
        if ties[index] == _SHORT and ties[index - 1] == _STRONG:
            ties[index] = 0  # "2013-cü il": the short word belongs to the one before
    if max_run is not None:
        _loosen(words, ties, max_run)
    out: list[str] = []
    position = 0
    for index, word in enumerate(words):
        out.append(text[position : word.start])
        out.append(_joined_hyphens(word.text, max_run))
        position = word.end
        if index < len(ties) and ties[index]:
            out.append(NO_BREAK_SPACE)
            position += 1
    out.append(text[position:])
    return "".join(out)


def _loosen(words: list[_Word], ties: list[int], max_run: int) -> None:
    """Let go of the weakest ties in every run longer than ``max_run`` characters."""
    while True:
        run_start, worst = 0, None
        for index in range(len(words)):
            if index < len(ties) and ties[index]:
                continue
            length = words[index].end - words[run_start].start
            if length > max_run and index > run_start:
                worst = (run_start, index)
                break
            run_start = index + 1
        if worst is None:
            return
        start, end = worst
        weakest = min(range(start, end), key=lambda tie: (ties[tie], tie))
        ties[weakest] = 0


def last_words_together(text: str) -> str:
    """``text`` with its last two words tied (the last space of it made no-break):
    a paragraph does not end on a line holding one word."""
    words = list(_WORD.finditer(text))
    if len(words) < 2:
        return text
    gap = words[-1].start() - 1
    if text[gap] != " ":
        return text
    return text[:gap] + NO_BREAK_SPACE + text[gap + 1 :]
