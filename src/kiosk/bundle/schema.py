"""The JSON Schema of bundle.toml, generated from the models for editors."""

from __future__ import annotations

import json

from kiosk.bundle.model import Manifest


def schema_text() -> str:
    """The schema as shipped in resources/bundle.schema.json."""
    return json.dumps(Manifest.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
