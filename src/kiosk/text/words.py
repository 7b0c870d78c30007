"""The kiosk's own words (the idle prompt, the buttons, the holding and staff screens),
per language, from resources/words/<code>.toml.

Three groups, as in each file:

- ``visitor``: what visitors read or hear. A bundle may give or change them per
  language in ``[ui.<code>]``; a bundle language needs every one of them, from this
  folder or from the bundle (``kiosk validate`` refuses it otherwise).
- ``holding``: the holding screen, which is shown exactly when no bundle can be read,
  so it can only ever use the kiosk's own words.
- ``staff``: the PIN pad, the staff menu and Diagnostics. Never a bundle's: they are the
  way out of the kiosk, and a bundle (from a curator, or hostile) must not be able to
  relabel *Exit kiosk* as *Resume*, nor leave staff without words.

A region variant uses its language's words only when it is written in the same script
(CLDR's likely script): ``fr-CA`` takes ``fr``, but ``zh-TW`` (Traditional) never takes
the Simplified ``zh``, nor ``az-Arab`` the Latin ``az``.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from kiosk.paths import resource_path

Group = Literal["visitor", "holding", "staff"]
GROUPS: tuple[Group, ...] = ("visitor", "holding", "staff")
ENGLISH = "en"
#: Where docs/curators.md explains the [ui] table; named in validate's messages.
GUIDE = 'docs/curators.md, "The kiosk\'s own words"'

_Words = dict[str, dict[str, str]]  # group -> key -> text


@lru_cache(maxsize=1)
def _files() -> dict[str, _Words]:
    """Every shipped language's words (read once; ten small files)."""
    folder = resource_path("words")
    found: dict[str, _Words] = {}
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = {
            group: {key: text for key, text in data.get(group, {}).items() if isinstance(text, str)}
            for group in GROUPS
        }
    return found


def builtin_languages() -> tuple[str, ...]:
    """The languages the kiosk has words of its own for."""
    return tuple(_files())


def keys(group: Group = "visitor") -> tuple[str, ...]:
    """A group's keys, in English's order: English declares them."""
    return tuple(_files()[ENGLISH][group])


def english(key: str) -> str:
    return _files()[ENGLISH][group_of(key)][key]


def group_of(key: str) -> Group:
    for group in GROUPS:
        if key in _files()[ENGLISH][group]:
            return group
    raise KeyError(f"{key!r} is not one of the kiosk's words")


@lru_cache(maxsize=256)
def words_language(code: str) -> str | None:
    """The shipped language whose words serve ``code``: itself, or its language when
    written in the same script (fr-CA -> fr; zh-TW -> None); None when none does."""
    files = _files()
    if code in files:
        return code
    base = code.replace("_", "-").split("-")[0].lower()
    if base not in files:
        return None
    from kiosk.text.languages import same_language  # Babel: only for a code not shipped

    return base if same_language(code, base) else None


def builtin(code: str, group: Group = "visitor") -> dict[str, str]:
    """The shipped words of ``group`` that serve ``code`` (empty when none do)."""
    shipped = words_language(code)
    return dict(_files()[shipped][group]) if shipped is not None else {}


#: Visitor words only a bundle with film or sound shows (its captions and Listen buttons):
#: a bundle without media need not translate them.
MEDIA_WORDS = frozenset({"captions", "listen"})


def missing(
    code: str, supplied: Mapping[str, str] | None = None, *, media: bool = True
) -> list[str]:
    """The visitor words that neither the kiosk nor ``supplied`` (a bundle's
    ``[ui.<code>]``) gives for ``code``, in English's order; those of
    :data:`MEDIA_WORDS` only for a bundle with ``media``."""
    have = builtin(code).keys() | (supplied or {}).keys()
    return [key for key in keys("visitor") if key not in have and (media or key not in MEDIA_WORDS)]


def word(key: str, language: str, ui: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """``key`` in ``language``: the bundle's ``ui`` words first (visitor words only),
    then the kiosk's own, then English (which a validated bundle never needs for
    visitor words)."""
    group = group_of(key)
    if group == "visitor" and ui is not None:
        given = ui.get(language, {}).get(key)
        if given:
            return given
    return builtin(language, group).get(key) or english(key)


def staff_word(key: str, language: str, **numbers: int) -> str:
    """A staff screen's ``key`` in ``language`` (English where the kiosk has none), with
    its ``{placeholders}`` filled in."""
    text = word(key, language)
    return text.format(**numbers) if numbers else text


def unknown_key_message(key: str) -> str:
    """Why ``key`` may not stand in a ``[ui.<code>]`` table, with a suggestion."""
    if key in keys("staff") or key in keys("holding"):
        return (
            f'"{key}" is one of the kiosk\'s own staff or holding-screen words, which a '
            "bundle cannot change"
        )
    allowed = keys("visitor")
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return f'unknown word "{key}": {hint}the words a bundle can give are {", ".join(allowed)}'


def missing_message(code: str, absent: list[str], *, has_table: bool) -> str:
    """What ``kiosk validate`` says of a bundle language lacking visitor words."""
    listed = ", ".join(absent)
    if has_table:
        return f"the [ui.{code}] table lacks {listed}: add them to it (see {GUIDE})"
    return (
        f'the kiosk has no words of its own in "{code}": add a [ui.{code}] table to '
        f'bundle.toml with these keys, each in "{code}": {listed} (see {GUIDE})'
    )
