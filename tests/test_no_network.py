"""The kiosk works offline and opens no network connection: not one socket, in a full run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FULL_RUN = r"""
import json, os, sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
out, config = sys.argv[1], sys.argv[2]
from PySide6.QtWidgets import QApplication
application = QApplication([])  # one application for the commands and the kiosk
from kiosk.cli import main
from kiosk.paths import builtin_bundle
assert main(["validate", str(builtin_bundle())]) == 0
assert main(["pack", str(builtin_bundle()), "-o", out + "/b.kiosk"]) == 0
assert main(["render", "-o", out + "/render", "--size", "640x360"]) == 0
from PySide6.QtCore import QTimer
from kiosk.config import effective
from kiosk.ui.app import start
app, window = start(effective(None, {"bundle": out + "/b.kiosk"}))
sockets = set()
def look():
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            sockets.add(target)
    window.next()
poll = QTimer(); poll.timeout.connect(look); poll.start(100)
QTimer.singleShot(3000, lambda: app.exit(0))
app.exec()
window.shutdown()
print(json.dumps({"events": events, "sockets": sorted(sockets)}))
"""


def test_a_full_run_opens_no_socket(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    environment = {
        "KIOSK_CONFIG": str(config),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", FULL_RUN, str(tmp_path), str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"events": [], "sockets": []}
    assert "showing slide 2/10" in (tmp_path / "logs" / "kiosk.log").read_text()
    # The health files were written (prometheus-client's writer too), with no socket.
    assert (tmp_path / ".local" / "state" / "kiosk" / "health" / "kiosk.prom").exists()
