"""A refused bundle is named as the curator knows it: the file they copied, never the
kiosk's private copy of it in the cache."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.bundle import BundleError, load
from kiosk.content.exhibition import Exhibition
from kiosk.content.store import Store
from kiosk.qtmedia import load as load_decoded
from kiosk.ui.media_check import FullCheck
from tests.bundles import VALID_TOML, png, valid_members, write_zip


def curators_copy(path: Path, toml: str, damaged_picture: bool = False) -> Path:
    """A .kiosk copied over the configured one, as a curator does."""
    members = valid_members()
    members["bundle.toml"] = toml.encode()
    if damaged_picture:  # a header that reads, pixels that do not: only decoding tells
        members["media/dot.png"] = png(4, 4, rows=b"\x00not pixels")
    return write_zip(path, members)


def test_a_refused_kiosk_file_is_named_as_the_curator_copied_it(tmp_path: Path) -> None:
    exhibit = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    store = tmp_path / "cache"
    exhibition = Exhibition(exhibit, Store([store]), tmp_path / "data", load)
    exhibition.shown(exhibition.stage())
    broken = VALID_TOML.replace('id = "test"', "id = “test”").replace("dot.png", "dott.png")
    curators_copy(exhibit, broken)
    try:
        exhibition.stage()
    except BundleError as error:
        refused = error
    assert [str(problem) for problem in refused.problems] == [
        f"{exhibit}/bundle.toml:2:6: is not valid TOML: curly quotes “ ” are not TOML quotes: "
        """use straight quotes " " (a word processor's "smart quotes" make curly ones)"""
    ]
    assert str(store) not in str(refused)


def test_the_full_check_after_a_quick_start_names_the_curators_file(
    tmp_path: Path, qtbot: QtBot
) -> None:
    exhibit = curators_copy(tmp_path / "exhibit.kiosk", VALID_TOML, damaged_picture=True)
    store = tmp_path / "cache"
    exhibition = Exhibition(exhibit, Store([store]), tmp_path / "data", load_decoded)
    offer = exhibition.stage(starting=True)  # headers only: the damage is not seen yet
    check = FullCheck()
    results: list[object] = []
    check.done.connect(results.append)
    check.start(Path(offer.bundle.source.label), offer.staged)
    qtbot.waitUntil(lambda: bool(results))
    offer.bundle.close()
    [said] = results
    assert isinstance(said, str)
    assert said.startswith(f"{exhibit}/media/dot.png: cannot be decoded as PNG"), said
    assert str(store) not in said
