"""The texts of a bundle as translation units: what a translator receives.

Walks bundle.toml as parsed (a plain mapping from tomllib, or tomlkit's document, which
reads alike), so a bundle that does not yet validate (a language half done) can still be
exported. Every text is a mapping language -> text at a key path; each becomes one unit
with a stable id (the slide's ``id`` where it has one, else its index), the source text,
the target text if the bundle has one, and a note for the translator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.bundle.locate import KeyPath
from kiosk.bundle.model import LANGUAGE_PATTERN, SLUG_PATTERN, TEXT_KEYS, is_source_forms
from kiosk.bundle.starter import is_placeholder
from kiosk.text import words

#: Keys of a slide holding texts that are not translated: the words as first said.
_NOT_TRANSLATED = frozenset({"original"})
#: Keys of a slide holding a list of tables with texts of their own.
_LISTS = ("events", "figures")
#: Slide ids that would read like another unit's id (``bundle.title``): such slides
#: are named by their index instead.
_RESERVED_IDS = frozenset({"bundle", "ui", "slides"})
#: Fields shown as one short line (or two) on screen.
_SHORT = frozenset(
    {"title", "chapter", "heading", "label", "value", "date", "attribution", "short", "credit"}
)
_MARKDOWN = frozenset({"body"})
#: The longest word of the kiosk's own a bundle may give (kiosk.bundle.model.UiText).
UI_MAX_CHARS = 120

_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class Unit:
    """One text to translate."""

    id: str
    #: Where the text is in bundle.toml, without the language: ("slides", 3, "body").
    path: KeyPath
    source: str
    target: str | None
    note: str
    #: A hard limit in characters, where the format has one.
    max_chars: int | None = None


def is_text(value: object) -> bool:
    """True for a mapping language code -> string: one text in several languages."""
    return (
        isinstance(value, Mapping)
        and bool(value)
        and all(isinstance(key, str) and _LANGUAGE.match(key) for key in value)
        and all(isinstance(text, str) for text in value.values())
    )


def slide_name(slides: list[Any], index: int) -> str:
    """How unit ids name slide ``index``: its id, or ``slides[index]`` (0-based, as
    ``kiosk validate`` writes it) when it has none or its id would be ambiguous."""
    slide = slides[index]
    slide_id = slide.get("id") if isinstance(slide, Mapping) else None
    if isinstance(slide_id, str) and _SLUG.match(slide_id) and slide_id not in _RESERVED_IDS:
        same = [s for s in slides if isinstance(s, Mapping) and s.get("id") == slide_id]
        if len(same) == 1:
            return slide_id
    return f"slides[{index}]"


def _id(prefix: str, path: KeyPath) -> str:
    text = prefix
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _texts(table: Mapping[str, Any], path: KeyPath) -> Iterator[tuple[KeyPath, Mapping]]:
    """Every text in a slide (or in an event or figure), in the file's order."""
    for key, value in table.items():
        if key in _NOT_TRANSLATED:
            continue
        if key == "source" and is_source_forms(value):
            for form in ("short", "full"):
                if is_text(value.get(form)):
                    yield (*path, key, form), value[form]
        elif key in TEXT_KEYS and is_text(value):
            yield (*path, key), value
        elif key in _LISTS and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from _texts(item, (*path, key, index))


def has_media(data: Mapping[str, Any]) -> bool:
    """True when a slide plays film or sound (then the media words are needed)."""
    slides = data.get("slides")
    return isinstance(slides, list) and any(
        isinstance(slide, Mapping)
        and (slide.get("type") == "video" or slide.get("audio") or slide.get("guide"))
        for slide in slides
    )


def ui_keys(data: Mapping[str, Any], target: str) -> list[str]:
    """The kiosk's visitor words the translator must give for ``target``: those the
    kiosk has none of in that language, and those the bundle already gives (to update)."""
    given = _ui_table(data, target)
    needed = set(words.missing(target, None, media=has_media(data))) | set(given)
    return [key for key in words.keys("visitor") if key in needed]


def _ui_table(data: Mapping[str, Any], language: str) -> Mapping[str, Any]:
    ui = data.get("ui")
    table = ui.get(language) if isinstance(ui, Mapping) else None
    return table if isinstance(table, Mapping) else {}


def _note(kind: str, field: str, last: str, source_language: str, text: str) -> str:
    parts = [f"{kind}, {field}"]
    if last in _MARKDOWN:
        parts.append(
            "Markdown: keep **bold** and *italic* marks, blank lines between paragraphs "
            "and every line break as they are"
        )
    elif "\n" in text:
        parts.append("keep the line breaks")
    if last in _SHORT:
        parts.append("shown on one short line: keep it about as short as the original")
    parts.append(f"{source_language} original: {len(text)} characters")
    return "; ".join(parts)


def _translated(text: Mapping[str, Any], target: str) -> str | None:
    """The bundle's text in ``target``, if it has one: not a `kiosk new` placeholder,
    which a translator's tool would take for a finished translation."""
    found = text.get(target)
    return found if isinstance(found, str) and not is_placeholder(found, target) else None


def collect(data: Mapping[str, Any], source: str, target: str) -> list[Unit]:
    """Every text of the bundle ``data`` as units from ``source`` into ``target``."""
    units: list[Unit] = []
    info = data.get("bundle")
    if isinstance(info, Mapping):
        # The title, and the source of every slide that gives none of its own.
        bundle_texts = {key: info[key] for key in ("title", "source") if key in info}
        for path, text in _texts(bundle_texts, ()):
            if source not in text:
                continue
            field = ".".join(str(part) for part in path)
            note = _note("the exhibition", field, str(path[-1]), source, text[source])
            units.append(
                Unit(
                    f"bundle.{field}",
                    ("bundle", *path),
                    text[source],
                    _translated(text, target),
                    note,
                )
            )
    slides = data.get("slides")
    slides = slides if isinstance(slides, list) else []
    for index, slide in enumerate(slides):
        if not isinstance(slide, Mapping):
            continue
        name = slide_name(slides, index)
        kind = f"slide {index + 1} of {len(slides)} ({slide.get('type', 'of no type')})"
        for path, text in _texts(slide, ()):
            if source not in text:
                continue
            field = ".".join(str(part) for part in path if not isinstance(part, int))
            note = _note(kind, field, str(path[-1]), source, text[source])
            units.append(
                Unit(
                    _id(name, path),
                    ("slides", index, *path),
                    text[source],
                    _translated(text, target),
                    note,
                )
            )
    if words.words_language(target) is None or _ui_table(data, target):
        given_source = _ui_table(data, source)
        given_target = _ui_table(data, target)
        ui = {source: dict(given_source)}
        for key in ui_keys(data, target):
            text = words.word(key, source, ui)
            note = (
                f'the kiosk\'s own word for visitors, {key} (English: "{words.english(key)}"); '
                f"a button or a short line: at most {UI_MAX_CHARS} characters, shorter is better"
            )
            existing = given_target.get(key)
            units.append(
                Unit(
                    f"ui.{key}",
                    ("ui", key),
                    text,
                    _translated({target: existing}, target),
                    note,
                    UI_MAX_CHARS,
                )
            )
    # A blank text (a bundle that does not validate yet) is nothing to translate, and
    # an empty msgid would be a PO file's header.
    return [unit for unit in units if unit.source.strip()]
