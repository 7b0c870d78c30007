"""The last bundle the kiosk showed, kept so that a broken update never empties the screen.

A small JSON record in the data folder names the private copy that was last on screen,
the original it was copied from, its digest and what it is (id, version, languages).
When the configured bundle cannot be used at start, that copy runs instead, once its
bytes are checked against the digest. The record is written atomically; a missing,
damaged or foreign record is simply no record.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.bundle.errors import BundleError
from kiosk.content.copy import file_digest, folder_digest
from kiosk.content.fingerprint import Fingerprint
from kiosk.content.store import Staged
from kiosk.paths import replace_atomically

log = logging.getLogger(__name__)

RECORD = "last-shown.json"


@dataclass(frozen=True)
class LastShown:
    source: str
    copy: str
    digest: str
    bundle_id: str
    version: str
    title: str
    languages: list[str]
    shown_at: str
    #: A digest of the original's fingerprint when it was copied (see ``state_of``).
    source_state: str = ""

    def staged(self) -> Staged:
        return Staged(Path(self.copy), Path(self.source), self.digest, ("recorded",))

    def describe(self) -> str:
        return f"{self.bundle_id} {self.version}, last shown {self.shown_at}"


def read(folder: Path) -> LastShown | None:
    """The record in ``folder``, or None if there is none that can be trusted."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        record = LastShown(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(record.languages, list) or not all(
        isinstance(value, str) for value in (record.source, record.copy, record.digest)
    ):
        return None
    return record


def write(folder: Path, record: LastShown) -> bool:
    """Keep ``record`` in ``folder``, whole or not at all; False (logged) if it cannot."""
    text = json.dumps(asdict(record), ensure_ascii=False, indent=1)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        replace_atomically(folder / RECORD, text.encode("utf-8"))
    except OSError as error:
        log.warning(
            "the last good bundle cannot be recorded in %s (%s); after a broken update the "
            "holding screen would show instead",
            folder,
            error.strerror or error,
        )
        return False
    return True


def state_of(fingerprint: Fingerprint) -> str:
    """A short, storable stand-in for a fingerprint."""
    return hashlib.sha256(repr(fingerprint).encode()).hexdigest()


def record_for(
    staged: Staged, bundle_id: str, version: str, title: str, languages: list[str]
) -> LastShown:
    """The record of ``staged`` (a private copy) as shown now."""
    if staged.digest is None:
        raise ValueError("only a private copy can be the last good one")
    return LastShown(
        source=str(staged.source),
        copy=str(staged.path),
        digest=staged.digest,
        bundle_id=bundle_id,
        version=version,
        title=title,
        languages=list(languages),
        shown_at=time.strftime("%Y-%m-%d %H:%M"),
        source_state=state_of(staged.fingerprint),
    )


def verified(record: LastShown) -> bool:
    """Whether the recorded copy still holds exactly the bytes it was recorded with."""
    path = Path(record.copy)
    try:
        actual = folder_digest(path) if path.is_dir() else file_digest(path)
    except (OSError, BundleError) as error:
        log.warning("the last good copy %s cannot be read (%s)", path, error)
        return False
    if actual != record.digest:
        log.warning("the last good copy %s is damaged (its bytes changed)", path)
        return False
    return True
