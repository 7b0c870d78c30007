"""A stand-in for the kiosk under a test supervisor: beats as the GUI timer does.

Usage: fake_kiosk.py STARTS_FILE MODE [CODE]. Each start appends its pid to STARTS_FILE.
MODE "beat" beats every 0.1 s until killed; "deaf" too, ignoring SIGTERM as a frozen
kiosk does; "silent" never beats; "exit" beats a few
times, then exits with CODE; "exit-once" does that on the first start only, then beats.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from kiosk.operations.heartbeat import Heartbeat


def main() -> int:
    starts, mode = Path(sys.argv[1]), sys.argv[2]
    with starts.open("a", encoding="utf-8") as record:
        record.write(f"{__import__('os').getpid()}\n")
    first = len(starts.read_text(encoding="utf-8").split()) == 1
    if mode == "deaf":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    heartbeat = Heartbeat.from_environment()
    assert heartbeat is not None, "started without a heartbeat pipe"
    beats = 0
    while True:
        if mode != "silent":
            heartbeat.beat()
        beats += 1
        if beats == 5 and (mode == "exit" or (mode == "exit-once" and first)):
            return int(sys.argv[3])
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())
