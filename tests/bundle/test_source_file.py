"""Source.file: video and audio as paths a player opens, from a folder or a .kiosk zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kiosk.bundle.errors import BundleError
from kiosk.bundle.source import open_source

FILM = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


def _zip(tmp_path: Path) -> Path:
    path = tmp_path / "show.kiosk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle.toml", "")
        archive.writestr("media/film.mp4", FILM)
    return path


def test_a_folder_gives_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "film.mp4").write_bytes(FILM)
    source = open_source(tmp_path)
    assert source.file("media/film.mp4") == (tmp_path / "media" / "film.mp4").resolve()


def test_a_zip_member_is_copied_out_once_and_removed_at_close(tmp_path: Path) -> None:
    source = open_source(_zip(tmp_path))
    first = source.file("media/film.mp4")
    assert first.read_bytes() == FILM
    assert source.file("media/film.mp4") == first  # not copied again
    source.close()
    assert not first.exists()
    assert not first.parent.exists()


def test_a_missing_member_is_named(tmp_path: Path) -> None:
    source = open_source(_zip(tmp_path))
    with pytest.raises(BundleError, match=r"media/other.mp4(.|\n)*is not in the bundle"):
        source.file("media/other.mp4")
    source.close()
