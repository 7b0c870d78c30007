"""By how much a text does not fit, in words a curator can act on (plain Python).

A slide renderer shrinks a text that is too long down to the smallest type the kiosk
allows; a text that still does not fit is measured there (``kiosk.ui.overflow``) and
said here: how many pixels it lacks, about how many lines that is, and about how many
words to cut. The estimate counts the words of an average line of the text as laid
out, so it is honest to a line or so, not to the word.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Fewer words than this to a line: the language is written without spaces between
#: words (Chinese, Japanese, Thai), and the amount to cut is said in characters.
FEW_WORDS_A_LINE = 2.0
_SIMPLE_NAME = re.compile(r"^[a-z_]+$")


@dataclass(frozen=True)
class Excess:
    """How a laid-out text exceeds the room it has, in pixels of the screen."""

    #: How much taller than its room it is, at the smallest type size.
    taller: float = 0.0
    #: How much wider than its column its widest word is (a word is never broken).
    wider: float = 0.0
    #: That word.
    word: str = ""
    #: The height of one of its lines, and what an average line holds.
    line_height: float = 0.0
    words_per_line: float = 0.0
    characters_per_line: float = 0.0
    #: Pushed out of the slide's safe area, or into its source line, by the texts above
    #: it (each fitted on its own): ``taller`` is how far it reaches out.
    outside: bool = False


def _the(name: str) -> str:
    return f"the {name}" if _SIMPLE_NAME.match(name) else name


def _lines(excess: Excess) -> float:
    return excess.taller / excess.line_height if excess.line_height > 0 else 0.0


def _whole(lines: float) -> int:
    """Lines to free: a text a few pixels too tall still needs a whole line less."""
    return max(1, math.ceil(lines - 0.05))


def _about_lines(lines: float) -> str:
    count = _whole(lines)
    return f"about {count} line{'s' if count != 1 else ''}"


def _cut(lines: float, excess: Excess) -> str:
    """About how much to shorten a text by to free ``lines`` lines of it: that many
    average lines of its words (or characters)."""
    lines = _whole(lines)
    if excess.words_per_line >= FEW_WORDS_A_LINE:
        count = max(1, math.ceil(lines * excess.words_per_line))
        return f"about {count} word{'s' if count != 1 else ''}"
    count = max(1, math.ceil(lines * excess.characters_per_line))
    return f"about {count} character{'s' if count != 1 else ''}"


def describe(name: str, excess: Excess | None) -> str:
    """What is wrong with the text placed as ``name`` (``body``, ``events[2].text``)
    and what to do, e.g. "the body is 212 px too tall even in the smallest type: about
    3 lines; shorten it by about 40 words"."""
    the = _the(name)
    if excess is None:
        return f"{the} does not fit"
    said = []
    if excess.outside and excess.taller > 0:
        lines = _lines(excess)
        amount = f" ({_about_lines(lines)} of it)" if lines else ""
        said.append(
            f"{the} is pushed {excess.taller:.0f} px out of the slide's area{amount}: "
            "shorten this slide's texts"
        )
    elif excess.taller > 0:
        lines = _lines(excess)
        text = f"{the} is {excess.taller:.0f} px too tall even in the smallest type"
        if lines:
            text += f": {_about_lines(lines)}; shorten it by {_cut(lines, excess)}"
        said.append(text)
    if excess.outside and excess.wider > 0:
        said.append(
            f"{the} reaches {excess.wider:.0f} px beyond the side of the slide's area: "
            "shorten this slide's texts"
        )
    elif excess.wider > 0:
        word = f'the word "{excess.word}"' if excess.word else "a word"
        said.append(
            f"{word} in {name} is {excess.wider:.0f} px wider than its column even in the "
            "smallest type: use a shorter word, or one with a hyphen it may break at"
        )
    return "; ".join(said) if said else f"{the} does not fit"
