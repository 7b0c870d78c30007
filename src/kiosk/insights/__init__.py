"""Visitor insights: what visitors did, recorded locally and privately, and the report.

Qt-free. The presentation emits the events of :mod:`kiosk.insights.events`; a
:class:`~kiosk.insights.store.Store` writes them to SQLite from one thread;
:mod:`kiosk.insights.stats` reads one or several databases back and
:mod:`kiosk.insights.report` writes the figures as text, CSV or one HTML file.
"""

from __future__ import annotations

from pathlib import Path

DATABASE_NAME = "insights.sqlite3"


def default_database() -> Path:
    """The database the kiosk records into, in the platform's data folder."""
    from kiosk.paths import data_dir

    return data_dir() / DATABASE_NAME
