"""The supervisor tells each kiosk it starts how many restarts came before it
(``KIOSK_RESTARTS``), which its health files report as ``kiosk_restarts_total``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.operations.processes import wait_for
from tests.operations.test_supervisor import SUPERVISOR

#: A kiosk that fails at once: it writes the count it was given and ends with code 3.
FAILING = (
    "import os, sys; "
    "open(sys.argv[1], 'a').write(os.environ.get('KIOSK_RESTARTS', '?') + '\\n'); "
    "sys.exit(3)"
)


def test_each_start_is_told_the_restarts_before_it(tmp_path: Path) -> None:
    counts = tmp_path / "counts"
    child = [sys.executable, "-c", FAILING, str(counts)]
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR, str(tmp_path / "log"), *child],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        wait_for(lambda: counts.exists() and len(counts.read_text().split()) >= 3)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=60)
    assert counts.read_text().split()[:3] == ["0", "1", "2"]
