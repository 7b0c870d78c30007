"""The project's own scripts outside the kiosk package (packaging/...), as the tests use
them: loaded by path, and the throwaway trees their prepare scripts make."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

TOP = Path(__file__).resolve().parents[1]


def load_script(path: Path) -> ModuleType:
    """A Python file as a module, by path: "packaging" is also the name of a PyPI
    package the tests import, so the project's folder of that name is no package."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require_prepared(needed: Iterable[Path], script: str, skip: str, what: str) -> None:
    """Fail unless ``script`` (run as root, as .ci/run does) made ``needed``, and unless
    this test runs as root (it enters the tree through chroot); the environment variable
    ``skip`` = 1 skips instead, on a developer's machine. ``what`` is what goes untried."""
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        if os.environ.get(skip) == "1":
            pytest.skip(f"{skip}=1: {what} not tried")
        pytest.fail(
            f"missing {', '.join(missing)}: run `bash {script}` as root (.ci/run does), "
            f"or set {skip}=1 to skip this test"
        )
    if os.geteuid() != 0:
        pytest.fail(f"{what} runs in a tree made by {script} through chroot: run it as root")
