"""Installation settings: TOML files for the machine and for the user, under flags.

Every setting is declared once, in ``Settings``. Effective values come from, in order:
the defaults, the system-wide file (/etc/kiosk/kiosk.toml, see
``kiosk.paths.system_config_path``), the user's file (``KIOSK_CONFIG`` or ``--config``
names another), the command line; each later one wins. ``kiosk config`` shows each
value with where it came from. A line of the file that cannot be used is reported (with its
line number) and ignored; every other line still counts. Never fatal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk import settings_file
from kiosk.operations import hours
from kiosk.paths import default_config_path, system_config_path
from kiosk.settings_file import SettingsFileError as SettingsFileError  # for writers' callers

#: What ``hash_pin`` writes: "scrypt$<n>$<salt>$<digest>", both in base64.
PIN_HASH_PATTERN = r"^scrypt\$[0-9]+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$"


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
    health_dir: Path | None = Field(
        None,
        description=(
            "where the health files go (status.json, kiosk.prom); for node_exporter, its "
            "textfile folder, e.g. /var/lib/prometheus/node-exporter"
        ),
    )

    @field_validator("pin_hash")
    @classmethod
    def _pin_hash(cls, value: str | None) -> str | None:
        # A damaged hash matches no PIN: nobody could leave the kiosk, and nothing would
        # say why. Reported, it is ignored and the pad says there is no PIN.
        if value is not None and not re.match(PIN_HASH_PATTERN, value):
            raise ValueError("is not a PIN hash as kiosk set-pin writes it; run kiosk set-pin")
        return value

    @field_validator("bundle", "log_dir", "health_dir")
    @classmethod
    def _absolute(cls, path: Path | None) -> Path | None:
        # The kiosk's working folder is not the curator's (under systemd it is $HOME):
        # a relative path would name another place. Flags are made absolute by the CLI.
        if path is not None and (not str(path).strip() or str(path) == "."):
            raise ValueError("is empty")
        if path is not None and not path.is_absolute():
            raise ValueError(f"must be an absolute path, such as /srv/exhibit (not {path})")
        return path

    countdown_seconds: float = Field(
        20.0,
        ge=20,  # WCAG 2.2.1: at least 20 s to answer a time-out warning
        le=120,
        description="seconds the 'Still there?' countdown lasts before the reset",
    )
    staff_timeout_seconds: float = Field(
        60.0, ge=15, le=600, description="seconds an untouched PIN pad or staff menu stays open"
    )
    viewing_distance_m: float = Field(
        1.0,
        ge=0.3,
        le=10,
        description=(
            "metres from which visitors read the screen; on a screen that reports its "
            "size, text is at least 24 pt a metre (Smithsonian guidelines)"
        ),
    )
    reduced_motion: bool = Field(
        False,
        description="every transition a short fade, never a slide (visitors may still toggle it)",
    )
    max_volume_percent: int = Field(
        80,
        ge=0,
        le=100,
        description=(
            "the loudest film and sound play, in percent of the system's volume "
            "(as heard: 50 sounds half as loud); 0 plays them silently"
        ),
    )
    watchdog_seconds: float = Field(
        30.0,
        ge=10,
        le=600,
        description="seconds without a sign of life before --supervise restarts the kiosk",
    )
    health_screenshot_minutes: int = Field(
        0,
        ge=0,
        le=1440,
        description="minutes between screenshots in the health folder; 0 takes none",
    )
    opening_hours: dict[str, str] | None = Field(
        None,
        description=(
            'when the kiosk shows, per day: { mon-fri = "09:00-18:00", sun = "closed" }; '
            "a day not named is closed; unset, the kiosk shows all the time"
        ),
    )
    closed_on: list[date] = Field(
        default_factory=list, description='dates closed whatever the day: ["2026-12-25"]'
    )
    open_on: dict[date, str] = Field(
        default_factory=dict,
        description='dates with hours of their own: { 2026-12-31 = "10:00-14:00" }',
    )
    show_closed_on_touch: bool = Field(
        False, description="outside opening hours, a touch shows a 'closed' screen for a moment"
    )
    burn_in_drift: bool = Field(
        True, description="the attract loop moves the slides a few pixels over minutes"
    )
    record_visits: bool | None = Field(
        None,
        description="record what visitors do for kiosk stats (on for the full-screen "
        "kiosk, off for the preview window, unless set)",
    )
    record_batch_seconds: float = Field(
        3.0,
        gt=0,
        le=60,
        description="how often recorded visits are written to disk (the attract loop's "
        "slides twenty times less often)",
    )

    night_dim_hours: str | None = Field(
        None,
        description='times of day the slides show darker: "20:00-07:00"',
    )
    night_dim_percent: int = Field(
        40, ge=10, le=90, description="how much darker the slides are in night_dim_hours"
    )

    @field_validator("night_dim_hours")
    @classmethod
    def _night_dim_hours(cls, value: str | None) -> str | None:
        if value is not None:
            hours.parse_times(value)
        return value

    @field_validator("opening_hours")
    @classmethod
    def _opening_hours(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        # Checked here so a mistake is named with its line and the key is ignored: the
        # kiosk then shows all the time, which staff notice, rather than going dark.
        if value is not None:
            hours.parse_week(value)
        return value

    @field_validator("open_on")
    @classmethod
    def _open_on(cls, value: dict[date, str]) -> dict[date, str]:
        for day, text in value.items():
            try:
                hours.parse_day(text)
            except ValueError as error:
                raise ValueError(f"{day}: {error}") from None
        return value

    @property
    def records_visits(self) -> bool:
        """Whether visits are recorded: ``record_visits``, else only in full screen."""
        return not self.windowed if self.record_visits is None else self.record_visits

    def schedule(self) -> hours.Schedule | None:
        """The opening hours, or None when the kiosk shows all the time."""
        if self.opening_hours is None:
            return None
        return hours.Schedule.of(self.opening_hours, self.closed_on, self.open_on)


@dataclass
class Effective:
    settings: Settings
    origins: dict[str, str] = field(default_factory=dict)
    path: Path = field(default_factory=lambda: default_config_path())
    problems: list[str] = field(default_factory=list)
    #: The system-wide file, read before (under) the user's file ``path``.
    system_path: Path = field(default_factory=lambda: system_config_path())

    def sources(self) -> str:
        """The files the settings came from, in the order read, for the log."""
        found = [str(f) for f in dict.fromkeys((self.system_path, self.path)) if f.is_file()]
        if found:
            return " and ".join(found)
        return f"no file (neither {self.system_path} nor {self.path}): the defaults"


def read_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings in ``path`` (none if it does not exist), and any problems with it.

    A line that does not parse, a value that is not valid and a key that is not a
    setting each cost only themselves; every problem names the file and its line.
    """
    contents = settings_file.read(path)
    data = dict(contents.values)
    problems = [(problem.line, problem.message) for problem in contents.problems]
    try:
        Settings.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            name = str(detail["loc"][0]) if detail["loc"] else ""
            data.pop(name, None)
            message = (
                "not a setting"
                if detail["type"] == "extra_forbidden"
                else detail["msg"].removeprefix("Value error, ")
            )
            where = ".".join(map(str, detail["loc"]))
            problems.append((contents.lines.get(name, 0), f"{where}: {message}; ignored"))
    problems.sort(key=lambda problem: problem[0])
    return data, [
        f"{path}:{line}: {text}" if line else f"{path}: {text}" for line, text in problems
    ]


def effective(
    path: Path | None = None,
    flags: dict[str, Any] | None = None,
    *,
    system: Path | None = None,
) -> Effective:
    """Defaults, then the system file, then the user's file ``path``, then the flags
    that were given (not None). A value's origin is the file it came from (its path),
    "command line" or "default"."""
    path = path or default_config_path()
    system = system or system_config_path()
    values: dict[str, Any] = {}
    origins = dict.fromkeys(Settings.model_fields, "default")
    problems: list[str] = []
    # The same file named twice (KIOSK_CONFIG=/etc/kiosk/kiosk.toml) is read once.
    layers = [system, path] if system.absolute() != path.absolute() else [path]
    for layer in layers:
        from_file, layer_problems = read_file(layer)
        problems += layer_problems
        for name, value in from_file.items():
            values[name] = value
            origins[name] = str(layer)
    for name, value in (flags or {}).items():
        if value is not None and name in Settings.model_fields:
            values[name] = value
            origins[name] = "command line"
    return Effective(Settings.model_validate(values), origins, path, problems, system)


def write_setting(
    path: Path, name: str, value: str | float | bool | None, *, mode: int = 0o600
) -> None:
    """Set one key in the settings file (None removes it), keeping everything else.

    Atomic, owner-only unless ``mode`` says otherwise, and refused with SettingsFileError
    (a ValueError naming the file and line) when the file is not valid TOML: see
    ``kiosk.settings_file``.
    """
    settings_file.write_value(path, name, value, mode=mode)


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
