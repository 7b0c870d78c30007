"""A curator's folder shared by two real Syncthing instances to a kiosk's watched folder.

The curator writes a new version slowly (the manifest first, then a picture in chunks,
each chunk synced before the next is written). On the kiosk side the very code the
kiosk's watcher runs (fingerprint, settling, a private copy, Qt's full check) looks at the
synced folder; only the whole new version may come in, never a mix or a half picture.

The kiosk here is far more eager than in the field: a poll every 0.1 s counts as the
watcher's 2 s, so it copies and checks unfinished states too (and refuses them). In the
field its 4 s of quiet outlasts a pull and nothing is refused.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from kiosk.bundle import BundleError
from kiosk.content.copy import folder_digest
from kiosk.content.exhibition import Exhibition, Offer
from kiosk.content.fingerprint import fingerprint
from kiosk.content.settle import QUIET_SECONDS, Settling
from kiosk.content.store import Store
from kiosk.qtmedia import load
from tests.bundles import VALID_TOML, png, write_bundle
from tests.content.syncthing import POLL, Syncthing

FOLDER = "exhibit"
#: The watcher's seconds between two looks, as each test poll counts them.
WATCHER_POLL_SECONDS = 2.0
CHUNKS = 5


def noise_png(side: int) -> bytes:
    """A picture that does not compress: a truncated copy fails to decode."""
    noise = random.Random(16)
    rows = b"".join(b"\x00" + noise.randbytes(side) for _ in range(side))
    return png(side, side, rows=rows)


class EagerKiosk:
    """The watcher's work on the kiosk side, one look per poll, time counted in polls."""

    def __init__(self, exhibition: Exhibition) -> None:
        self.exhibition = exhibition
        self.polls = 0
        self.settling = Settling(fingerprint(exhibition.source), 0.0, QUIET_SECONDS)
        self.offers: list[Offer] = []
        self.refusals: list[str] = []

    def look(self) -> None:
        self.polls += 1
        current = fingerprint(self.exhibition.source)
        if not self.settling.observe(current, self.polls * WATCHER_POLL_SECONDS):
            return
        try:
            self.offers.append(self.exhibition.stage(seen=current))
        except BundleError as error:
            self.refusals.append(str(error))
        self.settling.take(current)

    def until(self, what: str, done: object, polls: int = 300) -> None:
        for _ in range(polls):
            self.look()
            if done():  # type: ignore[operator]
                return
            time.sleep(POLL)
        pytest.fail(f"the kiosk: {what} not after {polls} polls; refused: {self.refusals}")


@pytest.mark.slow
def test_a_bundle_written_slowly_by_the_curator_comes_into_the_kiosk_whole(
    tmp_path: Path,
) -> None:
    curator_folder = tmp_path / "curator" / FOLDER
    kiosk_folder = tmp_path / "kiosk" / FOLDER
    write_bundle(curator_folder)
    curator = Syncthing(tmp_path / "curator-syncthing", "curator")
    kiosk = Syncthing(tmp_path / "kiosk-syncthing", "kiosk")
    curator.share(FOLDER, curator_folder, "sendonly", kiosk, dial=False)
    kiosk.share(FOLDER, kiosk_folder, "receiveonly", curator, dial=True)
    try:
        curator.start()  # listening before the kiosk dials it: no first dial lost
        curator.wait_until("its API answering", lambda: curator.rest("system/ping"))
        kiosk.start()
        curator.wait_until("connected to the kiosk", lambda: curator.connected_to(kiosk))
        first = folder_digest(curator_folder)
        kiosk.wait_until(
            "the first version synced",
            lambda: (
                (kiosk_folder / "media" / "shape.svg").exists()
                and folder_digest(kiosk_folder) == first
            ),
        )
        exhibition = Exhibition(
            kiosk_folder, Store([tmp_path / "copies"]), tmp_path / "records", load
        )
        watcher = EagerKiosk(exhibition)
        on_screen = exhibition.stage()
        assert on_screen.digest == first
        assert (kiosk_folder / ".stfolder").is_dir()  # Syncthing's marker, left out

        # Version 2: the manifest first, naming a picture that is still being written.
        picture = noise_png(160)
        toml = VALID_TOML.replace('"1.0"', '"2.0"').replace("media/dot.png", "media/new.png")
        (curator_folder / "bundle.toml").write_text(toml, encoding="utf-8")
        curator.scan(FOLDER)
        step = len(picture) // CHUNKS + 1
        with (curator_folder / "media" / "new.png").open("wb") as writing:
            for start in range(0, len(picture), step):
                writing.write(picture[start : start + step])
                writing.flush()
                curator.scan(FOLDER)
                written = writing.tell()
                # The pause: this much has reached the kiosk, which looks at it a while.
                kiosk.wait_until(
                    f"{written} bytes of new.png synced",
                    lambda size=written: _size(kiosk_folder / "media" / "new.png") == size,
                )
                for _ in range(3):
                    watcher.look()
                    time.sleep(POLL)
        second = folder_digest(curator_folder)
        watcher.until(
            "version 2 checked", lambda: any(offer.digest == second for offer in watcher.offers)
        )
    finally:
        kiosk.stop()
        curator.stop()

    # Every unfinished state was seen, copied and refused: the test shows the checks work.
    assert len(watcher.refusals) >= CHUNKS - 1, watcher.refusals
    assert all("new.png" in refusal for refusal in watcher.refusals), watcher.refusals
    versions = [offer.bundle.manifest.bundle.version for offer in watcher.offers]
    assert set(versions) == {"2.0"}, versions
    # Whole: every copy the kiosk accepted holds exactly the curator's finished files.
    assert {offer.digest for offer in watcher.offers} == {second}
    assert folder_digest(kiosk_folder) == second
    for offer in watcher.offers:
        copied = {p.name for p in offer.staged.path.rglob("*")} if offer.staged else set()
        assert not any("syncthing" in name or name.startswith(".st") for name in copied)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1
