"""The recorder: turns the presentation's events into insights events for the store.

Qt-free, time passed in. It listens to a :class:`~kiosk.presentation.Presenter` (see its
``listeners``), keeps the slide on screen and when it came, and records each slide when
it is left, with its dwell. Monotonic times become wall-clock times (seconds since the
epoch) through a pair (monotonic, wall) taken at the start and again whenever no visit
runs (a slide of the attract loop, a visit's start, the reset, a moment of the kiosk's
life), so a clock set inside a visit shifts nothing in it, and one set after the start
(a Raspberry Pi boots at the time it shut down; NTP sets it later) dates what follows.

The window wires it and tells it only what the presenter cannot know: the kiosk's life
(start, stop, opening hours, staff login, bundle swaps). Whatever the store does, the
recorder never raises into the kiosk: the presenter catches a listener's fault, and the
store's ``record`` never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk import presentation as p
from kiosk.insights import events as ev


class Sink(Protocol):
    """What the recorder writes to (a :class:`~kiosk.insights.store.Store`)."""

    def record(self, event: ev.Event) -> None: ...

    def flush(self, *, wait: bool = False) -> None: ...


@dataclass(slots=True)
class _Showing:
    """The slide on screen: where, in what, for whom, since when, reached how."""

    index: int
    language: str
    visitor: bool
    since: float
    how: str


class Recorder:
    """Records what the presenter tells into ``sink``.

    ``slide_id(index)`` names a slide of the content on screen (its ``id``, else its
    number); it is asked when the slide is left, so content swapped at a reset names
    the slides of the content they belonged to. ``wall()`` reads the wall clock (seconds
    since the epoch); ``now`` is the presenter's clock at the start.
    """

    def __init__(
        self,
        sink: Sink,
        slide_id: Callable[[int], str],
        *,
        now: float,
        wall: Callable[[], float],
    ) -> None:
        self.sink = sink
        self.slide_id = slide_id
        self._wall = wall
        self._anchor = (now, wall())
        self._showing: _Showing | None = None
        self.in_session = False
        #: When the visit on now began, until it is known to be a visitor's (see _begin).
        self._pending: float | None = None
        #: Counts for the health metrics.
        self.sessions = 0
        self.slide_changes = 0

    # --- the kiosk's side ----------------------------------------------------------

    def attach(self, presenter: p.Presenter, now: float) -> None:
        """Listen to ``presenter`` from its current state, the kiosk's start."""
        presenter.listeners.append(self)
        if presenter.mode is p.Mode.VISITOR:  # resumed after a crash, mid-visit
            self._begin(now)
            self._confirm()
        self._enter(now, presenter.index, presenter.language, "start")
        self.slide_changes += 1

    def kiosk(self, kind: ev.KioskEventKind, now: float) -> None:
        """A moment of the kiosk's life; stop and closing end a visit and flush."""
        if kind in ("stop", "closed"):
            self._close(now, "stop")
        if not self.in_session:
            self._anchor = (now, self._wall())
        self.sink.record(ev.KioskEvent(self.wall(now), kind))
        if kind in ("stop", "closed", "crash_restart", "start"):
            self.sink.flush()

    def wall(self, now: float) -> float:
        """``now`` (monotonic) as seconds since the epoch."""
        mono, wall = self._anchor
        return wall + (now - mono)

    # --- the presenter's side ------------------------------------------------------

    def __call__(self, event: p.PresenterEvent) -> None:
        match event:
            case p.SlideEntered(now, index, language, _, how):
                if how is None:  # the language changed under the same slide
                    if self._showing is not None:
                        self._showing.language = language
                    return
                if self.in_session:
                    self._confirm()
                else:
                    self._anchor = (now, self._wall())
                self._leave(now)
                if how == "reset":
                    self.sink.flush()
                    self._anchor = (now, self._wall())
                self._enter(now, index, language, how)
                self.slide_changes += 1
            case p.SessionBegan(now):
                self._begin(now)
            case p.SessionClosed(now, reason):
                # The slide is recorded up to here; what shows next (the reset's first
                # slide, or a staff screen's background) is not the visit's.
                self._close(now, reason)
            case p.CountdownAnswered(now):
                if self.in_session:
                    self._confirm()
                    self.sink.record(ev.CountdownAnswered(self.wall(now)))
            case p.ChapterJumped(now, index):
                if self.in_session:
                    self._confirm()
                    self.sink.record(ev.ChapterJump(self.wall(now), self.slide_id(index)))
            case p.LanguageChosen(now, language):
                if self.in_session:
                    self._confirm()
                    self.sink.record(ev.LanguageChosen(self.wall(now), language))
            case p.MediaStopped(now, index, fraction):
                # Told only for a visitor's play (the window knows; a film the attract
                # loop plays muted is not told), also when it stops at the reset that
                # just ended the visit: so not gated on ``in_session``.
                if self.in_session:
                    self._confirm()
                self.sink.record(ev.MediaPlayed(self.wall(now), self.slide_id(index), fraction))

    # --- inside --------------------------------------------------------------------

    def _begin(self, now: float) -> None:
        """A visit starts on the slide on screen: its attract part ends here.

        The visit is written only once a visitor did something (a slide change, a
        chapter, a language, the countdown answered, a film) or it ended otherwise than
        by staff: staff open their PIN pad with a 5-second hold on a corner, whose first
        touch starts a "visit" that the staff screen then ends, and that is nobody's.
        """
        if self.in_session:
            return
        self._anchor = (now, self._wall())
        showing = self._showing
        self._leave(now)
        self.in_session = True
        self._pending = now
        if showing is not None:  # the same slide goes on, the visitor's now
            self._enter(now, showing.index, showing.language, showing.how)

    def _confirm(self) -> None:
        """The visit on now is a visitor's: it is written from its start."""
        if self._pending is not None:
            self.sink.record(ev.SessionStarted(self.wall(self._pending)))
            self.sessions += 1
            self._pending = None

    def _close(self, now: float, reason: ev.EndReason) -> None:
        if self._pending is not None and reason == "staff":
            # Staff's corner hold, not a visit: its slide time goes back to the loop.
            if self._showing is not None:
                self._showing.visitor = False
            self._pending = None
            self.in_session = False
        elif self.in_session:
            self._confirm()
        self._leave(now)
        self._end(now, reason)

    def _end(self, now: float, reason: ev.EndReason) -> None:
        if self.in_session:
            self.in_session = False
            self.sink.record(ev.SessionEnded(self.wall(now), reason))

    def _enter(self, now: float, index: int, language: str, how: str) -> None:
        self._showing = _Showing(index, language, self.in_session, now, how)

    def _leave(self, now: float) -> None:
        showing = self._showing
        if showing is None:
            return
        self._showing = None
        self.sink.record(
            ev.SlideShown(
                slide_id=self.slide_id(showing.index),
                index=showing.index,
                language=showing.language,
                mode="visitor" if showing.visitor else "attract",
                start=self.wall(showing.since),
                dwell=max(0.0, now - showing.since),
                reached_by=showing.how,  # type: ignore[arg-type]
            )
        )


def slide_id(slides: Sequence[object], index: int) -> str:
    """The ``id`` of slide ``index``, or its number (from 1, as staff and curators count)
    when it has none."""
    slide = slides[index] if 0 <= index < len(slides) else None
    return getattr(slide, "id", None) or str(index + 1)
