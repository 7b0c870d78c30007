"""The configured exhibition: staged, checked, shown, and kept as the last good one.

Every way a bundle reaches the screen goes through here: the start, a change noticed by
the watcher and staff's *Reload bundle*. Each makes a private copy (``store``), checks
the copy with the loader it is given, and reports problems under the original's name,
the file the curator knows. The copy a visitor saw last is recorded (``last_good``), and
only that one, the one on screen and the one waiting for the next reset are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.loader import Bundle
from kiosk.content import last_good
from kiosk.content.fingerprint import Fingerprint, fingerprint
from kiosk.content.holding import declared_languages, holding_bundle
from kiosk.content.store import Staged, Store

log = logging.getLogger(__name__)


class Loader(Protocol):
    """``kiosk.bundle.load``'s signature: check the bundle at a path (pictures decoded
    fully, or only from their headers for a quick start)."""

    def __call__(self, path: Path, *, decode_media: bool = True) -> Bundle: ...


@dataclass(frozen=True)
class Offer:
    """A checked bundle and the copy it is read from (None: nothing to keep on disk)."""

    bundle: Bundle
    staged: Staged | None = None
    #: Numbers the offers a watcher sends, so the window can say which it has received.
    serial: int = 0

    @property
    def digest(self) -> str | None:
        return self.staged.digest if self.staged is not None else None


@dataclass
class Start:
    """What the kiosk shows at start, and why, for the log and staff's Diagnostics."""

    offer: Offer
    #: "configured", "last good", "holding" or "built-in".
    kind: str
    problems: list[str] = field(default_factory=list)

    def showing(self, configured: Path | None) -> str:
        """Which exhibition is on screen, in a line for the log and staff's Diagnostics."""
        return showing(self.kind, self.offer.bundle, configured)


def showing(kind: str, bundle: Bundle, configured: Path | None) -> str:
    """What a ``kind`` of start (or "configured", after a swap) puts on screen, said."""
    info = bundle.manifest.bundle
    if kind == "holding":
        return f"the holding screen (the bundle at {configured} cannot be used)"
    if kind == "last good":
        return f"the last good copy of {configured} ({info.id} {info.version})"
    if kind == "built-in":
        return f"the built-in bundle ({info.id} {info.version})"
    return f"{configured} ({info.id} {info.version})"


class Exhibition:
    """The bundle configured at ``source``, copied into ``store`` and checked by ``load``."""

    def __init__(self, source: Path, store: Store, records: Path, load: Loader) -> None:
        self.source = source
        self.store = store
        self.records = records
        self.load = load
        #: The original's fingerprint when ``stage`` last looked at it, taken first: a
        #: watcher starts from it, so a change during or after that attempt is checked.
        self.seen: Fingerprint = ("not looked at yet",)

    def stage(self, *, starting: bool = False, seen: Fingerprint | None = None) -> Offer:
        """A checked private copy of the bundle as it is now; BundleError otherwise.

        ``starting``: the first slide is waiting, so pictures are checked from their
        headers only, and the last good copy serves when the original has not changed
        since it was copied and the copy's bytes are still those recorded. ``seen`` is
        the original's fingerprint if the caller has just taken it.
        """
        self.seen = fingerprint(self.source) if seen is None else seen
        staged = self._unchanged_copy() if starting else None
        if staged is None:
            staged = self.store.stage(self.source, self.seen)
        try:
            bundle = self.load(staged.path, decode_media=not starting)
        except BundleError as error:
            # The refused copy goes at the next prune, which spares copies in use.
            raise named_as_original(error, staged) from None
        return Offer(bundle, staged)

    def last_good(self, *, starting: bool = False) -> Offer | None:
        """The last copy of this exhibition a visitor saw, if it is still whole and valid."""
        record = last_good.read(self.records)
        if record is None or Path(record.source) != self.source:
            return None
        if not last_good.verified(record):
            return None
        try:
            return Offer(self.load(Path(record.copy), decode_media=not starting), record.staged())
        except BundleError as error:
            log.warning("the last good copy %s cannot be used:\n%s", record.copy, error)
            return None

    def _unchanged_copy(self) -> Staged | None:
        record = last_good.read(self.records)
        if record is None or Path(record.source) != self.source or not record.source_state:
            return None
        if last_good.state_of(self.seen) != record.source_state:
            return None
        if not last_good.verified(record):
            return None
        return replace(record.staged(), fingerprint=self.seen)

    def languages(self) -> list[str] | None:
        """The exhibition's languages, as far as they are known without a valid bundle."""
        record = last_good.read(self.records)
        if record is not None and Path(record.source) == self.source and record.languages:
            return record.languages
        return declared_languages(self.source)

    def shown(self, offer: Offer, keep: Iterable[Offer | None] = ()) -> None:
        """``offer`` is on screen: record it as the last good one and delete other copies
        (but those in ``keep``, such as a bundle waiting for the next reset)."""
        staged = offer.staged
        recorded = last_good.read(self.records)
        # Rewritten only for another copy: a rewrite would void the next start's first
        # frame (see ui.first_frame). The same bytes copied to another folder (the one
        # recorded was lost with the cache or the runtime folder) are another copy.
        unchanged = (
            recorded is not None
            and staged is not None
            and (recorded.source, recorded.digest, recorded.copy)
            == (str(self.source), staged.digest, str(staged.path))
            and staged.path.exists()
        )
        if staged is not None and staged.private and staged.source == self.source and not unchanged:
            info = offer.bundle.manifest.bundle
            record = last_good.record_for(
                staged,
                info.id,
                info.version,
                info.title[offer.bundle.default_language],
                offer.bundle.languages,
            )
            last_good.write(self.records, record)
        self.prune(offer, *keep)

    def prune(self, *keep: Offer | None) -> None:
        """Delete every copy but those of ``keep`` and the recorded last good one."""
        record = last_good.read(self.records)
        kept = [offer.staged for offer in keep if offer is not None and offer.staged is not None]
        self.store.keep_only([*kept, Path(record.copy) if record is not None else None])


def named_as_original(error: BundleError, staged: Staged | None) -> BundleError:
    """``error``, found in a private copy, with its problems (and warnings) named as the
    curator's own files: the cache copy means nothing to them."""
    if staged is None or not staged.private:
        return error
    copy, original = str(staged.path), str(staged.source)

    def renamed(problems: list[Problem]) -> list[Problem]:
        return [
            replace(problem, file=original + problem.file[len(copy) :])
            if problem.file == copy or problem.file.startswith(copy + "/")
            else problem
            for problem in problems
        ]

    named = BundleError(renamed(error.problems))
    named.warnings = renamed(error.warnings)
    return named


def choose_start(
    exhibition: Exhibition | None,
    builtin: Callable[[], Bundle],
    holding_texts: Callable[[list[str]], Mapping[str, str]],
) -> Start:
    """What to show at start: the configured bundle; if it cannot be used, its last good
    copy; if there is none, the holding screen. The built-in bundle only when none is
    configured: never a different exhibition."""
    if exhibition is None:
        return Start(Offer(builtin()), "built-in")
    try:
        return Start(exhibition.stage(starting=True), "configured")
    except BundleError as error:
        problems = [f"the configured bundle {exhibition.source} cannot be used:\n{error}"]
    previous = exhibition.last_good(starting=True)
    if previous is not None:
        record = last_good.read(exhibition.records)
        shown = record.describe() if record is not None else "last shown"
        problems.append(f"showing its last good copy instead ({shown})")
        return Start(previous, "last good", problems)
    problems.append("no good copy of it was ever shown here: showing the holding screen")
    languages = exhibition.languages() or ["en"]
    return Start(Offer(holding_bundle(holding_texts(languages))), "holding", problems)
