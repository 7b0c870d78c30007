"""The JSON Schema shipped for editors is the one the models generate."""

import json

from kiosk.bundle.schema import schema_text
from kiosk.paths import resource_path


def test_shipped_schema_is_current() -> None:
    shipped = resource_path("bundle.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "run `make schema` to regenerate it"


def test_schema_forbids_unknown_keys_and_knows_every_slide_type() -> None:
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    slide_types = {
        definition["properties"]["type"]["const"]
        for definition in schema["definitions"].values()
        if "type" in definition.get("properties", {})
    }
    assert slide_types == {"title", "narrative", "quote", "memorial", "timeline", "image", "video"}


def _properties(node: object, path: str = "") -> list[tuple[str, dict]]:
    """Every key the schema declares, anywhere, with a readable path."""
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((f"{path}.{name}", value))
        for key, value in node.items():
            if key != "if":  # a condition on a key, not a key's declaration
                found.extend(_properties(value, f"{path}/{key}" if key != "properties" else path))
    elif isinstance(node, list):
        for item in node:
            found.extend(_properties(item, path))
    return found


def test_every_key_is_described_for_the_editor() -> None:
    """An editor shows a key's description when a curator hovers over it or completes it:
    give each new field Field(description=...) in kiosk/bundle/model.py."""
    keys = _properties(json.loads(schema_text()))
    assert len(keys) > 50
    undescribed = sorted({path for path, value in keys if not value.get("description")})
    assert undescribed == []


def test_every_key_has_an_example() -> None:
    """Field(examples=[...]) in kiosk/bundle/model.py; editors offer it when completing."""
    keys = _properties(json.loads(schema_text()))
    without = sorted({path for path, value in keys if not value.get("examples")})
    assert without == []


def test_an_editor_finds_each_slide_types_keys_without_if_then() -> None:
    """taplo's language server looks for a key's description through $ref, allOf, anyOf
    and oneOf only (not if/then): every slide type's keys must be reachable that way."""
    schema = json.loads(schema_text())

    def reachable(node: object) -> set[str]:
        if not isinstance(node, dict):
            return set()
        found = set(node.get("properties", {}))
        if ref := node.get("$ref"):
            found |= reachable(schema["definitions"][ref.removeprefix("#/definitions/")])
        for keyword in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(keyword, []):
                found |= reachable(branch)
        return found

    keys = reachable(schema["properties"]["slides"]["items"])
    for name, definition in schema["definitions"].items():
        if name.endswith("Slide"):
            assert set(definition["properties"]) <= keys, name
