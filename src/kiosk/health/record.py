"""What the kiosk did since it started: counts and the last of each kind of event."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

#: How many times the supervisor (``kiosk --supervise``) restarted the kiosk it starts.
RESTARTS_ENV = "KIOSK_RESTARTS"
#: A problem's text is kept this long: a status file, not a log.
PROBLEM_CHARACTERS = 500


def restarts_from(environ: Mapping[str, str] = os.environ) -> int:
    """The supervisor's restart count; 0 without a supervisor or with a bad value."""
    value = environ.get(RESTARTS_ENV, "")
    return int(value) if value.isdigit() else 0


@dataclass(frozen=True)
class Event:
    """Something that happened at ``time`` (seconds since the epoch)."""

    time: float
    text: str = ""


@dataclass
class Health:
    """The kiosk's health; times are seconds since the epoch, always passed in."""

    version: str
    started: float
    bundle_id: str = ""
    bundle_version: str = ""
    restarts: int = 0
    #: False once the kiosk ends cleanly: its last files say it is down.
    up: bool = True
    #: True while the kiosk sleeps outside its opening hours (screen off, timers
    #: stopped), so that no slide change at night is no alarm.
    asleep: bool = False
    slide_changes: int = 0
    sessions: int = 0
    last_slide_change: Event | None = None
    last_problem: Event | None = None
    last_swap: Event | None = None
    #: Visitor insights (kiosk.insights): None when visits are not recorded, else
    #: whether the recording goes on, and the events it could not keep.
    insights_recording: bool | None = None
    insights_dropped: int = 0
    _slide: int | None = field(default=None, repr=False)
    _mode: str | None = field(default=None, repr=False)

    def showing(self, bundle_id: str, bundle_version: str) -> None:
        """The bundle on screen (at start, before any swap)."""
        self.bundle_id, self.bundle_version = bundle_id, bundle_version

    def saw(self, slide: int, mode: str, now: float) -> None:
        """The screen shows ``slide`` in ``mode`` (the presenter's: "attract", "visitor",
        "countdown", "staff"). A slide other than the last one seen is a slide change; a
        visitor after the attract loop is a new visitor session (a countdown answered is
        the same visitor). The first slide shown is no change."""
        if self._slide is not None and slide != self._slide:
            self.slide_changes += 1
            self.last_slide_change = Event(now)
        if mode == "visitor" and self._mode == "attract":
            self.sessions += 1
        self._slide, self._mode = slide, mode

    def problem(self, text: str, now: float) -> None:
        """A warning or an error was logged."""
        self.last_problem = Event(now, text[:PROBLEM_CHARACTERS])

    def swapped(self, bundle_id: str, bundle_version: str, now: float) -> None:
        """A new bundle came on screen (a hot swap, or staff's reload)."""
        self.showing(bundle_id, bundle_version)
        self.last_swap = Event(now, f"{bundle_id} {bundle_version}")
        self._slide = None  # the new bundle's first slide is no visitor's change
