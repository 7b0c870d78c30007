"""Health for monitoring tools: what the kiosk did, written where they read it.

Plain Python, no Qt, time passed in. ``record.Health`` counts slide changes, visitor
sessions, problems and bundle swaps; ``files.write`` writes it, each file atomically, as
a JSON status file and as Prometheus metrics in node_exporter's textfile format (through
prometheus-client's own writer). Nothing here opens a socket: node_exporter serves them.
"""

from __future__ import annotations

from kiosk.health.files import METRICS_FILE, STATUS_FILE, default_health_dir, write
from kiosk.health.problems import ProblemHandler
from kiosk.health.record import RESTARTS_ENV, Health, restarts_from

__all__ = [
    "METRICS_FILE",
    "RESTARTS_ENV",
    "STATUS_FILE",
    "Health",
    "ProblemHandler",
    "default_health_dir",
    "restarts_from",
    "write",
]
