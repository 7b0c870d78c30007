"""A real node_exporter (the Debian package) reads the kiosk's textfile and serves its
metrics. The exporter listens on 127.0.0.1 only; the kiosk itself opens no socket."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.health import Health, write
from tests.loopback import free_port

EXPORTER = "prometheus-node-exporter"


def exporter_program() -> str:
    path = shutil.which(EXPORTER) or shutil.which("node_exporter")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{EXPORTER} is missing: .ci/run installs it")
        pytest.skip(f"{EXPORTER} is not installed (apt-get install {EXPORTER})")
    return path


@pytest.fixture
def exporter(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """node_exporter with only the textfile collector, on a free loopback port."""
    folder = tmp_path / "textfile"
    folder.mkdir()
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [
            exporter_program(),
            f"--web.listen-address={address}",
            "--collector.disable-defaults",
            "--collector.textfile",
            f"--collector.textfile.directory={folder}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield f"http://{address}/metrics", folder
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
        assert b"level=error" not in errors, errors.decode(errors="replace")[-2000:]


def scrape(url: str) -> str:
    """The exporter's answer, once it listens (it starts in a few milliseconds); straight
    to it, never through a proxy the environment may name."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for _attempt in range(200):
        try:
            with direct.open(url, timeout=5) as response:
                return response.read().decode()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.025)
    raise AssertionError(f"node_exporter never answered at {url}")


def test_node_exporter_serves_the_kiosks_metrics(exporter: tuple[str, Path]) -> None:
    url, folder = exporter
    health = Health("1.2.3", 1_790_000_000.0, restarts=4)
    health.showing("black-january", "1.0.0")
    for slide in (0, 1, 2):
        health.saw(slide, "visitor", 1_790_000_010.0)
    health.problem("a test problem", 1_790_000_020.0)
    write(health, folder, 1_790_000_060.0)
    samples = {
        sample.name: sample
        for family in text_string_to_metric_families(scrape(url))
        for sample in family.samples
    }
    assert samples["kiosk_up"].value == 1
    assert samples["kiosk_slide_changes_total"].value == 2
    assert samples["kiosk_sessions_total"].value == 0
    assert samples["kiosk_restarts_total"].value == 4
    assert samples["kiosk_last_problem_timestamp_seconds"].value == 1_790_000_020.0
    assert samples["kiosk_bundle_info"].labels == {"id": "black-january", "version": "1.0.0"}
    # The exporter read the file without complaint, and says when it changed.
    assert samples["node_textfile_scrape_error"].value == 0
    assert "node_textfile_mtime_seconds" in samples
