"""The kiosk window: the deck, the controls, the overlays, lockdown and staff access.

The window owns the Presenter and is the only place that changes it: every input
becomes one Presenter call followed by ``_sync``, which makes the screen match the
state. One QTimer ticks the Presenter with the clock.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.bundle import Bundle, BundleError, avmanifest
from kiosk.bundle.model import headline
from kiosk.config import Settings, check_pin
from kiosk.content.exhibition import Offer, showing
from kiosk.insights import today as insights_today
from kiosk.insights.events import KioskEventKind
from kiosk.insights.recorder import Recorder, slide_id
from kiosk.insights.store import Store
from kiosk.media.plan import NOTHING, Plan, plan_for, waits_for_media
from kiosk.operations import burn_in, hours, screensaver
from kiosk.operations.exit_codes import STAFF_EXIT
from kiosk.operations.resume import Content, Point, ResumeKeeper
from kiosk.presentation import Mode, Move, Overlay, Presenter, Reached, Timing
from kiosk.text import words
from kiosk.text.languages import native_name
from kiosk.text.numbers import in_digits_of
from kiosk.ui.chapters import ChapterOverlay
from kiosk.ui.controls import PageDots, RoundButton, ToggleButton
from kiosk.ui.deck import Deck
from kiosk.ui.fonts import warn_missing_glyphs
from kiosk.ui.health import HealthReport
from kiosk.ui.images import ImageStore
from kiosk.ui.media_check import FullCheck
from kiosk.ui.metrics import Display, display_of
from kiosk.ui.overlays import ChoiceOverlay, CountdownOverlay, PinPad, StaffMenu
from kiosk.ui.slides import RenderContext
from kiosk.ui.theme import Theme, release_fonts, theme_for
from kiosk.ui.watcher import BundleWatcher

log = logging.getLogger(__name__)

TICK_MS = 250
CURSOR_HIDE_MS = 3000
STAFF_HOLD_MS = 5000
PIN_ATTEMPTS = 5
PIN_LOCK_SECONDS = 60.0
#: The arrows' icons by the side the next slide lies on (+1 right, -1 left).
ON_ICON = {1: "fa6s.chevron-right", -1: "fa6s.chevron-left"}
BACK_ICON = {1: "fa6s.chevron-left", -1: "fa6s.chevron-right"}
LARGER_TEXT_ICON = "fa6s.text-height"
REDUCED_MOTION_ICON = "fa6s.wind"  # struck through: nothing moves
CAPTIONS_ICON = "fa6s.closed-captioning"
LISTEN_ICON = "fa6s.headphones"
#: The smallest touch target, in pixels (WCAG 2.5.5).
MIN_TARGET = 44
STAFF_KEY = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier, Qt.Key.Key_K)


def timing_of(bundle: Bundle, settings: Settings) -> Timing:
    """Slide and idle times: the bundle's, unless the installation overrides them; a
    film without seconds of its own shows in the attract loop until it ends."""
    manifest = bundle.manifest
    seconds = [
        slide.seconds or settings.slide_seconds or manifest.timing.slide_seconds
        for slide in manifest.slides
    ]
    idle = settings.idle_seconds or manifest.timing.idle_reset_seconds
    sound = manifest.media.attract_sound
    until_media = [waits_for_media(slide, attract_sound=sound) for slide in manifest.slides]
    return Timing(
        seconds, idle, settings.countdown_seconds, settings.staff_timeout_seconds, until_media
    )


class _ProblemLog(logging.Handler):
    """Keeps the last warnings for the staff diagnostics."""

    def __init__(self, lines: deque[str]) -> None:
        super().__init__(logging.WARNING)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{time.strftime('%H:%M:%S')} {record.getMessage()}"[:300])


class KioskWindow(QWidget):
    def __init__(
        self,
        bundle: Bundle,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        problems: list[str] | None = None,
        watcher: BundleWatcher | None = None,
        offer: Offer | None = None,
        wall_clock: Callable[[], datetime] = datetime.now,
        screen_power: Callable[[bool], bool] | None = None,
        resume: ResumeKeeper | None = None,
        insights: Store | None = None,
    ) -> None:
        """``offer`` is ``bundle`` with the private copy it is read from, when it has one
        (the watcher keeps that copy while it is on screen). ``wall_clock`` (local time;
        ``clock`` is monotonic) dates the health files and serves the opening hours, with
        ``screen_power``; the panel is powered off only by
        the full-screen kiosk (DPMS by default), never by the windowed preview.
        ``resume`` keeps the point on screen for a start after a crash
        (kiosk.operations.resume); the live kiosk gives one, tests and tools do not.
        ``insights`` (a kiosk.insights Store) records what visitors do; the window only
        wires a Recorder to the presenter and tells it the kiosk's life."""
        super().__init__()
        self.settings = settings
        self.clock = clock
        self.started = clock()
        self.problems: deque[str] = deque(problems or [], maxlen=20)
        self._problem_log = _ProblemLog(self.problems)
        logging.getLogger().addHandler(self._problem_log)
        #: Health for monitoring tools; writes once the kiosk calls its start().
        self.health = HealthReport(self, settings, clock, lambda: wall_clock().timestamp())
        self.health.health.showing(bundle.manifest.bundle.id, bundle.manifest.bundle.version)
        self._may_close = False
        self._offer = offer if offer is not None else Offer(bundle)
        self._pending: Offer | None = None
        self._received = 0  # the serial of the last offer received from the watcher
        self._reloading = False
        #: Which exhibition is on screen and why, for staff's Diagnostics.
        self.showing = "the bundle given on the command line"
        self._pin_failures = 0
        self._pin_locked_until = 0.0
        self.setWindowTitle("Kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        if not settings.windowed:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
        self.setMouseTracking(True)

        self.bundle = bundle
        self._ui = bundle.manifest.ui_words()
        self.theme: Theme = theme_for(bundle)
        self.images = ImageStore(bundle, self)
        self.presenter = Presenter(
            timing_of(bundle, settings),
            bundle.languages,
            clock(),
            reduced_motion=settings.reduced_motion,
        )
        self.resume = resume
        self._resume_content = _content_of(bundle)
        resumed = (
            resume.start(self._resume_content, wall_clock().timestamp())
            if resume is not None
            else None
        )
        if resumed is not None:
            self.presenter.resume_at(
                resumed.index, resumed.language, clock(), visitor=resumed.visitor
            )
        self.insights = insights
        self.recorder: Recorder | None = None
        if insights is not None:
            self.recorder = Recorder(
                insights, self._slide_id, now=clock(), wall=lambda: wall_clock().timestamp()
            )
            self.recorder.attach(self.presenter, clock())
            self.recorder.kiosk("start", clock())
            if resume is not None and resume.crashed:
                self.recorder.kiosk("crash_restart", clock())
        self.deck = Deck(bundle.manifest.slides, self._context(), self)
        if self.presenter.index:
            self.deck.set_content(bundle.manifest.slides, self._context(), self.presenter.index)
        self.deck.reduced_motion = self.presenter.reduced_motion
        self.deck.swiped.connect(self._swiped)
        #: The film and sound players, made with the first bundle that has any
        #: (kiosk.media.playback); a bundle without media never loads QtMultimedia.
        self.playback: Any = None
        self._media_shown: tuple[object, ...] = ()
        self._media_for_visitor = False  # whether what plays now plays for a visitor
        self._full_check: FullCheck | None = None
        self._prepare_playback()
        self._build_controls()
        self._build_overlays()
        self._show_controls()

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(CURSOR_HIDE_MS)
        self._cursor_timer.timeout.connect(self._hide_cursor)
        self._cursor_timer.start()
        self._staff_hold = QTimer(self)
        self._staff_hold.setSingleShot(True)
        self._staff_hold.setInterval(STAFF_HOLD_MS)
        self._staff_hold.timeout.connect(self.open_staff)
        self.watcher = watcher
        if watcher is not None:
            watcher.setParent(self)
            watcher.validated.connect(self.offer_bundle)
            watcher.refused.connect(self._refused)
            watcher.reloaded.connect(self._reloaded)
        self._shown: tuple[object, ...] = (-1, "")
        #: Outside opening hours (kiosk.ui.hours): no timer of the window runs.
        self.asleep = False
        self._attract_seconds = 0.0  # burn-in care: the slide drifts only in the loop
        self._ticked_at = clock()
        self.wall_clock = wall_clock
        #: Night dimming: the times of day the slides show darker.
        self._dim_spans = (
            hours.parse_times(settings.night_dim_hours) if settings.night_dim_hours else ()
        )
        self._sync(None)
        schedule = settings.schedule()
        self.hours: Any = None
        if schedule is not None:
            from kiosk.ui.hours import OpeningHours

            if screen_power is None:
                screen_power = _no_power if settings.windowed else screensaver.power
            self.hours = OpeningHours(
                self,
                schedule,
                now=wall_clock,
                power=screen_power,
                show_closed_on_touch=settings.show_closed_on_touch,
            )
            self.hours.check()

    # --- building --------------------------------------------------------------------

    def _context(self) -> RenderContext:
        return RenderContext(
            self.presenter.language,
            self.theme,
            self.images,
            display=self._display(),
            text_scale=self.presenter.text_scale,
        )

    def _display(self) -> Display:
        """The screen's physical size (when it tells a believable one) and the distance
        visitors read it from: the floors of text and control sizes."""
        # The native handle's screen, not QWidget.screen(): with that one here, the third
        # window of tests/ui/test_window.py crashed in QScreen::virtualSiblings while being
        # built (PySide6 6.11, offscreen). Why is not understood; this one does not.
        handle = self.windowHandle()
        screen = handle.screen() if handle is not None else QGuiApplication.primaryScreen()
        return display_of(screen, self.settings.viewing_distance_m)

    def _build_controls(self) -> None:
        palette = self.theme.palette
        self._margin = 0
        self.previous_button = RoundButton(BACK_ICON[1], palette, self)
        self.next_button = RoundButton(ON_ICON[1], palette, self)
        self.chapters_button = RoundButton("fa6s.table-cells-large", palette, self)
        self.language_button = RoundButton("fa6s.globe", palette, self)
        self.text_button = ToggleButton(LARGER_TEXT_ICON, palette, self)
        self.motion_button = ToggleButton(REDUCED_MOTION_ICON, palette, self, slashed=True)
        self.captions_button = ToggleButton(CAPTIONS_ICON, palette, self)
        self.listen_button = ToggleButton(LISTEN_ICON, palette, self)
        self.dots = PageDots(palette, self)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.chapters_button.clicked.connect(self._toggle_chapters)
        self.language_button.clicked.connect(self._toggle_languages)
        self.text_button.clicked.connect(self.larger_text)
        self.motion_button.clicked.connect(self.toggle_reduced_motion)
        self.captions_button.clicked.connect(self.toggle_captions)
        self.listen_button.clicked.connect(self.toggle_guide)

    def _build_overlays(self) -> None:
        palette = self.theme.palette
        self.chapters = ChapterOverlay(palette, self.deck.thumbnails, self)
        self.chapters.chosen.connect(self._chapter_chosen)
        self.chapters.dismissed.connect(self._close_overlay)
        self.languages = ChoiceOverlay(palette, self)
        self.languages.chosen.connect(self._language_chosen)
        self.languages.dismissed.connect(self._close_overlay)
        self.countdown = CountdownOverlay(palette, self)
        self.countdown.dismissed.connect(self.note_activity)
        self.pin_pad = PinPad(palette, self)
        self.pin_pad.entered.connect(self._pin_entered)
        self.pin_pad.dismissed.connect(self.leave_staff)
        self.staff_menu = StaffMenu(
            palette,
            self,
            [
                (words.english("resume"), self.leave_staff),
                (words.english("reload"), self.reload_bundle),
                (words.english("diagnostics"), self._show_diagnostics),
                (words.english("exit"), self.exit_kiosk),
            ],
        )
        self.staff_menu.dismissed.connect(self.leave_staff)
        for staff in (self.pin_pad, self.staff_menu):  # English, and a keypad is not mirrored
            staff.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def _follow_direction(self) -> None:
        """Mirror the controls for a language read from right to left, and back: the
        arrow to the next slide stands, and points, on the side the next slide lies."""
        side = self.presenter.next_side
        wanted = Qt.LayoutDirection.RightToLeft if side < 0 else Qt.LayoutDirection.LeftToRight
        if self.layoutDirection() == wanted:
            return
        self.setLayoutDirection(wanted)  # the dots, the overlays and their lists follow
        self.next_button.set_icon(ON_ICON[side])
        self.previous_button.set_icon(BACK_ICON[side])
        self._layout_controls(self.size())

    def _place(self, widget: QWidget, x: int, y: int) -> None:
        """Put ``widget`` ``x`` from the start of the line: the left, or in a right-to-left
        language the right."""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            x = self.width() - x - widget.width()
        widget.move(x, y)

    def _layout_controls(self, size: QSize) -> None:
        self.deck.setGeometry(0, 0, size.width(), size.height())
        display = self._display()
        self.deck.set_display(display)
        metrics = display.metrics(size.width(), size.height())
        short = metrics.short
        diameter = metrics.control  # sized by millimetres when the screen tells its size
        margin = self._margin = round(short * 0.025)
        middle = (size.height() - diameter) // 2
        for button in (self.previous_button, self.next_button):
            button.fit(diameter)
        self._place(self.previous_button, margin, middle)
        self._place(self.next_button, size.width() - margin - diameter, middle)
        small = max(MIN_TARGET, metrics.small_control)
        for button in (
            self.chapters_button,
            self.language_button,
            self.text_button,
            self.motion_button,
            self.captions_button,
            self.listen_button,
        ):
            button.fit(small)
        self._place(self.chapters_button, margin, size.height() - margin - small)
        self._place_bottom_row()
        self._size_overlays()
        for overlay in (
            self.chapters,
            self.languages,
            self.countdown,
            self.pin_pad,
            self.staff_menu,
        ):
            if overlay.isVisible():
                overlay.open()

    def _place_bottom_row(self) -> None:
        """Chapters at the start; the visitor's settings (larger text, reduced motion,
        language) together at the end, within reach of a seated visitor; the page dots
        between them, or in portrait, where the row is short, on a line of their own
        just above it."""
        size, margin = self.size(), self._margin
        small = self.chapters_button.height()
        bottom = size.height() - margin - small
        language_x = size.width() - margin - self.language_button.width()
        self._place(self.language_button, language_x, bottom)
        between = max(8, margin // 2)
        motion_x = language_x - between - small
        text_x = motion_x - between - small
        self._place(self.motion_button, motion_x, bottom)
        self._place(self.text_button, text_x, bottom)
        # The film's and sound's toggles, where the slide has them, before the others.
        for button in (self.captions_button, self.listen_button):
            if not button.isHidden():
                text_x -= between + small
                self._place(button, text_x, bottom)
        self.deck.caption_bottom = bottom - margin
        short = min(size.width(), size.height())
        dots_height = round(short * 0.03)
        dots_x = margin + small - 1 + margin  # from the chapters button's last pixel
        if size.height() > size.width():
            self.dots.resize(size.width() - 2 * dots_x, dots_height)
            self._place(self.dots, dots_x, bottom - margin - dots_height)
        else:
            self.dots.resize(text_x - dots_x - margin, dots_height)
            self._place(self.dots, dots_x, bottom + (small - dots_height) // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._layout_controls(event.size())
        self._update_controls()
        super().resizeEvent(event)

    # --- visitor actions -------------------------------------------------------------

    def next(self, *, how: Reached = "tap") -> None:
        self._sync(self.presenter.next(self.clock(), how))

    def previous(self, *, how: Reached = "tap") -> None:
        self._sync(self.presenter.previous(self.clock(), how))

    def go_to(self, index: int) -> None:
        self._sync(self.presenter.go_to(index, self.clock()))

    def set_language(self, language: str) -> None:
        self.presenter.set_language(language, self.clock())
        self._sync(None)

    def note_activity(self) -> None:
        """Someone touched, clicked, dragged or typed."""
        if self.asleep:
            return  # closed: the cover answers (kiosk.ui.hours)
        mode = self.presenter.mode
        self.presenter.touch(self.clock())
        if mode is not self.presenter.mode:
            self._sync(None)

    def _swiped(self, direction: int) -> None:
        if direction > 0:
            self.next(how="swipe")
        else:
            self.previous(how="swipe")

    def larger_text(self) -> None:
        """The larger-text toggle: normal, larger, largest, and back to normal."""
        self.presenter.larger_text(self.clock())
        self._sync(None)
        self._show_toggles()  # also when nothing changed: Qt flipped the button's check

    def toggle_reduced_motion(self) -> None:
        self.presenter.toggle_reduced_motion(self.clock())
        self._sync(None)
        self._show_toggles()

    def toggle_captions(self) -> None:
        self.presenter.toggle_captions(self.clock())
        self._sync(None)
        self._show_toggles()

    def toggle_guide(self) -> None:
        """The audio guide's Listen: on, each slide's recording plays as it is reached."""
        self.presenter.toggle_guide(self.clock())
        self._sync(None)
        self._show_toggles()

    def _toggle_chapters(self) -> None:
        self.presenter.open_overlay(Overlay.CHAPTERS, self.clock())
        self._sync(None)

    def _toggle_languages(self) -> None:
        self.presenter.open_overlay(Overlay.LANGUAGES, self.clock())
        self._sync(None)

    def _close_overlay(self) -> None:
        self.presenter.close_overlay(self.clock())
        self._sync(None)

    def _chapter_chosen(self, index: object) -> None:
        self.go_to(int(index))  # type: ignore[call-overload]

    def _language_chosen(self, language: object) -> None:
        self.set_language(str(language))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self.pin_pad.isVisible() and self.pin_pad.type_key(key):
            return
        if (event.modifiers() & STAFF_KEY[0]) == STAFF_KEY[0] and key == STAFF_KEY[1]:
            self.open_staff()
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next()
        elif key == Qt.Key.Key_PageUp:
            self.previous()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):  # the slide on that side
            side = 1 if key == Qt.Key.Key_Right else -1
            if side == self.presenter.next_side:
                self.next()
            else:
                self.previous()
        elif key == Qt.Key.Key_Home:
            self._sync(self.presenter.go_to(0, self.clock(), "tap"))
        elif key == Qt.Key.Key_Escape and self.settings.windowed:
            self.exit_kiosk(code=0)

    # --- time and state --------------------------------------------------------------

    def _tick(self) -> None:
        had_pending = self.presenter.has_pending_content
        staff_open = self.presenter.staff_open
        if staff_open and self._reloading:
            self.presenter.touch(self.clock())  # the staff screen waits for the answer
        now = self.clock()
        if self.presenter.mode is Mode.ATTRACT:
            self._attract_seconds += max(0.0, now - self._ticked_at)
        self._ticked_at = now
        move = self.presenter.tick(now)
        if staff_open and not self.presenter.staff_open:
            log.info("the staff screen was left untouched; it closed itself")
        if had_pending and not self.presenter.has_pending_content and self._pending is not None:
            self._adopt(self._pending)
        self._sync(move)
        if staff_open and not self.presenter.staff_open and self.hours is not None:
            self.hours.check()  # outside opening hours: dark again

    def _sync(self, move: Move | None) -> None:
        """Make the screen match the presenter's state."""
        state = self.presenter
        self._follow_direction()
        self.deck.reduced_motion = state.reduced_motion
        language_changed = state.language != self.deck.language
        if language_changed or state.text_scale != self.deck.text_scale:
            self.deck.set_content(self.bundle.manifest.slides, self._context(), state.index)
        elif move is not None or state.index != self.deck.index:
            self.deck.show_slide(state.index, move or Move.FADE)
        shown = (
            state.index,
            state.language,
            state.text_step,
            state.reduced_motion,
            state.captions_on,
            state.guide_on,
        )
        self.health.health.saw(state.index, state.mode.value, self.health.wall())
        if self.resume is not None:
            # A staff screen is nobody's visit (it ended one, if one ran): the loop's.
            visitor = state.mode in (Mode.VISITOR, Mode.COUNTDOWN)
            point = Point(state.index, state.language, visitor)
            self.resume.showing(self._resume_content, point, self.health.wall())
        if shown[:2] != self._shown[:2]:
            log.info(
                "showing slide %d/%d in %s (%s)",
                state.index + 1,
                state.count,
                state.language,
                state.mode.value,
            )
        if shown[2:] != self._shown[2:] and len(self._shown) == len(shown):
            # The visitor's toggles, or their reset for the next visitor.
            log.info(
                "text at %d %%, reduced motion %s, captions %s, guide %s",
                round(state.text_scale * 100),
                *("on" if on else "off" for on in shown[3:]),
            )
        if shown != self._shown:
            self._shown = shown
            self._update_controls()
            self._size_overlays()  # the text step may have changed: not at every tick
        self._sync_overlays()
        self._sync_media()
        if self.settings.burn_in_drift:
            self.deck.set_drift(*burn_in.offset(self._attract_seconds))
        if self._dim_spans:
            dimmed = hours.within(self._dim_spans, self.wall_clock())
            self.deck.set_dim(self.settings.night_dim_percent / 100 if dimmed else 0.0)

    # --- film and sound --------------------------------------------------------------

    def _prepare_playback(self) -> None:
        """Make the players when a bundle first needs them; give them the bundle."""
        if self.playback is None and avmanifest.media_uses(self.bundle.manifest):
            from kiosk.media.playback import Playback  # QtMultimedia: only when needed

            self.playback = Playback(self.settings.max_volume_percent / 100, self)
            self.playback.frame.connect(self.deck.set_film_frame)
            self.playback.film_failed.connect(self._film_failed)
            self.playback.cue.connect(self.deck.set_cue)
            self.playback.holding.connect(self._media_holding)
            self.playback.stopped.connect(self._media_stopped)
        if self.playback is not None:
            self.playback.set_bundle(self.bundle)
            self._media_shown = ()

    def check_media_fully(self) -> None:
        """Probe the films of a bundle the start read from their headers only, in the
        background (kiosk.ui.media_check); called once the first slide is on screen."""
        bundle = self.bundle
        if self.playback is None or bundle.media_facts or self._full_check is not None:
            return
        self._full_check = FullCheck(self)
        self._full_check.done.connect(self._fully_checked)
        self._full_check.start(Path(bundle.source.label), self._offer.staged)

    def _fully_checked(self, result: object) -> None:
        checked_from = self._full_check
        if isinstance(result, str):
            log.error("a film or sound of the bundle on screen is refused:\n%s", result)
            return
        assert isinstance(result, Bundle) and checked_from is not None
        if self._may_close or self._pending is not None or self.bundle.media_facts:
            result.close()  # newer content came meanwhile, or the kiosk is closing
            return
        log.info("the films of the bundle on screen are checked: their frames are posters")
        self.offer_bundle(Offer(result, self._offer.staged, self._offer.serial))

    def _media_plan(self) -> Plan:
        state = self.presenter
        if state.mode is Mode.STAFF:
            return NOTHING  # nothing plays behind a staff screen
        return plan_for(
            self.bundle.manifest.slides[state.index],
            state.language,
            attract=state.mode is Mode.ATTRACT,
            attract_sound=self.bundle.manifest.media.attract_sound,
            guide_on=state.guide_on,
        )

    def _sync_media(self) -> None:
        """The players play what the slide on screen asks, from the moment it is shown."""
        if self.playback is None:
            return
        state = self.presenter
        plan = self._media_plan()
        shown = (state.index, state.shown_at, plan, state.captions_on)
        if shown == self._media_shown:
            return
        self._media_shown = shown
        self.playback.show(state.index, plan, captions_on=state.captions_on)
        # Set after show(): what it stopped there was told under the former value.
        self._media_for_visitor = state.mode in (Mode.VISITOR, Mode.COUNTDOWN)

    def _media_stopped(self, index: int, fraction: float) -> None:
        """A film or sound stopped: a visitor's play (not the attract loop's) is told to
        the presenter, for the insights; a play the loop began and a visitor arrived in
        counts as theirs."""
        if self._media_for_visitor:
            self.presenter.media_stopped(self.clock(), index, fraction)

    def _film_failed(self, index: int) -> None:
        self.deck.set_film_frame(index, None)  # its poster again, not a broken last frame

    def _media_holding(self, holding: bool) -> None:
        if holding:
            self.presenter.media_started(self.clock(), holds=True)
        else:
            self._sync(self.presenter.media_finished(self.clock()))

    def _size_overlays(self) -> None:
        """The overlays at the screen's physical size; those visitors read (the chapters,
        the languages, "Still there?") at their larger-text step too, staff's not."""
        display = self._display()
        visitors = (self.chapters, self.languages, self.countdown)
        for overlay in (*visitors, self.pin_pad, self.staff_menu):
            scale = self.presenter.text_scale if overlay in visitors else 1.0
            if (overlay.display, overlay.text_scale) != (display, scale):
                overlay.display, overlay.text_scale = display, scale
                if overlay.isVisible():
                    overlay.open()  # laid out again at the new sizes

    def _show_controls(self) -> None:
        """Only the controls that do something: a one-slide bundle (the holding screen)
        has nothing to page through, a one-language bundle nothing to switch."""
        several = len(self.bundle.manifest.slides) > 1
        for control in (
            self.previous_button,
            self.next_button,
            self.chapters_button,
            self.dots,
            self.text_button,
            self.motion_button,
        ):
            control.setVisible(several)
        self.language_button.setVisible(len(self.bundle.languages) > 1)

    def _update_controls(self) -> None:
        """Page dots, the toggles and the controls' names; only when they change (idle CPU).

        Every control is named in the visitor's language, for screen readers; the
        toggles also say how they stand (checked, and the text size as a percentage).
        """
        state = self.presenter
        language = state.language
        self.dots.set_position(state.index, state.count)
        title = self.bundle.manifest.bundle.title
        self.setAccessibleName(title.get(language) or next(iter(title.values()), ""))
        self.deck.setAccessibleName(headline(self.bundle.manifest.slides[state.index], language))
        self.dots.setAccessibleName(in_digits_of(f"{state.index + 1} / {state.count}", language))
        self._show_toggles()
        self.text_button.setAccessibleDescription(
            in_digits_of(f"{round(state.text_scale * 100)} %", state.language)
        )
        self.language_button.set_label(
            native_name(state.language, tuple(self.presenter.languages)), self.theme.body
        )
        for button, key in (
            (self.previous_button, "previous"),
            (self.next_button, "next"),
            (self.chapters_button, self._chapters_key()),
            (self.language_button, "language"),
            (self.text_button, "larger_text"),
            (self.motion_button, "reduced_motion"),
            (self.captions_button, "captions"),
            (self.listen_button, "listen"),
        ):
            button.setAccessibleName(self._word(key, state.language))
        slide = self.bundle.manifest.slides[state.index]
        self.captions_button.setVisible(_has_captions(slide, language))
        guide = getattr(slide, "guide", None)
        self.listen_button.setVisible(bool(guide) and language in guide)
        self.language_button.fit(self.chapters_button.height() or 48)
        self._place_bottom_row()

    def _show_toggles(self) -> None:
        state = self.presenter
        self.text_button.set_state(state.text_step > 0, state.text_step)
        self.motion_button.set_state(state.reduced_motion)
        self.captions_button.set_state(state.captions_on)
        self.listen_button.set_state(state.guide_on)

    def _sync_overlays(self) -> None:
        state = self.presenter
        staff = state.mode is Mode.STAFF
        self._show(
            self.chapters, state.overlay is Overlay.CHAPTERS and not staff, self._fill_chapters
        )
        self._show(
            self.languages, state.overlay is Overlay.LANGUAGES and not staff, self._fill_languages
        )
        counting = state.mode is Mode.COUNTDOWN
        if counting:
            self.countdown.lines = (
                self._word("still_there", state.language),
                self._word("touch_to_continue", state.language),
            )
            left = state.countdown_left(self.clock())
            seconds = max(1, round(left + 0.49))
            total = state.timing.countdown_seconds
            # The ring shrinks at every tick; with reduced motion, a step a second.
            share = (seconds if state.reduced_motion else left) / total
            self.countdown.set_time(seconds, in_digits_of(str(seconds), state.language), share)
            self.countdown.family = self.theme.heading
            self.countdown.setAccessibleName(" ".join(self.countdown.lines))
        self._show(self.countdown, counting, None)
        if not staff:
            self.pin_pad.hide()
            self.staff_menu.hide()

    @staticmethod
    def _show(overlay: QWidget, visible: bool, fill: Callable[[], None] | None) -> None:
        if visible and not overlay.isVisible():
            if fill is not None:
                fill()
            overlay.open()  # type: ignore[attr-defined]
        elif not visible and overlay.isVisible():
            overlay.hide()

    def _fill_chapters(self) -> None:
        language = self.presenter.language
        slides = self.bundle.manifest.slides
        title = self._word(self._chapters_key(), language)
        self.chapters.family = self.theme.body
        self.chapters.set_content(slides, language, self.presenter.index, title)

    def _fill_languages(self) -> None:
        # Each language by its own name, in its own script ("فارسی" in an English list).
        offered = tuple(self.presenter.languages)
        choices = [(code, native_name(code, offered)) for code in offered]
        self.languages.family = self.theme.body
        self.languages.setAccessibleName(self._word("language", self.presenter.language))
        self.languages.set_choices(choices, self.presenter.language)

    def _chapters_key(self) -> str:
        return (
            "chapters" if any(slide.chapter for slide in self.bundle.manifest.slides) else "slides"
        )

    def _word(self, key: str, language: str) -> str:
        """A visitor word: the bundle's [ui] table's, else the kiosk's own."""
        return words.word(key, language, self._ui)

    def _staff(self, key: str, **numbers: int) -> str:
        """A staff screen's word, in the bundle's default language: staff are the same
        people every day and must find *Exit kiosk* where it was, whichever language the
        last visitor left on screen. Never a bundle's words (kiosk.text.words)."""
        return words.staff_word(key, self.bundle.default_language, **numbers)

    # --- content ---------------------------------------------------------------------

    def offer_bundle(self, offer: Offer) -> None:
        """A new, valid bundle: it comes in at the next reset, never under a finger."""
        if self._may_close:
            offer.bundle.close()
            return
        self._received = max(self._received, offer.serial)
        info = offer.bundle.manifest.bundle
        log.info("new bundle %s %s ready; it will show at the next reset", info.id, info.version)
        if self._pending is not None and self._pending.bundle is not offer.bundle:
            self._pending.bundle.close()
        self._pending = offer
        self.presenter.offer_content(timing_of(offer.bundle, self.settings), offer.bundle.languages)
        self.report_content()

    def report_content(self) -> None:
        """Tell the watcher what is on screen (the last good one now) and what waits, so
        that it keeps their copies and deletes the others."""
        if self.watcher is not None:
            self.watcher.report(self._offer, self._pending, self._received)

    def _refused(self, message: str) -> None:
        log.warning("the changed bundle was refused; the current one keeps running:\n%s", message)
        self._life("bundle_swap_refused")

    def _life(self, kind: KioskEventKind) -> None:
        """Tell the recorder a moment of the kiosk's life (kiosk.insights)."""
        if self.recorder is not None:
            self.recorder.kiosk(kind, self.clock())

    def _slide_id(self, index: int) -> str:
        return slide_id(self.bundle.manifest.slides, index)

    def _adopt(self, offer: Offer) -> None:
        """Show ``offer`` (the presenter has taken its timing and languages already)."""
        bundle = offer.bundle
        try:
            theme = theme_for(bundle)
        except (BundleError, OSError) as error:  # its fonts are gone: keep what runs
            log.error("the new bundle cannot be shown; the current one keeps running: %s", error)
            self._life("bundle_swap_refused")
            if self._pending is offer:
                self._pending = None
            bundle.close()
            self.presenter.replace_content(
                timing_of(self.bundle, self.settings), self.bundle.languages, self.clock()
            )
            self._shown = (-1, "")
            self.report_content()
            return
        old_images, old_bundle = self.images, self.bundle
        swapped = offer.serial != self._offer.serial  # not the same one, fully checked
        self.bundle, self._offer, self.theme = bundle, offer, theme
        self._resume_content = _content_of(bundle)
        self._ui = bundle.manifest.ui_words()
        if self._pending is offer:
            self._pending = None
        release_fonts(theme)
        self.check_glyphs()
        self._shown = (-1, "")  # the slide count may differ: redraw the controls
        self.images = ImageStore(bundle, self)
        self.deck.set_content(bundle.manifest.slides, self._context(), self.presenter.index)
        self._prepare_playback()
        palette = theme.palette
        for widget in (
            self.captions_button,
            self.listen_button,
            self.previous_button,
            self.next_button,
            self.chapters_button,
            self.language_button,
            self.text_button,
            self.motion_button,
            self.dots,
            self.chapters,
            self.languages,
            self.countdown,
            self.pin_pad,
            self.staff_menu,
        ):
            widget.set_palette(palette)
        self._show_controls()
        old_images.shutdown()
        old_images.deleteLater()
        if old_bundle is not bundle:
            old_bundle.close()
        info = bundle.manifest.bundle
        if self.settings.bundle is not None:
            self.showing = showing("configured", bundle, self.settings.bundle)
        self.report_content()
        log.info("now showing bundle %s %s", info.id, info.version)
        if swapped:
            self._life("bundle_swap_accepted")
        self.health.health.swapped(info.id, info.version, self.health.wall())

    def reload_bundle(self) -> None:
        """Staff asked: copy and check the configured bundle now (in the background), and
        start it from the beginning; the staff screen stays up until the answer comes."""
        if self.watcher is None:
            log.warning("reload: no bundle is configured; the built-in one keeps running")
            self._show_diagnostics()
            return
        if self._reloading:
            return  # a second tap while the first is checked
        log.info("reload: checking the bundle at %s", self.watcher.exhibition.source)
        self._reloading = True
        self.staff_menu.diagnostics = self._staff("checking")
        self.staff_menu.update()
        self.watcher.reload()

    def _reloaded(self, result: object) -> None:
        self._reloading = False
        if isinstance(result, Offer):
            if self._may_close:
                result.bundle.close()
                return
            self._received = max(self._received, result.serial)
        if not self.presenter.staff_open:
            # Staff left (Resume, or the screen closed itself): a visitor may be here now.
            if isinstance(result, Offer):
                self.offer_bundle(result)
            else:
                log.warning("reload refused; the current bundle keeps running:\n%s", result)
                self._life("bundle_swap_refused")
            return
        if not isinstance(result, Offer):
            log.warning("reload refused; the current bundle keeps running:\n%s", result)
            self._life("bundle_swap_refused")
            self._show_diagnostics()
            return
        if self._pending is not None and self._pending.bundle is not result.bundle:
            self._pending.bundle.close()
            self._pending = None
        self.presenter.replace_content(
            timing_of(result.bundle, self.settings), result.bundle.languages, self.clock()
        )
        self._adopt(result)
        self.leave_staff()

    # --- staff -----------------------------------------------------------------------

    def open_staff(self) -> None:
        if self.asleep and self.hours is not None:
            self.hours.wake()  # staff at night: the screen until they leave
        self.presenter.enter_staff(self.clock())
        self._sync_overlays()
        self.pin_pad.set_words(self._staff("pin"), self._staff("ok"), self._staff("delete"))
        self.staff_menu.set_labels(
            [self._staff(key) for key in ("resume", "reload", "diagnostics", "exit")]
        )
        self.pin_pad.message = "" if self.settings.pin_hash else self._staff("no_pin")
        self.pin_pad.open()

    def leave_staff(self) -> None:
        self.pin_pad.hide()
        self.staff_menu.hide()
        self.presenter.leave_staff(self.clock())
        self._sync(None)
        if self.hours is not None:
            self.hours.check()  # outside opening hours: dark again

    def _pin_entered(self, pin: str) -> None:
        now = self.clock()
        if now < self._pin_locked_until:
            self.pin_pad.message = self._staff(
                "try_again_in", seconds=round(self._pin_locked_until - now)
            )
        elif check_pin(pin, self.settings.pin_hash):
            self._pin_failures = 0
            self.pin_pad.hide()
            self.staff_menu.diagnostics = ""
            self.staff_menu.today = self._today()
            self.staff_menu.open()
            log.info("staff menu opened")
            self._life("staff_login")
            return
        else:
            self._pin_failures += 1
            log.warning("wrong staff PIN (%d in a row)", self._pin_failures)
            if self._pin_failures >= PIN_ATTEMPTS:
                self._pin_failures = 0
                self._pin_locked_until = now + PIN_LOCK_SECONDS
                self.pin_pad.message = self._staff("locked_for", seconds=round(PIN_LOCK_SECONDS))
            else:
                self.pin_pad.message = self._staff("wrong_pin")
        self.pin_pad.update()

    def _today(self) -> str:
        """Today's visitor figures for the staff menu (kiosk.insights.today), read when
        the menu opens: a few milliseconds."""
        store = self.insights
        if store is None:
            off = (
                "record_visits is false in the settings, or this is a preview window"
                if not self.settings.records_visits
                else "its database could not be opened: see the log"
            )
            return insights_today.lines(None, off=off)
        if not store.recording:
            return insights_today.lines(None, off=store.off_reason or "see the log")
        day = self.wall_clock().date()
        return insights_today.lines(insights_today.today(store.path, day))

    def check_glyphs(self) -> None:
        """Warn (log, and so staff's Diagnostics) about texts no font can draw; the kiosk
        shows them anyway. Not before the first frame: it takes tens of milliseconds."""
        warn_missing_glyphs(self.bundle, self.theme)

    def _show_diagnostics(self) -> None:
        info = self.bundle.manifest.bundle
        uptime = round(self.clock() - self.started)
        # The labels in staff's language; what the log says (showing, problems) in English.
        lines = [
            self._staff("diagnostics"),
            f"kiosk {__version__}",
            f"showing: {self.showing}",
            f"bundle: {info.id} {info.version}",
            self._staff("uptime", hours=uptime // 3600, minutes=uptime % 3600 // 60),
            self._staff("slide_of", number=self.presenter.index + 1, count=self.presenter.count),
            *self._full_source(),
            "",
            self._staff("recent_problems" if self.problems else "no_problems"),
            *list(self.problems)[-8:],
        ]
        self.staff_menu.diagnostics = "\n".join(lines)
        self.staff_menu.update()

    def _full_source(self) -> list[str]:
        """The full reference of the slide on screen (it shows only the short form)."""
        slide = self.bundle.manifest.slides[self.presenter.index]
        full = slide.source_text(self.presenter.language, "full")
        return [f"source: {full}"] if full else []

    def exit_kiosk(self, *, code: int = STAFF_EXIT, quit_application: bool = True) -> None:
        """Close the window for good and end the loop with ``code``.

        Staff's *Exit kiosk* ends with STAFF_EXIT, the one code supervisors do not
        restart; the preview's Escape ends with 0, as closing any window does.
        """
        if self._may_close:
            return
        log.info(
            "kiosk closed by %s (exit code %d)",
            "the preview window" if code == 0 and self.settings.windowed else "staff",
            code,
        )
        self._may_close = True
        self.close()
        app = QApplication.instance()
        if app is not None and quit_application:
            app.exit(code)

    # --- lockdown --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._may_close:
            self.shutdown()
            event.accept()
        else:
            log.info("a close request was refused")
            event.ignore()

    def shutdown(self) -> None:
        if self._full_check is not None:
            self._full_check.wait()
        if self.playback is not None:
            self.playback.shutdown()
        self._ticker.stop()
        self._cursor_timer.stop()
        self._staff_hold.stop()
        if self.watcher is not None:
            self.watcher.stop()
        self.deck.shutdown()
        self.images.shutdown()
        logging.getLogger().removeHandler(self._problem_log)
        self.health.stop()
        if self.resume is not None:
            self.resume.ended()  # a clean end: the next start is fresh
        self._stop_recording()

    def _stop_recording(self) -> None:
        """A clean end: the visit on screen ends, the store writes all and closes."""
        if self.recorder is not None:
            self._life("stop")
            self.presenter.listeners.remove(self.recorder)
            self.recorder = None
        if self.insights is not None:
            insights, self.insights = self.insights, None
            insights.close()

    # --- opening hours ---------------------------------------------------------------

    def sleep(self) -> None:
        """Closed: every timer of the window stops; nothing moves or plays."""
        self.asleep = True
        self._ticker.stop()
        self._cursor_timer.stop()
        self._staff_hold.stop()
        if self.playback is not None:
            self.playback.stop()
        self.deck.stop_moving()
        self._hide_cursor()
        if self.resume is not None:
            self.resume.ended()  # the morning starts on the first slide, not a crash's
        self._life("closed")
        self.health.health.asleep = True

    def wake(self) -> None:
        """Open again: the first slide, the attract loop, the clock ticking."""
        self.asleep = False
        self.health.health.asleep = False
        if self.resume is not None:
            self.resume.running(self.health.wall())
        self._life("opened")
        now = self.clock()
        self._ticked_at = now
        move = self.presenter.restart(now)
        self._sync(move)
        self._ticker.start()

    def title_text(self) -> str:
        """The exhibition's title in its first language."""
        return self.bundle.manifest.bundle.title[self.bundle.languages[0]]

    def _hide_cursor(self) -> None:
        self.setCursor(Qt.CursorShape.BlankCursor)

    def pointer_moved(self) -> None:
        if self.asleep:
            return
        self.unsetCursor()
        self._cursor_timer.start()

    def corner_pressed(self, position: QPoint) -> None:
        """A press in the top-left corner starts the staff hold; elsewhere cancels it."""
        corner = max(40, round(min(self.width(), self.height()) * 0.08))
        if position.x() <= corner and position.y() <= corner:
            self._staff_hold.start()
        else:
            self._staff_hold.stop()

    def corner_released(self) -> None:
        self._staff_hold.stop()


def _content_of(bundle: Bundle) -> Content:
    """What a point to resume at must fit in."""
    info = bundle.manifest.bundle
    return Content(info.id, info.version, len(bundle.manifest.slides), tuple(bundle.languages))


def _no_power(_on: bool) -> bool:
    """The windowed preview leaves the screen's power alone: the black cover only."""
    return False


def _has_captions(slide: object, language: str) -> bool:
    """Whether ``slide`` has captions in ``language`` for its film, sound or guide."""
    return any(
        language in (getattr(slide, key, None) or {})
        for key in ("captions", "audio_captions", "guide_captions")
    )


class KioskGuard(QObject):
    """The application-wide event filter: reports activity, keeps visitors in.

    Escape (except in the preview window), Alt+F4, Ctrl+Q and Ctrl+W do nothing;
    context menus, tooltips and "What's this?" never appear.
    """

    _BLOCKED_EVENTS = (
        QEvent.Type.ContextMenu,
        QEvent.Type.ToolTip,
        QEvent.Type.WhatsThis,
        QEvent.Type.QueryWhatsThis,
    )
    _ACTIVITY = (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchUpdate,
    )

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in self._BLOCKED_EVENTS:
            return True
        if kind in self._ACTIVITY:
            self.window.note_activity()
        if kind == QEvent.Type.MouseMove:
            self.window.pointer_moved()
        if (
            kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
            and watched is self.window.windowHandle()
        ):
            point = event.points()[0].position().toPoint()  # type: ignore[attr-defined]
            self.window.corner_pressed(point)
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            self.window.corner_released()
        if kind == QEvent.Type.KeyPress:
            return self._blocked_key(event)  # type: ignore[arg-type]
        return False

    def _blocked_key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            if self.window.presenter.mode is Mode.STAFF:
                self.window.leave_staff()  # a staff screen first; never the kiosk
            elif self.window.settings.windowed:
                self.window.exit_kiosk(code=0)
            return True
        if key == Qt.Key.Key_F4 and modifiers & Qt.KeyboardModifier.AltModifier:
            return True
        control = modifiers & Qt.KeyboardModifier.ControlModifier
        return bool(control and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
