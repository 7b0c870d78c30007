"""The players of the live kiosk: one film and one sound, made once and reused, made to
match the :class:`kiosk.media.plan.Plan` of the slide on screen.

The window tells it what should play (:meth:`Playback.show`) at every change of slide,
language, mode or toggle, and listens:

- ``frame(index, QImage)``: a new frame of the film on slide ``index``, for the deck;
- ``cue(str)``: the caption to show now ("" for none), at most ten times a second;
- ``film_failed(index)``: the film of slide ``index`` cannot be played (its poster
  should show again, not a half-decoded last frame);
- ``holding(bool)``: whether media that ends by itself plays (a film that does not loop,
  a recording): the presenter's countdown and attract loop wait for it. ``False`` comes
  when the last such track ends or fails, never when the window itself moved on.
- ``stopped(index, fraction)``: a film or sound of slide ``index`` that ends by itself
  (not a loop) stopped after playing ``fraction`` of it: 1.0 at its end, less when the
  slide was left or everything stopped first (for the visitor insights). A track that
  fails, or stops before its length is known, is not told.

A track that cannot be played is logged (by the player) and counts as ended: the
poster stays on screen and the kiosk moves on. Nothing here knows about widgets.
"""

from __future__ import annotations

import bisect
import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk.bundle import Bundle, BundleError
from kiosk.bundle.captions import CaptionsError, Cue
from kiosk.media.plan import NOTHING, Plan, Track
from kiosk.media.player import VideoPlayer

log = logging.getLogger("kiosk.media")

#: How often the caption is looked up while captioned media plays.
CUE_MS = 100
FILM, SOUND = "film", "sound"


class Playback(QObject):
    frame = Signal(int, QImage)
    film_failed = Signal(int)
    cue = Signal(str)
    holding = Signal(bool)
    stopped = Signal(int, float)

    def __init__(self, volume: float = 0.8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._players = {FILM: VideoPlayer(self), SOUND: VideoPlayer(self)}
        self._players[FILM].frame_ready.connect(self._on_frame)
        for role, player in self._players.items():
            player.ended.connect(lambda role=role: self._ended(role))
            player.failed.connect(lambda _message, role=role: self._failed(role))
        self.set_volume(volume)
        self._bundle: Bundle | None = None
        self._index = -1
        self._plan = NOTHING
        self._running: set[str] = set()  # tracks that hold the kiosk and still play
        self._captions_on = True
        self._cues: dict[str, list[Cue]] = {}
        self._starts: dict[str, list[float]] = {}
        self._shown_cue = ""
        self._asked_at: float | None = None  # when the film was asked for, until its frame
        self._cue_timer = QTimer(self)
        self._cue_timer.setInterval(CUE_MS)
        self._cue_timer.timeout.connect(self._update_cue)

    # --- what the window asks ---------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def index(self) -> int:
        """The slide whose media plays (-1: none)."""
        return self._index

    def set_volume(self, volume: float) -> None:
        for player in self._players.values():
            player.set_volume(volume)

    def set_bundle(self, bundle: Bundle) -> None:
        """New content: whatever plays stops, and its captions are forgotten."""
        self.stop()
        self._bundle = bundle
        self._cues.clear()
        self._starts.clear()

    def show(self, index: int, plan: Plan, *, captions_on: bool = True) -> None:
        """Make the players play ``plan`` for slide ``index``: what already plays as
        asked goes on (a visitor arriving in the loop unmutes the film, not restarts it)."""
        if index != self._index:
            self.stop()
            self._index = index
        was_holding = bool(self._running)
        self._captions_on = captions_on
        self._film(plan.film)
        self._sound(plan.sound)
        self._plan = plan
        if bool(self._running) != was_holding:
            self.holding.emit(bool(self._running))
        self._update_cue()
        captioned = any(self._captions_of(role) for role in (FILM, SOUND))
        if captioned and not self._cue_timer.isActive():
            self._cue_timer.start()
        elif not captioned:
            self._cue_timer.stop()

    def stop(self) -> None:
        """Stop everything at once (the slide is left, staff came, content changed);
        ``holding`` is not signalled: the one who stops knows."""
        for role, player in self._players.items():
            self._tell_stopped(role)
            player.stop()
        self._running.clear()
        self._asked_at = None
        self._plan = NOTHING
        self._index = -1
        self._cue_timer.stop()
        self._set_cue("")

    def shutdown(self) -> None:
        self.stop()
        for player in self._players.values():
            player.close()

    # --- inside -----------------------------------------------------------------------

    def _film(self, track: Track | None) -> None:
        current = self._plan.film
        if track is not None and current is not None and _same_file(track, current):
            if track.muted != current.muted:
                self._players[FILM].set_muted(track.muted)
            return  # the same playback goes on (or stays ended): never again for a muting
        self._start(FILM, track)

    def _sound(self, track: Track | None) -> None:
        current = self._plan.sound
        if track is not None and current is not None and _same_file(track, current):
            return
        self._start(SOUND, track)

    def _start(self, role: str, track: Track | None) -> None:
        player = self._players[role]
        self._tell_stopped(role)
        player.stop()
        self._running.discard(role)
        if track is None or self._bundle is None:
            return
        try:
            path = self._bundle.media_file(track.file)
        except BundleError as error:
            log.warning("cannot play %s: %s", track.file, error)
            return
        player.play(path, track.start, track.end, track.loop, track.muted)
        if role == FILM:
            self._asked_at = time.monotonic()
        if track.holds:
            self._running.add(role)

    def _track(self, role: str) -> Track | None:
        return self._plan.film if role == FILM else self._plan.sound

    def _tell_stopped(self, role: str) -> None:
        """Before a track is stopped: how far it played, if it ends by itself."""
        track = self._track(role)
        share = self._players[role].played_share
        if track is not None and track.holds and share is not None and self._index >= 0:
            self.stopped.emit(self._index, share)

    def _ended(self, role: str) -> None:
        track = self._track(role)
        if track is not None and track.holds and self._index >= 0:
            self.stopped.emit(self._index, 1.0)
        self._done(role)

    def _done(self, role: str) -> None:
        if role not in self._running:
            return
        self._running.discard(role)
        if role == self._caption_role():
            self._set_cue("")
        if not self._running:
            self.holding.emit(False)

    def _failed(self, role: str) -> None:
        if role == FILM and self._index >= 0:
            self.film_failed.emit(self._index)
        self._done(role)

    def _on_frame(self, image: QImage) -> None:
        if self._index < 0:
            return
        if self._asked_at is not None:
            film = self._plan.film.file if self._plan.film is not None else "?"
            waited = (time.monotonic() - self._asked_at) * 1000
            log.info("film %s: first frame %.0f ms after it was asked for", film, waited)
            self._asked_at = None
        self.frame.emit(self._index, image)

    # --- captions ---------------------------------------------------------------------

    def _captions_of(self, role: str) -> str | None:
        track = self._plan.film if role == FILM else self._plan.sound
        return track.captions if track is not None else None

    def _caption_role(self) -> str | None:
        """Whose captions show: the sound's over the film's (one voice is captioned)."""
        for role in (SOUND, FILM):
            if self._captions_of(role) and self._players[role].is_playing:
                return role
        return None

    def _update_cue(self) -> None:
        role = self._caption_role()
        if role is None or not self._captions_on:
            self._set_cue("")
            return
        name = self._captions_of(role)
        assert name is not None
        cues = self._load_cues(name)
        position = self._players[role].position
        at = bisect.bisect_right(self._starts[name], position) - 1
        text = cues[at].text if at >= 0 and cues[at].end > position else ""
        self._set_cue(text)

    def _load_cues(self, name: str) -> list[Cue]:
        if name not in self._cues:
            cues: list[Cue] = []
            if self._bundle is not None:
                try:
                    cues = sorted(self._bundle.cues(name), key=lambda cue: cue.start)
                except (BundleError, CaptionsError) as error:
                    log.warning("captions %s cannot be read: %s", name, error)
            self._cues[name] = cues
            self._starts[name] = [cue.start for cue in cues]
        return self._cues[name]

    def _set_cue(self, text: str) -> None:
        if text != self._shown_cue:
            self._shown_cue = text
            self.cue.emit(text)


def _same_file(one: Track, other: Track) -> bool:
    """The same playback, whatever its sound or captions."""
    return (one.file, one.loop, one.start, one.end) == (
        other.file,
        other.loop,
        other.start,
        other.end,
    )
