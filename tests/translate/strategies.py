"""Texts a bundle may hold, for property tests: any script, either direction, Markdown,
quotes, backslashes and line breaks; none of the control characters the bundle refuses."""

from __future__ import annotations

from hypothesis import strategies as st

from kiosk.bundle.model import _CONTROL

#: Pieces that break naive escaping, mixed into otherwise random text.
_AWKWARD = [
    '"',
    '""',
    '"""',
    "\\",
    "\\\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "**",
    "\n\n",
    "'''",
    "&",
    "<",
    "]]>",
    "&#13;",
    "\u200f",
    "\u2028",
    "\u0085",
    "שלום",
    "مرحبا",
    "漢字",
    "ə",
    "#",
    "=",
    "{",
    "}",
    "msgid ",
    "\\n",
    "%s",
    "${x}",
]


def _allowed(character: str) -> bool:
    return not _CONTROL.match(character)


_characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00").filter(
    _allowed
)

texts = st.lists(
    st.one_of(st.text(_characters, max_size=8), st.sampled_from(_AWKWARD)), max_size=12
).map("".join)
#: What a bundle accepts as a text: not blank, something visible in it.
bundle_texts = texts.filter(lambda text: any(c.isalnum() for c in text))
