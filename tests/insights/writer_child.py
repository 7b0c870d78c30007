"""Run in a subprocess by test_store: write batches and say so, until killed or full.

argv: database path, then "kill" (flush every 50 events and print the count written) or
"full" (a file-size limit stands in for a full disk; print whether recording stayed on).
"""

from __future__ import annotations

import logging
import resource
import signal
import sys
from pathlib import Path

from kiosk.insights import events as ev
from kiosk.insights.store import Store

START = 1_790_000_000.0


def main() -> None:
    path, how = Path(sys.argv[1]), sys.argv[2]
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="LOG %(message)s")
    if how == "full":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
    store = Store(path, now=START, kiosk_id="child", batch_seconds=3600)
    n = 0
    while how == "kill" or n < 5000:
        store.record(ev.SlideShown(f"slide-{n % 7}", n, "en", "visitor", START + n, 1, "swipe"))
        n += 1
        if n % 50 == 0:
            store.flush(wait=True)
            if how == "kill":
                print(n, flush=True)
    store.close()
    print("recording" if store.recording else "off", store.dropped, flush=True)


if __name__ == "__main__":
    main()
