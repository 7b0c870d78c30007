"""A database held under an exclusive lock by another connection, as a backup tool or
an ``sqlite3`` shell in exclusive locking mode would hold it."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

#: The lock lets go by itself after this long: far more than the staff read waits
#: (kiosk.insights.today.BUSY_TIMEOUT), far less than SQLite's default 5 s. So a read
#: that waits the default gets the figures, and one that gives up early does not:
#: a test tells the two apart by the read's result, not by a clock.
RELEASE_AFTER = 2.5


@contextlib.contextmanager
def held_exclusively(path: Path) -> Iterator[None]:
    """``path`` (a WAL database no one else has open) locked until the block ends, or
    RELEASE_AFTER seconds."""
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    guard = threading.Lock()
    held = [True]

    def release() -> None:  # exclusive locking mode keeps the lock until the close
        with guard:
            if held[0]:
                held[0] = False
                con.execute("ROLLBACK")
                con.close()

    con.execute("SELECT count(*) FROM meta").fetchone()  # the WAL index in use first
    con.execute("PRAGMA locking_mode=EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    con.execute("INSERT INTO kiosk_events (at, kind) VALUES (0, 'lock')")
    timer = threading.Timer(RELEASE_AFTER, release)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        release()
