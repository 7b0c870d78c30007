"""Signs of life from a supervised kiosk to ``kiosk --supervise``, through a pipe.

The supervisor makes a pipe and hands the write end to the kiosk it starts, naming it in
the environment. The kiosk writes one byte every few seconds from a timer on its GUI
thread (``kiosk.ui.liveness``): a frozen event loop, or a process stopped with
``kill -STOP``, writes nothing, and the supervisor kills and restarts it.

A pipe rather than a heartbeat file: nothing is written to disk every few seconds (so a
read-only or full disk changes nothing, and an SD card is not worn), there is no stale
file to misread, and when the supervisor dies the kiosk's next write fails, which tells
it so on any platform.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from collections.abc import Mapping
from typing import Any

#: The supervisor's pid, in the environment of the kiosk it starts.
SUPERVISOR_ENV = "KIOSK_SUPERVISOR"
#: The pipe's write end: a file descriptor (POSIX) or a handle (Windows).
HEARTBEAT_ENV = "KIOSK_HEARTBEAT"
#: systemd's variables are for the process systemd started, not for its children.
_SYSTEMD_ENV = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")


def supervisor_pid(environ: Mapping[str, str] = os.environ) -> int | None:
    """The pid of the supervisor that started this process, if one did."""
    value = environ.get(SUPERVISOR_ENV, "")
    return int(value) if value.isdigit() else None


class Heartbeat:
    """The kiosk's end: ``beat()`` from the GUI thread's timer."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        with contextlib.suppress(OSError):  # a supervisor that stopped reading never blocks us
            os.set_blocking(fd, False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Heartbeat | None:
        value = environ.get(HEARTBEAT_ENV, "")
        if not value.isdigit():
            return None
        if os.name == "nt":
            import msvcrt

            try:
                return cls(msvcrt.open_osfhandle(int(value), os.O_WRONLY))  # type: ignore[attr-defined]
            except OSError:
                return None
        return cls(int(value))

    def beat(self) -> bool:
        """Say "alive"; False once nobody listens any more (the supervisor has gone)."""
        try:
            os.write(self.fd, b".")
        except BlockingIOError:
            return True  # the pipe is full: the supervisor is slow, not gone
        except OSError:
            return False
        return True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


class Pulse:
    """The supervisor's end, one per child: makes the pipe and reads it in a thread."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        self._began = time.monotonic()
        self.last_beat: float | None = None
        self._reader = threading.Thread(target=self._listen, name="heartbeat", daemon=True)

    def child_options(
        self, environ: Mapping[str, str], keep: tuple[int, ...] = ()
    ) -> dict[str, Any]:
        """Popen arguments that give the child the write end (and the fds in ``keep``)."""
        env = {key: value for key, value in environ.items() if key not in _SYSTEMD_ENV}
        env[SUPERVISOR_ENV] = str(os.getpid())
        if os.name == "nt":
            import msvcrt

            handle = msvcrt.get_osfhandle(self._write)  # type: ignore[attr-defined]
            os.set_handle_inheritable(handle, True)
            info = subprocess.STARTUPINFO()  # type: ignore[attr-defined]
            info.lpAttributeList = {"handle_list": [handle]}
            env[HEARTBEAT_ENV] = str(handle)
            return {"env": env, "startupinfo": info, "close_fds": True}
        env[HEARTBEAT_ENV] = str(self._write)
        return {"env": env, "pass_fds": (self._write, *keep)}

    def started(self) -> None:
        """The child has its copy of the write end: ours goes, so its death reads as EOF."""
        os.close(self._write)
        self._began = time.monotonic()
        self._reader.start()

    def silence(self) -> float:
        """Seconds since the last beat, or since the start when there was none yet."""
        return time.monotonic() - (self.last_beat or self._began)

    def close(self) -> None:
        """After the child has ended: the reader sees EOF and closes the read end."""
        self._reader.join(timeout=5)

    def _listen(self) -> None:
        try:
            while os.read(self._read, 512):
                self.last_beat = time.monotonic()
        except OSError:
            pass
        finally:
            os.close(self._read)
