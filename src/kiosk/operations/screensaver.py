"""The X server's screen saver and DPMS: off while the kiosk runs, as they were after.

An X server blanks the screen after 600 s without input by default, and DPMS may power
the panel off; a kiosk that visitors only look at would go dark. Both are server-wide
settings, so the kiosk turns them off for as long as it runs and puts back what it found
when it ends cleanly (a kiosk killed outright leaves them off; the next start turns them
off anyway).

libX11 and libXext are called through ctypes rather than running ``xset``: libX11 is
there wherever Qt's X11 platform runs, while xset (x11-xserver-utils) is often missing
on a kiosk PC. Without libXext, or on a server without the DPMS extension (Xvfb), only
the screen saver is turned off. Plain Python: no Qt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

log = logging.getLogger(__name__)

DONT_PREFER_BLANKING = 0
ALLOW_EXPOSURES = 1


@dataclass(frozen=True)
class Saved:
    """The screen saver and DPMS settings as the kiosk found them."""

    timeout: int
    interval: int
    prefer_blanking: int
    allow_exposures: int
    #: Whether DPMS was enabled; None when the server has no DPMS (or libXext is missing).
    dpms: bool | None


def _library(soname: str, name: str) -> ctypes.CDLL | None:
    for candidate in (soname, ctypes.util.find_library(name)):
        if candidate:
            try:
                return ctypes.CDLL(candidate)
            except OSError:
                continue
    return None


def _xlib() -> ctypes.CDLL | None:
    xlib = _library("libX11.so.6", "X11")
    if xlib is None:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XResetScreenSaver.argtypes = [ctypes.c_void_p]
    xlib.XSetScreenSaver.argtypes = [ctypes.c_void_p] + [ctypes.c_int] * 4
    xlib.XGetScreenSaver.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 4
    return xlib


def _dpms() -> ctypes.CDLL | None:
    xext = _library("libXext.so.6", "Xext")
    if xext is None:
        return None
    xext.DPMSQueryExtension.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 2
    xext.DPMSCapable.argtypes = [ctypes.c_void_p]
    xext.DPMSInfo.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_ushort),
        ctypes.POINTER(ctypes.c_ubyte),
    ]
    xext.DPMSEnable.argtypes = [ctypes.c_void_p]
    xext.DPMSDisable.argtypes = [ctypes.c_void_p]
    return xext


@contextmanager
def _connection(display: str | None) -> Iterator[tuple[ctypes.CDLL, int] | None]:
    """A connection of our own to the X server, or None when there is none to have."""
    xlib = _xlib()
    if xlib is None:
        log.info("libX11 is not available: the screen saver is left as it is")
        yield None
        return
    connection = xlib.XOpenDisplay(display.encode() if display else None)
    if not connection:
        log.info("no X server at %s: the screen saver is left as it is", display or "$DISPLAY")
        yield None
        return
    try:
        yield xlib, connection
    finally:
        xlib.XSync(connection, 0)  # every request reached the server before we leave
        xlib.XCloseDisplay(connection)


def _dpms_state(xext: ctypes.CDLL | None, connection: int) -> bool | None:
    if xext is None:
        return None
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not xext.DPMSQueryExtension(connection, ctypes.byref(event_base), ctypes.byref(error_base)):
        return None
    if not xext.DPMSCapable(connection):
        return None
    level, state = ctypes.c_ushort(), ctypes.c_ubyte()
    xext.DPMSInfo(connection, ctypes.byref(level), ctypes.byref(state))
    return bool(state.value)


def _read(xlib: ctypes.CDLL, connection: int, xext: ctypes.CDLL | None) -> Saved:
    values = [ctypes.c_int() for _ in range(4)]
    xlib.XGetScreenSaver(connection, *(ctypes.byref(value) for value in values))
    return Saved(*(value.value for value in values), dpms=_dpms_state(xext, connection))


def state(display: str | None = None) -> Saved | None:
    """The screen saver and DPMS settings as they are now, changing nothing; None without X."""
    with _connection(display) as opened:
        if opened is None:
            return None
        xlib, connection = opened
        return _read(xlib, connection, _dpms())


def disable(display: str | None = None) -> Saved | None:
    """Turn the screen saver and DPMS off; returns what they were, None without X."""
    with _connection(display) as opened:
        if opened is None:
            return None
        xlib, connection = opened
        xext = _dpms()
        saved = _read(xlib, connection, xext)
        xlib.XSetScreenSaver(connection, 0, 0, DONT_PREFER_BLANKING, ALLOW_EXPOSURES)
        xlib.XResetScreenSaver(connection)  # and end a blank already showing
        if saved.dpms is not None and xext is not None:
            xext.DPMSDisable(connection)  # the server also powers the panel on
        log.info(
            "screen saver off (was %d s)%s",
            saved.timeout,
            "" if saved.dpms is None else f"; DPMS off (was {'on' if saved.dpms else 'off'})",
        )
        return saved


def restore(saved: Saved, display: str | None = None) -> None:
    """Put back the settings ``disable`` found; the idle time starts again from now."""
    with _connection(display) as opened:
        if opened is None:
            return
        xlib, connection = opened
        xlib.XSetScreenSaver(
            connection, saved.timeout, saved.interval, saved.prefer_blanking, saved.allow_exposures
        )
        xlib.XResetScreenSaver(connection)  # else a long-idle server would blank at once
        xext = _dpms()
        if saved.dpms and xext is not None and _dpms_state(xext, connection) is not None:
            xext.DPMSEnable(connection)
        log.info("screen saver settings restored (timeout %d s)", saved.timeout)


DPMS_MODE_ON = 0
DPMS_MODE_OFF = 3


def power(on: bool, display: str | None = None) -> bool:
    """Turn the panel off (outside opening hours) or on again, through DPMS.

    ``xset dpms force off`` does the same: DPMS is enabled with no timeouts of its own,
    so only this call powers the panel down; coming back, DPMS is disabled again as
    ``disable`` left it. False where there is no X server or no DPMS (Xvfb): the caller
    then shows a black window instead.
    """
    with _connection(display) as opened:
        if opened is None:
            return False
        _, connection = opened
        xext = _dpms()
        if xext is None or _dpms_state(xext, connection) is None:
            log.info("no DPMS on this X server: the screen stays powered")
            return False
        xext.DPMSSetTimeouts.argtypes = [ctypes.c_void_p] + [ctypes.c_ushort] * 3
        xext.DPMSForceLevel.argtypes = [ctypes.c_void_p, ctypes.c_ushort]
        if on:
            xext.DPMSForceLevel(connection, DPMS_MODE_ON)
            xext.DPMSDisable(connection)
        else:
            xext.DPMSEnable(connection)
            xext.DPMSSetTimeouts(connection, 0, 0, 0)
            xext.DPMSForceLevel(connection, DPMS_MODE_OFF)
        log.info("screen %s (DPMS)", "on" if on else "off")
        return True
