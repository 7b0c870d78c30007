"""The log: never a reason to stop, and there before anything can crash."""

from __future__ import annotations

import errno
import faulthandler
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk import logs


def warnings_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if "logging to stderr only" in line]


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_a_log_folder_that_cannot_be_made_means_stderr_only(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], where: str
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("not a folder", encoding="utf-8")
    folder = blocker if where == "a file" else blocker / "kiosk"
    assert logs.setup(folder) is None
    logging.getLogger("kiosk.test").warning("still logging")
    err = capfd.readouterr().err
    (warning,) = warnings_in(err)
    assert str(folder) in warning and ("Not a directory" in warning or "File exists" in warning)
    assert "still logging" in err
    assert faulthandler.is_enabled()


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a small tmpfs for the test (root only): a real read-only or full disk."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.usefixtures("restore_logging")
def test_a_read_only_log_folder_means_stderr_only(
    tmpfs: Callable[[str], Path], capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmpfs("size=1m,ro")
    assert logs.setup(folder) is None
    logging.getLogger("kiosk.test").warning("still logging")
    err = capfd.readouterr().err
    (warning,) = warnings_in(err)
    assert str(folder) in warning and "Read-only file system" in warning
    assert "still logging" in err


class FullDisk:
    """A stream that fails as a full disk does, until it is given room again."""

    def __init__(self) -> None:
        self.full = True
        self.written: list[str] = []
        self.closed = False

    def write(self, text: str) -> int:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""

    def tell(self) -> int:
        return sum(map(len, self.written))

    def close(self) -> None:
        self.closed = True


@pytest.mark.usefixtures("restore_logging")
def test_a_full_disk_says_so_once_and_comes_back_when_there_is_room(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = logs.setup(tmp_path / "logs")
    assert path is not None
    (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None)]
    disk = FullDisk()
    handler.stream.close()  # type: ignore[attr-defined]
    monkeypatch.setattr(handler, "_open", lambda: disk)
    handler.stream = disk  # type: ignore[attr-defined]
    log = logging.getLogger("kiosk.test")
    for number in range(1000):
        log.info("record %d", number)
    err = capfd.readouterr().err
    assert len(warnings_in(err)) == 1, err[:2000]
    assert str(path) in warnings_in(err)[0] and "No space left on device" in err
    assert "--- Logging error ---" not in err
    assert err.count("record ") == 1000  # stderr still gets every record
    disk.full = False
    now = time.monotonic()
    monkeypatch.setattr(logs, "_now", lambda: now + logs.RETRY_SECONDS + 1)
    log.info("room again")
    assert any("room again" in text for text in disk.written)
    assert "writing to" in capfd.readouterr().err


@pytest.mark.usefixtures("restore_logging")
def test_a_really_full_disk(
    tmpfs: Callable[[str], Path], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmpfs("size=64k")
    path = logs.setup(folder)
    assert path is not None
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as stream:
        with pytest.raises(OSError) as full:
            while True:
                stream.write(b"\0" * 4096)
        assert full.value.errno == errno.ENOSPC
    log = logging.getLogger("kiosk.test")
    for number in range(2000):
        log.info("record %d %s", number, "x" * 200)
    err = capfd.readouterr().err
    assert len(warnings_in(err)) == 1, err[-2000:]
    assert err.count("record ") == 2000
    filler.unlink()
    now = time.monotonic()
    monkeypatch.setattr(logs, "_now", lambda: now + logs.RETRY_SECONDS + 1)
    log.info("room again")
    assert "room again" in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("restore_logging")
def test_the_log_rotates_and_keeps_so_many_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    folder = tmp_path / "logs"
    path = logs.setup(folder)
    assert path is not None
    log = logging.getLogger("kiosk.test")
    for number in range(500):
        log.info("record %04d %s", number, "x" * 50)
    names = sorted(entry.name for entry in folder.iterdir())
    assert names == sorted(
        ["crash.log", "kiosk.log", *(f"kiosk.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    )
    assert all((folder / name).stat().st_size <= 2_000 for name in names)
    assert "record 0499" in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("restore_logging")
def test_setting_up_twice_is_setting_up_once(tmp_path: Path) -> None:
    first = logs.setup(tmp_path / "logs")
    handlers = list(logging.getLogger().handlers)
    assert logs.setup(tmp_path / "logs") == first
    assert logging.getLogger().handlers == handlers


@pytest.mark.usefixtures("restore_logging")
def test_a_crash_log_that_cannot_be_written_means_traces_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "logs"
    (folder / "crash.log").mkdir(parents=True)  # in the way
    assert logs.setup(folder) == folder / "kiosk.log"
    assert faulthandler.is_enabled()
    assert "crash.log" in capfd.readouterr().err


# --- the real program ---------------------------------------------------------------------

#: Loaded by every Python process started with it on PYTHONPATH: makes the kiosk's
#: QApplication fail (or abort) as a broken Qt install or display would, at start-up.
INJECTED = """
import importlib.abc, importlib.util, os, resource, sys

resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Inject(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "kiosk.ui.application":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.application = fail

        spec.loader.exec_module = exec_module
        return spec


def fail():
    if os.environ["KIOSK_TEST_FAIL"] == "abort":
        os.abort()
    raise RuntimeError("injected: the display went away")


sys.meta_path.insert(0, Inject())
"""


def kiosk_environment(tmp_path: Path, settings: str) -> dict[str, str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(settings, encoding="utf-8")
    # A runtime folder of its own: a kiosk running on the developer's machine holds the
    # one-kiosk lock in the real one, and this one would exit with 41.
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_CONFIG": str(config),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
    }


@pytest.mark.parametrize("how", ["raise", "abort"])
def test_a_start_up_crash_leaves_its_trace_in_the_log(tmp_path: Path, how: str) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(INJECTED, encoding="utf-8")
    logs_dir = tmp_path / "logs"
    environment = kiosk_environment(tmp_path, f'log_dir = "{logs_dir}"\n')
    search = [str(hooks), *filter(None, [environment.get("PYTHONPATH")])]
    environment.update(PYTHONPATH=os.pathsep.join(search), KIOSK_TEST_FAIL=how)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if how == "raise":
        assert result.returncode == 3
        log = (logs_dir / "kiosk.log").read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in log
        assert "in start" in log and "RuntimeError: injected: the display went away" in log
    else:
        assert result.returncode == -signal.SIGABRT
        crash = (logs_dir / "crash.log").read_text(encoding="utf-8")
        assert "Fatal Python error: Aborted" in crash
        assert 'kiosk/ui/app.py", line' in crash and "in start" in crash


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, f"the kiosk exited with {process.returncode}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("supervised", [False, True], ids=["kiosk", "supervised"])
def test_the_kiosk_runs_when_its_log_folder_is_a_file(tmp_path: Path, supervised: bool) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("not a folder", encoding="utf-8")
    environment = kiosk_environment(tmp_path, f'log_dir = "{blocker}"\nidle_seconds = 9o\n')
    err = tmp_path / "stderr"
    with err.open("wb") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--windowed", *(["--supervise"] * supervised)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stream,
        )
    try:
        wait_for(lambda: "first slide on screen" in err.read_text(errors="replace"), process)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    text = err.read_text(errors="replace")
    assert len(warnings_in(text)) == 1 + supervised  # the supervisor's, then the kiosk's
    assert f"{blocker}" in warnings_in(text)[0]
    assert f"{tmp_path / 'kiosk.toml'}:2: idle_seconds" in text  # the settings problem, too
    assert "Traceback" not in text


@pytest.mark.usefixtures("restore_logging")
def test_uncaught_exceptions_go_to_the_log_file(tmp_path: Path) -> None:
    path = logs.setup(tmp_path / "logs")
    assert path is not None
    try:
        raise RuntimeError("a slot failed")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "RuntimeError: a slot failed" in text
