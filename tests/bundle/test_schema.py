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
