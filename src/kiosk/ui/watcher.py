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
from dataclasses import replace

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.bundle import BundleError
from kiosk.content.copy import CopyCancelledError
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
        # Touched only on the worker thread (after this constructor). The window owns what
        # is on screen and what waits for the reset; it reports both after every change
        # (``report``), with the serial of the last offer it received. Offers sent since
        # are still on their way to it: their copies must not be pruned meanwhile.
        self._settling = Settling(taken, clock(), quiet)
        self._on_screen = on_screen
        self._pending: Offer | None = None
        self._sent: list[Offer] = []
        self._serial = 0
        self._stopped = False
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
        if not self._stopped and (self._polling is None or self._polling.done()):
            self._polling = self._pool.submit(self._look)

    def reload(self) -> None:
        """Staff asked: copy and check the bundle now; the answer comes as ``reloaded``."""
        if not self._stopped:
            self._pool.submit(self._reload)

    def report(self, on_screen: Offer, pending: Offer | None, received: int) -> None:
        """The window's content now: ``on_screen`` (seen by visitors: the last good one),
        ``pending`` for the next reset, and ``received``, the serial of the last offer it
        got from here."""
        if not self._stopped:
            self._pool.submit(self._report, on_screen, pending, received)

    def stop(self) -> None:
        """Stop watching; a copy under way is abandoned, and nothing waits for it."""
        self._stopped = True
        self._poll.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self.exhibition.store.cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _soon(self, _path: str) -> None:
        self.check()

    # --- on the worker thread --------------------------------------------------------

    def _look(self) -> None:
        current = fingerprint(self.exhibition.source)
        if not self._settling.observe(current, self._clock()):
            return
        log.info("the bundle at %s changed and is quiet now; checking it", self.exhibition.source)
        result = self._stage(current)
        self._settling.take(current)
        if isinstance(result, str):
            self._prune()
            self.refused.emit(result)
            return
        if result.digest is not None and result.digest == self._latest().digest:
            log.info("the bundle's content is what the kiosk has already; nothing to do")
            result.bundle.close()
            return
        # Even content equal to what is on screen is sent when something else waits: the
        # curator took an update back, and that must not come in at the reset.
        sent = self._send(result)
        self._prune()
        self.validated.emit(sent)

    def _reload(self) -> None:
        result = self._stage()
        self._settling.take(self.exhibition.seen)
        if isinstance(result, Offer):
            result = self._send(result)
        self._prune()
        self.reloaded.emit(result)

    def _stage(self, seen: Fingerprint | None = None) -> Offer | str:
        """A checked copy of the bundle, or why there is none."""
        try:
            return self.exhibition.stage(seen=seen)
        except BundleError as error:
            return str(error)
        except CopyCancelledError:
            return f"{self.exhibition.source}: not checked, the kiosk is stopping"
        except Exception as error:  # the current exhibition must keep running
            log.exception("checking the bundle at %s failed", self.exhibition.source)
            return f"{self.exhibition.source}: could not be checked ({error})"

    def _send(self, offer: Offer) -> Offer:
        self._serial += 1
        sent = replace(offer, serial=self._serial)
        self._sent.append(sent)
        return sent

    def _latest(self) -> Offer:
        """What the window will show after its next reset, as far as is known here."""
        return self._sent[-1] if self._sent else self._pending or self._on_screen

    def _report(self, on_screen: Offer, pending: Offer | None, received: int) -> None:
        self._on_screen, self._pending = on_screen, pending
        self._sent = [offer for offer in self._sent if offer.serial > received]
        try:
            self.exhibition.shown(on_screen, keep=[pending, *self._sent])
        except Exception:  # bookkeeping only: the exhibition runs on
            log.exception("the bundle on screen could not be recorded as the last good one")

    def _prune(self) -> None:
        """Delete copies refused or replaced: all but those on screen, waiting or sent."""
        try:
            self.exhibition.prune(self._on_screen, self._pending, *self._sent)
        except Exception:  # bookkeeping only
            log.exception("old copies of the bundle could not be deleted")
