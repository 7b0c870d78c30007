"""Watching the configured bundle and bringing its changes in, off the GUI thread.

One worker thread does all of the bundle's input and output: a fingerprint every couple
of seconds, then, once a change has been quiet for a few seconds, a private copy, hashed
as it is copied, and a full check of that copy; recording the copy on screen as the last
good one; deleting copies nobody needs. The GUI thread only starts work and receives
results as signals, so a slow disk or a 300 MB bundle never freezes the screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.bundle import BundleError
from kiosk.content.exhibition import Exhibition, Offer
from kiosk.content.fingerprint import Fingerprint, fingerprint
from kiosk.content.settle import QUIET_SECONDS, Settling

log = logging.getLogger(__name__)

POLL_MS = 2000


class BundleWatcher(QObject):
    #: A changed bundle, copied and checked: an ``Offer`` for the next reset.
    validated = Signal(object)
    #: A changed bundle was refused; the message names every problem.
    refused = Signal(str)
    #: The result of ``reload``: an ``Offer``, or the message saying why not.
    reloaded = Signal(object)

    def __init__(
        self,
        exhibition: Exhibition,
        on_screen: Offer,
        taken: Fingerprint,
        parent: QObject | None = None,
        *,
        quiet: float = QUIET_SECONDS,
        poll_ms: int = POLL_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.exhibition = exhibition
        self._clock = clock
        # Touched only on the worker thread (after this constructor).
        self._settling = Settling(taken, clock(), quiet)
        self._on_screen = on_screen
        self._waiting: Offer | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle")
        self._polling: Future[None] | None = None
        self._watcher = QFileSystemWatcher(self)
        source = exhibition.source
        for watched in (source, source.parent):
            if watched.exists():
                self._watcher.addPath(str(watched))
        self._watcher.fileChanged.connect(self._soon)
        self._watcher.directoryChanged.connect(self._soon)
        self._poll = QTimer(self)  # file watchers miss some replacements; polling does not
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check)
        self._poll.start()

    # --- from the GUI thread ---------------------------------------------------------

    def check(self) -> None:
        """Look at the bundle now (on the worker), unless a look is under way."""
        if self._polling is None or self._polling.done():
            self._polling = self._pool.submit(self._look)

    def reload(self) -> None:
        """Staff asked: copy and check the bundle now; the answer comes as ``reloaded``."""
        self._pool.submit(self._reload)

    def shown(self, offer: Offer, waiting: Offer | None = None) -> None:
        """``offer`` is on screen now (``waiting`` still waits for the next reset)."""
        self._pool.submit(self._shown, offer, waiting)

    def stop(self) -> None:
        self._poll.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _soon(self, _path: str) -> None:
        self.check()

    # --- on the worker thread --------------------------------------------------------

    def _look(self) -> None:
        current = fingerprint(self.exhibition.source)
        if not self._settling.observe(current, self._clock()):
            return
        log.info("the bundle at %s changed and is quiet now; checking it", self.exhibition.source)
        result = self._stage()
        self._settling.take(current)
        if isinstance(result, str):
            self._prune()
            self.refused.emit(result)
        elif result.digest is not None and result.digest in (
            self._on_screen.digest,
            self._waiting.digest if self._waiting is not None else None,
        ):
            log.info("the bundle's content is what the kiosk has already; nothing to do")
            result.bundle.close()
        else:
            self._waiting = result
            self._prune()
            self.validated.emit(result)

    def _reload(self) -> None:
        before = fingerprint(self.exhibition.source)
        result = self._stage()
        self._settling.take(before)
        self._prune(result if isinstance(result, Offer) else None)
        self.reloaded.emit(result)

    def _stage(self) -> Offer | str:
        """A checked copy of the bundle, or why there is none (copies refused are deleted)."""
        try:
            return self.exhibition.stage()
        except BundleError as error:
            return str(error)
        except Exception as error:  # the current exhibition must keep running
            log.exception("checking the bundle at %s failed", self.exhibition.source)
            return f"{self.exhibition.source}: could not be checked ({error})"

    def _shown(self, offer: Offer, waiting: Offer | None) -> None:
        self._on_screen, self._waiting = offer, waiting
        try:
            self.exhibition.shown(offer, keep=[waiting])
        except Exception:  # bookkeeping only: the exhibition runs on
            log.exception("the bundle on screen could not be recorded as the last good one")

    def _prune(self, *also: Offer | None) -> None:
        """Delete copies refused or replaced: all but those on screen or waiting."""
        try:
            self.exhibition.prune(self._on_screen, self._waiting, *also)
        except Exception:  # bookkeeping only
            log.exception("old copies of the bundle could not be deleted")
