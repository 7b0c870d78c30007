"""Puts translated texts into bundle.toml through tomlkit, keeping the curator's file.

Comments, key order, blank lines and the way each text is written stay as they were; a
new language is written the way its neighbours are: inside ``{ en = ..., az = ... }``
after the last language, or as a new ``body.fr = ...`` line after ``body.az``. Whatever
the layout, :func:`apply` checks that the edited document reads back (with tomllib, as
the kiosk reads it) as the original with exactly these texts added or changed.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import InlineTable, Item, Table

from kiosk.bundle.locate import KeyPath
from kiosk.translate.tomltext import toml_string


class EditError(Exception):
    """The edited bundle.toml would not read back as intended (nothing is written)."""


def _after_last_key(table: InlineTable, language: str, item: Item) -> None:
    """Adds ``language`` to an inline table after its last key, before the space that
    closes it (``{ en = "a", az = "b", fr = "c" }``)."""
    body = table.value.body
    last = max((index for index, (key, _) in enumerate(body) if key is not None), default=None)
    if last is None or last + 1 >= len(body):
        table[language] = item
        return
    item.trivia.indent = " "
    table.value._insert_at(last + 1, tomlkit.key(language), item)


def _dotted_sibling(parent: Any, key: str) -> tuple[Container, int] | None:
    """Where ``key.<language> = ...`` lines stand in ``parent``: its container and the
    index of the last of them, when ``key`` is written with dotted keys."""
    container = getattr(parent, "value", None)
    if not isinstance(container, Container):
        return None
    found = [
        index
        for index, (name, value) in enumerate(container.body)
        if name is not None and name.key == key and name.is_dotted() and isinstance(value, Table)
    ]
    return (container, found[-1]) if found else None


def _put(parent: Any, key: str, language: str, text: str) -> None:
    node = parent[key]
    inline = isinstance(node, InlineTable)
    item = toml_string(text, inline=inline)
    if language in node:
        node[language] = item
    elif inline:
        _after_last_key(node, language, item)
    elif (sibling := _dotted_sibling(parent, key)) is not None:
        container, index = sibling
        if index + 1 < len(container.body):
            container._insert_at(index + 1, tomlkit.key([key, language]), item)
        else:
            container.append(tomlkit.key([key, language]), item)
    else:
        node[language] = item


def _ui_table(document: tomlkit.TOMLDocument, language: str) -> Any:
    if "ui" not in document:
        document["ui"] = tomlkit.table(is_super_table=True)
    ui = document["ui"]
    if language not in ui:
        ui[language] = tomlkit.table()
    return ui[language]


def _space_after(document: tomlkit.TOMLDocument, language: str) -> None:
    """A blank line after a new ``[ui.<language>]`` table that has tables after it."""
    ui = document["ui"]
    if list(document)[-1] != "ui" or list(ui)[-1] != language:
        ui[language].add(tomlkit.nl())


def _walk(node: Any, path: KeyPath) -> Any:
    for part in path:
        node = node[part]
    return node


def _set_plain(data: dict[str, Any], path: KeyPath, language: str, text: str) -> None:
    """The same edit on the plain data, for the check."""
    if path[0] == "ui":
        data.setdefault("ui", {}).setdefault(language, {})[str(path[1])] = text
    else:
        _walk(data, path)[language] = text


def _line_endings_of(original: str, result: str) -> str:
    """``result`` with the lines it adds ended as ``original``'s are: a file written
    on Windows, every line ended CRLF, keeps CRLF (tomlkit ends new lines with LF).
    A file that mixes both is left as tomlkit writes it. Inside a multi-line string
    TOML reads CRLF as LF, so the texts read back the same (apply checks it)."""
    crlf = original.count("\r\n")
    if not crlf or crlf != original.count("\n"):
        return result
    return re.sub(r"(?<!\r)\n", "\r\n", result)


def apply(original: str, edits: Mapping[KeyPath, str], language: str, *, add_language: bool) -> str:
    """``original`` (the text of bundle.toml) with ``language``'s text set at each key
    path of ``edits`` (a path to a text, or ``("ui", key)`` for a visitor word), and
    ``language`` added to ``[bundle] languages`` when ``add_language``.

    Raises EditError (and nothing need be undone) if the result would not read back as
    exactly the original plus these texts."""
    document = tomlkit.parse(original)
    expected = copy.deepcopy(tomllib.loads(original))
    had_ui_table = language in expected.get("ui", {})
    for path, text in edits.items():
        if path[0] == "ui":
            _ui_table(document, language)[str(path[1])] = toml_string(text, inline=False)
        else:
            _put(_walk(document, path[:-1]), str(path[-1]), language, text)
        _set_plain(expected, path, language, text)
    if not had_ui_table and language in document.get("ui", {}):
        _space_after(document, language)
    if add_language:
        document["bundle"]["languages"].append(language)
        expected["bundle"]["languages"].append(language)
    result = _line_endings_of(original, tomlkit.dumps(document))
    try:
        readback = tomllib.loads(result)
    except tomllib.TOMLDecodeError as error:
        raise EditError(f"the edited bundle.toml would not parse ({error})") from error
    if readback != expected:
        raise EditError("the edited bundle.toml would not read back as the translation")
    return result
