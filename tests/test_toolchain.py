"""The test toolchain is pinned: constraints.txt names one exact version of everything the
kiosk and its tests install, and the environment running these tests has those versions."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

CONSTRAINTS = Path(__file__).resolve().parents[1] / "constraints.txt"


def pins() -> dict[str, Version]:
    pinned = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        requirement = Requirement(line)
        assert requirement.marker is None or requirement.marker.evaluate(), line
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{line}: pin one exact version"
        pinned[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pinned


def needed(project: str, extras: frozenset[str]) -> set[str]:
    """The distributions ``project`` with ``extras`` needs here, its own dependencies' too."""
    found: set[str] = set()
    stack = [(project, extras)]
    while stack:
        name, wanted = stack.pop()
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in (wanted or {""})
            ):
                continue
            key = canonicalize_name(requirement.name)
            if key not in found:
                found.add(key)
                stack.append((key, frozenset(requirement.extras)))
    return found


def test_everything_the_tests_run_on_is_pinned_at_the_version_installed() -> None:
    pinned = pins()
    for name in sorted(needed("kiosk", frozenset({"test"}))):
        installed = Version(metadata.version(name))
        assert name in pinned, f"{name} {installed} is not in constraints.txt"
        assert pinned[name] == installed, (
            f"{name} {installed} is installed but constraints.txt pins {pinned[name]}: "
            "run make test (it reinstalls when constraints.txt changes)"
        )


def test_the_build_tools_are_pinned_too() -> None:
    assert {"pip", "setuptools", "wheel", "pyinstaller"} <= set(pins())


def test_pyside_stays_below_6_12_on_python_3_11() -> None:
    # 6.12.0 on 3.11 aborts with "none_dealloc" (tests/test_pyside_none_refcount.py).
    if sys.version_info < (3, 12):
        assert pins()["pyside6-essentials"] < Version("6.12")
