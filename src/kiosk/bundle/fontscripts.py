"""Whether a bundle's font for a script has letters of that script, from its character
map alone (fontTools, no Qt): a Latin font named for Arabic would otherwise pass, and
the kiosk's own Arabic face would set the text without a word."""

from __future__ import annotations

import io

from fontTools import unicodedata

from kiosk.text.fonts import script_name

#: Characters that stand for a script: letters, digits and symbols (Braille has only
#: symbols); marks only go with letters.
_STANDING = frozenset("LNS")


def script_letters_problem(data: bytes, script: str) -> str | None:
    """Why the font ``data`` cannot be the face for ``script`` (a phrase that follows
    the file's name), or None. Reads the character map only, lazily."""
    from fontTools.ttLib import TTFont  # only a bundle with per-script fonts pays for it

    try:
        font = TTFont(io.BytesIO(data), fontNumber=0, lazy=True)
        cmap = font.getBestCmap() or {}
    except Exception:  # noqa: BLE001 - any fault of a hostile file is a refusal
        return "has no character map that can be read"
    for code in cmap:
        character = chr(code)
        if (
            unicodedata.category(character)[0] in _STANDING
            and unicodedata.script(character) == script
        ):
            return None
    return f"has no letters of the {script_name(script).replace('_', ' ')} script"
