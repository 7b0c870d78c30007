"""Texts written into bundle.toml read back exactly, whatever they hold."""

from __future__ import annotations

import tomllib

import pytest
import tomlkit
from hypothesis import given, settings

from kiosk.translate.tomltext import toml_string
from tests.translate.strategies import texts


def _readback(text: str, *, inline: bool) -> tuple[str, str]:
    document = tomlkit.document()
    if inline:
        table = tomlkit.inline_table()
        table["fr"] = toml_string(text, inline=True)
        document["k"] = table
        written = tomlkit.dumps(document)
        return tomllib.loads(written)["k"]["fr"], written
    document["k"] = toml_string(text, inline=False)
    written = tomlkit.dumps(document)
    return tomllib.loads(written)["k"], written


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_reads_back_exactly(text: str) -> None:
    assert _readback(text, inline=False)[0] == text
    assert _readback(text, inline=True)[0] == text


@pytest.mark.parametrize(
    "text",
    ['ends in a quote"', 'ends in two""', 'three """ inside', "a \\ at the end \\", "\r\n", "\n"],
)
def test_awkward_ends_read_back(text: str) -> None:
    assert _readback(text, inline=False)[0] == text


def test_a_markdown_body_is_written_as_curators_write_it() -> None:
    body = 'Un **paragraphe** « cité ».\n\nLe second, avec "guillemets".\n'
    assert _readback(body, inline=False)[1] == (
        'k = """\nUn **paragraphe** « cité ».\n\nLe second, avec "guillemets".\n"""\n'
    )


def test_in_an_inline_table_a_line_break_is_escaped() -> None:
    assert _readback("a\nb", inline=True)[1] == 'k = {fr = "a\\nb"}\n'
