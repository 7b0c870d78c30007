"""The health files: JSON, and a textfile prometheus-client's own parser reads; each
written under another name and renamed, so no reader ever sees part of one."""

from __future__ import annotations

import builtins
import json
import os
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.health import METRICS_FILE, STATUS_FILE, Health, write

START = 1_790_000_000.0  # seconds since the epoch


def busy() -> Health:
    health = Health("9.9", START, restarts=2)
    health.showing("black-january", "1.0.0")
    health.saw(0, "attract", START + 1)
    health.saw(1, "visitor", START + 2)
    health.saw(2, "visitor", START + 3)
    health.problem("a film of slide 3 is refused", START + 4)
    health.swapped("other", "2.0", START + 5)
    return health


def samples(folder: Path) -> dict[str, tuple[dict[str, str], float]]:
    text = (folder / METRICS_FILE).read_text(encoding="utf-8")
    return {
        sample.name: (sample.labels, sample.value)
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_the_textfile_is_read_by_prometheus_clients_parser(tmp_path: Path) -> None:
    write(busy(), tmp_path, START + 60)
    assert samples(tmp_path) == {
        "kiosk_up": ({}, 1.0),
        "kiosk_asleep": ({}, 0.0),
        "kiosk_slide_changes_total": ({}, 2.0),
        "kiosk_sessions_total": ({}, 1.0),
        "kiosk_bundle_info": ({"id": "other", "version": "2.0"}, 1.0),
        "kiosk_last_problem_timestamp_seconds": ({}, START + 4),
        "kiosk_restarts_total": ({}, 2.0),
    }


def test_visitor_insights_are_in_the_metrics_only_when_visits_are_recorded(
    tmp_path: Path,
) -> None:
    health = busy()
    health.insights_recording, health.insights_dropped = False, 7  # the disk filled up
    write(health, tmp_path, START + 60)
    recorded = samples(tmp_path)
    assert recorded["kiosk_insights_recording"] == ({}, 0.0)
    assert recorded["kiosk_insights_dropped_total"] == ({}, 7.0)
    status = json.loads((tmp_path / STATUS_FILE).read_text(encoding="utf-8"))
    assert (status["insights_recording"], status["insights_dropped"]) == (False, 7)


def test_a_label_with_quotes_and_backslashes_stays_one_label(tmp_path: Path) -> None:
    health = Health("1", START)
    health.showing('say "hi"\\', "1\n2")
    write(health, tmp_path, START)
    assert samples(tmp_path)["kiosk_bundle_info"] == ({"id": 'say "hi"\\', "version": "1\n2"}, 1)


def test_the_status_file_says_what_happened_and_when(tmp_path: Path) -> None:
    write(busy(), tmp_path / "made" / "here", START + 90)
    status = json.loads((tmp_path / "made" / "here" / STATUS_FILE).read_text(encoding="utf-8"))
    assert status["kiosk_version"] == "9.9"
    assert status["bundle"] == {"id": "other", "version": "2.0"}
    assert status["uptime_seconds"] == 90
    assert status["started"] == "2026-09-21T14:13:20Z"
    assert status["last_slide_change"] == {"time": "2026-09-21T14:13:23Z", "timestamp": START + 3}
    assert status["last_problem"]["text"] == "a film of slide 3 is refused"
    assert status["last_problem"]["timestamp"] == START + 4
    assert status["last_swap"]["bundle"] == "other 2.0"
    assert (status["slide_changes"], status["sessions"], status["restarts"]) == (2, 1, 2)
    assert status["asleep"] is False
    quiet = Health("1", START)
    write(quiet, tmp_path, START)
    status = json.loads((tmp_path / STATUS_FILE).read_text(encoding="utf-8"))
    assert status["last_problem"] is None and status["last_swap"] is None


def test_the_files_are_never_opened_for_writing_under_their_own_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written elsewhere and renamed over: a reader sees the old file or the new one."""
    opened: list[str] = []
    renamed: list[str] = []
    real_open, real_os_open = builtins.open, os.open
    real_rename, real_replace = os.rename, os.replace

    def spy_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            opened.append(Path(file).name)
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR):
            opened.append(Path(path).name)
        return real_os_open(path, flags, *args, **kwargs)

    def spy_rename(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        renamed.append(Path(target).name)
        real_rename(source, target, *args, **kwargs)

    def spy_replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        renamed.append(Path(target).name)
        real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    monkeypatch.setattr(os, "rename", spy_rename)
    monkeypatch.setattr(os, "replace", spy_replace)
    write(busy(), tmp_path, START)
    write(busy(), tmp_path, START + 60)  # over the files of the first
    monkeypatch.undo()
    assert opened and not {STATUS_FILE, METRICS_FILE} & set(opened)
    assert not any(name.endswith(".prom") for name in opened)  # node_exporter reads those
    assert sorted(renamed) == sorted([STATUS_FILE, METRICS_FILE] * 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == [METRICS_FILE, STATUS_FILE]


@pytest.mark.parametrize("failing", ["status", "metrics"])
def test_a_failed_write_leaves_the_last_files_whole_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    write(busy(), tmp_path, START)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    if failing == "status":
        monkeypatch.setattr(os, "fsync", full)
    else:
        import prometheus_client.exposition

        monkeypatch.setattr(prometheus_client.exposition, "generate_latest", full)
    with pytest.raises(OSError, match="No space"):
        write(Health("2", START), tmp_path, START + 60)
    monkeypatch.undo()
    after = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    if failing == "metrics":  # the status file was written first, whole
        assert json.loads(after.pop(STATUS_FILE))["kiosk_version"] == "2"
        before.pop(STATUS_FILE)
    assert after == before
