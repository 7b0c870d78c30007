"""The full check of a bundle's films, after a start that skipped it.

At start the kiosk reads a bundle's media from their headers only, to be on screen at
once (a probe of its films takes a child process and a second or more). Once the first
slide is up, this checks the same files fully in the background, as ``kiosk validate``
does: the bundle it gives back has its films probed and their own frames as posters,
and comes in at the next reset like any new bundle; a file the probe refuses is named
in the log and staff's Diagnostics, and the kiosk keeps running what it shows.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.bundle import Bundle, BundleError
from kiosk.content.exhibition import named_as_original
from kiosk.content.store import Staged
from kiosk.qtmedia import load

log = logging.getLogger(__name__)


class FullCheck(QObject):
    """Checks one bundle's files again, fully, on a thread of its own."""

    #: The bundle checked fully (a Bundle), or why it was refused (a str).
    done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, path: Path, staged: Staged | None = None) -> None:
        """Check the bundle at ``path``; ``staged``, when it is a private copy, names its
        problems as the curator's file."""
        self._thread = threading.Thread(
            target=self._check, args=(path, staged), name="media-check", daemon=True
        )
        self._thread.start()

    def wait(self) -> None:
        """For the end of the kiosk: let a running check finish (its probe is bounded)."""
        if self._thread is not None:
            self._thread.join()

    def _check(self, path: Path, staged: Staged | None) -> None:
        try:
            result: Bundle | str = load(path, decode_media=True)
        except BundleError as error:
            result = str(named_as_original(error, staged))
        except Exception as error:  # a check must never end the kiosk
            log.exception("the full check of %s failed", path)
            result = f"{path}: the full check failed ({error})"
        self.done.emit(result)
