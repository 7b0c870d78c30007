"""Hot swap on a running kiosk: changes come in once quiet, from a private snapshot, off
the GUI thread; staff's reload goes the same way; the store keeps only what is in use."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.content import copy as copying_module
from kiosk.content import last_good
from kiosk.content.exhibition import Exhibition, Offer
from kiosk.content.fingerprint import fingerprint
from kiosk.content.store import Store
from kiosk.qtmedia import load
from kiosk.ui.watcher import BundleWatcher
from kiosk.ui.window import KioskWindow
from tests.bundles import SVG, VALID_TOML, png, valid_members, write_bundle, write_zip

QUIET = 4.0
OTHER_SVG = SVG.replace(b"#a00", b"#0a0")


def toml_of(version: str) -> str:
    """The test bundle's manifest, at ``version``."""
    return VALID_TOML.replace('"1.0"', f'"{version}"')


def zip_of(path: Path, version: str) -> Path:
    """The test bundle at ``version``, written (over ``path``) as a .kiosk."""
    members = valid_members()
    members["bundle.toml"] = toml_of(version).encode()
    return write_zip(path, members)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Kiosk:
    """A configured bundle, its exhibition and a watcher on a clock the test moves."""

    def __init__(self, tmp_path: Path, source: Path, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.clock = Clock()
        self.store_folder = tmp_path / "store"
        self.threads: list[str] = []
        self.exhibition = Exhibition(
            source, Store([self.store_folder]), tmp_path / "data", self._load
        )
        self.first = self.exhibition.stage()
        self.watcher = BundleWatcher(
            self.exhibition,
            self.first,
            self.first.staged.fingerprint,  # type: ignore[union-attr]
            quiet=QUIET,
            poll_ms=3_600_000,  # the test looks itself
            clock=self.clock,
        )

    def _load(self, path: Path, *, decode_media: bool = True) -> object:
        self.threads.append(threading.current_thread().name)
        return load(path, decode_media=decode_media)

    def look(self, after: float = 0.0) -> None:
        """Let ``after`` seconds pass, then have the watcher look once, to the end."""
        self._finish_looking()  # the file system watcher may have asked for a look too
        self.clock.now += after
        self.watcher.check()
        self._finish_looking()

    def _finish_looking(self) -> None:
        polling = self.watcher._polling
        if polling is not None:
            self.qtbot.waitUntil(polling.done)

    def offers(self) -> list[Offer]:
        """The offers the watcher makes from now on, as they come."""
        offers: list[Offer] = []
        self.watcher.validated.connect(offers.append)
        return offers

    def copies(self) -> list[Path]:
        return sorted(self.store_folder.iterdir())


@pytest.fixture
def folder_kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[Kiosk]:
    kiosk = Kiosk(tmp_path, write_bundle(tmp_path / "exhibit"), qtbot)
    yield kiosk
    kiosk.watcher.stop()
    # Deleted here, on the GUI thread: left to the garbage collector, a QObject may be
    # deleted on whichever thread happens to collect, under the event loop's feet.
    shiboken6.delete(kiosk.watcher)


def test_a_folder_copied_file_by_file_comes_in_once_quiet_from_a_snapshot(
    folder_kiosk: Kiosk, qtbot: QtBot
) -> None:
    source = folder_kiosk.exhibition.source
    offers = folder_kiosk.offers()
    # A curator copies the new version: bundle.toml first, then the pictures.
    (source / "bundle.toml").write_text(toml_of("1.1"), encoding="utf-8")
    folder_kiosk.look()
    folder_kiosk.look(after=QUIET - 1)
    assert offers == []  # new texts, old pictures: not yet
    (source / "media" / "shape.svg").write_bytes(OTHER_SVG)
    folder_kiosk.look(after=1)
    folder_kiosk.look(after=QUIET - 1)
    assert offers == []
    folder_kiosk.look(after=1)
    qtbot.waitUntil(lambda: len(offers) == 1)
    bundle = offers[0].bundle
    assert bundle.manifest.bundle.version == "1.1"
    # The snapshot is the curator's state when it was taken, whatever comes next.
    (source / "media" / "shape.svg").write_bytes(SVG)
    assert bundle.read_media("media/shape.svg") == OTHER_SVG
    bundle.close()


def test_unfinished_files_of_a_sync_delay_the_change_and_stay_out(
    folder_kiosk: Kiosk, qtbot: QtBot
) -> None:
    source = folder_kiosk.exhibition.source
    offers = folder_kiosk.offers()
    (source / "bundle.toml").write_text(toml_of("1.1"), encoding="utf-8")
    folder_kiosk.look()
    temporary = source / "media" / "~syncthing~photo.png.tmp"
    temporary.write_bytes(b"half")
    folder_kiosk.look(after=QUIET - 1)
    temporary.write_bytes(b"half and more")  # still downloading
    folder_kiosk.look(after=QUIET - 1)
    assert offers == []
    folder_kiosk.look(after=QUIET)
    qtbot.waitUntil(lambda: len(offers) == 1)
    assert not [name for name in offers[0].bundle.source.names if "syncthing" in name]
    offers[0].bundle.close()


def test_a_refused_change_names_the_curators_file_and_leaves_no_copy(
    folder_kiosk: Kiosk, qtbot: QtBot
) -> None:
    source = folder_kiosk.exhibition.source
    refusals: list[str] = []
    folder_kiosk.watcher.refused.connect(refusals.append)
    (source / "bundle.toml").write_text("this is = not [valid", encoding="utf-8")
    folder_kiosk.look()
    folder_kiosk.look(after=QUIET)
    qtbot.waitUntil(lambda: len(refusals) == 1)
    assert refusals[0].startswith(f"{source}/bundle.toml:1:6: is not valid TOML")
    assert folder_kiosk.copies() == [folder_kiosk.first.staged.path]  # type: ignore[union-attr]
    folder_kiosk.look(after=QUIET)
    assert len(refusals) == 1  # refused once, not again and again


def test_the_same_content_again_is_not_offered_twice(folder_kiosk: Kiosk, qtbot: QtBot) -> None:
    source = folder_kiosk.exhibition.source
    offers = folder_kiosk.offers()
    (source / "bundle.toml").write_text(VALID_TOML, encoding="utf-8")  # same bytes, new time
    folder_kiosk.look()
    folder_kiosk.look(after=QUIET)
    folder_kiosk.look(after=QUIET)
    assert offers == []


def test_looking_and_checking_happen_off_the_gui_thread(
    folder_kiosk: Kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[str] = []

    def watched_fingerprint(path: Path) -> object:
        looked.append(threading.current_thread().name)
        return fingerprint(path)

    monkeypatch.setattr("kiosk.ui.watcher.fingerprint", watched_fingerprint)
    source = folder_kiosk.exhibition.source
    offers = folder_kiosk.offers()
    folder_kiosk.threads.clear()
    (source / "bundle.toml").write_text(toml_of("1.1"), encoding="utf-8")
    folder_kiosk.look()
    folder_kiosk.look(after=QUIET)
    qtbot.waitUntil(lambda: len(offers) == 1)
    main = threading.main_thread().name
    assert looked and main not in looked
    assert folder_kiosk.threads and main not in folder_kiosk.threads
    offers[0].bundle.close()


@pytest.fixture
def window(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[KioskWindow, Kiosk]]:
    kiosk = Kiosk(tmp_path, write_zip(tmp_path / "exhibit.kiosk", valid_members()), qtbot)
    shown = shown_window(kiosk, qtbot)
    yield shown, kiosk
    shown.exit_kiosk(quit_application=False)


def test_reload_goes_through_a_private_copy_off_the_gui_thread(
    window: tuple[KioskWindow, Kiosk], qtbot: QtBot
) -> None:
    shown, kiosk = window
    source = kiosk.exhibition.source
    zip_of(source, "2.0")
    kiosk.threads.clear()
    shown.open_staff()
    shown.reload_bundle()
    qtbot.waitUntil(lambda: shown.bundle.manifest.bundle.version == "2.0")
    assert kiosk.threads and threading.main_thread().name not in kiosk.threads
    # The curator copies over the file in place, as the README tells them to.
    source.write_bytes(b"half of the next version")
    assert shown.bundle.read_media("media/dot.png") == png()


def test_a_refused_reload_keeps_the_exhibition_and_says_why(
    window: tuple[KioskWindow, Kiosk], qtbot: QtBot
) -> None:
    shown, kiosk = window
    kiosk.exhibition.source.write_bytes(b"not a zip")
    shown.open_staff()
    shown.reload_bundle()
    qtbot.waitUntil(lambda: "is not a valid .kiosk" in shown.staff_menu.diagnostics)
    assert shown.bundle is kiosk.first.bundle


def versions_in(window: KioskWindow) -> set[str]:
    """The versions on screen and waiting for the next reset."""
    offers = [window.bundle, window._pending.bundle if window._pending else None]
    return {bundle.manifest.bundle.version for bundle in offers if bundle is not None}


def test_a_month_of_updates_keeps_at_most_three_copies(
    window: tuple[KioskWindow, Kiosk], qtbot: QtBot
) -> None:
    shown, kiosk = window
    source = kiosk.exhibition.source
    for version in range(2, 32):
        members = valid_members()
        members["bundle.toml"] = toml_of(f"{version}.0").encode()
        if version % 3 == 0:
            members["bundle.toml"] = b"broken = ["  # a refused update now and then
        write_zip(source, members)
        kiosk.look()
        kiosk.look(after=QUIET)
        if version % 3:
            # Offered, then brought in at the idle reset (or by the attract loop's tick).
            qtbot.waitUntil(lambda v=version: f"{v}.0" in versions_in(shown))
            kiosk.clock.now += 200
            shown._tick()
            shown._tick()
            assert shown.bundle.manifest.bundle.version == f"{version}.0"
        qtbot.waitUntil(lambda: len(kiosk.copies()) <= 3)
    kiosk.look()  # the last bookkeeping is done
    assert len(kiosk.copies()) <= 2


def test_the_holding_screen_offers_nothing_to_page_but_staff_can_still_leave(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from kiosk.content.holding import holding_bundle

    settings = Settings(pin_hash=hash_pin("2468"), bundle=tmp_path / "broken.kiosk")
    holding = KioskWindow(
        holding_bundle({"en": "This exhibit will be back shortly"}),
        settings,
        problems=["the configured bundle cannot be used: reasons here"],
    )
    holding.showing = "the holding screen"
    holding.setGeometry(0, 0, 1280, 720)
    holding.show()
    qtbot.waitExposed(holding)
    try:
        controls = (holding.previous_button, holding.next_button, holding.chapters_button)
        assert not any(control.isVisible() for control in controls)
        assert not holding.language_button.isVisible() and not holding.dots.isVisible()
        holding.next()
        assert holding.presenter.index == 0
        holding.open_staff()
        holding._pin_entered("2468")
        assert holding.staff_menu.isVisible()
        holding._show_diagnostics()
        assert "showing: the holding screen" in holding.staff_menu.diagnostics
        assert "reasons here" in holding.staff_menu.diagnostics
    finally:
        holding.exit_kiosk(quit_application=False)


def shown_window(kiosk: Kiosk, qtbot: QtBot, **settings: object) -> KioskWindow:
    chosen = {"pin_hash": hash_pin("2468"), "idle_seconds": 60, **settings}
    window = KioskWindow(
        kiosk.first.bundle,
        Settings(bundle=kiosk.exhibition.source, **chosen),  # type: ignore[arg-type]
        clock=kiosk.clock,
        watcher=kiosk.watcher,
        offer=kiosk.first,
    )
    window.setGeometry(0, 0, 1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def reset(window: KioskWindow, kiosk: Kiosk) -> None:
    """The visitor walks away: idle time, then the countdown, then the reset."""
    kiosk.clock.now += 61
    window._tick()
    kiosk.clock.now += 21
    window._tick()


def drained(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Everything the window asked of the worker is done."""
    done = kiosk.watcher._pool.submit(lambda: None)
    qtbot.waitUntil(done.done)


def test_an_update_the_curator_takes_back_does_not_come_in_at_the_reset(
    tmp_path: Path, qtbot: QtBot
) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    original = source.read_bytes()
    kiosk = Kiosk(tmp_path, source, qtbot)
    window = shown_window(kiosk, qtbot)
    try:
        window.note_activity()  # a visitor is reading: updates wait for the reset
        zip_of(source, "1.1-wrong")
        kiosk.look()
        kiosk.look(after=QUIET)
        qtbot.waitUntil(lambda: window._pending is not None)
        source.write_bytes(original)  # the curator puts the old file back
        kiosk.look()
        kiosk.look(after=QUIET)
        qtbot.waitUntil(lambda: "1.0" in {window._pending.bundle.manifest.bundle.version})
        reset(window, kiosk)
        assert window.bundle.manifest.bundle.version == "1.0"
    finally:
        window.exit_kiosk(quit_application=False)


def test_a_reset_during_a_long_check_keeps_every_copy_in_use(tmp_path: Path, qtbot: QtBot) -> None:
    source = write_bundle(tmp_path / "exhibit")
    kiosk = Kiosk(tmp_path, source, qtbot)
    checking, go_on = threading.Event(), threading.Event()
    load_now = kiosk.exhibition.load

    def slow_for_version_three(path: Path, *, decode_media: bool = True) -> object:
        if '"3.0"' in (path / "bundle.toml").read_text(encoding="utf-8"):
            checking.set()
            go_on.wait(30)  # a big bundle: the check takes a while
        return load_now(path, decode_media=decode_media)

    kiosk.exhibition.load = slow_for_version_three  # type: ignore[method-assign]
    window = shown_window(kiosk, qtbot)
    try:
        window.note_activity()
        (source / "bundle.toml").write_text(toml_of("2.0"), "utf-8")
        kiosk.look()
        kiosk.look(after=QUIET)
        qtbot.waitUntil(lambda: window._pending is not None)
        two = window._pending
        (source / "bundle.toml").write_text(toml_of("3.0"), "utf-8")
        kiosk.look()
        kiosk.clock.now += QUIET
        kiosk.watcher.check()  # the check of 3.0 begins, and waits
        qtbot.waitUntil(checking.is_set)
        reset(window, kiosk)  # meanwhile the reset brings 2.0 in
        assert window.bundle is two.bundle  # type: ignore[union-attr]
        go_on.set()
        qtbot.waitUntil(lambda: window._pending is not None)
        three = window._pending
        drained(kiosk, qtbot)
        assert two.staged.path.exists(), "the copy on screen was deleted"  # type: ignore[union-attr]
        assert three.staged.path.exists(), "the waiting copy was deleted"
        record = last_good.read(kiosk.exhibition.records)
        assert record is not None and Path(record.copy).exists()
        window.note_activity()
        reset(window, kiosk)
        assert window.bundle.manifest.bundle.version == "3.0"
        assert not window.images.picture_now("media/dot.png", QSize(40, 40)).isNull()
    finally:
        go_on.set()
        window.exit_kiosk(quit_application=False)


def slowly_checked(kiosk: Kiosk) -> threading.Event:
    """Checks on the worker wait for the returned event: a long check of a big bundle."""
    go_on = threading.Event()
    load_now = kiosk.exhibition.load

    def slow(path: Path, *, decode_media: bool = True) -> object:
        if threading.current_thread() is not threading.main_thread():
            go_on.wait(30)
        return load_now(path, decode_media=decode_media)

    kiosk.exhibition.load = slow  # type: ignore[method-assign]
    return go_on


def test_the_staff_screen_waits_for_a_reload_and_a_second_tap_does_nothing(
    tmp_path: Path, qtbot: QtBot
) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    kiosk = Kiosk(tmp_path, source, qtbot)
    go_on = slowly_checked(kiosk)
    window = shown_window(kiosk, qtbot, staff_timeout_seconds=15)
    reloads: list[object] = []
    kiosk.watcher.reloaded.connect(reloads.append)
    try:
        window.open_staff()
        window._pin_entered("2468")
        window.reload_bundle()
        window.reload_bundle()  # tapped twice
        kiosk.clock.now += 16
        window._tick()
        assert window.staff_menu.isVisible()  # still waiting for the answer
        go_on.set()
        qtbot.waitUntil(lambda: not window.staff_menu.isVisible())
        drained(kiosk, qtbot)
        assert len(reloads) == 1
    finally:
        go_on.set()
        window.exit_kiosk(quit_application=False)


def test_a_reload_answer_after_staff_left_waits_for_the_reset(tmp_path: Path, qtbot: QtBot) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    kiosk = Kiosk(tmp_path, source, qtbot)
    go_on = slowly_checked(kiosk)
    window = shown_window(kiosk, qtbot)
    try:
        zip_of(source, "2.0")
        window.open_staff()
        window._pin_entered("2468")
        window.reload_bundle()
        window.leave_staff()  # Resume: staff step away, a visitor steps up
        window.set_language("az")
        window.next()
        go_on.set()
        qtbot.waitUntil(lambda: window._pending is not None)
        assert (window.presenter.index, window.presenter.language) == (1, "az")
        assert window.bundle.manifest.bundle.version == "1.0"
        reset(window, kiosk)
        assert window.bundle.manifest.bundle.version == "2.0"
    finally:
        go_on.set()
        window.exit_kiosk(quit_application=False)


def test_exit_does_not_wait_for_a_copy_and_leaves_no_partial_one(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    kiosk = Kiosk(tmp_path, source, qtbot)
    window = shown_window(kiosk, qtbot)
    copying, go_on = threading.Event(), threading.Event()
    read = copying_module._read

    def slow_read(reader: object, path: Path) -> bytes:
        copying.set()
        go_on.wait(30)  # a slow USB stick
        return read(reader, path)  # type: ignore[arg-type]

    monkeypatch.setattr(copying_module, "_read", slow_read)
    monkeypatch.setattr(copying_module, "CHUNK", 64)
    window.open_staff()
    window._pin_entered("2468")
    window.reload_bundle()
    qtbot.waitUntil(copying.is_set)
    window.exit_kiosk(quit_application=False)  # Exit kiosk, while the copy runs
    work = kiosk.watcher._pool
    assert not window.isVisible()
    go_on.set()  # the copy would go on now: it must stop at its next chunk
    work.shutdown(wait=True)
    assert not [path for path in kiosk.copies() if path.name.startswith(".incoming-")]
