"""The shipped schema, read by the real tools curators use: taplo (the engine of the
"Even Better TOML" editor extension, and a command) and check-jsonschema.

Each broken copy of the built-in bundle must give a message that names the key, at the
slide's path, in each tool's own words: no "is not valid under any of the schemas".
Both tools run offline: the schema is a local file, taplo looks in no catalog unless
told to (`--default-schema-catalogs`) and reads no configuration (`--no-auto-config`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.paths import resource_path

SCHEMA = resource_path("bundle.schema.json")
BUILT_IN = resource_path("bundles") / "black-january" / "bundle.toml"
_BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    """The tool from the test extra, installed beside this Python (no skip: CI has it)."""
    path = _BIN / name
    assert path.exists(), f"{name} is missing: pip install -c constraints.txt -e '.[test]'"
    return str(path)


def taplo(toml: Path, *, schema: Path | None = SCHEMA) -> subprocess.CompletedProcess[str]:
    """``taplo check`` with the schema given on its command line, or by ``#:schema``."""
    given = ["--schema", schema.as_uri()] if schema else []
    return subprocess.run(
        [_tool("taplo"), "check", "--colors", "never", "--no-auto-config", *given, str(toml)],
        capture_output=True,
        text=True,
        check=False,
    )


def check_jsonschema(*tomls: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("check-jsonschema"), "--color", "never", "--schemafile", str(SCHEMA)]
        + [str(toml) for toml in tomls],
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass(frozen=True)
class Mistake:
    """A curator's mistake: one edit of the built-in bundle and what each tool must say."""

    name: str
    edit: Callable[[str], str]
    #: The line taplo must point at, as it prints it ("36 │ hedaing = ..."), found in
    #: the broken text by this pattern.
    line: str
    taplo: str
    #: check-jsonschema's line after "FILE::", with {slide} for the slide's index.
    check_jsonschema: str


def _replace_first(old: str, new: str, after: str = "") -> Callable[[str], str]:
    def edit(text: str) -> str:
        start = text.index(after) if after else 0
        at = text.index(old, start)
        return text[:at] + new + text[at + len(old) :]

    return edit


def _drop_line(start: str, after: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        at = text.index(start, text.index(after))
        return text[:at] + text[text.index("\n", at) + 1 :]

    return edit


MISTAKES = [
    Mistake(
        "typo'd key in a narrative slide",
        _replace_first("\nheading = ", "\nhedaing = ", after='type = "narrative"'),
        r"^hedaing = ",
        "error: Additional properties are not allowed ('hedaing' was unexpected)",
        "$.slides[{slide}]: Additional properties are not allowed ('hedaing' was unexpected)",
    ),
    Mistake(
        "quote without attribution",
        _drop_line("attribution", after='type = "quote"'),
        r'^type = "quote"',
        'error: "attribution" is a required property',
        "$.slides[{slide}]: 'attribution' is a required property",
    ),
    Mistake(
        "unknown slide type",
        _replace_first('type = "narrative"', 'type = "narative"'),
        r'^type = "narative"',
        'error: "narative" is not one of ["title","narrative","quote",',
        "$.slides[{slide}].type: 'narative' is not one of ['title', 'narrative', 'quote',",
    ),
    Mistake(
        "bad language code as a text's key",
        _replace_first('az = "Bakıda', 'AZ = "Bakıda'),
        r'^heading = \{ en = "Soldiers and tanks in Baku", AZ',
        "error: Additional properties are not allowed ('AZ' was unexpected)",
        "$.slides[{slide}].heading: 'AZ' does not match any of the regexes:",
    ),
    Mistake(
        "bad language code in the bundle's languages",
        _replace_first('languages = ["en", "az"]', 'languages = ["en", "Azeri"]'),
        r"^languages = ",
        'error: "Azeri" does not match "^[a-z]{2,3}',
        "$.bundle.languages[1]: 'Azeri' does not match '^[a-z]{2,3}",
    ),
    Mistake(
        "a string where a text per language is needed",
        _replace_first(
            'heading = { en = "Soldiers and tanks in Baku", az = "Bakıda əsgərlər və tanklar" }',
            'heading = "Soldiers and tanks in Baku"',
        ),
        r'^heading = "Soldiers and tanks in Baku"',
        'error: "Soldiers and tanks in Baku" is not of type "object"',
        "$.slides[{slide}].heading: 'Soldiers and tanks in Baku' is not of type 'object'",
    ),
    Mistake(
        "typo'd key in a source's short and full forms",
        _replace_first("source.short = ", "source.shrot = "),
        r"^source.shrot = ",
        "error: Additional properties are not allowed ('shrot' was unexpected)",
        "$.slides[{slide}].source: Additional properties are not allowed ('shrot' was unexpected)",
    ),
    Mistake(
        "bad language code in a figure's value",
        _replace_first('az = "təxminən 700"', 'Az = "təxminən 700"'),
        r"^value = \{ en = ",
        "error: Additional properties are not allowed ('Az' was unexpected)",
        "$.slides[{slide}].figures[1].value: 'Az' does not match any of the regexes:",
    ),
]


def _where(text: str, pattern: str) -> tuple[int, int]:
    """The 1-based line matching ``pattern`` and the 0-based index of its slide."""
    match = re.search(pattern, text, re.MULTILINE)
    assert match, pattern
    before = text[: match.start()]
    return before.count("\n") + 1, len(re.findall(r"^\[\[slides\]\]$", before, re.MULTILINE)) - 1


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each mistake's bundle.toml (in a folder of its own) and its text."""
    original = BUILT_IN.read_text(encoding="utf-8")
    copies = {}
    for number, mistake in enumerate(MISTAKES):
        text = mistake.edit(original)
        assert text != original, mistake.name
        path = tmp_path_factory.mktemp(f"mistake{number}") / "bundle.toml"
        path.write_text(text, encoding="utf-8")
        copies[mistake.name] = (path, text)
    return copies


@pytest.fixture(scope="module")
def check_jsonschema_output(broken: dict[str, tuple[Path, str]]) -> str:
    """check-jsonschema's report on every broken copy, from one run (it starts slowly)."""
    result = check_jsonschema(*(path for path, _ in broken.values()))
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def test_both_tools_accept_the_built_in_bundle() -> None:
    # Through the bundle's own `#:schema ../../bundle.schema.json` line, as an editor reads it.
    assert BUILT_IN.read_text(encoding="utf-8").startswith("#:schema ../../bundle.schema.json\n")
    by_directive = taplo(BUILT_IN, schema=None)
    assert by_directive.returncode == 0, by_directive.stderr
    by_option = taplo(BUILT_IN)
    assert by_option.returncode == 0, by_option.stderr
    result = check_jsonschema(BUILT_IN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_taplo_reads_the_schema_line_a_curator_writes(tmp_path: Path) -> None:
    """`#:schema ./bundle.schema.json` beside bundle.toml, as the guide says, and a typo."""
    (tmp_path / "bundle.schema.json").write_bytes(SCHEMA.read_bytes())
    text = MISTAKES[0].edit(BUILT_IN.read_text(encoding="utf-8"))
    text = text.replace("#:schema ../../bundle.schema.json", "#:schema ./bundle.schema.json", 1)
    (tmp_path / "bundle.toml").write_text(text, encoding="utf-8")
    result = taplo(tmp_path / "bundle.toml", schema=None)
    assert result.returncode == 1
    assert MISTAKES[0].taplo in result.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=[mistake.name for mistake in MISTAKES])
def test_taplo_names_the_key(mistake: Mistake, broken: dict[str, tuple[Path, str]]) -> None:
    path, text = broken[mistake.name]
    result = taplo(path)
    assert result.returncode == 1
    output = result.stderr
    assert "is not valid under any of the schemas" not in output
    assert mistake.taplo in output, output[:3000]
    # The first report points into the slide, at or above the line with the mistake.
    line, _ = _where(text, mistake.line)
    first = output[output.index(mistake.taplo) :]
    assert re.search(rf"^{line} │ ", first, re.MULTILINE), first[:2000]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[mistake.name for mistake in MISTAKES])
def test_check_jsonschema_names_the_key(
    mistake: Mistake, broken: dict[str, tuple[Path, str]], check_jsonschema_output: str
) -> None:
    path, text = broken[mistake.name]
    _, slide = _where(text, mistake.line)
    expected = f"{path}::" + mistake.check_jsonschema.replace("{slide}", str(slide))
    assert expected in check_jsonschema_output, check_jsonschema_output
    assert "is not valid under any of the schemas" not in check_jsonschema_output
