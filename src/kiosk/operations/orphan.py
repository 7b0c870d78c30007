"""No unsupervised orphan: a supervised kiosk dies with its supervisor.

On Linux the kernel does it (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), even for a kiosk
that is frozen or stopped. The call is made by the kiosk itself early in its start, so
the supervisor needs no ``preexec_fn`` (unsafe in a process with threads); a supervisor
that died before then is caught by comparing the parent's pid. Elsewhere the kiosk
notices at its next heartbeat, whose pipe then has no reader (``kiosk.ui.liveness``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(expected_parent: int) -> bool:
    """Ask to be killed when the parent dies; False when it has already gone."""
    if not sys.platform.startswith("linux"):
        return True
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the heartbeat's broken pipe still tells
    return os.getppid() == expected_parent
