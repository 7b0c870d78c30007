"""Resume after a crash: the decision on plain values, and the state file's faults."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.operations.resume import (
    ATTRACT_SAVE_SECONDS,
    REPEAT_SECONDS,
    Content,
    Point,
    ResumeKeeper,
    ResumePoint,
    where_to_start,
)

CONTENT = Content("black-january", "1.0", 9, ("az", "en", "fa"))
NOW = 1_790_000_000.0
PERSIAN_7 = Point(6, "fa", visitor=True)


def crashed(point: Point = PERSIAN_7, **changes: object) -> ResumePoint:
    """The file a kiosk left when it crashed an hour after a fresh start."""
    record = ResumePoint("black-january", "1.0", 9, point, saved=NOW - 10, started=NOW - 3600)
    return replace(record, **changes)  # type: ignore[arg-type]


def test_a_crash_resumes_on_its_slide_and_language() -> None:
    assert where_to_start(crashed(), NOW, CONTENT) == PERSIAN_7


def test_a_clean_end_starts_fresh() -> None:
    assert where_to_start(crashed(running=False), NOW, CONTENT) is None


def test_no_file_starts_fresh() -> None:
    assert where_to_start(None, NOW, CONTENT) is None


def test_a_crash_soon_after_a_resume_starts_fresh() -> None:
    repeated = crashed(resumed=True, started=NOW - 5)
    assert where_to_start(repeated, NOW, CONTENT) is None
    # A clock that went back counts as soon: fresh is the safe side.
    assert where_to_start(replace(repeated, started=NOW + 50), NOW, CONTENT) is None
    # A resumed kiosk that then ran for a long time crashed anew: resume again.
    later = replace(repeated, started=NOW - REPEAT_SECONDS - 1)
    assert where_to_start(later, NOW, CONTENT) == PERSIAN_7


@pytest.mark.parametrize(
    "changes",
    [
        {"bundle_id": "another"},
        {"bundle_version": "1.1"},
        {"slides": 8},
        {"point": Point(9, "fa")},
        {"point": Point(-1, "fa")},
        {"point": Point(2, "ru")},
    ],
)
def test_another_bundle_or_a_point_it_lacks_starts_fresh(changes: dict[str, object]) -> None:
    assert where_to_start(crashed(**changes), NOW, CONTENT) is None


def test_the_file_round_trips_and_a_keeper_resumes_from_it(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text(crashed().to_json(), encoding="utf-8")
    keeper = ResumeKeeper(path)
    assert keeper.start(CONTENT, NOW) == PERSIAN_7
    written = ResumePoint.from_json(path.read_text(encoding="utf-8"))
    assert (written.point, written.running, written.resumed, written.started) == (
        PERSIAN_7,
        True,
        True,
        NOW,
    )
    # It crashes again at once: the next start is fresh, and says so in its file.
    again = ResumeKeeper(path)
    assert again.start(CONTENT, NOW + 3) is None
    assert not ResumePoint.from_json(path.read_text(encoding="utf-8")).resumed


def test_a_clean_end_is_written(tmp_path: Path) -> None:
    path = tmp_path / "state" / "resume.json"  # a folder made on the first write
    keeper = ResumeKeeper(path)
    assert keeper.start(CONTENT, NOW) is None
    keeper.showing(CONTENT, PERSIAN_7, NOW + 1)
    keeper.ended()
    assert ResumeKeeper(path).start(CONTENT, NOW + 2) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"bundle_id": "black-january"}',
        json.dumps({**json.loads(crashed().to_json()), "slides": "9"}),
        json.dumps({**json.loads(crashed().to_json()), "point": {"index": True, "language": "fa"}}),
        json.dumps({**json.loads(crashed().to_json()), "extra": 1}),
    ],
)
def test_garbage_starts_fresh_with_one_log_line(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "resume.json"
    path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.INFO, "kiosk.operations.resume"):
        assert ResumeKeeper(path).start(CONTENT, NOW) is None
    assert len(caplog.records) == 1
    assert "resume.json is not one the kiosk wrote" in caplog.text
    assert ResumePoint.from_json(path.read_text(encoding="utf-8")).running  # replaced


def test_a_folder_where_the_file_should_be_starts_fresh_with_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "resume.json"
    path.mkdir()
    keeper = ResumeKeeper(path)
    with caplog.at_level(logging.INFO, "kiosk.operations.resume"):
        assert keeper.start(CONTENT, NOW) is None
        keeper.showing(CONTENT, PERSIAN_7, NOW + 10)
        keeper.ended()
    assert len(caplog.records) == 1


@pytest.mark.parametrize("blocked", ["file", "read-only"])
def test_an_unwritable_folder_keeps_the_kiosk_running_with_one_log_line(
    tmp_path: Path, blocked: str, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "state"
    if blocked == "file":
        folder.write_text("a file where the state folder should be", encoding="utf-8")
    elif os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or Windows) writes in a read-only folder")
    else:
        folder.mkdir(mode=0o500)
    keeper = ResumeKeeper(folder / "resume.json")
    try:
        with caplog.at_level(logging.INFO, "kiosk.operations.resume"):
            assert keeper.start(CONTENT, NOW) is None
            for second in range(1, 200, 7):
                keeper.showing(CONTENT, Point(second % 9, "en", visitor=True), NOW + second)
            keeper.ended()
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    assert len(caplog.records) == 1
    assert f"the resume file {folder / 'resume.json'} cannot be" in caplog.text
    if folder.is_dir():
        assert not list(folder.iterdir())  # no temporary file left behind


class CountingKeeper(ResumeKeeper):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.writes = 0

    def _write(self) -> None:
        self.writes += 1
        super()._write()


def test_the_attract_loop_writes_once_a_minute_and_a_language_change_at_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "resume.json"
    keeper = CountingKeeper(path)
    keeper.start(CONTENT, NOW)
    # An hour of the attract loop at 5 s a slide: 720 changes.
    for step in range(1, 721):
        keeper.showing(CONTENT, Point(step % 9, "az"), NOW + 5 * step)
    assert keeper.writes == 1 + 3600 / ATTRACT_SAVE_SECONDS
    # A visitor touches (at once), then switches to Persian (at once).
    at = NOW + 3601
    keeper.showing(CONTENT, Point(3, "az", visitor=True), at)
    keeper.showing(CONTENT, Point(3, "fa", visitor=True), at + 0.5)
    assert keeper.writes == 1 + 3600 / ATTRACT_SAVE_SECONDS + 2
    assert ResumePoint.from_json(path.read_text(encoding="utf-8")).point == Point(3, "fa", True)
    # Quick swipes are written at most every couple of seconds, the last one later.
    for step in range(4, 9):
        keeper.showing(CONTENT, Point(step, "fa", visitor=True), at + 1 + step / 10)
    keeper.showing(CONTENT, Point(8, "fa", visitor=True), at + 10)  # a later tick
    assert ResumePoint.from_json(path.read_text(encoding="utf-8")).point == Point(8, "fa", True)
    # Nothing changes: nothing is written, whatever the ticks.
    before = keeper.writes
    for tick in range(100):
        keeper.showing(CONTENT, Point(8, "fa", visitor=True), at + 20 + tick)
    assert keeper.writes == before


def test_a_resumed_kiosk_that_never_left_its_slide_starts_fresh_however_late_it_ended(
    tmp_path: Path,
) -> None:
    # A slide that hangs the kiosk as it is drawn: systemd gives a start without a first
    # frame 90 s, then 90 s more to obey SIGTERM, before SIGKILL; the supervisor up to
    # watchdog_seconds (600). Over REPEAT_SECONDS either way: time alone would resume on
    # the same slide for ever.
    path = tmp_path / "resume.json"
    path.write_text(crashed().to_json(), encoding="utf-8")
    assert ResumeKeeper(path).start(CONTENT, NOW) == PERSIAN_7  # ... and it hangs there

    assert ResumeKeeper(path).start(CONTENT, NOW + 183) is None


def test_a_resumed_kiosk_that_went_on_resumes_after_a_later_crash(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text(crashed().to_json(), encoding="utf-8")
    keeper = ResumeKeeper(path)
    assert keeper.start(CONTENT, NOW) == PERSIAN_7
    keeper.showing(CONTENT, Point(7, "fa", visitor=True), NOW + 30)  # the visitor read on

    assert ResumeKeeper(path).start(CONTENT, NOW + 183) == Point(7, "fa", visitor=True)
