"""The events a recorder takes: small frozen records with wall-clock times passed in.

Times are seconds since the epoch (UTC), given by the caller: nothing in insights reads
the clock. No personal data: slide ids, language codes, enums and numbers only, never
text a visitor typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["attract", "visitor"]
#: How a slide was reached.
ReachedBy = Literal["swipe", "tap", "chapter", "auto", "reset", "start"]
#: Why a visitor session ended.
EndReason = Literal["idle_reset", "countdown_lapsed", "staff", "stop"]
KioskEventKind = Literal[
    "start",
    "stop",
    "crash_restart",
    "bundle_swap_accepted",
    "bundle_swap_refused",
    "staff_login",
    "opened",
    "closed",
]


@dataclass(frozen=True, slots=True)
class SlideShown:
    """A slide that was on screen, sent when it is left (its dwell known)."""

    slide_id: str
    index: int
    language: str
    mode: Mode
    start: float
    dwell: float
    reached_by: ReachedBy


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """A visitor's first touch after the attract loop."""

    at: float


@dataclass(frozen=True, slots=True)
class SessionEnded:
    at: float
    reason: EndReason


@dataclass(frozen=True, slots=True)
class ChapterJump:
    at: float
    slide_id: str  # the chapter's first slide


@dataclass(frozen=True, slots=True)
class LanguageChosen:
    at: float
    language: str


@dataclass(frozen=True, slots=True)
class MediaPlayed:
    """A film or sound stopped (ended, left or reset) after playing ``fraction`` of it."""

    at: float
    slide_id: str
    fraction: float


@dataclass(frozen=True, slots=True)
class CountdownAnswered:
    """The visitor touched the screen during the 'still there?' countdown."""

    at: float


@dataclass(frozen=True, slots=True)
class KioskEvent:
    at: float
    kind: KioskEventKind


Event = (
    SlideShown
    | SessionStarted
    | SessionEnded
    | ChapterJump
    | LanguageChosen
    | MediaPlayed
    | CountdownAnswered
    | KioskEvent
)
