"""What the preview tells the curator, attached to the slide it concerns (plain Python).

Validation problems and warnings carry a key such as ``slides[3].heading`` (the fourth
slide: indices count from 0); the layout lint and overflow name their slide by number
(from 1). Messages with no slide (a TOML syntax error, the bundle's title) concern the
whole bundle and are shown with every slide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath

from kiosk.bundle.errors import Problem

_SLIDE_KEY = re.compile(r"^slides\[(\d+)\]")


class Kind(Enum):
    """How serious a message is, in the words the preview shows."""

    PROBLEM = "problem"  # the bundle is refused until it is fixed
    WARNING = "warning"  # the loader's: shown anyway, worth knowing
    LAYOUT = "layout"  # the layout lint's, or text that does not fit, at this screen


@dataclass(frozen=True)
class Message:
    kind: Kind
    text: str
    #: The slide's index (from 0), or None for the whole bundle.
    slide: int | None = None

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.text}"


def slide_of(key: str | None) -> int | None:
    """The index of the slide a problem's key names: 'slides[3].heading' -> 3."""
    found = _SLIDE_KEY.match(key or "")
    return int(found[1]) if found else None


def from_problems(problems: Iterable[Problem], kind: Kind) -> list[Message]:
    """Loader problems or warnings as messages, by their key's slide, each naming its
    file (without the folder: the preview shows which bundle it is) and line."""
    messages = []
    for problem in problems:
        where = PurePath(problem.file).name if problem.file else "bundle"
        if problem.line:
            where += f", line {problem.line}"
            if problem.column:
                where += f", column {problem.column}"
        what = f"{problem.key}: {problem.message}" if problem.key else problem.message
        messages.append(Message(kind, f"{where}: {what}", slide_of(problem.key)))
    return messages


def for_slide(messages: Sequence[Message], index: int) -> list[Message]:
    """The messages of slide ``index``, then those of the whole bundle."""
    return [m for m in messages if m.slide == index] + [m for m in messages if m.slide is None]


def elsewhere(messages: Sequence[Message], index: int) -> int:
    """How many messages concern other slides."""
    return sum(1 for message in messages if message.slide is not None and message.slide != index)


def count_by_slide(messages: Iterable[Message]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for message in messages:
        if message.slide is not None:
            counts[message.slide] = counts.get(message.slide, 0) + 1
    return counts


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
