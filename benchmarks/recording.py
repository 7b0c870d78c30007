"""What recording visits adds to a slide change: presenter + recorder + Store.record.

A visitor pages through 20 slides, back and forth, 5,000 times in simulated time: once
with no listener, once with the recorder feeding a real Store (SQLite in a temporary
folder, its writer thread committing every 3 s as in the kiosk). The difference per
slide change is what recording costs the GUI thread; the target is under 1 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kiosk.insights.recorder import Recorder
from kiosk.insights.store import Store
from kiosk.presentation import Presenter, Timing

CHANGES = 5_000  # within the store's queue (10,000): a burst it keeps whole
RUNS = 5
IDS = [f"slide-{n}" for n in range(20)]


def run(store: Store | None) -> float:
    """Seconds per slide change, ``CHANGES`` of them."""
    presenter = Presenter(Timing([10.0] * len(IDS), 90), ["en", "az"], 0.0)
    if store is not None:
        recorder = Recorder(store, IDS.__getitem__, now=0.0, wall=time.time)
        recorder.attach(presenter, 0.0)
    now = 0.0
    began = time.perf_counter()
    for n in range(CHANGES):
        now += 2.5
        if n % 7 == 6:
            presenter.previous(now, "swipe")
        else:
            presenter.next(now, "swipe")
    return (time.perf_counter() - began) / CHANGES


def main() -> None:
    bare, recorded = [], []
    with tempfile.TemporaryDirectory() as folder:
        for run_number in range(RUNS):
            bare.append(run(None))
            store = Store(Path(folder) / f"{run_number}.sqlite3", now=time.time())
            recorded.append(run(store))
            store.close()
            assert store.recording and store.dropped == 0, "the store fell behind"
    bare_us, recorded_us = statistics.median(bare) * 1e6, statistics.median(recorded) * 1e6
    print(f"slide change, presenter alone:       {bare_us:7.1f} µs (median of {RUNS})")
    print(f"slide change, recorded into SQLite:  {recorded_us:7.1f} µs")
    print(f"recording adds:                      {recorded_us - bare_us:7.1f} µs (target < 1000)")


if __name__ == "__main__":
    main()
