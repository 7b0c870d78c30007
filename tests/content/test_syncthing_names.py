"""Syncthing's own files in a synced bundle folder are never part of the bundle.

Syncthing keeps a marker folder (``.stfolder``), an ignore file (``.stignore``), old
versions (``.stversions/``) and, while a file is being pulled, a temporary file named
``.syncthing.NAME.tmp`` (``~syncthing~NAME.tmp`` on Windows, and on disks shared with it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.source import FolderSource
from kiosk.content.copy import copy_folder, folder_digest
from kiosk.content.fingerprint import fingerprint
from kiosk.content.names import is_temporary
from tests.bundles import VALID_TOML, png, write_bundle

#: Syncthing's files, as it names them in a folder it shares.
SYNCTHING_FILES = {
    ".stfolder/marker": b"",
    ".stignore": b"// nothing ignored\n",
    ".stversions/media/dot~20260101-000000.png": png(),
    ".syncthing.dot.png.tmp": png()[:20],
    "media/.syncthing.new.png.tmp": png()[:20],
    "~syncthing~dot.png.tmp": png()[:20],
    "media/~syncthing~new.png.tmp": png()[:20],
    "media/~SYNCTHING~shouty.png.tmp": png()[:20],
}


@pytest.mark.parametrize(
    "name",
    [".stfolder", ".stignore", ".stversions", ".syncthing.dot.png.tmp", "~syncthing~dot.png.tmp"],
)
def test_each_syncthing_name_is_an_unfinished_file(name: str) -> None:
    assert is_temporary(name)


def test_the_folder_source_leaves_syncthing_files_out(tmp_path: Path) -> None:
    clean = write_bundle(tmp_path / "clean")
    synced = write_bundle(tmp_path / "synced", files=SYNCTHING_FILES)
    assert FolderSource(synced).names == FolderSource(clean).names


def test_a_picture_still_being_pulled_is_missing_not_its_temporary_file(tmp_path: Path) -> None:
    """Half-way through a sync the loader says the picture is missing; it never points
    the curator at Syncthing's temporary file."""
    toml = VALID_TOML.replace("media/dot.png", "media/new.png")
    synced = write_bundle(tmp_path / "synced", toml, files=SYNCTHING_FILES)
    with pytest.raises(BundleError) as refused:
        load(synced)
    assert "media/new.png" in str(refused.value)
    assert "syncthing" not in str(refused.value).lower()


def test_a_copy_of_a_synced_folder_is_the_bundle_alone(tmp_path: Path) -> None:
    clean = write_bundle(tmp_path / "clean")
    synced = write_bundle(tmp_path / "synced", files=SYNCTHING_FILES)
    digest = copy_folder(synced, tmp_path / "copy")
    assert digest == folder_digest(clean)
    copied = sorted(
        p.relative_to(tmp_path / "copy").as_posix() for p in (tmp_path / "copy").rglob("*")
    )
    assert copied == ["bundle.toml", "media", "media/dot.png", "media/shape.svg"]


def test_a_syncthing_transfer_under_way_changes_the_fingerprint(tmp_path: Path) -> None:
    """A file still being pulled means the bundle is not quiet yet: not copied now."""
    synced = write_bundle(tmp_path / "synced")
    before = fingerprint(synced)
    partial = synced / "media" / "~syncthing~big.png.tmp"
    partial.write_bytes(png()[:10])
    during = fingerprint(synced)
    partial.write_bytes(png())
    assert len({before, during, fingerprint(synced)}) == 3
