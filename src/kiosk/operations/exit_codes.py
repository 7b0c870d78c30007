"""The kiosk's own exit codes, for supervisors (systemd, ``kiosk --supervise``) to act on.

They are outside the ranges others use: 0-3 are the command line's (see ``kiosk.cli``),
128+n is "killed by signal n" in a shell, and systemd reserves 200-243 for its own
failures to start a program.
"""

from __future__ import annotations

#: Staff chose *Exit kiosk*: the one ending a supervisor does not restart
#: (``RestartPreventExitStatus=40`` in the systemd unit; ``--supervise`` stops too).
STAFF_EXIT = 40
#: Another kiosk already runs for this user; this one said so on stderr and ended.
ALREADY_RUNNING = 41
#: A system library Qt needs to open a window is missing; the kiosk said which package
#: to install, in one line on stderr (``kiosk.operations.system_libraries``).
MISSING_LIBRARY = 42
