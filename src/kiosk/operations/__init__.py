"""Keeping the kiosk running unattended: exit codes, the single-instance lock, signs of
life for a supervisor (a heartbeat pipe) or systemd (sd_notify), and orphan prevention.

Nothing here imports Qt: the supervisor uses all of it without a display, and the kiosk's
GUI thread only calls it from a timer (``kiosk.ui.liveness``).
"""
