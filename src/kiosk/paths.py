"""Where things are: files shipped with the kiosk, from a checkout, a wheel or a frozen app."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUILTIN_BUNDLE = "black-january"


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. resource_path("bundle.schema.json")."""
    return Path(str(files("kiosk.resources").joinpath(*parts)))


def builtin_bundle() -> Path:
    """The folder of the bundle the kiosk ships with."""
    return resource_path("bundles", BUILTIN_BUNDLE)
