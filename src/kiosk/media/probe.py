"""Probing video and audio files in a child process, so hostile bytes never reach the kiosk.

:func:`probe` runs ``kiosk probe-media`` (kiosk.media.probe_child) once for all the
files of a bundle and reads its answer, one JSON object a line. The child opens each
file with QtMultimedia, the FFmpeg the kiosk plays with, and may crash, hang or run out
of memory on a hostile file: then that file is refused, named, with what happened, and a
new child probes the files after it. Each file has ``seconds_per_file`` (the first also
the child's start); a child that says nothing for that long is killed. The child's own
messages (Qt's and FFmpeg's) go to a private file, never to the kiosk's stderr; they
are logged at debug level when a file fails.

This module needs no Qt: the child does.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from typing import IO

from kiosk.bundle.avfacts import AVFacts, AVRequest

log = logging.getLogger("kiosk.media")

#: Seconds a file may take to be opened, a picture and a sound decoded (the child gives
#: up sooner: kiosk.media.probe_child), and more for each further frame asked of it.
SECONDS_PER_FILE = 40.0
SECONDS_PER_FRAME = 20.0
#: Seconds Python, Qt and QtMultimedia may take to start in the child, on a busy machine.
START_SECONDS = 20.0
#: The longest line the child may write: a 4K frame as JPEG, in base64, and more.
MAX_LINE_BYTES = 64 * 2**20


def child_command(arguments: Sequence[str]) -> list[str]:
    """How to run ``kiosk probe-media``, from a checkout or from the frozen app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "probe-media", *arguments]
    return [sys.executable, "-m", "kiosk", "probe-media", *arguments]


def _arguments(requests: Sequence[AVRequest]) -> list[str]:
    items: list[str] = []
    for request in requests:
        # A name beginning with "-" would read as an option: make it a path.
        path = str(request.path if request.path.is_absolute() else request.path.absolute())
        items.append(path)
        for at in request.frames_at:
            items += ["--at", f"{at:g}"]
    return ["--", *items]


def _child_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["QT_QPA_PLATFORM"] = "offscreen"
    # glibc's arenas reserve 64 MB of address space per decoding thread: two keep the
    # memory cap (kiosk.media.probe_child) about memory, not about the core count.
    environment["MALLOC_ARENA_MAX"] = "2"
    for variable in ("QT_IMAGEIO_MAXALLOC", "QT_LOGGING_RULES"):
        environment.pop(variable, None)
    return environment


def probe(
    requests: Sequence[AVRequest],
    *,
    seconds_per_file: float = SECONDS_PER_FILE,
    start_seconds: float = START_SECONDS,
    command: Sequence[str] | None = None,
) -> list[AVFacts]:
    """What each file is, in order; a file that could not be probed has ``problem`` set.

    ``command`` replaces the child's command line before its arguments (for tests).
    """
    results: list[AVFacts] = []
    while len(results) < len(requests):
        rest = requests[len(results) :]
        arguments = _arguments(rest)
        line = list(command) + arguments if command is not None else child_command(arguments)
        results += _run(line, rest, seconds_per_file, start_seconds)
    return results


def _run(
    line: list[str], requests: Sequence[AVRequest], seconds: float, start_seconds: float
) -> list[AVFacts]:
    """Run one child over ``requests``: the facts of every file it answered for, then,
    if it failed on one, that file's problem (the caller probes the rest anew)."""
    found: list[AVFacts] = []
    with tempfile.TemporaryFile() as chatter:
        try:
            child = subprocess.Popen(
                line,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=chatter,
                env=_child_environment(),
            )
        except OSError as error:
            problem = f"cannot be checked: the media probe does not start ({error.strerror})"
            return [AVFacts(problem=problem) for _ in requests]
        lines: queue.Queue[bytes | None] = queue.Queue()
        assert child.stdout is not None
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        try:
            for request in requests:
                allowed = seconds + (start_seconds if not found else 0.0)
                allowed += SECONDS_PER_FRAME * max(0, len(request.frames_at) - 1)
                answer = _next_line(lines, allowed)
                if answer is None or answer == b"":
                    found.append(_failure(child, answer is None, allowed, chatter, request))
                    break
                found.append(_facts(answer))
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            child.stdout.close()
            reader.join(timeout=5)
    return found


def _read_lines(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    """Hands the child's lines over; b"" when its output ends (it ended or crashed)."""
    try:
        while line := stream.readline(MAX_LINE_BYTES):
            lines.put(line)
    except (OSError, ValueError):
        pass
    lines.put(b"")


def _next_line(lines: queue.Queue[bytes | None], seconds: float) -> bytes | None:
    """The child's next line; b"" when it ended; None when it said nothing for ``seconds``."""
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        return None


def _failure(
    child: subprocess.Popen[bytes],
    silent: bool,
    seconds: float,
    chatter: IO[bytes],
    request: AVRequest,
) -> AVFacts:
    if silent:
        child.kill()
        child.wait()
        problem = f"could not be checked within {seconds:g} s (the media decoder hung on it)"
    else:
        code = _wait(child)
        problem = _ending(code)
    chatter.seek(0, os.SEEK_END)
    chatter.seek(max(0, chatter.tell() - 4000))
    tail = chatter.read().decode("utf-8", "replace").strip()
    log.debug("probing %s failed (%s); the probe said:\n%s", request.path, problem, tail)
    return AVFacts(problem=problem)


def _wait(child: subprocess.Popen[bytes]) -> int:
    try:
        return child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def _ending(code: int) -> str:
    if sys.platform == "win32" and code & 0xC0000000 == 0xC0000000:  # an NTSTATUS fault
        return f"made the media decoder crash (0x{code:08X}): it is damaged or hostile"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"made the media decoder crash ({name}): it is damaged or hostile"
    return f"could not be checked (the media probe ended with code {code})"


def _facts(line: bytes) -> AVFacts:
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        encoded = data.pop("frames", None) or {}
        if not isinstance(encoded, dict):
            raise ValueError("frames is not an object")
        frames = {float(at): base64.b64decode(data, validate=True) for at, data in encoded.items()}
        return AVFacts.from_json(data, frames)
    except (ValueError, TypeError, binascii.Error):
        return AVFacts(problem="could not be checked (the media probe's answer was garbled)")
