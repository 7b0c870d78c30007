"""XLIFF 1.2, the exchange format of translation agencies' tools (Trados, memoQ, Phrase).

Written and read with the standard library. Every unit keeps its spaces and line
breaks (``xml:space="preserve"``); a carriage return is written as ``&#13;``, since an
XML reader turns a bare one into a line feed. The bundle's id and version are the
file's ``product-name`` and ``product-version``, so an import can tell whose file it is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kiosk import __version__
from kiosk.translate.catalogue import Catalogue, Entry, FormatError

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML = "{http://www.w3.org/XML/1998/namespace}"
_XML_SPACE, _XML_LANG = f"{_XML}space", f"{_XML}lang"
_ANY_XLIFF = re.compile(r"^\{urn:oasis:names:tc:xliff:document:(\d[^}]*)\}xliff$")
#: Target states that say the translation is not done yet.
_UNFINISHED = frozenset({"new", "needs-translation"})
#: The header note: what the translator should know of every unit.
GUIDANCE = (
    "Texts of a touch-screen exhibition. Each unit's note says where the text is shown. "
    "Markdown texts: keep **bold** and *italic* marks, blank lines and line breaks. "
    "Leave a unit without a target if you do not translate it; never copy the source."
)


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def write(catalogue: Catalogue) -> bytes:
    """The XLIFF 1.2 document for ``catalogue``, UTF-8 encoded."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    file = ET.SubElement(
        root,
        _q("file"),
        {
            "original": "bundle.toml",
            "source-language": catalogue.source,
            "target-language": catalogue.target,
            "datatype": "plaintext",
            "product-name": catalogue.bundle,
            "product-version": catalogue.version,
        },
    )
    header = ET.SubElement(file, _q("header"))
    ET.SubElement(
        header,
        _q("tool"),
        {"tool-id": "kiosk", "tool-name": "kiosk translate", "tool-version": __version__},
    )
    ET.SubElement(header, _q("note")).text = GUIDANCE
    body = ET.SubElement(file, _q("body"))
    for entry in catalogue.entries:
        attributes = {"id": entry.id, "resname": entry.id, _XML_SPACE: "preserve"}
        if entry.max_chars is not None:
            attributes |= {"maxwidth": str(entry.max_chars), "size-unit": "char"}
        unit = ET.SubElement(body, _q("trans-unit"), attributes)
        ET.SubElement(unit, _q("source"), {_XML_LANG: catalogue.source}).text = entry.source
        if entry.target is not None:
            target = ET.SubElement(
                unit, _q("target"), {_XML_LANG: catalogue.target, "state": "translated"}
            )
            target.text = entry.target
        if entry.note:
            ET.SubElement(unit, _q("note"), {"from": "kiosk"}).text = entry.note
    ET.indent(body, space="  ", level=2)
    ET.indent(header, space="  ", level=2)
    file.text, header.tail, body.tail = "\n    ", "\n    ", "\n  "
    root.text, file.tail = "\n  ", "\n"
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    # Element text is written with its carriage returns bare; attributes never hold one.
    text = text.replace("\r", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _text(element: ET.Element | None) -> str | None:
    """All the text in ``element``, inline markup (a tool's ``<mrk>`` segments) and all."""
    return None if element is None else "".join(element.itertext())


def read(data: bytes, name: str) -> Catalogue:
    """The catalogue in an XLIFF 1.x document; FormatError if it is not one."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise FormatError(f"{name}: has a DOCTYPE or entity declarations, which XLIFF never needs")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise FormatError(f"{name}: is not well-formed XML ({error})") from None
    match = _ANY_XLIFF.match(root.tag)
    if not match:
        raise FormatError(f"{name}: is not an XLIFF file (its root element is {root.tag})")
    version = match.group(1)
    if not version.startswith("1."):
        raise FormatError(
            f"{name}: is XLIFF {version}; kiosk translate reads XLIFF 1.2 (export with "
            "kiosk translate export, and have the translator's tool save XLIFF 1.2)"
        )
    ns = f"{{urn:oasis:names:tc:xliff:document:{version}}}"
    files = root.findall(f"{ns}file")
    if len(files) != 1:
        raise FormatError(f"{name}: has {len(files)} <file> elements; one was exported")
    file = files[0]
    entries = []
    for unit in file.iter(f"{ns}trans-unit"):
        target = unit.find(f"{ns}target")
        text = _text(target)
        state = target.get("state", "") if target is not None else ""
        entries.append(
            Entry(
                id=unit.get("id", ""),
                source=_text(unit.find(f"{ns}source")) or "",
                target=text if text and text.strip() else None,
                unfinished=state in _UNFINISHED,
            )
        )
    return Catalogue(
        bundle=file.get("product-name", ""),
        version=file.get("product-version", ""),
        source=file.get("source-language", ""),
        target=file.get("target-language", ""),
        entries=tuple(entries),
    )
