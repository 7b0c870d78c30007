"""Gettext PO, for translators who work in Poedit, Weblate or a text editor (polib).

Each text is an entry whose ``msgctxt`` is the unit's id (the same source text, such as
a source repeated on every slide, stays one entry per place), with the note as an
extracted comment and the line of bundle.toml as a reference. Headers carry the
bundle's id and version and the two languages. A fuzzy entry counts as not translated,
as gettext itself treats it.
"""

from __future__ import annotations

import polib

from kiosk import __version__
from kiosk.translate.catalogue import Catalogue, Entry, FormatError

BUNDLE_HEADER = "X-Kiosk-Bundle"
VERSION_HEADER = "X-Kiosk-Bundle-Version"
SOURCE_HEADER = "X-Source-Language"


def write(catalogue: Catalogue) -> bytes:
    """The PO file for ``catalogue``, UTF-8 encoded."""
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"Texts of the exhibition bundle {catalogue.bundle}, version {catalogue.version}, "
        f"from {catalogue.source} into {catalogue.target}.\n"
        "Each entry's comment says where the text is shown. Markdown texts: keep **bold** "
        "and *italic* marks, blank lines and line breaks.\n"
        "Leave msgstr empty for a text you do not translate."
    )
    po.metadata = {
        "Project-Id-Version": f"{catalogue.bundle} {catalogue.version}",
        # Filled in by the translator's tool; present so that msgfmt --check is quiet.
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": catalogue.target,
        SOURCE_HEADER: catalogue.source,
        BUNDLE_HEADER: catalogue.bundle,
        VERSION_HEADER: catalogue.version,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"kiosk translate {__version__}",
    }
    for entry in catalogue.entries:
        comment = entry.note
        if entry.max_chars is not None:
            comment += f"; at most {entry.max_chars} characters"
        po.append(
            polib.POEntry(
                msgctxt=entry.id,
                msgid=entry.source,
                msgstr=entry.target or "",
                comment=comment,
                occurrences=[("bundle.toml", str(entry.line))] if entry.line else [],
            )
        )
    return str(po).encode("utf-8") + b"\n"


class _Lines(str):
    """The file's text, split into lines only at line feeds (as when polib reads a file).

    polib splits text it is given with str.splitlines, which also breaks at U+2028, U+2029
    and other separators; inside a quoted string these are just characters of the text."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        lines = self.split("\n")
        if keepends:
            lines = [line + "\n" for line in lines[:-1]] + lines[-1:]
        return lines if lines[-1] else lines[:-1]


def read(data: bytes, name: str) -> Catalogue:
    """The catalogue in a PO file; FormatError if it is not one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"{name}: is not UTF-8 text; save it as UTF-8") from None
    try:
        po = polib.pofile(_Lines(text.replace("\r\n", "\n")))
    except (OSError, ValueError) as error:
        raise FormatError(f"{name}: is not a PO file ({error})") from None
    entries = tuple(
        Entry(
            id=entry.msgctxt or "",
            source=entry.msgid,
            target=entry.msgstr if entry.msgstr.strip() else None,
            unfinished=entry.fuzzy,
        )
        for entry in po
        if not entry.obsolete
    )
    meta = po.metadata
    return Catalogue(
        bundle=meta.get(BUNDLE_HEADER, ""),
        version=meta.get(VERSION_HEADER, ""),
        source=meta.get(SOURCE_HEADER, ""),
        target=meta.get("Language", ""),
        entries=entries,
    )
