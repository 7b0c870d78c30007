"""A year of a busy kiosk, simulated: its database's size, and how long ``kiosk stats``
takes over it (issue 17: under the size cap, and under a second).

365 days, 300 visits a day of 12 slides each (a swipe each, a chapter and a language
now and then, a film), and the attract loop's rows between visits, written through the
Store with time passed in (flushed every day, so its queue never drops a row).
Measured 2026-11-26 (benchmarks/README.md): 142 MB, stats 0.40 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

from kiosk.insights import events as ev
from kiosk.insights.stats import read
from kiosk.insights.store import DAY, MAX_BYTES, Store

DAYS, VISITS, SLIDES = 365, 300, 12
START = 1_767_225_600.0  # 2026-01-01 00:00 UTC
IDS = [f"slide-{n}" for n in range(20)]


def day_of_events(day: int, rng: random.Random) -> list[ev.Event]:
    events: list[ev.Event] = []
    opening = START + day * DAY + 9 * 3600
    gap = 10 * 3600 / VISITS  # a visit every two minutes over a 10-hour day
    for visit in range(VISITS):
        t = opening + visit * gap
        for n in range(3):  # the attract loop before the visit
            events.append(ev.SlideShown(IDS[n], n, "en", "attract", t, 12, "auto"))
            t += 12
        events.append(ev.SessionStarted(t))
        language = rng.choice(["en", "az", "fr"])
        if language != "en":
            events.append(ev.LanguageChosen(t, language))
        for n in range(SLIDES):
            dwell = rng.uniform(2, 12)
            how = "start" if n == 0 else "swipe"
            events.append(ev.SlideShown(IDS[n], n, language, "visitor", t, dwell, how))
            t += dwell
        events.append(ev.ChapterJump(t, IDS[5]))
        events.append(ev.MediaPlayed(t, IDS[7], rng.random()))
        events.append(ev.SessionEnded(t + 1, "idle_reset"))
    return events


def main() -> int:
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "insights.sqlite3"
        began = time.perf_counter()
        store = Store(path, now=START, kiosk_id="busy", batch_seconds=3600)
        for day in range(DAYS):
            for event in day_of_events(day, rng):
                while True:
                    before = store.dropped
                    store.record(event)
                    if store.dropped == before:
                        break
                    store.flush(wait=True)  # the queue was full: let the writer catch up
                    store.dropped = before
            store.flush(wait=True)
        store.close()
        written = time.perf_counter() - began
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"a year written in {written:.0f} s ({store.written} events)")
        print(f"database: {size / 1e6:.1f} MB (cap {MAX_BYTES / 1e6:.0f} MB)")
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            stats = read([path], tz=UTC)
            timings.append(time.perf_counter() - began)
        print(f"stats over the year: {min(timings):.2f} s (best of 3), {stats.sessions} visits")
        return 0 if size < MAX_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
