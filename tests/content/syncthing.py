"""Real Syncthing instances for the tests, on the loopback interface only.

Each instance has its own home (keys and config from ``syncthing generate``), its GUI and
REST API on a free 127.0.0.1 port with a known API key, and a sync port on 127.0.0.1.
Global and local discovery, relays, NAT traversal (UPnP and STUN), usage and crash
reporting and upgrades are all off: peers find each other only by the address the test
gives (``tcp://127.0.0.1:PORT``). Waits are counted in polls, never timed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.loopback import free_port

#: Seconds between two looks at an instance's REST API.
POLL = 0.1

#: Options that keep an instance on loopback, silent and as it is.
LOCAL_ONLY = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "stunKeepaliveStartS": "0",
    "stunKeepaliveMinS": "0",
    "urAccepted": "-1",
    "urInitialDelayS": "0",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "reconnectionIntervalS": "1",
    "progressUpdateIntervalS": "-1",
}


def syncthing_program() -> str:
    """The syncthing command (Debian package ``syncthing``); skips the test without it."""
    program = shutil.which("syncthing")
    if program is None:
        pytest.skip("syncthing is not installed (Debian package syncthing)")
    return program


class Syncthing:
    """One Syncthing instance with its home under ``home``."""

    def __init__(self, home: Path, name: str) -> None:
        self.program = syncthing_program()
        self.home = home
        self.name = name
        self.gui_port = free_port()
        self.sync_port = free_port()
        self.api_key = f"kiosk-test-{name}-key"
        self.process: subprocess.Popen[bytes] | None = None
        home.mkdir(parents=True)
        subprocess.run(
            [self.program, "generate", f"--home={home}", "--no-default-folder"],
            check=True,
            capture_output=True,
            env=self.environment(),
        )
        self.tree = ET.parse(home / "config.xml")
        root = self.tree.getroot()
        device = root.find("device")
        assert device is not None
        self.device_id = device.attrib["id"]
        device.attrib["name"] = name
        gui = root.find("gui")
        assert gui is not None
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        options = root.find("options")
        assert options is not None
        _set(options, "listenAddress", f"tcp://127.0.0.1:{self.sync_port}")
        for key, value in LOCAL_ONLY.items():
            _set(options, key, value)
        self.tree.write(home / "config.xml")

    def environment(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "STNOUPGRADE": "1",
            "STNODEFAULTFOLDER": "1",
            "STNORESTART": "1",
        }

    def share(self, folder_id: str, path: Path, kind: str, peer: Syncthing, *, dial: bool) -> None:
        """Share the folder at ``path`` with ``peer``.

        ``kind``: "sendonly" for the curator, "receiveonly" for a kiosk. With ``dial``
        this instance connects to the peer at its loopback address; without, it only
        accepts the peer's connection (its address stays "dynamic", which with discovery
        off finds nothing). One side dials, as kiosks dial the curator's machine: when
        both dial at once, Syncthing 1.19 may lose both connections and wait 20 s for its
        Hello timeout. The file watcher reports a change after a second; the tests also
        ask for a scan."""
        root = self.tree.getroot()
        device = ET.SubElement(
            root,
            "device",
            {"id": peer.device_id, "name": peer.name, "compression": "metadata"},
        )
        _set(device, "address", f"tcp://127.0.0.1:{peer.sync_port}" if dial else "dynamic")
        folder = ET.Element(
            "folder",
            {
                "id": folder_id,
                "label": folder_id,
                "path": str(path),
                "type": kind,
                "rescanIntervalS": "3600",
                "fsWatcherEnabled": "true",
                "fsWatcherDelayS": "1",
            },
        )
        for member in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", {"id": member})
        root.insert(0, folder)
        self.tree.write(self.home / "config.xml")

    def start(self) -> None:
        log = (self.home / "syncthing.log").open("wb")
        with log:
            self.process = subprocess.Popen(
                [
                    self.program,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--skip-port-probing",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.environment(),
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        path = self.home / "syncthing.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def rest(self, path: str, *, method: str = "GET") -> object:
        """The REST API's answer (JSON), or None while it is not up yet."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}/rest/{path}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                body = answer.read()
        except (urllib.error.URLError, ConnectionError):
            return None
        return json.loads(body) if body.strip() else {}

    def scan(self, folder_id: str) -> None:
        self.rest(f"db/scan?folder={folder_id}", method="POST")

    def wait_until(self, what: str, ready: object, polls: int = 300) -> None:
        """Poll until ``ready()`` is true, at most ``polls`` times; fail naming ``what``."""
        for _ in range(polls):
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(f"syncthing {self.name} stopped:\n{self.log()[-3000:]}")
            if ready():  # type: ignore[operator]
                return
            time.sleep(POLL)
        pytest.fail(f"syncthing {self.name}: {what} not after {polls} polls:\n{self.log()[-3000:]}")

    def connected_to(self, peer: Syncthing) -> bool:
        answer = self.rest("system/connections")
        if not isinstance(answer, dict):
            return False
        state = answer.get("connections", {}).get(peer.device_id, {})
        return bool(state.get("connected"))


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text
