"""Loading bundles in a fresh interpreter in which importing Qt fails."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Runs in the fresh interpreter, then says what it found.
PROBE = """
import json, sys
for blocked in ("PySide6", "shiboken6", "qtawesome", "qtpy"):
    sys.modules[blocked] = None  # "import PySide6" now raises ImportError
from kiosk.bundle import BundleError, load
from kiosk.paths import builtin_bundle

answers = {}
load(builtin_bundle()).close()
for path in sys.argv[1:]:
    try:
        load(path).close()
        answers[path] = None
    except BundleError as error:
        answers[path] = str(error)
loaded = sorted(name for name, module in sys.modules.items() if module is not None)
print(json.dumps({"answers": answers, "modules": loaded}))
"""


@dataclass(frozen=True)
class Loaded:
    #: Each path's refusal, or None where the bundle was accepted.
    answers: dict[str, str | None]
    #: Every module the interpreter had imported by the end.
    modules: list[str]


def load_without_qt(paths: Iterable[Path]) -> Loaded:
    """``kiosk.bundle.load`` of each path (and of the built-in bundle) without Qt."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return Loaded(found["answers"], found["modules"])
