"""The presentation state machine: which slide, which language, which mode. No Qt.

Time is passed in (``now``, in seconds on any monotonic clock), so a week of kiosk life
can be simulated in a fraction of a second. One Qt timer calls ``tick``; every input a
visitor gives is one method call. Each call returns the ``Move`` the screen should
make, if any.

Modes: ATTRACT (the slides advance by themselves) -> VISITOR (someone touched) ->
COUNTDOWN ("Still there?") -> back to ATTRACT at the first slide in the default
language. STAFF (the PIN pad or the staff menu) lies over all of it: visitor input is
ignored, but the clock goes on behind it (the attract loop, the idle reset), and a staff
screen left untouched for ``staff_timeout_seconds`` closes itself, so an abandoned one
is never an exit door for the next visitor.

Film and sound (issue 14): the window reports media that starts and finishes on the
current slide. While media that *holds* plays (a film or recording that ends, not a
loop), the idle countdown waits and counts from the end; in the attract loop a slide
marked ``until_media`` stays until its film ends (or fails), then the loop moves on at
once. Slides with seconds of their own leave at them, film or not.

Listeners (issue 17): every call that changes what a visitor sees tells
``Presenter.listeners`` what happened, as it happens, with the ``now`` it was given: a
slide shown and how it was reached, a visitor's session starting and ending, the
countdown answered, a chapter jump, a language chosen, media stopped. A recorder
(kiosk.insights.recorder) subscribes; no widget knows. A listener that raises is logged
once and never breaks the presenter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from kiosk.text.languages import direction

#: WCAG 2.2.1 (Timing Adjustable): at least 20 s to answer "Still there?".
DEFAULT_COUNTDOWN_SECONDS = 20.0
DEFAULT_STAFF_TIMEOUT_SECONDS = 60.0
#: The visitor's larger-text steps: normal, then two steps larger.
TEXT_SCALES = (1.0, 1.25, 1.5)

log = logging.getLogger(__name__)

#: How a slide was reached: a swipe; a tap on an arrow button or a key; the chapters
#: grid; the attract loop (or a film that ended); the reset for the next visitor; the
#: kiosk's start (or a resume after a crash).
Reached = Literal["swipe", "tap", "chapter", "auto", "reset", "start"]
#: Why a visitor's session ended: the countdown ran out; the kiosk went back to the start
#: otherwise (opening hours, staff's reload); a staff screen opened over it.
SessionEnd = Literal["countdown_lapsed", "idle_reset", "staff"]


class Mode(Enum):
    ATTRACT = "attract"
    VISITOR = "visitor"
    COUNTDOWN = "countdown"
    STAFF = "staff"


class Overlay(Enum):
    NONE = "none"
    CHAPTERS = "chapters"
    LANGUAGES = "languages"


def next_side(language: str) -> int:
    """On which side of the screen the next slide lies: +1, the right, in a language read
    from left to right; -1, the left, in one read from right to left (CLDR says which).

    The one place this is decided: swipes, slide transitions, the arrow keys and the
    arrow buttons all follow it.
    """
    return -1 if direction(language) == "rtl" else 1


class Move(Enum):
    """How the screen changes slide: pushed by a visitor, or a quiet crossfade."""

    FORWARD = "forward"
    BACKWARD = "backward"
    FADE = "fade"


@dataclass(frozen=True, slots=True)
class SlideEntered:
    """A slide came on screen (or the language changed under it: ``how`` None)."""

    now: float
    index: int
    language: str
    visitor: bool  # in a visitor's session, not the attract loop
    how: Reached | None


@dataclass(frozen=True, slots=True)
class SessionBegan:
    """A visitor's first touch in the attract loop."""

    now: float


@dataclass(frozen=True, slots=True)
class SessionClosed:
    now: float
    reason: SessionEnd


@dataclass(frozen=True, slots=True)
class CountdownAnswered:
    """A touch during "Still there?"."""

    now: float


@dataclass(frozen=True, slots=True)
class ChapterJumped:
    now: float
    index: int  # the slide jumped to


@dataclass(frozen=True, slots=True)
class LanguageChosen:
    now: float
    language: str


@dataclass(frozen=True, slots=True)
class MediaStopped:
    """A film or sound on slide ``index`` stopped after playing ``fraction`` (0..1) of it."""

    now: float
    index: int
    fraction: float


PresenterEvent = (
    SlideEntered
    | SessionBegan
    | SessionClosed
    | CountdownAnswered
    | ChapterJumped
    | LanguageChosen
    | MediaStopped
)
Listener = Callable[[PresenterEvent], None]


@dataclass(frozen=True)
class Timing:
    """Per-slide seconds in the attract loop, the idle time before the countdown, the
    countdown's length, and how long a staff screen waits for a touch."""

    slide_seconds: Sequence[float]
    idle_reset_seconds: float
    countdown_seconds: float = DEFAULT_COUNTDOWN_SECONDS
    staff_timeout_seconds: float = DEFAULT_STAFF_TIMEOUT_SECONDS
    #: Per slide: in the attract loop it shows until its media ends, its seconds only a
    #: fallback for media that never starts. Empty: no slide waits.
    until_media: Sequence[bool] = ()

    def __post_init__(self) -> None:
        if not self.countdown_seconds > 0:
            raise ValueError("the countdown needs a positive length")
        if not self.staff_timeout_seconds > 0:
            raise ValueError("the staff timeout needs a positive length")


class Presenter:
    def __init__(
        self,
        timing: Timing,
        languages: Sequence[str],
        now: float,
        *,
        reduced_motion: bool = False,
    ) -> None:
        """``reduced_motion`` is the installation's setting: where each visitor starts."""
        self._apply(timing, languages)
        self.reduced_motion_setting = reduced_motion
        #: The visitor's toggles; back to the installation's at every reset.
        self.text_step = 0
        self.reduced_motion = reduced_motion
        self.captions_on = True
        self.guide_on = False
        #: Media that holds the kiosk plays on the current slide (the window says so).
        self.media_playing = False
        self._mode = Mode.ATTRACT  # what runs, behind any staff screen
        self.staff_open = False
        self.staff_input = now  # the last touch on a staff screen
        self.overlay = Overlay.NONE
        self.index = 0
        self.language = self.languages[0]
        self.shown_at = now  # when the current slide appeared (attract timing)
        self.last_input = now
        self.countdown_from = now
        self._pending: tuple[Timing, list[str]] | None = None
        #: Told each event as it happens (see the module's doc).
        self.listeners: list[Listener] = []
        self._listener_failed = False

    # --- events ----------------------------------------------------------------------

    def _emit(self, event: PresenterEvent) -> None:
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception:  # a listener's fault is never the visitor's
                if not self._listener_failed:
                    log.exception("a presentation listener failed; the kiosk goes on")
                self._listener_failed = True

    def _entered(self, now: float, how: Reached | None) -> None:
        if self.listeners:
            visitor = self._mode in (Mode.VISITOR, Mode.COUNTDOWN)
            self._emit(SlideEntered(now, self.index, self.language, visitor, how))

    # --- queries ---------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        """STAFF while a staff screen is open, else what runs."""
        return Mode.STAFF if self.staff_open else self._mode

    @property
    def next_side(self) -> int:
        """The side of the screen the next slide lies on, in the current language."""
        return next_side(self.language)

    @property
    def text_scale(self) -> float:
        """How much larger than normal the visitor asked text to be."""
        return TEXT_SCALES[self.text_step]

    @property
    def count(self) -> int:
        return len(self.timing.slide_seconds)

    def countdown_left(self, now: float) -> float:
        """Seconds left in the 'Still there?' countdown (0 outside it)."""
        if self.mode is not Mode.COUNTDOWN:
            return 0.0
        return max(0.0, self.timing.countdown_seconds - (now - self.countdown_from))

    @property
    def has_pending_content(self) -> bool:
        return self._pending is not None

    # --- visitor input ---------------------------------------------------------------

    def touch(self, now: float) -> None:
        """Any touch, click, key or drag: someone is here.

        On a staff screen it is staff, not a visitor: their screen stays open longer.
        """
        if self.staff_open:
            self.staff_input = now
            return
        self.last_input = now
        if self._mode is Mode.ATTRACT:
            self._mode = Mode.VISITOR
            if self.listeners:
                self._emit(SessionBegan(now))
        elif self._mode is Mode.COUNTDOWN:
            self._mode = Mode.VISITOR
            if self.listeners:
                self._emit(CountdownAnswered(now))

    def next(self, now: float, how: Reached = "tap") -> Move | None:
        """The next slide: ``how`` a visitor asked (a swipe, or a button or key: tap)."""
        return self._step(+1, now, how)

    def previous(self, now: float, how: Reached = "tap") -> Move | None:
        return self._step(-1, now, how)

    def go_to(self, index: int, now: float, how: Reached = "chapter") -> Move | None:
        """Jump to a slide (the chapters grid); closes any overlay."""
        self.touch(now)
        self.overlay = Overlay.NONE
        if self.mode is Mode.STAFF or not 0 <= index < self.count or index == self.index:
            return None
        move = Move.FORWARD if index > self.index else Move.BACKWARD
        if how == "chapter" and self.listeners:
            self._emit(ChapterJumped(now, index))
        self._show(index, now, how)
        return move

    def set_language(self, language: str, now: float) -> bool:
        """Switch language; returns whether anything changed."""
        self.touch(now)
        self.overlay = Overlay.NONE
        if self.mode is Mode.STAFF or language not in self.languages:
            return False
        changed = language != self.language
        self.language = language
        if changed and self.listeners:
            self._emit(LanguageChosen(now, language))
            self._entered(now, None)
        return changed

    def open_overlay(self, overlay: Overlay, now: float) -> None:
        self.touch(now)
        if self.mode is not Mode.STAFF:
            self.overlay = Overlay.NONE if self.overlay is overlay else overlay

    def close_overlay(self, now: float) -> None:
        self.touch(now)
        self.overlay = Overlay.NONE

    def larger_text(self, now: float) -> bool:
        """The larger-text toggle: normal, larger, largest, normal again. Returns whether
        anything changed."""
        self.touch(now)
        if self.mode is Mode.STAFF:
            return False
        self.text_step = (self.text_step + 1) % len(TEXT_SCALES)
        return True

    def toggle_reduced_motion(self, now: float) -> bool:
        """The reduced-motion toggle; returns whether anything changed."""
        self.touch(now)
        if self.mode is Mode.STAFF:
            return False
        self.reduced_motion = not self.reduced_motion
        return True

    def toggle_captions(self, now: float) -> bool:
        """The captions toggle (on for every new visitor); returns whether it changed."""
        self.touch(now)
        if self.mode is Mode.STAFF:
            return False
        self.captions_on = not self.captions_on
        return True

    def toggle_guide(self, now: float) -> bool:
        """The audio guide's Listen toggle: on, each slide's recording in the visitor's
        language plays as they reach it. Returns whether it changed."""
        self.touch(now)
        if self.mode is Mode.STAFF:
            return False
        self.guide_on = not self.guide_on
        return True

    # --- media -----------------------------------------------------------------------

    def media_started(self, now: float, *, holds: bool) -> None:
        """Media began on the current slide; ``holds`` when it ends by itself (not a loop)."""
        self.media_playing = holds
        if holds and self._mode is Mode.VISITOR:
            self.last_input = max(self.last_input, now)

    def media_finished(self, now: float) -> Move | None:
        """The current slide's media ended or failed (a visitor keeps the poster). A
        visitor's idle time counts from now; in the attract loop a slide waiting for its
        media moves on now."""
        if not self.media_playing:
            return None  # not this slide's, or already over
        self.media_playing = False
        if self._mode is Mode.VISITOR:
            self.last_input = max(self.last_input, now)
        elif self._mode is Mode.ATTRACT and self._waits_for_media(self.index):
            self._show((self.index + 1) % self.count, now, "auto")
            return Move.FADE
        return None

    def media_stopped(self, now: float, index: int, fraction: float) -> None:
        """A film or sound on slide ``index`` stopped (it ended, the slide was left, the
        kiosk reset) after playing ``fraction`` of it: told to the listeners only."""
        if self.listeners:
            self._emit(MediaStopped(now, index, min(1.0, max(0.0, fraction))))

    def _waits_for_media(self, index: int) -> bool:
        waits = self.timing.until_media
        return index < len(waits) and bool(waits[index])

    # --- staff -----------------------------------------------------------------------

    def enter_staff(self, now: float) -> None:
        """A staff screen opens: a visitor's session, if one ran, ends here."""
        if not self.staff_open and self._mode is not Mode.ATTRACT and self.listeners:
            self._emit(SessionClosed(now, "staff"))
        self.staff_open = True
        self.staff_input = now
        self.overlay = Overlay.NONE

    def leave_staff(self, now: float) -> None:
        """Staff closed their screen (Resume): they are at the screen, as a visitor is."""
        if self.staff_open:
            self.staff_open = False
            self._mode = Mode.VISITOR
            self.last_input = now
            self.shown_at = now

    # --- content ---------------------------------------------------------------------

    def offer_content(self, timing: Timing, languages: Sequence[str]) -> None:
        """New content: it comes in at the next reset, never under a visitor's finger."""
        self._pending = (timing, list(languages))

    def replace_content(self, timing: Timing, languages: Sequence[str], now: float) -> None:
        """New content now (staff asked for it): first slide, default language."""
        self._apply(timing, languages)
        self._pending = None
        self.index = 0
        self.language = self.languages[0]
        self._reset_toggles()
        self.shown_at = now
        self._entered(now, "reset")

    # --- time ------------------------------------------------------------------------

    def tick(self, now: float) -> Move | None:
        """Advance the clock; returns the move to show, if the slide changed.

        An untouched staff screen closes itself here; what runs behind it goes on.
        """
        if self.staff_open and now - self.staff_input >= self.timing.staff_timeout_seconds:
            self.staff_open = False
        if self._mode is Mode.ATTRACT:
            if self._pending is not None:
                return self._reset(now)
            waiting = self.media_playing and self._waits_for_media(self.index)
            if not waiting and now - self.shown_at >= self.timing.slide_seconds[self.index]:
                self._show((self.index + 1) % self.count, now, "auto")
                return Move.FADE
        elif self._mode is Mode.VISITOR:
            if self.media_playing:
                self.last_input = max(self.last_input, now)  # watching is being here
            elif now - self.last_input >= self.timing.idle_reset_seconds:
                self._mode = Mode.COUNTDOWN
                self.overlay = Overlay.NONE  # the countdown is the one thing on screen
                self.countdown_from = now
        elif (
            self._mode is Mode.COUNTDOWN
            and now - self.countdown_from >= self.timing.countdown_seconds
        ):
            return self._reset(now, "countdown_lapsed")
        return None

    # --- inside ----------------------------------------------------------------------

    def _apply(self, timing: Timing, languages: Sequence[str]) -> None:
        if not timing.slide_seconds or not languages:
            raise ValueError("a presentation needs at least one slide and one language")
        self.timing = timing
        self.languages = list(languages)

    def _step(self, delta: int, now: float, how: Reached) -> Move | None:
        self.touch(now)
        if self.mode is Mode.STAFF or self.count < 2:
            return None  # one slide (the holding screen): nowhere to go
        self.overlay = Overlay.NONE
        self._show((self.index + delta) % self.count, now, how)
        return Move.FORWARD if delta > 0 else Move.BACKWARD

    def _reset_toggles(self) -> None:
        """The next visitor starts with normal text and the installation's motion."""
        self.text_step = 0
        self.reduced_motion = self.reduced_motion_setting
        self.captions_on = True
        self.guide_on = False

    def resume_at(self, index: int, language: str, now: float, *, visitor: bool) -> None:
        """Start at ``index`` in ``language`` (the kiosk crashed there): the attract loop
        goes on from it, or a visitor's idle time starts afresh, so they read on."""
        if 0 <= index < self.count and language in self.languages:
            self.index, self.language, self.shown_at = index, language, now
            if visitor:
                self.touch(now)
            self._entered(now, "start")

    def restart(self, now: float) -> Move | None:
        """Back to the first slide in the attract loop (the kiosk opens for the day)."""
        return self._reset(now)

    def _show(self, index: int, now: float, how: Reached) -> None:
        self.index = index
        self.shown_at = now
        self.media_playing = False  # the window stops it as the slide leaves
        self._entered(now, how)

    def _reset(self, now: float, reason: SessionEnd = "idle_reset") -> Move | None:
        """Back to the start for the next visitor, with any new content."""
        if self._mode is not Mode.ATTRACT and self.listeners:
            self._emit(SessionClosed(now, reason))
        before = (self.index, self.language)
        if self._pending is not None:
            self._apply(*self._pending)
            self._pending = None
            before = (-1, "")  # the content changed: repaint even the same index
        self._mode = Mode.ATTRACT
        self.overlay = Overlay.NONE
        self.media_playing = False
        self.index = 0
        self.language = self.languages[0]
        self._reset_toggles()
        self.shown_at = now
        self.last_input = now
        self._entered(now, "reset")
        return Move.FADE if (self.index, self.language) != before else None
