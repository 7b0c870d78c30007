"""The single-instance lock, in-process: flock conflicts between two open files too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.operations.instance_lock import AlreadyRunningError, acquire, lock_folders


def test_a_second_lock_is_refused_and_names_the_holder(tmp_path: Path) -> None:
    first, problems = acquire([tmp_path / "run"])
    assert first is not None and problems == []
    assert (tmp_path / "run" / "kiosk.lock").read_text() == f"{os.getpid()}\n"
    with pytest.raises(AlreadyRunningError) as refused:
        acquire([tmp_path / "run"])
    assert refused.value.holder == os.getpid()
    assert f"pid {os.getpid()}" in str(refused.value)
    first.release()
    again, _problems = acquire([tmp_path / "run"])
    assert again is not None
    again.release()


def test_the_lock_folder_is_private(tmp_path: Path) -> None:
    lock, _problems = acquire([tmp_path / "run"])
    assert lock is not None
    lock.release()
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "run" / "kiosk.lock").stat().st_mode & 0o777 == 0o600


def test_an_unusable_folder_falls_back_to_the_next(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    lock, problems = acquire([blocked, tmp_path / "fallback"])
    assert lock is not None and lock.path == tmp_path / "fallback" / "kiosk.lock"
    assert len(problems) == 1 and str(blocked) in problems[0]
    lock.release()


def test_without_any_usable_folder_the_kiosk_runs_unlocked(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    lock, problems = acquire([blocked, blocked / "below"])
    assert lock is None
    assert problems[-1] == "the kiosk runs without its single-instance lock"


def test_a_symlinked_lock_file_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    (folder / "kiosk.lock").symlink_to(victim)
    lock, problems = acquire([folder])
    assert lock is None and problems
    assert victim.read_text() == "keep me"


def test_the_runtime_folder_comes_first_then_a_private_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folders = lock_folders()
    assert folders[0] == runtime / "kiosk"
    assert folders[-1].name == f"kiosk-{os.getuid()}"
