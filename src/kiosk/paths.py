"""Where things are: files shipped with the kiosk, from a checkout, a wheel or a frozen app."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import platformdirs

APP = "kiosk"
BUILTIN_BUNDLE = "black-january"
#: An environment variable naming the settings file, for staff and tests.
CONFIG_ENV = "KIOSK_CONFIG"
#: An environment variable naming the system-wide settings file, for tests.
SYSTEM_CONFIG_ENV = "KIOSK_SYSTEM_CONFIG"


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


def system_config_path() -> Path:
    """The settings file for every user of the machine, under the user's own file.

    /etc/kiosk/kiosk.toml on Linux and other Unixes (where an administrator looks, not
    platformdirs' /etc/xdg); %PROGRAMDATA%\\kiosk\\kiosk.toml on Windows and
    /Library/Application Support/kiosk/kiosk.toml on macOS (platformdirs' site folder).
    """
    if override := os.environ.get(SYSTEM_CONFIG_ENV):
        return Path(override)
    if sys.platform in ("win32", "darwin"):
        return Path(platformdirs.site_config_dir(APP, appauthor=False)) / "kiosk.toml"
    return Path("/etc") / APP / "kiosk.toml"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def state_dir() -> Path:
    """Where the kiosk keeps its state between runs: the health files, the point to
    resume at (~/.local/state/kiosk on Linux)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Path(platformdirs.user_state_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Where the kiosk keeps what it can make again: staged bundles, the first frame."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    """Where the kiosk keeps what it cannot make again: the last good exhibition."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def runtime_dir() -> Path:
    """The user's runtime folder (in memory, emptied at logout), quietly: without
    XDG_RUNTIME_DIR platformdirs falls back to /tmp/runtime-<uid>, with a warning that
    would reach the journal at every start."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Path(platformdirs.user_runtime_dir(APP, appauthor=False))


def bundle_folders() -> list[Path]:
    """Where private copies of bundles may go, best first: the data folder, then places
    that still work when it is full or read-only (the cache, the runtime folder in
    memory, the temporary folder)."""
    import tempfile

    user = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return [
        data_dir() / "bundles",
        cache_dir() / "bundles",
        runtime_dir() / "bundles",
        Path(tempfile.gettempdir()) / f"{APP}-{user}" / "bundles",
    ]


def replace_atomically(path: Path, data: bytes | memoryview, *, mode: int | None = None) -> None:
    """Write ``path`` whole or not at all: readers see the old file or the new one.

    The new bytes go to a fresh file in the same folder, reach the disk (fsync), and
    replace ``path`` in one rename, which is made durable by syncing the folder. With
    ``mode`` (e.g. 0o600 for a file holding a PIN hash) the file is created with it, so
    it is never readable by others, not even for an instant; without, the usual mode
    (0o666 less the umask). An existing file's owner is kept where the writer may (root
    writing a user's file). On any error the old file stays and the new one is removed.
    """
    path = Path(os.path.realpath(path))  # a symlinked file stays a link to the new bytes
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.new")
    descriptor = os.open(
        temporary,
        os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
        0o666 if mode is None else mode,
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)  # exactly this, whatever the umask
            _keep_owner(path, stream.fileno())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def _keep_owner(path: Path, descriptor: int) -> None:
    """The new file keeps the old one's owner (root writing a user's settings file)."""
    if not hasattr(os, "fchown") or not hasattr(os, "geteuid"):
        return  # Windows: no owners to keep (and no effective user ids to compare)
    try:
        old = path.stat()
    except OSError:
        return
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        # Only root may give a file away; anyone else's rewrite is their own file.
        with contextlib.suppress(PermissionError):
            os.fchown(descriptor, old.st_uid, old.st_gid)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder that can be written but not read: the rename has happened
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself has happened
    finally:
        os.close(descriptor)
