"""Resume after a crash: the slide and language on screen, kept in a small state file.

A kiosk that crashes (or hangs and is killed by its supervisor or systemd's watchdog)
comes back on the slide and in the language it showed, so a visitor reading slide 7 in
Persian is not thrown back to slide 1. A clean end (staff's Exit, SIGTERM, the close of
opening hours) marks the file ``running: false``: the next start is fresh. A crash soon
after a resume, or one before the resumed kiosk showed anything else, is a crash that
repeats (a slide that crashes or hangs the kiosk each time it is drawn): the next start
is fresh too, so a poison slide cannot make a crash loop.

Plain Python, no Qt, time passed in (seconds since the epoch). Any fault reading or
writing the file (missing, garbage, unwritable, full disk, a folder in its place) means
"start fresh", with at most one log line, never a crash.

Writes are few, for SD cards: the attract loop changes slide every few seconds for
months, so its changes are written at most every ``ATTRACT_SAVE_SECONDS`` (once a
minute, as often as the health files); a visitor's moves at most every
``VISITOR_SAVE_SECONDS`` (human-paced anyway); a language change or a change between
the attract loop and a visitor at once.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.paths import replace_atomically, state_dir

log = logging.getLogger(__name__)

RESUME_FILE = "resume.json"
#: A crash within this many seconds of a resumed start is a crash that repeats.
REPEAT_SECONDS = 120.0
ATTRACT_SAVE_SECONDS = 60.0
VISITOR_SAVE_SECONDS = 2.0


def default_path() -> Path:
    """The state file in the kiosk's state folder (~/.local/state/kiosk on Linux)."""
    return state_dir() / RESUME_FILE


@dataclass(frozen=True)
class Content:
    """What the kiosk shows: the bundle and what a saved point must fit in."""

    bundle_id: str
    bundle_version: str
    slides: int
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    """Where the screen is: a slide (from 0) in a language, in the loop or for a visitor."""

    index: int
    language: str
    visitor: bool = False


@dataclass(frozen=True)
class ResumePoint:
    """The state file: the point on screen, and whether the kiosk that wrote it runs.

    ``running`` is true from the start until a clean end; found true at a start, the last
    kiosk crashed. ``started`` is when that kiosk started and ``resumed`` whether it
    started by resuming (both tell a crash that repeats).
    """

    bundle_id: str
    bundle_version: str
    slides: int
    point: Point
    saved: float
    started: float
    running: bool = True
    resumed: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ResumePoint:
        """Raises ValueError (or TypeError) for anything but a file this module wrote."""
        data: dict[str, Any] = json.loads(text)
        point = Point(**data.pop("point"))
        record = cls(point=point, **data)
        kinds = (
            (record.bundle_id, str),
            (record.bundle_version, str),
            (record.point.language, str),
            (record.running, bool),
            (record.resumed, bool),
            (record.point.visitor, bool),
        )
        numbers = (record.slides, record.point.index)
        if not all(isinstance(value, kind) for value, kind in kinds) or not all(
            isinstance(value, int) and not isinstance(value, bool) for value in numbers
        ):
            raise ValueError("a value of the wrong kind")
        if not all(isinstance(t, int | float) for t in (record.saved, record.started)):
            raise ValueError("a time that is not a number")
        return record


def where_to_start(saved: ResumePoint | None, now: float, content: Content) -> Point | None:
    """The point to resume at, or None to start fresh (first slide, default language).

    Resume only after a crash (the writer still ``running``), of the same bundle and
    version with as many slides, at a slide and language it has, and not when the
    crashed kiosk had itself resumed within ``REPEAT_SECONDS`` (a clock that went back
    counts as within: fresh is the safe side), nor when it had resumed and never wrote
    another point (``saved`` still its start): a slide that hangs the kiosk is killed
    later than that (systemd: 90 s for a first frame, 90 s more for SIGTERM).
    """
    if saved is None or not saved.running:
        return None
    if (saved.bundle_id, saved.bundle_version, saved.slides) != (
        content.bundle_id,
        content.bundle_version,
        content.slides,
    ):
        return None
    point = saved.point
    if not 0 <= point.index < content.slides or point.language not in content.languages:
        return None
    if saved.resumed and (now - saved.started < REPEAT_SECONDS or saved.saved == saved.started):
        return None
    return point


class ResumeKeeper:
    """Reads the state file at the start and keeps it up to date while the kiosk runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._complained = False
        self._record: ResumePoint | None = None
        self._written: ResumePoint | None = None
        #: The last kiosk did not end cleanly (found ``running`` at ``start``): a crash.
        self.crashed = False

    def start(self, content: Content, now: float) -> Point | None:
        """Decide where to start, and mark this kiosk running from that point."""
        saved = self.read()
        self.crashed = saved is not None and saved.running
        resume = where_to_start(saved, now, content)
        point = resume if resume is not None else Point(0, content.languages[0])
        if resume is not None:
            log.info(
                "the last kiosk crashed: resuming at slide %d in %s",
                point.index + 1,
                point.language,
            )
        self._record = ResumePoint(
            content.bundle_id,
            content.bundle_version,
            content.slides,
            point,
            saved=now,
            started=now,
            resumed=resume is not None,
        )
        self._write()
        return resume

    def read(self) -> ResumePoint | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            self._complain(f"cannot be read ({error})")
            return None
        try:
            return ResumePoint.from_json(text)
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            self._complain(f"is not one the kiosk wrote ({error})")
            return None

    def showing(self, content: Content, point: Point, now: float) -> None:
        """The screen shows ``point`` of ``content``: written now, or later (see module)."""
        record = self._record
        if record is None:
            return
        changed = (content.bundle_id, content.bundle_version, content.slides, point) != (
            record.bundle_id,
            record.bundle_version,
            record.slides,
            record.point,
        )
        if changed:
            record = self._record = replace(
                record,
                bundle_id=content.bundle_id,
                bundle_version=content.bundle_version,
                slides=content.slides,
                point=point,
                saved=now,
            )
        written = self._written
        if written is None or record == written:
            return
        if written.point.language != point.language or written.point.visitor != point.visitor:
            wait = 0.0
        elif point.visitor:
            wait = VISITOR_SAVE_SECONDS
        else:
            wait = ATTRACT_SAVE_SECONDS
        if not 0 <= now - written.saved < wait:  # a clock that went back: write
            self._record = replace(record, saved=now)
            self._write()

    def ended(self) -> None:
        """A clean end (or the close of opening hours): the next start is fresh."""
        if self._record is not None and self._record.running:
            self._record = replace(self._record, running=False)
            self._write()

    def running(self, now: float) -> None:
        """Running again after ``ended`` (opening hours open): a crash resumes again."""
        if self._record is not None and not self._record.running:
            self._record = replace(self._record, running=True, resumed=False, started=now)
            self._write()

    def _write(self) -> None:
        record = self._record
        assert record is not None
        self._written = record  # also on failure: no retry at every tick on a full disk
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(self.path, record.to_json().encode())
        except OSError as error:
            self._complain(f"cannot be written ({error})")

    def _complain(self, what: str) -> None:
        # Once: a full disk or a read-only folder would otherwise fill the log.
        if not self._complained:
            log.warning(
                "the resume file %s %s; the kiosk starts fresh after a crash", self.path, what
            )
        self._complained = True
