"""The real kiosk records into its database and survives a kill -9 with it readable."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from kiosk.insights import DATABASE_NAME
from tests.bundles import write_bundle
from tests.content.kiosk_process import Home
from tests.operations.processes import wait_for


def count(database: Path, sql: str) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
            return int(con.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0


@pytest.mark.slow
def test_a_kiosk_killed_mid_run_leaves_its_records_readable(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    bundle = write_bundle(tmp_path / "exhibit")
    home.config.write_text(
        f'log_dir = "{home.logs}"\nbundle = "{bundle}"\n'
        "slide_seconds = 3\nrecord_batch_seconds = 0.2\n",
        encoding="utf-8",
    )
    process = home.start()
    database = home.data / "kiosk" / DATABASE_NAME
    try:
        assert "recording visits into" in home.log()
        # The attract loop moves on after 3 s: the first slide is recorded as it leaves,
        # in a batch of the loop's, twenty times record_batch_seconds (4 s).
        wait_for(lambda: count(database, "SELECT count(*) FROM slides") >= 1, timeout=60)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(database) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kinds = [kind for (kind,) in con.execute("SELECT kind FROM kiosk_events")]
        slides = con.execute("SELECT idx, mode, reached_by, dwell FROM slides").fetchall()
    assert kinds == ["start"]  # no clean stop: it was killed
    assert slides[0][:3] == (0, "attract", "start")
    assert slides[0][3] >= 3  # its slide_seconds, and the tick that saw them pass
