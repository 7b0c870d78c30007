"""A seeded week of visitors that knows what it generated (time passed in, whole seconds)."""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from kiosk.insights import events as ev

SLIDES = [f"slide-{n}" for n in range(1, 9)]
LANGUAGES = ["en", "fr", "az"]


@dataclass
class Truth:
    events: list[ev.Event] = field(default_factory=list)
    per_day: Counter[date] = field(default_factory=Counter)
    per_hour: Counter[int] = field(default_factory=Counter)
    lengths: list[float] = field(default_factory=list)
    dwell: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    chapters: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    answered: int = 0
    lapsed: int = 0
    media: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    life: Counter[str] = field(default_factory=Counter)

    @property
    def median_length(self) -> float:
        return statistics.median(self.lengths)


def week(seed: int, first: date = date(2026, 3, 2), days: int = 7) -> Truth:
    rng = random.Random(seed)
    truth = Truth()

    def emit(event: ev.Event) -> None:
        truth.events.append(event)

    def life(at: float, kind: ev.KioskEventKind) -> None:
        emit(ev.KioskEvent(at, kind))
        truth.life[kind] += 1

    for n in range(days):
        day = first + timedelta(n)
        t = datetime(day.year, day.month, day.day, 9, tzinfo=UTC).timestamp()
        life(t, "start")
        close = t + 9 * 3600
        while True:
            # the attract loop runs until a visitor comes
            for _ in range(rng.randint(1, 4)):
                emit(ev.SlideShown(rng.choice(SLIDES), 0, "en", "attract", t, 8, "auto"))
                t += 8
            if t > close - 1800:
                break
            start = t
            emit(ev.SessionStarted(start))
            truth.per_day[day] += 1
            truth.per_hour[int((start % 86400) // 3600)] += 1
            language = "en"
            if rng.random() < 0.4:
                language = rng.choice(LANGUAGES[1:])
                emit(ev.LanguageChosen(t, language))
            seen: set[str] = set()
            for i in range(rng.randint(1, 6)):
                slide = rng.choice(SLIDES)
                how: ev.ReachedBy = "tap" if i == 0 else rng.choice(["swipe", "chapter"])
                if how == "chapter":
                    emit(ev.ChapterJump(t, slide))
                    truth.chapters[slide] += 1
                dwell = float(rng.randint(2, 90))
                emit(ev.SlideShown(slide, i, language, "visitor", t, dwell, how))
                truth.dwell[slide].append(dwell)
                seen.add(language)
                if slide == "slide-3":
                    fraction = rng.choice([0.25, 0.5, 1.0])
                    emit(ev.MediaPlayed(t + dwell, slide, fraction))
                    truth.media[slide].append(fraction)
                t += dwell
            for language_seen in seen:
                truth.languages[language_seen] += 1
            t += 60  # idle until the countdown
            if rng.random() < 0.3:
                emit(ev.CountdownAnswered(t))
                truth.answered += 1
                t += 30
            lapsed = rng.random() < 0.5
            reason: ev.EndReason = "countdown_lapsed" if lapsed else "idle_reset"
            truth.lapsed += lapsed
            t += 10
            emit(ev.SessionEnded(t, reason))
            truth.lengths.append(t - start)
            t += rng.randint(60, 1800)
        life(t, "stop")
    return truth
