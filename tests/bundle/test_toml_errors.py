"""TOML syntax errors in plain words: the place, every independent one, and never a crash
on text no curator meant (the corpus, tests/bundle/corpus, holds the real mistakes)."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.bundle.errors import Problem
from kiosk.bundle.suggest import closest, file, language
from kiosk.bundle.toml_errors import MAX_FINDINGS, syntax_findings
from tests.bundles import VALID_TOML


def test_a_problem_with_a_column_prints_file_line_column() -> None:
    assert str(Problem("b/bundle.toml", "is wrong", line=3, column=7)) == (
        "b/bundle.toml:3:7: is wrong"
    )
    assert str(Problem("b/bundle.toml", "is wrong", line=3)) == "b/bundle.toml:3: is wrong"
    assert str(Problem("b/bundle.toml", "is wrong", column=7)) == "b/bundle.toml: is wrong"


def test_valid_toml_has_no_findings() -> None:
    assert syntax_findings(VALID_TOML) == []


def test_the_unclosed_triple_quote_is_reported_where_it_opened_not_where_toml_noticed() -> None:
    text = 'a = """\nwords\n\n[x]\nb = """\nmore\n"""\n'
    [finding] = syntax_findings(text)
    assert (finding.line, finding.column) == (1, 5)
    assert 'opened with `"""` on line 1 is never closed' in finding.message


def test_findings_stop_at_the_bound() -> None:
    text = "".join(f"k{number} = “x”\n" for number in range(MAX_FINDINGS + 5))
    findings = syntax_findings(text)
    assert len(findings) == MAX_FINDINGS
    assert [finding.line for finding in findings] == list(range(1, MAX_FINDINGS + 1))


def test_a_blanked_table_header_does_not_make_its_keys_clash_with_the_table_before() -> None:
    text = '[a]\nx = 1\n[b\nx = 2\n[c]\ny = "“"\n'
    findings = syntax_findings(text)
    assert [finding.line for finding in findings] == [3]


# Characters that make TOML mistakes, for random edits of a valid manifest.
_SLIPS = st.sampled_from([*"\"'{}[],=#\n“”«» \t\\.x", '"""', "\u00a0", "\x01"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID_TOML)), st.integers(0, 3), _SLIPS), max_size=4))
def test_any_broken_text_gets_findings_inside_it_and_never_a_crash(
    edits: list[tuple[int, int, str]],
) -> None:
    text = VALID_TOML
    for at, cut, slip in edits:
        text = text[:at] + slip + text[at + cut :]
    try:
        tomllib.loads(text)
        parses = True
    except tomllib.TOMLDecodeError:
        parses = False
    findings = syntax_findings(text)
    assert bool(findings) != parses
    lines = text.split("\n")
    for finding in findings:
        assert 1 <= finding.line <= len(lines)
        assert finding.column is None or 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert finding.message


def test_suggestions_stay_quiet_rather_than_guess() -> None:
    assert closest("hedaing", ["heading", "body"]) == "heading"
    assert closest("Narrative", ["title", "narrative"]) == "narrative"
    assert closest("quotation", ["title", "quote", "narrative"]) is None
    assert closest("text", ["title", "type"]) is None
    assert language("aze", ["en", "az"]) == "az"
    assert language("fr", ["en", "az"]) is None
    names = ["media/photo.jpg", "media/Dot.png", "media/candle.svg"]
    assert "media/photo.jpg is: did you mean it? (the extension differs" in file(
        "media/photo.jpeg", names
    )
    assert file("media/other.png", names) == ""
    assert file("media/candel.svg", names) == "; did you mean media/candle.svg?"
