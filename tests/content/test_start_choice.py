"""At start-up the kiosk shows the configured exhibition, its last good copy, or a holding
screen: never a different exhibition, whatever is wrong with the bundle or the disk."""

from __future__ import annotations

import os
from pathlib import Path

from tests.bundles import VALID_TOML, png, valid_members, write_bundle, write_zip
from tests.content.kiosk_process import Home, shown_bundle
from tests.content.mounts import tmpfs


def test_a_broken_configured_bundle_runs_the_last_one_shown(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    exhibit = write_bundle(tmp_path / "exhibit")
    home.configure(bundle=exhibit)
    assert shown_bundle(home.run_until_shown()) == ("test", "1.0")

    (exhibit / "bundle.toml").write_text("this is = not [toml", encoding="utf-8")
    log = home.run_until_shown()
    assert shown_bundle(log) == ("test", "1.0")
    assert "is not valid TOML" in log
    assert "last good copy" in log


def test_a_missing_configured_bundle_runs_the_last_one_shown(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    exhibit = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    home.configure(bundle=exhibit)
    assert shown_bundle(home.run_until_shown()) == ("test", "1.0")

    exhibit.unlink()
    log = home.run_until_shown()
    assert shown_bundle(log) == ("test", "1.0")
    assert "does not exist" in log


def test_a_broken_bundle_never_shown_before_gives_the_holding_screen(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    broken = write_bundle(tmp_path / "exhibit", files={"media/dot.png": None})
    home.configure(bundle=broken)
    log = home.run_until_shown()
    assert shown_bundle(log)[0] == "holding"
    assert "black-january" not in log
    assert "media/dot.png is not in the bundle" in log


def test_without_a_configured_bundle_the_built_in_one_runs(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    home.configure()
    assert shown_bundle(home.run_until_shown())[0] == "black-january"


def test_a_cache_path_that_is_a_file_does_not_change_the_exhibition(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    home.cache.write_text("not a folder", encoding="utf-8")
    home.data.write_text("not a folder either", encoding="utf-8")
    home.configure(bundle=write_zip(tmp_path / "exhibit.kiosk", valid_members()))
    assert shown_bundle(home.run_until_shown()) == ("test", "1.0")


def big_bundle(path: Path) -> Path:
    """A valid .kiosk of about 2 MB: more than a 1 MB disk holds."""
    members = valid_members()
    members["media/dot.png"] = png(1024, 1024, rows=os.urandom(1025 * 1024))
    return write_zip(path, members)


def test_a_full_disk_does_not_change_the_exhibition_nor_keep_partial_copies(
    tmp_path: Path,
) -> None:
    home = Home(tmp_path / "home")
    home.configure(bundle=big_bundle(tmp_path / "exhibit.kiosk"))
    with tmpfs(home.data), tmpfs(home.cache):
        assert shown_bundle(home.run_until_shown()) == ("test", "1.0")
        leftovers = [*home.data.rglob("*"), *home.cache.rglob("*")]
        assert not [path for path in leftovers if path.is_file() and path.stat().st_size > 4096]


def test_read_only_folders_do_not_change_the_exhibition(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    home.configure(bundle=write_zip(tmp_path / "exhibit.kiosk", valid_members()))
    with tmpfs(home.data, read_only=True), tmpfs(home.cache, read_only=True):
        assert shown_bundle(home.run_until_shown()) == ("test", "1.0")


def test_a_folder_bundle_starts_from_a_private_copy(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    exhibit = write_bundle(tmp_path / "exhibit", VALID_TOML)
    home.configure(bundle=exhibit)
    assert shown_bundle(home.run_until_shown()) == ("test", "1.0")
    copies = list((home.data / "kiosk" / "bundles").iterdir())
    assert len(copies) == 1 and (copies[0] / "bundle.toml").read_text() == VALID_TOML


def test_an_unchanged_configured_bundle_starts_behind_the_last_first_frame(
    tmp_path: Path,
) -> None:
    home = Home(tmp_path / "home")
    home.configure(bundle=write_zip(tmp_path / "exhibit.kiosk", valid_members()))
    home.run_until_shown()
    home.run_until_shown()  # the first start after a new copy may keep a new frame
    log = home.run_until_shown()
    assert "the first frame of the last start is on screen" in log
    assert shown_bundle(log) == ("test", "1.0")
