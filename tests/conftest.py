"""Shared fixtures: every test runs offscreen, and bundles are built in tmp_path."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("QT_IMAGEIO_MAXALLOC", None)
