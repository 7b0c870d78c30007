"""Shared fixtures: every test runs offscreen, and Qt's limits come from the code alone."""

from __future__ import annotations

import os

import pytest

# Read when the QApplication is created, which the fixture below does first.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("QT_IMAGEIO_MAXALLOC", None)


@pytest.fixture(autouse=True, scope="session")
def _qt_application_first(qapp: object) -> object:
    """Create pytest-qt's QApplication before any code makes a bare QGuiApplication."""
    return qapp
