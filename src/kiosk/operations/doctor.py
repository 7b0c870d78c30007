"""``kiosk doctor``, the checks that need no Qt: settings, PIN, folders, disk, start-up,
screen saver.

Each check is one line for staff: ``ok``, ``note`` (worth knowing, nothing to fix, such
as a check that cannot run here) or ``PROBLEM`` with what to do. The screen, touch,
fonts and bundle checks need Qt and live in ``kiosk.ui.doctor``, which runs these too.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Effective
from kiosk.paths import cache_dir, data_dir, default_log_dir

OK, NOTE, PROBLEM = "ok", "note", "PROBLEM"
#: Less free space than this where the kiosk writes is a problem: a bundle's private
#: copy (films included) and the logs must fit.
MIN_FREE_BYTES = 512 * 2**20
UNIT_NAME = "kiosk.service"


@dataclass(frozen=True)
class Check:
    """The outcome of one check: what was checked, how it went, and what was found."""

    name: str
    status: str  # OK, NOTE or PROBLEM
    text: str

    def line(self) -> str:
        return f"{self.status:<8} {self.name}: {self.text}"


def exit_code(checks: Iterable[Check]) -> int:
    """1 when any check found a problem, else 0."""
    return int(any(check.status == PROBLEM for check in checks))


def report(checks: Sequence[Check]) -> str:
    """The lines staff read: one a check, then how many problems and which."""
    lines = [check.line() for check in checks]
    problems = [check.name for check in checks if check.status == PROBLEM]
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        lines.append(f"{count} ({', '.join(problems)}): see the PROBLEM lines above.")
    else:
        lines.append("No problems found.")
    return "\n".join(lines)


# --- settings and PIN -----------------------------------------------------------------


def settings_check(current: Effective) -> Check:
    """Both settings files, and every line of them that was ignored."""
    files = [
        f"{label} {path}{'' if path.exists() else ' (none)'}"
        for label, path in (("system file", current.system_path), ("user file", current.path))
    ]
    if current.problems:
        return Check(
            "settings",
            PROBLEM,
            f"{len(current.problems)} line(s) ignored, correct them: "
            + "; ".join(current.problems),
        )
    return Check("settings", OK, ", ".join(files))


def pin_check(current: Effective) -> Check:
    if current.settings.pin_hash:
        return Check("pin", OK, f"a staff PIN is set (in {current.origins['pin_hash']})")
    return Check(
        "pin",
        PROBLEM,
        "no staff PIN is set: nobody can open the staff menu or leave the kiosk; "
        "run kiosk set-pin (or sudo kiosk set-pin --system for every user)",
    )


# --- folders and disk -----------------------------------------------------------------


def kiosk_folders(current: Effective) -> dict[str, Path]:
    """Where the kiosk writes, by what it keeps there."""
    return {
        "logs": current.settings.log_dir or default_log_dir(),
        "cache": cache_dir(),
        "data": data_dir(),
    }


def _existing(path: Path) -> Path:
    """``path``, or the nearest folder above it that exists."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def writable_problem(folder: Path) -> str | None:
    """Why the kiosk could not write in ``folder`` (or create it), or None."""
    existing = _existing(folder)
    if not existing.is_dir():
        return f"{existing} is a file where a folder should be; move it away"
    if existing != folder.absolute():
        if not os.access(existing, os.W_OK | os.X_OK):
            return f"cannot be created: {existing} is not writable by this user"
        return None
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"cannot be written ({error.strerror or error}); give this user write access"
    return None


def folder_checks(folders: Mapping[str, Path], *, min_free: int = MIN_FREE_BYTES) -> list[Check]:
    """One line a folder (writable?), then one a file system (space enough?)."""
    checks: list[Check] = []
    devices: dict[int, tuple[Path, list[str]]] = {}
    for what, folder in folders.items():
        problem = writable_problem(folder)
        state = "will be created" if not folder.exists() else "writable"
        checks.append(
            Check(f"folder {what}", PROBLEM, f"{folder}: {problem}")
            if problem
            else Check(f"folder {what}", OK, f"{folder} ({state})")
        )
        existing = _existing(folder)
        if existing.is_dir():
            devices.setdefault(existing.stat().st_dev, (existing, []))[1].append(what)
    for existing, whats in devices.values():
        try:
            free = shutil.disk_usage(existing).free
        except OSError as error:
            checks.append(Check("disk", NOTE, f"{existing}: {error.strerror or error}"))
            continue
        text = f"{_size(free)} free where the kiosk keeps its {', '.join(whats)} ({existing})"
        if free < min_free:
            checks.append(
                Check("disk", PROBLEM, f"only {text}; free at least {_size(min_free)} there")
            )
        else:
            checks.append(Check("disk", OK, text))
    return checks


def _size(count: int) -> str:
    """``count`` bytes as staff read them: 812.0 MB, 56.5 GB."""
    if count < 1024:
        return f"{count} bytes"
    value = count / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


# --- start at login -------------------------------------------------------------------


def _config_home(home: Path) -> Path:
    configured = os.environ.get("XDG_CONFIG_HOME")
    return Path(configured) if configured else home / ".config"


def start_check(current: Effective, *, home: Path | None = None, root: Path = Path("/")) -> Check:
    """What starts the kiosk at login: an autostart entry, the systemd user unit, a session.

    ``root`` and ``home`` are where to look (tests give folders of their own).
    """
    if not sys.platform.startswith("linux"):
        return Check("start", NOTE, f"not checked on {sys.platform}: see the README's staff part")
    config_home = _config_home(home or Path.home())
    found: list[str] = []
    gated: list[Path] = []
    for folder in (config_home / "autostart", root / "etc/xdg/autostart"):
        for entry in sorted(folder.glob("kiosk*.desktop")):
            text = entry.read_text(encoding="utf-8", errors="replace")
            if "Hidden=true" in text or "X-GNOME-Autostart-enabled=false" in text:
                continue
            found.append(f"autostart entry {entry}")
            # It starts only a user with settings (the package's entry, through its script).
            if "kiosk/kiosk.toml" in text or "kiosk-autostart" in text:
                gated.append(entry)
    wants = "graphical-session.target.wants"
    unit_places = [config_home / "systemd/user", root / "etc/systemd/user"]
    for folder in unit_places:
        if (folder / wants / UNIT_NAME).exists():
            found.append(f"systemd user unit enabled ({folder / wants / UNIT_NAME})")
    for folder in ("usr/share/xsessions", "usr/share/wayland-sessions"):
        for entry in sorted((root / folder).glob("kiosk*.desktop")):
            found.append(f"session {entry}")
    if not found:
        return Check(
            "start",
            PROBLEM,
            "nothing starts the kiosk at login: install the kiosk package (it adds "
            "/etc/xdg/autostart/kiosk.desktop), or run "
            "systemctl --user enable kiosk.service as the kiosk user",
        )
    settings = current.path.exists() or current.system_path.exists()
    if gated and len(gated) == len(found) and not settings:
        return Check(
            "start",
            PROBLEM,
            f"{gated[0]} starts the kiosk only for a user with a settings file, and "
            f"{current.path} does not exist: run kiosk set-pin as the kiosk user",
        )
    return Check("start", OK, "; ".join(found))


# --- screen saver ---------------------------------------------------------------------


def kiosk_running() -> int | None:
    """The pid of this user's running kiosk, from its lock file (never taking the lock)."""
    from kiosk.operations.instance_lock import LOCK_FILE, lock_folders

    for folder in lock_folders():
        try:
            text = (folder / LOCK_FILE).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
        if text.isdigit():
            try:
                os.kill(int(text), 0)
            except ProcessLookupError:
                continue
            except PermissionError:
                pass  # it exists, under another user
            return int(text)
    return None


def screen_saver_check(display: str | None) -> Check:
    """Whether the X server would blank the screen; a problem only while the kiosk runs
    (the kiosk turns the screen saver off when it starts and back on when it ends)."""
    if not sys.platform.startswith("linux"):
        return Check("screen saver", NOTE, f"not checked on {sys.platform}")
    if not display:
        wayland = " (Wayland: the compositor, e.g. cage, decides)" if _wayland() else ""
        return Check(
            "screen saver", NOTE, f"no X display (DISPLAY is not set): not checked{wayland}"
        )
    from kiosk.operations import screensaver

    state = screensaver.state(display)
    if state is None:
        return Check("screen saver", NOTE, f"no X server answers at {display}: not checked")
    if state.timeout == 0 and not state.dpms:
        return Check("screen saver", OK, f"off on {display} (no blanking, no DPMS)")
    found = f"blanks after {state.timeout} s" if state.timeout else "no blanking"
    found += ", DPMS on" if state.dpms else ""
    running = kiosk_running()
    if running is not None:
        return Check(
            "screen saver",
            PROBLEM,
            f"on while the kiosk runs (pid {running}) on {display}: {found}; something "
            "turned it back on (a desktop's power settings?); use the kiosk session, or "
            "turn screen blanking off in the desktop's settings",
        )
    return Check("screen saver", OK, f"{found} on {display}; the kiosk turns it off while it runs")


def _wayland() -> bool:
    return bool(os.environ.get("WAYLAND_DISPLAY"))


def plain_checks(
    current: Effective, *, home: Path | None = None, root: Path = Path("/")
) -> list[Check]:
    """Every check that needs no Qt, in the order staff read them."""
    return [
        settings_check(current),
        pin_check(current),
        *folder_checks(kiosk_folders(current)),
        start_check(current, home=home, root=root),
        screen_saver_check(os.environ.get("DISPLAY")),
    ]
