"""When a changed bundle is ready to be copied: changed, then quiet for a few seconds.

A curator or Syncthing copies a bundle file by file, or a big .kiosk in chunks; copying
it half-way would show new texts beside old pictures, or refuse a bundle that is only
unfinished. So a change is taken only once nothing has moved for ``quiet`` seconds.
Time is passed in.
"""

from __future__ import annotations

from kiosk.content.fingerprint import Fingerprint

#: Seconds without any change before a changed bundle is copied.
QUIET_SECONDS = 4.0


class Settling:
    """Watches fingerprints of one bundle and says when a change has settled."""

    def __init__(self, taken: Fingerprint, now: float, quiet: float = QUIET_SECONDS) -> None:
        self.taken = taken  # the state last copied (shown or refused)
        self.quiet = quiet
        self._last = taken
        self._since = now

    def observe(self, current: Fingerprint, now: float) -> bool:
        """Note the bundle's state at ``now``; True when a change has settled."""
        if current != self._last:
            self._last, self._since = current, now
            return False
        return current != self.taken and now - self._since >= self.quiet

    def take(self, fingerprint: Fingerprint) -> None:
        """The state at ``fingerprint`` was copied and checked: wait for the next change."""
        self.taken = fingerprint
