"""A running kiosk and a curator copying a new version over its bundle, slowly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.bundles import VALID_TOML, valid_members, write_zip
from tests.content.kiosk_process import Home

CHUNKS = 12
PAUSE = 0.5  # seconds between chunks: a slow network copy, well within the quiet time


@pytest.mark.slow
def test_a_bundle_copied_slowly_in_chunks_comes_in_once_whole_and_is_never_refused(
    tmp_path: Path,
) -> None:
    home = Home(tmp_path / "home")
    exhibit = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    home.configure(bundle=exhibit)
    process = home.start()
    try:
        members = valid_members()
        members["bundle.toml"] = VALID_TOML.replace('"1.0"', '"2.0"').encode()
        members["media/film-notes.txt"] = bytes(range(256)) * 4096  # 1 MB more to copy
        new = write_zip(tmp_path / "new.kiosk", members).read_bytes()
        step = len(new) // CHUNKS + 1
        with exhibit.open("wb") as copying:  # in place, as `cp` does
            for start in range(0, len(new), step):
                copying.write(new[start : start + step])
                copying.flush()
                time.sleep(PAUSE)
        log = home.wait_for_log("now showing bundle test 2.0", process)
        assert "refused" not in log
        assert log.count("new bundle test 2.0 ready") == 1
        copies = list((home.data / "kiosk" / "bundles").iterdir())
        assert len(copies) <= 2
    finally:
        home.stop(process)
