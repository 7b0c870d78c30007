"""Installation settings: a TOML file in the platform's config folder, under flags.

Every setting is declared once, in ``Settings``. Effective values come from, in order:
the defaults, the settings file, the command line. ``kiosk config`` shows each value
with where it came from. A broken settings file is reported and ignored, never fatal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk.paths import default_config_path, replace_atomically


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bundle: Path | None = Field(None, description="bundle folder or .kiosk file to show")
    windowed: bool = Field(False, description="a preview window instead of the fullscreen kiosk")
    screen: int = Field(0, ge=0, description="which screen to fill, counting from 0")
    idle_seconds: float | None = Field(
        None, ge=15, le=3600, description="seconds without a touch before the reset"
    )
    slide_seconds: float | None = Field(
        None, ge=3, le=600, description="seconds a slide shows in the attract loop"
    )
    pin_hash: str | None = Field(None, description="the staff PIN, hashed (kiosk set-pin)")
    log_dir: Path | None = Field(None, description="where the log files go")
    countdown_seconds: float = Field(
        20.0,
        ge=20,  # WCAG 2.2.1: at least 20 s to answer a time-out warning
        le=120,
        description="seconds the 'Still there?' countdown lasts before the reset",
    )
    staff_timeout_seconds: float = Field(
        60.0, ge=15, le=600, description="seconds an untouched PIN pad or staff menu stays open"
    )
    watchdog_seconds: float = Field(
        30.0,
        ge=10,
        le=600,
        description="seconds without a sign of life before --supervise restarts the kiosk",
    )


@dataclass
class Effective:
    settings: Settings
    origins: dict[str, str] = field(default_factory=dict)
    path: Path = field(default_factory=lambda: default_config_path())
    problems: list[str] = field(default_factory=list)


def read_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings in ``path`` (none if it does not exist), and any problems with it."""
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, [f"{path}: ignored, it cannot be read ({error})"]
    try:
        Settings.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{path}: {'.'.join(map(str, detail['loc']))}: {detail['msg']}; ignored"
            for detail in error.errors(include_url=False)
        ]
        bad = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
        data = {key: value for key, value in data.items() if key not in bad}
        return data, problems
    return data, []


def effective(path: Path | None = None, flags: dict[str, Any] | None = None) -> Effective:
    """Defaults, then the file, then the flags that were given (not None)."""
    path = path or default_config_path()
    values: dict[str, Any] = {}
    origins = dict.fromkeys(Settings.model_fields, "default")
    from_file, problems = read_file(path)
    for name, value in from_file.items():
        values[name] = value
        origins[name] = str(path)
    for name, value in (flags or {}).items():
        if value is not None and name in Settings.model_fields:
            values[name] = value
            origins[name] = "command line"
    return Effective(Settings.model_validate(values), origins, path, problems)


def write_setting(path: Path, name: str, value: str | float | bool | None) -> None:
    """Set one key in the settings file, keeping the others, atomically."""
    data, _problems = read_file(path)
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, _to_toml(data).encode("utf-8"))


def _to_toml(data: dict[str, Any]) -> str:
    """Flat settings as TOML (JSON strings, numbers and booleans are TOML too)."""
    lines = ["# Kiosk settings: see `kiosk config`. Written by `kiosk set-pin` too."]
    for name, value in sorted(data.items()):
        text = str(value) if isinstance(value, Path) else value
        lines.append(f"{name} = {json.dumps(text)}")
    return "\n".join(lines) + "\n"


# --- the staff PIN ------------------------------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``; the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    encode = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${encode(salt).decode()}${encode(digest).decode()}"


def check_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            dklen=len(expected),
            n=int(n),
            r=_SCRYPT["r"],
            p=_SCRYPT["p"],
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
