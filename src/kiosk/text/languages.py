"""Facts about a language, from CLDR (through Babel) rather than from a hand table.

A bundle may use any BCP 47 code ("fa", "zh-Hant", "ku-Arab"); a code CLDR does not
know is treated as left to right, in an unknown script, named by its code.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global

Direction = Literal["ltr", "rtl"]


@lru_cache(maxsize=256)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def locale_of(code: str) -> Locale | None:
    """CLDR's locale for a language code, or None when CLDR does not know it."""
    return _locale(code)


def _named_script(code: str) -> str | None:
    """The script subtag the code itself gives ("sr-Latn" -> "Latn"), if any."""
    subtags = code.replace("_", "-").split("-")
    named = [tag.title() for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    return named[0] if named else None


@lru_cache(maxsize=256)
def script(code: str) -> str | None:
    """The ISO 15924 script a language is written in ("Arab", "Latn", "Hans"), as the
    code says ("sr-Latn") or as CLDR's likely subtags expect ("fa" -> fa_Arab_IR)."""
    if named := _named_script(code):
        return named
    locale = _locale(code)
    if locale is None:
        return None
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (str(locale), locale.language):
        if key in likely:
            parts = likely[key].split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return parts[1]
    return None


@lru_cache(maxsize=256)
def direction(code: str) -> Direction:
    """ "rtl" for a language written right to left (fa, ar, he, ur, ps, ckb, ku-Arab ...).

    A script subtag in the code decides ("ku-Arab" and "az-Arab" right to left,
    "ar-Latn" left to right): the direction of the locale CLDR most likely writes that
    script in ("und_Arab" -> ar). Otherwise, CLDR's character order for the locale.
    """
    locale = _locale(code)
    if named := _named_script(code):
        likely = get_global("likely_subtags")
        # No entry means the default locale's script ("und" -> en_Latn_US for Latin).
        locale = _locale(likely.get(f"und_{named}") or likely.get("und", "en")) or locale
    if locale is not None and locale.character_order == "right-to-left":
        return "rtl"
    return "ltr"


def same_language(first: str, second: str) -> bool:
    """True when two codes are one language in one script ("fa" and "fa-IR", "az" and
    "az-Latn"), so a reader of one reads the other; "zh" and "zh-Hant" are not."""
    base = first.replace("_", "-").split("-")[0].lower()
    other = second.replace("_", "-").split("-")[0].lower()
    return base == other and script(first) == script(second)


@lru_cache(maxsize=256)
def native_name(code: str, among: tuple[str, ...] = ()) -> str:
    """The language's name in itself, as CLDR gives it ("فارسی", "Français"): for a
    stand-alone menu entry, so a lower-case first letter is raised, as CLDR's
    ``uiListOrMenu`` context asks for most languages (a no-op in caseless scripts).

    The region is named only when ``among`` (the other languages on offer) holds the
    same language for another region ("Português (Brasil)" beside "pt-PT"): "fa-IR"
    alone is just "فارسی".
    """
    locale = _locale(code)
    if locale is None:
        return code
    twins = [other for other in among if other != code and same_language(other, code)]
    if locale.territory and not twins:
        with contextlib.suppress(UnknownLocaleError, ValueError):
            locale = Locale(locale.language, script=locale.script)
    name = locale.get_display_name(locale)
    if not name:
        return code
    return name[:1].upper() + name[1:] if name[:1].islower() else name


@lru_cache(maxsize=256)
def list_separator(code: str) -> str:
    """What separates two items in a run of text ("Someone, 1990"): CLDR's list
    separator for the language ("، " in Persian, "、" in Japanese), unless CLDR writes
    a conjunction there (Arabic lists use "و", and): then the script's comma."""
    locale = _locale(code)
    pattern = ""
    if locale is not None:
        standard = locale.list_patterns.get("standard", {})
        pattern = standard.get("middle") or standard.get("start") or ""
    separator = pattern.replace("{0}", "").replace("{1}", "")
    if separator and not any(character.isalpha() for character in separator):
        return separator
    return "، " if script(code) == "Arab" else ", "
