"""Font chains per script: which faces set a text, after the role's own face.

A text block is set in its role's face (heading or body); the letters that face has no
glyph for fall through a chain of families chosen for the scripts the text is written
in: the bundle's own font for that script, then a face the kiosk ships, then the
system's usual faces (language-aware for Chinese, Japanese and Korean, whose Han
characters are drawn differently in each). Qt draws each glyph from the first family
in the chain that has it, then from whatever the system's fallback finds.

These are the rules only; registering files and building fonts is in ``kiosk.ui.fonts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from fontTools import unicodedata

from kiosk.text import languages
from kiosk.text.scripts import NEUTRAL, scripts_in

Role = Literal["heading", "body"]

#: Scripts the kiosk's own Noto Serif (headings) and Noto Sans (body) cover in full.
CORE_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})


@dataclass(frozen=True)
class Face:
    """A shipped family: its name and files, regular then bold."""

    family: str
    files: tuple[str, ...]


def _face(family: str) -> Face:
    stem = family.replace(" ", "")
    return Face(family, (f"{stem}-Regular.ttf", f"{stem}-Bold.ttf"))


#: The faces in resources/fonts for scripts beyond the core, per script and role.
#: Arabic: Naskh, the book hand, for headings and quotations; Noto Sans Arabic for text.
#: The two roles need faces of their own: Qt keeps one fallback per first family and
#: size, so with one Arabic face for both a Latin word in a body took the heading's
#: Noto Serif whenever a heading of that size had been laid out first (measured, Qt 6.11).
SHIPPED: Mapping[str, Mapping[Role, Face]] = {
    "Arab": {"heading": _face("Noto Naskh Arabic"), "body": _face("Noto Sans Arabic")},
    "Hebr": {"heading": _face("Noto Serif Hebrew"), "body": _face("Noto Sans Hebrew")},
    "Armn": {"heading": _face("Noto Serif Armenian"), "body": _face("Noto Sans Armenian")},
    "Geor": {"heading": _face("Noto Serif Georgian"), "body": _face("Noto Sans Georgian")},
}

#: Han, kana and hangul: one Noto CJK family per region; which one follows the language.
_CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})
_CJK_REGION = {"ja": "JP", "ko": "KR", "zh-Hant": "TC", "zh-Hans": "SC"}
_HANT_REGIONS = frozenset({"TW", "HK", "MO"})


def is_script_code(code: str) -> bool:
    """True for an ISO 15924 code Unicode knows ("Arab", "Deva"), as a bundle writes it."""
    return len(code) == 4 and code.istitle() and unicodedata.script_name(code, None) is not None


def font_script_problem(code: str) -> str | None:
    """Why ``code`` names no script a bundle can ship a font for, or None."""
    if code in NEUTRAL:  # digits and punctuation, marks, unassigned
        return (
            f'"{code}" ({script_name(code)}) is not a script to ship a font for; name the '
            'script of the letters the font is for, e.g. "Arab" (digits and punctuation '
            "are set in the font of the letters around them)"
        )
    return None


def script_name(code: str) -> str:
    """The script's English name ("Arabic" for "Arab"), or the code if unknown."""
    return unicodedata.script_name(code, code)


def cjk_region(language: str, scripts: Iterable[str] = ()) -> str:
    """Which regional CJK face suits a text: JP, KR, TC or SC (the default)."""
    found = set(scripts)
    subtags = language.replace("_", "-").split("-")
    base = subtags[0].lower()
    if base == "ja" or found & {"Hira", "Kana"}:
        return "JP"
    if base == "ko" or "Hang" in found:
        return "KR"
    if base in ("zh", "yue"):
        written = languages.script(language) if language else None
        regions = {tag.upper() for tag in subtags[1:] if len(tag) == 2}
        if written == "Hant" or regions & _HANT_REGIONS or base == "yue":
            return "TC"
    return "SC"


def system_families(
    script: str, role: Role, language: str = "", scripts: Iterable[str] = ()
) -> tuple[str, ...]:
    """The system's faces for ``script`` as Debian's fonts-noto-core and fonts-noto-cjk
    name them (another system's fonts are found by Qt's own fallback)."""
    if script in _CJK_SCRIPTS:
        region = cjk_region(language, scripts)
        first, second = ("Serif", "Sans") if role == "heading" else ("Sans", "Serif")
        return (f"Noto {first} CJK {region}", f"Noto {second} CJK {region}")
    name = script_name(script).replace("_", " ")
    first, second = ("Serif", "Sans") if role == "heading" else ("Sans", "Serif")
    return (f"Noto {first} {name}", f"Noto {second} {name}")


@dataclass(frozen=True)
class FontChain:
    """The families that follow a role's face, per script: the bundle's, the shipped
    ones (when registered), the system's. Hashable, Qt-free, built once per theme."""

    role: Role = "body"
    #: (script, family) of the bundle's own fonts per script, in bundle order.
    bundle: tuple[tuple[str, str], ...] = ()
    #: Scripts whose shipped face is registered with Qt.
    shipped: frozenset[str] = frozenset()

    def for_role(self, role: Role) -> FontChain:
        return FontChain(role, self.bundle, self.shipped)

    def families(self, face: str, text: str, language: str = "") -> tuple[str, ...]:
        """The families that set ``text`` in ``language`` with the role's ``face``.

        The faces for the text's own script (the script of its language, when the text
        is written in it) come first, the role's face next, then the faces of any other
        script in the text: Qt draws each glyph from the first family that has it. The
        language's faces lead because Qt caches its fallback per first family and script,
        so "Noto Serif" followed by the Japanese face and "Noto Serif" followed by the
        Chinese one would both draw with whichever came first (measured, Qt 6.11); and
        a Persian font's own digits and Latin letters match its Persian ones.

        The role's face has the core scripts' letters; a bundle's own font for one of
        them leads a text in its language (a Russian text in the bundle's Cyrillic face)
        and, in a text of a script beyond the core, comes before the role's face (Latin
        words in a Persian text). In a text of another core script the role's face sets
        them: it has them, and it must set the text's own letters.
        """
        found = scripts_in(text)
        core_fonts = {code for code, _family in self.bundle if code in CORE_SCRIPTS} & found
        if found <= CORE_SCRIPTS and not core_fonts:
            return (face,)  # nothing to add, and no locale data to read
        own = _own_scripts(language) & found
        leading = self._faces(sorted(own), language, found)
        if own and not own & CORE_SCRIPTS:
            leading += self._faces(sorted(core_fonts - own), language, found)
        trailing = self._faces(sorted(found - own - CORE_SCRIPTS), language, found)
        return tuple(dict.fromkeys([*leading, face, *trailing]))

    def _faces(self, scripts: list[str], language: str, found: set[str]) -> list[str]:
        chain: list[str] = []
        for script in scripts:
            chain += [family for code, family in self.bundle if code == script]
            if script in CORE_SCRIPTS:
                continue  # the role's face has them
            if script in self.shipped and script in SHIPPED:
                chain.append(SHIPPED[script][self.role].family)
            chain += system_families(script, self.role, language, found)
        return chain


#: Scripts that stand for several: a Japanese text mixes Han and kana, a Korean one Han
#: and hangul.
_COMPOUND = {
    "Jpan": {"Hani", "Hira", "Kana"},
    "Kore": {"Hani", "Hang"},
    "Hans": {"Hani", "Bopo"},
    "Hant": {"Hani", "Bopo"},
}


def _own_scripts(language: str) -> set[str]:
    """The scripts a text in ``language`` is written in ("ja" -> Han, hiragana, katakana)."""
    written = languages.script(language) if language else None
    if written is None:
        return set()
    return set(_COMPOUND.get(written, {written}))


def shipped_scripts(scripts: Iterable[str]) -> list[str]:
    """The scripts among ``scripts`` for which the kiosk ships a face."""
    return sorted(set(scripts) & set(SHIPPED))


def shipped_files(script: str) -> tuple[str, ...]:
    """The files in resources/fonts for ``script`` (both roles, no repeats)."""
    faces = SHIPPED.get(script, {})
    return tuple(dict.fromkeys(name for face in faces.values() for name in face.files))
