"""The JSON Schema of bundle.toml, generated from the models and reshaped for editors.

pydantic's own schema is correct but explains mistakes badly: a slide is a ``oneOf`` of
seven definitions, so a typo'd key fails all seven and an editor prints the whole slide
with "is not valid under any of the schemas listed in the 'oneOf' keyword". This module
keeps what the models declare (keys, checks, descriptions, examples, so a key added to a
model flows through) and changes only how alternatives are chosen:

- a slide selects ONE definition by its ``type`` (``if``/``then`` in an ``allOf``, and
  ``type`` an enum of the known types), so a typo reads "Additional properties are not
  allowed ('hedaing' was unexpected)" at the slide's path;
- a value that may be a string or a table (a media file, a figure) is one schema with
  ``type: ["string", "object"]``, whose string keywords apply to strings and table
  keywords to tables; a source is ``{short, full}`` if it has either key, else a text;
- TOML has no null, so pydantic's ``anyOf [X, null]`` of optional keys is just X.

The draft is JSON Schema draft-07: taplo (the "Even Better TOML" editor extension and
its command line) and check-jsonschema both implement it fully, ``if``/``then`` included.
In draft-07 keywords beside ``$ref`` are ignored, so a described ``$ref`` is wrapped in
an ``allOf``.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.bundle.model import SLIDE_TYPES, Manifest

DRAFT = "http://json-schema.org/draft-07/schema#"
_DEFINITIONS = "#/definitions/"

Schema = dict[str, Any]


def bundle_schema() -> Schema:
    """The JSON Schema (draft-07) of bundle.toml, as editors and check-jsonschema read it."""
    generated = Manifest.model_json_schema(ref_template=_DEFINITIONS + "{model}")
    definitions = generated.pop("$defs")
    schema: Schema = {"$schema": DRAFT}
    schema.update((key, value) for key, value in generated.items() if key != "$schema")
    schema["definitions"] = definitions
    schema = _reshape(schema)
    schema["properties"]["slides"]["items"] = _slide_by_type(schema)
    return schema


def schema_text() -> str:
    """The schema as shipped in resources/bundle.schema.json."""
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False) + "\n"


def _slide_by_type(schema: Schema) -> Schema:
    """One definition per slide, chosen by its ``type``."""
    definitions = schema["definitions"]
    by_type = {
        definition["properties"]["type"]["const"]: name
        for name, definition in definitions.items()
        if "const" in definition.get("properties", {}).get("type", {})
    }
    missing = set(SLIDE_TYPES) ^ set(by_type)
    assert not missing, f"slide definitions and SLIDE_TYPES differ: {sorted(missing)}"
    return {
        "type": "object",
        "description": "A slide; its `type` says which keys it takes",
        "required": ["type"],
        "properties": {
            "type": {
                "description": "What kind of slide this is: " + ", ".join(SLIDE_TYPES),
                "enum": list(SLIDE_TYPES),
                "examples": ["narrative"],
            }
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"const": slide_type}}, "required": ["type"]},
                "then": {"$ref": _DEFINITIONS + by_type[slide_type]},
            }
            for slide_type in SLIDE_TYPES
        ]
        + [_editor_hint(by_type)],
    }


def _editor_hint(by_type: dict[str, str]) -> Schema:
    """Every slide definition where taplo's completion and hover look for keys.

    taplo's language server follows ``$ref``, ``allOf``, ``anyOf`` and ``oneOf`` to find
    a key's description, but not ``if``/``then``. An ``anyOf`` whose first branch is the
    empty schema always holds, so validators report nothing from it (and stop at that
    branch), while the editor finds each slide type's keys behind the other branches.
    """
    return {
        "description": "For editors' completion and hover only; it never fails",
        "anyOf": [{}]
        + [{"$ref": _DEFINITIONS + by_type[slide_type]} for slide_type in SLIDE_TYPES],
    }


def _reshape(node: Any) -> Any:
    """``node`` with every alternative made explicit for draft-07 validators (bottom up)."""
    if isinstance(node, list):
        return [_reshape(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _reshape(value) for key, value in node.items()}
    node.pop("discriminator", None)  # OpenAPI's, not JSON Schema's
    if node.get("default", 0) is None:
        del node["default"]
    if isinstance(node.get("properties"), dict):
        # pydantic titles every key after its name ("Audio Captions"): noise in a tooltip.
        for value in node["properties"].values():
            value.pop("title", None)
    if "patternProperties" in node and "additionalProperties" not in node:
        # The models check keys (language and script codes) by these patterns.
        node["additionalProperties"] = False
    for keyword in ("anyOf", "oneOf"):
        if keyword in node:
            node = _one_alternative(node, keyword)
    if "$ref" in node and len(node) > 1:
        node = {key: value for key, value in node.items() if key != "$ref"} | {
            "allOf": [{"$ref": node["$ref"]}]
        }
    return node


def _one_alternative(node: Schema, keyword: str) -> Schema:
    """Replace an ``anyOf``/``oneOf`` by a schema that reports the mistake itself."""
    branches = [branch for branch in node[keyword] if branch != {"type": "null"}]
    outer = {key: value for key, value in node.items() if key != keyword}
    if len(branches) == 1:
        return _merge(outer, branches[0])
    if _is_source(branches):
        forms = next(branch for branch in branches if "$ref" in branch)
        text = next(branch for branch in branches if "$ref" not in branch)
        return outer | {
            "if": {
                "type": "object",
                "anyOf": [{"required": ["short"]}, {"required": ["full"]}],
            },
            "then": forms,
            "else": _without_description(text),
        }
    types = [branch.get("type") for branch in branches]
    if all(isinstance(kind, str) for kind in types) and len(set(types)) == len(types):
        merged: Schema = {"type": types}
        for branch in branches:
            for key, value in _without_description(branch).items():
                if key == "type":
                    continue
                if key in merged and merged[key] != value:
                    return outer | {keyword: branches}
                merged[key] = value
        return _merge(outer, merged)
    return outer | {keyword: branches}


def _is_source(branches: list[Schema]) -> bool:
    return len(branches) == 2 and any(
        branch.get("$ref") == _DEFINITIONS + "SourceForms" for branch in branches
    )


def _merge(outer: Schema, inner: Schema) -> Schema:
    """``inner`` with ``outer``'s words (description, examples) taking precedence."""
    if "$ref" in inner:
        return outer | {"allOf": [inner]} if outer else inner
    return inner | outer


def _without_description(branch: Schema) -> Schema:
    return {key: value for key, value in branch.items() if key != "description"}
