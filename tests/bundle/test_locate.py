"""Finding the line of a key path in bundle.toml."""

from kiosk.bundle.locate import LineIndex

TOML = """\
[bundle]
id = "x"
title = { en = "T", az = "T" }

[[slides]]
type = "title"
title.en = "A"
title.az = "B"

[[slides]]
type = "timeline"
events = [
  { date = { en = "1" }, text = { en = "a" } },
  { date = { en = "2" }, text = { en = "b" } },
]
body = \"\"\"
[[slides]]
not = "a header"
\"\"\"

[[slides]]
type = "memorial"

[[slides.figures]]
value = "133"

[[slides.figures]]
value = "700"

[slides.dedication]
en = "In memory"
"""


def test_table_keys_dotted_keys_and_inline_tables_have_their_lines() -> None:
    index = LineIndex(TOML)
    assert index.line_of(("bundle", "id")) == 2
    assert index.line_of(("bundle", "title", "az")) == 3
    assert index.line_of(("slides", 0)) == 5
    assert index.line_of(("slides", 0, "title", "az")) == 8
    assert index.line_of(("slides", 0, "title", "fr")) == 7  # missing: its parent's line


def test_items_of_a_multiline_array_have_their_lines() -> None:
    index = LineIndex(TOML)
    assert index.line_of(("slides", 1, "events", 0, "text")) == 13
    assert index.line_of(("slides", 1, "events", 1, "date", "en")) == 14


def test_headers_inside_multiline_strings_are_not_headers() -> None:
    index = LineIndex(TOML)
    assert index.line_of(("slides", 2, "type")) == 22
    assert index.line_of(("slides", 2)) == 21  # the header in the string was not counted


def test_nested_arrays_of_tables_and_subtables() -> None:
    index = LineIndex(TOML)
    assert index.line_of(("slides", 2, "figures", 1, "value")) == 28
    assert index.line_of(("slides", 2, "dedication", "en")) == 31
