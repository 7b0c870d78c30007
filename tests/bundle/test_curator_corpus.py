"""A corpus of curators' mistakes: each file in corpus/ is one small bundle with one
mistake a curator makes (syntax or content), and lists, in its ``#!`` lines, every
message the kiosk must give for it, exactly: file, line, column where known, key, words.

Every slide has a ``source``, so the corpus holds when a source becomes required. The
pictures are checked from their headers (no Qt), which keeps the whole corpus fast.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.stem for path in CORPUS.glob("*.toml"))


def expected_of(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("#! ") for line in lines if line.startswith("#! ")]


def messages_of(root: Path) -> list[str]:
    """What ``kiosk validate`` would print, with the bundle's folder left out."""
    try:
        load(root).close()
    except BundleError as error:
        return [str(problem).replace(f"{root}/", "") for problem in error.problems]
    return []


@pytest.mark.parametrize("name", CASES)
def test_a_curators_mistake_gets_its_exact_message(name: str, tmp_path: Path) -> None:
    root = tmp_path / "bundle"
    shutil.copytree(CORPUS / "media", root / "media")
    shutil.copyfile(CORPUS / f"{name}.toml", root / "bundle.toml")
    assert messages_of(root) == expected_of(CORPUS / f"{name}.toml")


def test_the_corpus_is_large_and_its_base_is_valid_with_every_slide_sourced(
    tmp_path: Path,
) -> None:
    assert len([name for name in CASES if expected_of(CORPUS / f"{name}.toml")]) >= 30
    root = tmp_path / "bundle"
    shutil.copytree(CORPUS / "media", root / "media")
    shutil.copyfile(CORPUS / "valid.toml", root / "bundle.toml")
    bundle = load(root)
    assert all(slide.source is not None for slide in bundle.manifest.slides)
    bundle.close()


def test_every_mistake_file_has_a_source_on_every_slide() -> None:
    for name in CASES:
        text = (CORPUS / f"{name}.toml").read_text(encoding="utf-8")
        slides = re.findall(r"^\[\[?slides?\]", text, re.MULTILINE)
        assert len(re.findall(r"^source = ", text, re.MULTILINE)) == len(slides), name
