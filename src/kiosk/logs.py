"""Logging for a kiosk nobody watches: a rotating file, crash traces, no dialogs.

Uncaught exceptions from any thread and Qt's own warnings go to the log; the kiosk
carries on (or, for a hard crash, faulthandler writes the trace and the supervisor
restarts it). Nothing is ever shown to a visitor.

The log is never a reason to stop: a log folder that cannot be made or written (a
read-only mount, a file in its place, a full disk) means stderr only, which the journal
keeps under systemd, with one line there saying why. The live kiosk sets this up first
of all, before Qt (see kiosk.cli), so a start-up crash leaves its trace; so this module
imports nothing heavy (not even logging.handlers: 7-10 ms before the first frame).
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO

log = logging.getLogger("kiosk")

MAX_BYTES = 1_000_000
BACKUPS = 5
#: After a write error (a full disk) the log file is tried again this much later.
RETRY_SECONDS = 60.0
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_crash_file: IO[str] | None = None
#: The log file of the current setup, and the handler that proves it is still in place.
_current: tuple[Path, logging.Handler] | None = None
_installed: list[logging.Handler] = []


def setup(log_dir: Path, *, name: str = "kiosk", verbose: bool = False) -> Path | None:
    """Log to ``log_dir``/``name``.log (rotated) and stderr; returns the log file's path.

    A hard crash's trace (faulthandler) goes to ``crash.log`` beside it (for another
    ``name``: ``name-crash.log``), and the previous run's trace, if any, into the log.
    Returns None when the folder cannot be made or written: then stderr alone, and one
    line on stderr says so. Setting up the same log again changes nothing.
    """
    global _current
    path = log_dir / f"{name}.log"
    root = logging.getLogger()
    if _current is not None and _current[0] == path and _current[1] in root.handlers:
        return path
    _reset()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    if sys.stderr is not None:
        handlers.append(logging.StreamHandler())
    written: Path | None = path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(LogFile(path))
    except OSError as error:
        _say(f"cannot write the log folder {log_dir} ({_reason(error)}); logging to stderr only")
        written = None
    for old in list(root.handlers):
        root.removeHandler(old)
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    _installed[:] = handlers
    if handlers:
        _current = (path, handlers[-1])
    _catch_crashes(log_dir / ("crash.log" if name == "kiosk" else f"{name}-crash.log"), written)
    sys.excepthook = _log_exception
    threading.excepthook = _log_thread_exception
    return written


class LogFile(logging.FileHandler):
    """A log file rotated at MAX_BYTES into BACKUPS numbered copies (``.1`` the newest),
    which a full disk or a vanished folder cannot turn into a crash or a flood of errors.

    After a write error it says so once on stderr and rests; it tries again RETRY_SECONDS
    later, and says when it writes again. Records meanwhile go to stderr only.
    (logging.handlers.RotatingFileHandler rotates the same way; see the module's note.)
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, mode="a", encoding="utf-8")  # OSError if it cannot be opened
        self._resting_until: float | None = None
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._resting_until is not None and _now() < self._resting_until:
            return
        self._failed = False
        try:
            if self.stream is None:
                self.stream = self._open()
            if self._full(record):
                self._rotate()
        except Exception:  # noqa: BLE001 - handleError is logging's way, and ours below
            self.handleError(record)
            return
        super().emit(record)  # calls handleError on a write error
        if self._resting_until is not None and not self._failed:
            self._resting_until = None
            _say(f"writing to {self.baseFilename} again")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """Rest instead of printing logging's traceback for every record."""
        error = sys.exc_info()[1]
        self._failed = True
        first = self._resting_until is None
        self._resting_until = _now() + RETRY_SECONDS
        stream, self.stream = self.stream, None  # type: ignore[assignment]
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # unwritten bytes are lost anyway
                stream.close()
        if first:
            _say(
                f"cannot write {self.baseFilename} ({_reason(error)}); logging to stderr only, "
                f"trying again every {RETRY_SECONDS:.0f} s"
            )

    def _full(self, record: logging.LogRecord) -> bool:
        position = self.stream.tell()
        if not position or position + len(self.format(record)) + 1 < MAX_BYTES:
            return False
        return Path(self.baseFilename).is_file()  # not /dev/null or a pipe

    def _rotate(self) -> None:
        stream, self.stream = self.stream, None  # type: ignore[assignment]
        stream.close()
        base = Path(self.baseFilename)
        for number in range(BACKUPS - 1, 0, -1):
            older = base.with_name(f"{base.name}.{number}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{number + 1}"))
        if base.exists():
            base.replace(base.with_name(f"{base.name}.1"))
        self.stream = self._open()


def _catch_crashes(crash: Path, log_file: Path | None) -> None:
    """faulthandler to ``crash`` (stderr if it cannot be written); the last crash's trace
    into the log."""
    global _crash_file
    if log_file is not None:
        try:
            if crash.is_file() and crash.stat().st_size:
                trace = crash.read_text(encoding="utf-8", errors="replace")
                log.warning("the previous run crashed; its trace:\n%s", trace)
            _crash_file = crash.open("w", encoding="utf-8")
            faulthandler.enable(_crash_file)
            return
        except OSError as error:
            _say(f"cannot write {crash} ({_reason(error)}); a hard crash's trace goes to stderr")
    # Without any stderr (a windowed Windows app) there is nowhere to write a trace.
    with contextlib.suppress(RuntimeError, ValueError, OSError, AttributeError):
        faulthandler.enable()  # to sys.stderr


def _reset() -> None:
    """Close what the last setup opened (a new setup, or a test, replaces it)."""
    global _crash_file, _current
    if _crash_file is not None:
        if faulthandler.is_enabled():
            faulthandler.disable()
        _crash_file.close()
        _crash_file = None
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()
    _current = None


def _now() -> float:
    return time.monotonic()


def _reason(error: BaseException | None) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}" if error else "unknown error"


def _say(text: str) -> None:
    """One line on stderr (the journal, under systemd); it must never fail the kiosk."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"kiosk: {text}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _log_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    log.error("uncaught exception", exc_info=(kind, error, trace))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    log.error(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )
