"""SVG pictures checked for safety in plain Python: parsed with expat first, so no
entities, no outside references, bounded nesting and size. Whether Qt can draw what
passes is the Qt side's check (:mod:`kiosk.qtmedia`)."""

from __future__ import annotations

import re
import xml.parsers.expat

MAX_SVG_BYTES = 8 * 1024 * 1024
MAX_SVG_DEPTH = 128
MAX_SVG_ELEMENTS = 100_000

_SAFE_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg);base64,)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` is not a safe SVG document, or None."""
    if len(data) > MAX_SVG_BYTES:
        return f"is larger than {MAX_SVG_BYTES // 2**20} MB"
    return _structure_problem(data)


class _UnsafeSvgError(Exception):
    """Stops the expat parse with a curator-facing reason."""


def _structure_problem(data: bytes) -> str | None:
    parser = xml.parsers.expat.ParserCreate()
    depth = 0
    elements = 0
    in_style = False

    def refuse(reason: str) -> None:
        raise _UnsafeSvgError(reason)

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth, elements, in_style
        depth += 1
        elements += 1
        if depth > MAX_SVG_DEPTH:
            refuse(f"nests elements more than {MAX_SVG_DEPTH} deep")
        if elements > MAX_SVG_ELEMENTS:
            refuse(f"has more than {MAX_SVG_ELEMENTS} elements")
        if elements == 1 and tag.rsplit(":", 1)[-1] != "svg":
            refuse("is not an SVG document (its first element is not <svg>)")
        for key, value in attributes.items():
            if key.rsplit(":", 1)[-1] == "href" and not _SAFE_HREF.match(value):
                refuse(f"refers to an outside resource ({value[:60]}); embed it instead")
            if key == "style" and _CSS_URL.search(value):
                refuse("refers to an outside resource in a style")
        in_style = tag.rsplit(":", 1)[-1] == "style"

    def end(_tag: str) -> None:
        nonlocal depth, in_style
        depth -= 1
        in_style = False

    def text(chunk: str) -> None:
        if in_style and _CSS_URL.search(chunk):
            refuse("refers to an outside resource in a style sheet")

    def entity(*_args: object) -> None:
        refuse("declares XML entities, which are not allowed in pictures")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _UnsafeSvgError as refused:
        return str(refused)
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.errors.messages.get(error.code, "syntax error")
        return f"is not well-formed SVG (line {error.lineno}: {reason})"
    if elements == 0:
        return "is empty"
    return None
