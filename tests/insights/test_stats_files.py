"""kiosk stats reads a database without changing it or what lies beside it: a fleet's
copies (one file after sqlite3 .backup, or a file with its -wal), a live kiosk's
database, and copies in a folder the reader may not write."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.insights import events as ev
from kiosk.insights.stats import read
from kiosk.insights.store import Store

T0 = 1_790_000_000.0


def visits(path: Path, n: int) -> None:
    store = Store(path, now=T0, kiosk_id="hall", batch_seconds=3600)
    for i in range(n):
        store.record(ev.SessionStarted(T0 + 100 * i))
        store.record(ev.SessionEnded(T0 + 100 * i + 30, "idle"))
    store.close()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_reading_a_copied_database_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "hall.sqlite3"
    visits(path, 3)
    before = beside(path)
    assert before == ["hall.sqlite3"]  # closed cleanly: no -wal, no -shm

    assert read([path]).sessions == 3

    assert beside(path) == before


def test_a_copy_with_its_wal_is_read_whole_and_left_as_it_was(tmp_path: Path) -> None:
    live = tmp_path / "live" / "hall.sqlite3"
    live.parent.mkdir()
    visits(live, 1)
    con = sqlite3.connect(live, isolation_level=None)  # a writer still open: rows in the -wal
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO sessions (start, end, reason) VALUES (?, ?, 'idle')", (T0, T0 + 9))
    copy = tmp_path / "fleet" / "hall.sqlite3"
    copy.parent.mkdir()
    shutil.copy(live, copy)
    shutil.copy(live.with_name("hall.sqlite3-wal"), copy.with_name("hall.sqlite3-wal"))
    con.close()
    before = {p.name: p.read_bytes() for p in copy.parent.iterdir()}

    assert read([copy]).sessions == 2

    assert {p.name: p.read_bytes() for p in copy.parent.iterdir()} == before


def test_a_live_database_is_read_while_the_kiosk_writes(tmp_path: Path) -> None:
    path = tmp_path / "hall.sqlite3"
    store = Store(path, now=T0, kiosk_id="hall", batch_seconds=3600)
    store.record(ev.SessionStarted(T0))
    store.record(ev.SessionEnded(T0 + 30, "idle"))
    store.flush(wait=True)

    assert read([path]).sessions == 1

    store.record(ev.SessionStarted(T0 + 100))
    store.record(ev.SessionEnded(T0 + 130, "idle"))
    store.flush(wait=True)
    assert read([path]).sessions == 2
    store.close()


READER = "import sys; from pathlib import Path; from kiosk.insights.stats import read; " \
    "print(read([Path(sys.argv[1])]).sessions)"  # fmt: skip


@pytest.mark.skipif(
    os.name != "posix" or (os.geteuid() == 0 and not shutil.which("setpriv")),
    reason="needs a user who cannot write the folder",
)
@pytest.mark.parametrize("with_wal", [False, True], ids=["backup", "with-wal"])
def test_copies_in_a_folder_the_reader_cannot_write_are_read(with_wal: bool) -> None:
    # Not in pytest's tmp_path: its parent is root's own (0700), closed to the other user.
    with tempfile.TemporaryDirectory() as name:
        _read_in_a_read_only_folder(Path(name), with_wal)


def _read_in_a_read_only_folder(tmp_path: Path, with_wal: bool) -> None:
    live = tmp_path / "live.sqlite3"
    visits(live, 2)
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO sessions (start, end, reason) VALUES (?, ?, 'idle')", (T0, T0 + 9))
    folder = tmp_path / "fleet"
    folder.mkdir()
    shutil.copy(live, folder / "hall.sqlite3")
    if with_wal:
        shutil.copy(tmp_path / "live.sqlite3-wal", folder / "hall.sqlite3-wal")
    con.close()
    for p in (tmp_path, folder, *folder.iterdir()):
        p.chmod(0o755 if p.is_dir() else 0o644)
    folder.chmod(0o555)
    as_other = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    command = [*(as_other if os.geteuid() == 0 else []), sys.executable, "-c", READER]

    done = subprocess.run(
        [*command, str(folder / "hall.sqlite3")], capture_output=True, text=True, check=False
    )

    folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("3" if with_wal else "2")


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is Berlin's (summer time from March to October)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the process's zone cannot be set here")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_machines_zone_gives_each_visit_its_local_hour_and_day_in_winter_and_summer(
    tmp_path: Path, berlin: None
) -> None:
    path = tmp_path / "hall.sqlite3"
    store = Store(path, now=T0, kiosk_id="hall", batch_seconds=3600)
    for month in (1, 7):  # 08:30 and 23:30 on the 15th, winter time and summer time
        for hour in (8, 23):
            start = datetime(2026, month, 15, hour, 30).timestamp()  # the machine's zone
            store.record(ev.SessionStarted(start))
            store.record(ev.SessionEnded(start + 60, "idle"))
    store.close()

    stats = read([path])
    summer = read([path], since=date(2026, 7, 15), until=date(2026, 7, 15))

    assert stats.per_hour[8] == stats.per_hour[23] == 2
    assert {d: n for d, n in stats.per_day if n} == {date(2026, 1, 15): 2, date(2026, 7, 15): 2}
    assert summer.sessions == 2
