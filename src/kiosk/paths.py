"""Where things are: files shipped with the kiosk, from a checkout, a wheel or a frozen app."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "kiosk"
BUILTIN_BUNDLE = "black-january"
#: An environment variable naming the settings file, for staff and tests.
CONFIG_ENV = "KIOSK_CONFIG"


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. resource_path("bundle.schema.json")."""
    from importlib.resources import files  # not at import: the first frame waits for it

    return Path(str(files("kiosk.resources").joinpath(*parts)))


def builtin_bundle() -> Path:
    """The folder of the bundle the kiosk ships with."""
    return resource_path("bundles", BUILTIN_BUNDLE)


def default_config_path() -> Path:
    if override := os.environ.get(CONFIG_ENV):
        return Path(override)
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "kiosk.toml"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Where the kiosk keeps what it can make again: staged bundles, the first frame."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    """Where the kiosk keeps what it cannot make again: the last good exhibition."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def bundle_folders() -> list[Path]:
    """Where private copies of bundles may go, best first: the data folder, then places
    that still work when it is full or read-only (the cache, the runtime folder in
    memory, the temporary folder)."""
    import tempfile

    user = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return [
        data_dir() / "bundles",
        cache_dir() / "bundles",
        Path(platformdirs.user_runtime_dir(APP, appauthor=False)) / "bundles",
        Path(tempfile.gettempdir()) / f"{APP}-{user}" / "bundles",
    ]


def replace_atomically(path: Path, data: bytes | memoryview) -> None:
    """Write ``path`` whole or not at all: readers see the old file or the new one."""
    temporary = path.with_name(f".{path.name}.new")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # a full disk leaves no half file behind
        raise
