"""A logging handler that tells ``Health`` of every warning and error."""

from __future__ import annotations

import logging

from kiosk.health.record import Health


class ProblemHandler(logging.Handler):
    """Records each logged warning or error as the last problem, at the time it was
    logged. Add it to the root logger; remove it when the kiosk stops."""

    def __init__(self, health: Health) -> None:
        super().__init__(logging.WARNING)
        self.health = health

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: still a problem
            text = str(record.msg)
        self.health.problem(text or record.levelname, record.created)
