"""Private copies: copied once and hashed as copied, streamed, bounded, never half-kept,
and made somewhere else when a folder is full, read-only or a file."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest

from kiosk.bundle import BundleError
from kiosk.content import copy as copying
from kiosk.content.store import Staged, Store
from tests.bundles import valid_members, write_bundle, write_zip
from tests.content.mounts import tmpfs


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entries(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders if folder.is_dir() for path in folder.iterdir())


def test_the_digest_names_the_bytes_copied_even_when_the_original_changes_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = tmp_path / "exhibit.kiosk"
    original.write_bytes(b"A" * 10 + b"B" * 10)
    monkeypatch.setattr(copying, "CHUNK", 10)
    read = copying._read

    def landing_copy(reader: object, source: Path) -> bytes:
        chunk = read(reader, source)  # type: ignore[arg-type]
        if chunk.startswith(b"A"):  # another copy lands after the first chunk
            original.write_bytes(b"X" * 30)
        return chunk

    monkeypatch.setattr(copying, "_read", landing_copy)
    copy = tmp_path / "copy"
    digest = copying.copy_file(original, copy)
    assert digest == sha256(copy)


def test_a_bundle_that_changes_while_it_is_copied_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    store = Store([tmp_path / "store"])
    copy_file = copying.copy_file

    def copy_while_written(source: Path, target: Path, **limit: int) -> str:
        digest = copy_file(source, target, **limit)
        source.write_bytes(source.read_bytes() + b"more")
        return digest

    monkeypatch.setattr("kiosk.content.store.copy_file", copy_while_written)
    with pytest.raises(BundleError, match="changed while it was being copied"):
        store.stage(original)
    assert entries(tmp_path / "store") == []


def test_the_same_bundle_staged_twice_gives_the_same_copy(tmp_path: Path) -> None:
    original = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    store = Store([tmp_path / "store"])
    first, second = store.stage(original), store.stage(original)
    assert first.path == second.path and first.digest == second.digest == sha256(original)
    assert entries(tmp_path / "store") == [first.path]


def test_a_folder_is_copied_without_unfinished_or_hidden_files(tmp_path: Path) -> None:
    original = write_bundle(
        tmp_path / "exhibit",
        files={
            "media/~syncthing~dot.png.tmp": b"half a picture",
            "media/.syncthing.shape.svg.tmp": b"half",
            "media/big.jpg.partial": b"half",
            ".~lock.bundle.toml#": b"lock",
            "media/shape.svg~": b"backup",
        },
    )
    staged = Store([tmp_path / "store"]).stage(original)
    copied = sorted(path.relative_to(staged.path).as_posix() for path in staged.path.rglob("*"))
    assert copied == ["bundle.toml", "media", "media/dot.png", "media/shape.svg"]


def test_a_link_out_of_a_folder_bundle_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for visitors", encoding="utf-8")
    original = write_bundle(tmp_path / "exhibit")
    (original / "media" / "secret.png").symlink_to(secret)
    with pytest.raises(BundleError, match="pointing outside the bundle"):
        Store([tmp_path / "store"]).stage(original)


@pytest.mark.parametrize("fault", ["a file in its place", "read-only", "full"])
def test_a_folder_that_cannot_take_the_copy_sends_it_to_the_next(
    tmp_path: Path, fault: str
) -> None:
    original = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    first, second = tmp_path / "first", tmp_path / "second"
    if fault == "a file in its place":
        first.write_text("a file", encoding="utf-8")
        staged = Store([first / "bundles", second]).stage(original)
    else:
        with tmpfs(first, size="64k", read_only=fault == "read-only"):
            staged = Store([first / "bundles", second]).stage(original)
            assert (
                not list(first.rglob("*"))
                or fault != "full"
                or entries(first) == [first / "bundles"]
            )
    assert staged.private and staged.path.parent == second
    assert sha256(staged.path) == staged.digest


def test_a_full_disk_keeps_no_partial_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = write_zip(
        tmp_path / "exhibit.kiosk", {**valid_members(), "media/x": os.urandom(4 << 20)}
    )
    with tmpfs(tmp_path / "small", size="2m"):
        # Past the free-space check (the disk fills while copying): ENOSPC mid-copy.
        monkeypatch.setattr("kiosk.content.store.HEADROOM", -(8 << 20))
        staged = Store([tmp_path / "small" / "bundles", tmp_path / "big"]).stage(original)
        assert entries(tmp_path / "small" / "bundles") == []
    assert staged.path.parent == tmp_path / "big"


def test_with_no_folder_for_a_copy_the_bundle_is_read_where_it_is(tmp_path: Path) -> None:
    original = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    (tmp_path / "file").write_text("a file", encoding="utf-8")
    staged = Store([tmp_path / "file" / "a", tmp_path / "file" / "b"]).stage(original)
    assert staged == Staged(original, original, None, staged.fingerprint)
    assert not staged.private


def test_a_missing_original_is_a_bundle_problem_not_a_store_problem(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        Store([tmp_path / "store"]).stage(tmp_path / "nowhere.kiosk")


def test_copies_are_streamed_not_read_whole(tmp_path: Path) -> None:
    original = tmp_path / "big.kiosk"
    with original.open("wb") as file:
        for _ in range(64):
            file.write(os.urandom(1 << 20))
    tracemalloc.start()
    try:
        Store([tmp_path / "store"]).stage(original)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, f"staging 64 MB took {peak >> 20} MB of memory"


def test_keep_only_deletes_partial_refused_and_old_copies(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = Store([folder])
    kept = store.stage(write_zip(tmp_path / "a.kiosk", valid_members()))
    old = store.stage(write_bundle(tmp_path / "b"))
    (folder / ".incoming-x1y2").mkdir()
    (folder / ".incoming-x1y2" / "bundle.kiosk").write_bytes(b"half")
    (folder / "0123456789abcdef.partial").write_bytes(b"left by an old version")
    store.keep_only([kept, None])
    assert entries(folder) == [kept.path]
    assert not old.path.exists()


def test_the_copy_folders_are_found_quietly_without_a_runtime_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.paths import bundle_folders

    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    folders = bundle_folders()  # a warning here would reach the journal at every start
    assert len(folders) == 4


def test_a_copy_killed_half_way_is_deleted_before_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    (folder / ".incoming-k1ll3d").mkdir(parents=True)
    (folder / ".incoming-k1ll3d" / "bundle.kiosk").write_bytes(b"312 MB of a killed start")
    staged = Store([folder]).stage(write_zip(tmp_path / "exhibit.kiosk", valid_members()))
    assert entries(folder) == [staged.path]
