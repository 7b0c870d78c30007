""" "Did you mean": the nearest right word for a misspelt key, slide type, language code or
file name, and the keys a place of bundle.toml takes (read from the models).

Tuned to stay quiet rather than guess: a suggestion is the same word in other capitals,
the same letters in another order, or a word difflib finds very close (ratio >= 0.75);
a language code is suggested when one code begins the other ("aze" -> "az"), or when it
is one letter slip away from exactly one of the bundle's ("fe" -> "fr" in an en/fr bundle).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from kiosk.bundle.locate import KeyPath, key_path
from kiosk.bundle.model import SLIDE_TYPES, Manifest

#: How alike (difflib's ratio) a word must be to be suggested.
CUTOFF = 0.75


def closest(word: str, choices: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The choice ``word`` was most likely meant to be, or None."""
    options = [choice for choice in dict.fromkeys(choices) if choice != word]
    for choice in options:
        if choice.casefold() == word.casefold():
            return choice
    if len(word) >= 3:
        for choice in options:
            if sorted(choice) == sorted(word):
                return choice  # two letters swapped: "hedaing"
    found = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``: did you mean `x`?`` to add to a message, or ""."""
    guess = closest(word, choices)
    if guess is None:
        return ""
    if guess.casefold() == word.casefold():
        return f": write `{guess}`, in these capitals"
    return f": did you mean `{guess}`?"


def language(code: str, declared: Iterable[str]) -> str | None:
    """The declared language a code not among them was meant to be: the same in other
    capitals ("FR"), one beginning the other ("aze" -> "az"), or the only one a slip of
    one letter away ("fe" -> "fr", "rf" -> "fr"); None when no one code stands out."""
    known = [language for language in dict.fromkeys(declared) if language != code]
    for language in known:
        if code.casefold() == language.casefold():
            return language
    for language in known:
        if code.startswith(language) or language.startswith(code):
            return language
    near = [language for language in known if _one_slip(code.casefold(), language.casefold())]
    return near[0] if len(near) == 1 else None


def _one_slip(word: str, other: str) -> bool:
    """True when ``word`` is ``other`` with one letter changed, or two neighbours swapped."""
    if len(word) != len(other) or word == other:
        return False
    differ = [index for index, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(differ) == 1:
        return True
    first, second = differ if len(differ) == 2 else (0, 0)
    return second == first + 1 and word[first] == other[second] and word[second] == other[first]


def file(name: str, names: Iterable[str]) -> str:
    """A hint to add to "<name> is not in the bundle": the file meant, if one is near."""
    present = [known for known in names if known != name]
    for known in present:
        if known.casefold() == name.casefold():
            return f"; did you mean {known}? (names are case-sensitive)"
    wanted = PurePosixPath(name)
    for known in present:
        path = PurePosixPath(known)
        if path.parent == wanted.parent and path.stem == wanted.stem:
            return (
                f"; {known} is: did you mean it? (the extension differs: "
                f"{path.suffix or 'none'}, not {wanted.suffix or 'none'})"
            )
    neighbours = {
        PurePosixPath(known).name: known
        for known in present
        if PurePosixPath(known).parent == wanted.parent
    }
    guess = closest(wanted.name, neighbours, cutoff=0.85)
    return f"; did you mean {neighbours[guess]}?" if guess else ""


def unknown_key(path: KeyPath, data: Mapping[str, Any]) -> str | None:
    """The message for an unknown key at ``path`` in the raw TOML ``data``: the place,
    and the key meant or the keys it takes; None when the place is not known."""
    found = _model_at(path[:-1], data)
    if found is None or not isinstance(path[-1], str):
        return None
    model, raw = found
    key = path[-1]
    keys = _keys(model)
    place = _place_name(path[:-1], model, raw)
    if moved := _slide_key_below_table(path, data):
        return f"unknown key `{key}` {place}: {moved}"
    hint = did_you_mean(key, keys)
    if hint:
        return f"unknown key `{key}` {place}{hint}"
    if len(path) == 3 and path[0] == "slides":
        others = [kind for kind, slide in _slide_models().items() if key in slide.model_fields]
        if others:
            kinds = " and ".join(f'"{kind}"' for kind in others)
            return f"unknown key `{key}` {place}: it belongs to slides of type {kinds}"
    return f"unknown key `{key}` {place}; the keys it takes: {', '.join(keys)}"


def _slide_key_below_table(path: KeyPath, data: Mapping[str, Any]) -> str | None:
    """Advice for a key of the slide itself written below one of its [[slides.events]] or
    [[slides.figures]] tables, where TOML gives it to that table; None otherwise."""
    if len(path) != 5 or path[0] != "slides" or not isinstance(path[2], str):
        return None
    found = _model_at(path[:2], data)
    key = path[-1]
    if found is None or not isinstance(key, str) or key not in found[0].model_fields:
        return None
    table = path[2]
    return (
        f"`{key}` is a key of the slide: move it above the slide's first [[slides.{table}]] "
        f"line (the keys after a [[...]] line belong to that table)"
    )


def meant_key(path: KeyPath, data: Mapping[str, Any]) -> str | None:
    """The key an unknown key at ``path`` was meant to be, when one is close."""
    found = _model_at(path[:-1], data)
    if found is None or not isinstance(path[-1], str):
        return None
    return closest(path[-1], found[0].model_fields)


def _slide_models() -> dict[str, type[BaseModel]]:
    """Slide type -> its model."""
    found = {}
    for kind in SLIDE_TYPES:
        model = _choose(Manifest.model_fields["slides"].annotation, {"type": kind}, list_item=True)
        if model is not None:
            found[kind] = model
    return found


def _keys(model: type[BaseModel]) -> list[str]:
    """The keys of ``model``: ``type`` first, then its own, then those every slide has."""
    inherited = {
        name
        for base in model.__mro__[1:]
        if isinstance(base, type) and issubclass(base, BaseModel)
        for name in base.model_fields
    }
    own = [name for name in model.model_fields if name not in inherited]
    return sorted(
        [*own, *(name for name in model.model_fields if name in inherited)],
        key=lambda name: name != "type",
    )


def _place_name(path: KeyPath, model: type[BaseModel], raw: object) -> str:
    if not path:
        return "at the top of bundle.toml"
    kind = raw.get("type") if isinstance(raw, dict) else None
    if len(path) == 2 and path[0] == "slides":
        return f"in a {kind} slide" if kind in SLIDE_TYPES else "in a slide"
    if all(isinstance(part, str) for part in path):
        return f"in [{key_path(path)}]"
    return f"in {key_path(path)}"


def _model_at(path: KeyPath, data: Mapping[str, Any]) -> tuple[type[BaseModel], object] | None:
    """The model of the table at ``path`` (a slide's by its ``type``) and its raw value."""
    annotation: Any = Manifest
    raw: object = data
    for part in path:
        if isinstance(part, int):
            annotation = next((get_args(p)[0] for p in _pieces(annotation) if _is(p, list)), None)
            raw = raw[part] if isinstance(raw, list) and part < len(raw) else None
        else:
            mapping = next((p for p in _pieces(annotation) if _is(p, dict)), None)
            if mapping is not None:
                annotation = get_args(mapping)[1]
            else:
                model = _choose(annotation, raw)
                field = model.model_fields.get(part) if model else None
                if field is None:
                    return None
                annotation = field.annotation
            raw = raw.get(part) if isinstance(raw, dict) else None
        if annotation is None:
            return None
    model = _choose(annotation, raw)
    return (model, raw) if model is not None else None


def _choose(annotation: Any, raw: object, *, list_item: bool = False) -> type[BaseModel] | None:
    """The model in ``annotation``; of a union of slides, the one of the raw ``type``."""
    if list_item:
        annotation = next((get_args(p)[0] for p in _pieces(annotation) if _is(p, list)), None)
    models = [
        piece
        for piece in _pieces(annotation)
        if isinstance(piece, type) and issubclass(piece, BaseModel)
    ]
    if len(models) == 1:
        return models[0]
    kind = raw.get("type") if isinstance(raw, dict) else None
    for model in models:
        field = model.model_fields.get("type")
        if field is not None and kind in get_args(field.annotation):
            return model
    return None


def _pieces(annotation: Any) -> list[Any]:
    """The parts of an annotation once Annotated, Optional and unions are taken apart."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _pieces(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [piece for part in get_args(annotation) for piece in _pieces(part)]
    return [annotation]


def _is(annotation: Any, kind: type) -> bool:
    return get_origin(annotation) is kind


def scalar_kind(key: str) -> str | None:
    """ "number" or "boolean" when every key of that name in the format takes one (such as
    slide_seconds, muted), else None: for advice on a value TOML cannot read."""
    kinds = {kind for model in _models() if (kind := _kind_of(model, key)) is not None}
    return kinds.pop() if len(kinds) == 1 else None


def _kind_of(model: type[BaseModel], key: str) -> str | None:
    field = model.model_fields.get(key)
    if field is None:
        return None
    pieces = {piece for piece in _pieces(field.annotation) if piece is not type(None)}
    if pieces == {bool}:
        return "boolean"
    if pieces and pieces <= {float, int}:
        return "number"
    return "other"


def _models() -> list[type[BaseModel]]:
    """Every model of the format, from Manifest down."""
    found: list[type[BaseModel]] = []
    stack: list[Any] = [Manifest]
    while stack:
        annotation = stack.pop()
        for piece in _pieces(annotation):
            if isinstance(piece, type) and issubclass(piece, BaseModel):
                if piece not in found:
                    found.append(piece)
                    stack.extend(field.annotation for field in piece.model_fields.values())
            else:
                stack.extend(get_args(piece))
    return found
