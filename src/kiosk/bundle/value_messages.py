"""Pydantic's words for a wrong value ("input should be ...", "... after validation"), said
the way a curator understands them: what the key takes, and what to change."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.bundle import suggest
from kiosk.bundle.locate import KeyPath

#: Said of a focal point, whatever is wrong in it.
FOCAL = (
    "must be [x, y]: two fractions from 0 to 1, measured from the picture's top-left "
    "corner, e.g. [0.5, 0.25]"
)

#: An example for a list that must not be empty, by its key.
_NOT_EMPTY = {
    "screens": 'name at least one screen, e.g. screens = ["1920x1080"]',
    "languages": 'name at least one language, e.g. languages = ["en"]',
    "slides": "give at least one slide, each begun with [[slides]]",
    "events": "give at least one event, each begun with [[slides.events]]",
    "figures": "give at least one figure, each begun with [[slides.figures]]",
}


def focal_message(value: object) -> str:
    """The one message for a focal point that is not two fractions, with the slip when
    it shows (percentages, quotes, a table, a count other than two)."""
    if isinstance(value, dict):
        return f"{FOCAL}; it is a list in square brackets, not a table {{ ... }}"
    if not isinstance(value, list):
        return FOCAL
    if len(value) != 2:
        return f"{FOCAL}; it has {len(value)} number{'s' if len(value) != 1 else ''}"
    if any(isinstance(item, str) for item in value):
        return f"{FOCAL}; write the numbers without quotes"
    if any(isinstance(item, bool) for item in value):
        return FOCAL
    numbers = [item for item in value if isinstance(item, int | float)]
    if numbers and all(0 <= item <= 100 for item in numbers) and any(item > 1 for item in numbers):
        written = ", ".join(f"{item / 100:g}" for item in numbers)
        return f"{FOCAL}; for percentages, write [{written}]"
    return FOCAL


def plain_message(
    path: KeyPath, kind: str, detail: Mapping[str, Any], data: Mapping[str, Any]
) -> str | None:
    """A curator's message for pydantic's error ``kind`` at ``path``, or None."""
    context = detail.get("ctx") or {}
    value = detail.get("input")
    key = path[-1] if path and isinstance(path[-1], str) else "key"
    if kind == "float_type":
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
            return f"must be a number, without quotes: {key} = {value.strip()}"
        return "must be a number, e.g. 12 or 12.5 (without quotes)"
    if kind == "bool_type":
        written = {"yes": "true", "no": "false", "on": "true", "off": "false"}.get(
            str(value).strip().lower(), str(value).strip().lower()
        )
        if written in ("true", "false"):
            return f"must be true or false, without quotes: {key} = {written}"
        return f"must be true or false, without quotes, e.g. {key} = true"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(context[name] for name in ("ge", "gt", "le", "lt") if name in context)
        side = "more" if kind.startswith("greater") else "less"
        return f"must be {_number(bound)} or {side}, not {_number(value)}"
    if kind == "too_short":
        if isinstance(value, dict):
            return 'is empty: give a text in each language, e.g. { en = "..." }'
        return f"is empty: {_NOT_EMPTY.get(key, 'give at least one')}"
    if kind == "too_long":
        return (
            f"holds {context.get('actual_length', 'too many')}; "
            f"it may hold at most {context.get('max_length')}"
        )
    if kind == "string_too_long":
        return f"is too long: at most {context.get('max_length')} characters"
    if kind == "string_too_short":
        return "is empty: write it in the quotes"
    if kind == "literal_error":
        return _choice_message(str(context.get("expected", "")), value)
    return None


def _number(value: object) -> str:
    """12.0 -> "12": a number as a curator writes it."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _choice_message(expected: str, value: object) -> str:
    """One of a few words ("contain" or "cover"): the words, and the slip when it shows."""
    choices = re.findall(r"'([^']*)'", expected)
    said = " or ".join(f'"{choice}"' for choice in choices)
    message = f"must be {said}"
    if not isinstance(value, str):
        return f"{message}, in quotes"
    stripped = value.strip()
    if stripped != value and stripped in choices:
        return f'{message}: write "{stripped}", without the space'
    lower = stripped.lower()
    if lower != stripped and lower in choices:
        return f'{message}, in lower case: "{lower}"'
    guess = suggest.closest(stripped, choices, cutoff=0.6)
    return f'{message}: did you mean "{guess}"?' if guess else message
