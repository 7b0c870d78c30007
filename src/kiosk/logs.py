"""Logging for a kiosk nobody watches: a rotating file, crash traces, no dialogs.

Uncaught exceptions from any thread and Qt's own warnings go to the log; the kiosk
carries on (or, for a hard crash, faulthandler writes the trace and the supervisor
restarts it). Nothing is ever shown to a visitor.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

log = logging.getLogger("kiosk")

MAX_BYTES = 1_000_000
BACKUPS = 5
_crash_file: IO[str] | None = None


def setup(log_dir: Path, *, name: str = "kiosk", verbose: bool = False) -> Path:
    """Log to ``log_dir``/``name``.log (rotated) and stderr; returns the log file's path."""
    global _crash_file
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(formatter)
    console = logging.StreamHandler()
    console.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.addHandler(console)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    previous = log_dir / f"{name}-crash.log" if name != "kiosk" else log_dir / "crash.log"
    if previous.exists() and previous.stat().st_size:
        log.warning(
            "the previous run crashed; its trace:\n%s", previous.read_text(errors="replace")
        )
    _crash_file = previous.open("w", encoding="utf-8")
    faulthandler.enable(_crash_file)
    sys.excepthook = _log_exception
    threading.excepthook = _log_thread_exception
    return path


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
