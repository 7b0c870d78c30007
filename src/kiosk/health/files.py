"""The health files: ``status.json`` for people and scripts, ``kiosk.prom`` for
node_exporter's textfile collector. Each is replaced whole (written under a temporary
name, then renamed), so a reader never sees half a file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.health.record import Event, Health
from kiosk.paths import replace_atomically, state_dir

if TYPE_CHECKING:
    from prometheus_client.registry import CollectorRegistry

STATUS_FILE = "status.json"
#: node_exporter reads only files named *.prom; prometheus-client's writer first writes
#: kiosk.prom.<pid>.<thread>, which it ignores, then renames it.
METRICS_FILE = "kiosk.prom"


def default_health_dir() -> Path:
    """The kiosk's state folder (e.g. ~/.local/state/kiosk/health on Linux)."""
    return state_dir() / "health"


def _when(time: float) -> str:
    return datetime.fromtimestamp(time, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _event(event: Event | None, key: str = "text") -> dict[str, Any] | None:
    if event is None:
        return None
    described: dict[str, Any] = {"time": _when(event.time), "timestamp": event.time}
    if event.text:
        described[key] = event.text
    return described


def status(health: Health, now: float, uptime: float | None = None) -> dict[str, Any]:
    """What ``status.json`` holds, at ``now``; ``uptime`` from a monotonic clock where
    there is one (the wall clock may jump: a machine without a clock battery)."""
    uptime = now - health.started if uptime is None else uptime
    return {
        "kiosk_version": health.version,
        "up": health.up,
        "asleep": health.asleep,
        "bundle": {"id": health.bundle_id, "version": health.bundle_version},
        "started": _when(health.started),
        "uptime_seconds": round(max(0.0, uptime), 1),
        "written": _when(now),
        "slide_changes": health.slide_changes,
        "sessions": health.sessions,
        "restarts": health.restarts,
        "insights_recording": health.insights_recording,
        "insights_dropped": health.insights_dropped,
        "last_slide_change": _event(health.last_slide_change),
        "last_problem": _event(health.last_problem),
        "last_swap": _event(health.last_swap, "bundle"),
    }


def registry(health: Health) -> CollectorRegistry:
    """The kiosk's metrics in a registry of their own (not the process-wide default,
    which would add the Python process's metrics)."""
    from prometheus_client.metrics_core import (
        CounterMetricFamily,
        GaugeMetricFamily,
        InfoMetricFamily,
    )
    from prometheus_client.registry import CollectorRegistry

    families = [
        GaugeMetricFamily(
            "kiosk_up", "1 while the kiosk runs, 0 once it ended cleanly", value=int(health.up)
        ),
        GaugeMetricFamily(
            "kiosk_asleep",
            "1 while the kiosk sleeps outside its opening hours (screen off, no slide changes)",
            value=int(health.asleep),
        ),
        CounterMetricFamily(
            "kiosk_slide_changes", "slides changed since the kiosk started", health.slide_changes
        ),
        CounterMetricFamily(
            "kiosk_sessions",
            "visitor sessions (a first touch after the attract loop)",
            health.sessions,
        ),
        GaugeMetricFamily(
            "kiosk_last_problem_timestamp_seconds",
            "when the last warning or error was logged (0: none since the start)",
            value=health.last_problem.time if health.last_problem else 0,
        ),
        CounterMetricFamily(
            "kiosk_restarts",
            "restarts by the kiosk's supervisor (kiosk --supervise)",
            health.restarts,
        ),
    ]
    if health.insights_recording is not None:
        families += [
            GaugeMetricFamily(
                "kiosk_insights_recording",
                "1 while visits are recorded, 0 once recording turned off (disk, folder)",
                value=int(health.insights_recording),
            ),
            CounterMetricFamily(
                "kiosk_insights_dropped",
                "visitor events not recorded since the kiosk started",
                health.insights_dropped,
            ),
        ]
    info = InfoMetricFamily("kiosk_bundle", "the bundle on screen", labels=["id", "version"])
    info.add_metric([health.bundle_id, health.bundle_version], {})
    families.append(info)

    class _Kiosk:
        def collect(self) -> list[Any]:
            return families

    collectors = CollectorRegistry(auto_describe=False)
    collectors.register(_Kiosk())  # type: ignore[arg-type]
    return collectors


def write(health: Health, folder: Path, now: float, uptime: float | None = None) -> None:
    """Write both files into ``folder`` (made if missing), each atomically.

    Raises OSError when the folder cannot be written; the caller logs it once.
    """
    from prometheus_client.exposition import write_to_textfile

    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(status(health, now, uptime), indent=2, ensure_ascii=False) + "\n"
    replace_atomically(folder / STATUS_FILE, text.encode())
    write_to_textfile(str(folder / METRICS_FILE), registry(health))
