"""The preview's plain-Python parts: which slide a message concerns, and the screens."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.bundle import Problem
from kiosk.ui.preview.messages import (
    Kind,
    Message,
    count_by_slide,
    elsewhere,
    for_slide,
    from_problems,
    slide_of,
)
from kiosk.ui.preview.screens import STANDARD, choices, declared_screens


def test_a_key_names_its_slide_by_index() -> None:
    assert slide_of("slides[3].heading") == 3
    assert slide_of("slides[0]") == 0
    assert slide_of("bundle.title.en") is None
    assert slide_of(None) is None


def test_problems_become_messages_of_their_slide_or_of_the_bundle() -> None:
    problems = [
        Problem("/b/bundle.toml", "unknown key", line=24, key="slides[2].hedaing"),
        Problem("/b/bundle.toml", "Unclosed inline table", line=3),
        Problem("media/x.png", "is not a PNG picture"),
    ]
    messages = from_problems(problems, Kind.PROBLEM)
    assert [m.slide for m in messages] == [2, None, None]
    assert messages[0].text == "bundle.toml, line 24: slides[2].hedaing: unknown key"
    assert messages[2].text == "x.png: is not a PNG picture"
    assert str(messages[1]) == "problem: bundle.toml, line 3: Unclosed inline table"


def test_a_slide_shows_its_own_and_the_bundles_messages_and_counts_the_others() -> None:
    messages = [
        Message(Kind.LAYOUT, "a", 0),
        Message(Kind.WARNING, "b", 1),
        Message(Kind.PROBLEM, "c", None),
        Message(Kind.PROBLEM, "d", 1),
    ]
    assert [m.text for m in for_slide(messages, 1)] == ["b", "d", "c"]
    assert elsewhere(messages, 1) == 1
    assert elsewhere(messages, 2) == 3
    assert count_by_slide(messages) == {0: 1, 1: 2}


def test_the_bundles_own_screens_follow_the_standard_ones_once_each() -> None:
    assert choices(None) == list(STANDARD)
    found = choices(["1920x1080", "1280x800", (1024, 768), "1280x800", "nonsense"])
    assert [(s.width, s.height) for s in found[3:]] == [(1280, 800), (1024, 768)]
    assert found[3].label == "Bundle's 1280x800"


def test_screens_are_read_whether_the_model_has_the_field_or_not() -> None:
    assert declared_screens(SimpleNamespace(bundle=SimpleNamespace())) is None
    with_field = SimpleNamespace(bundle=SimpleNamespace(screens=["1080x1920"]))
    assert declared_screens(with_field) == ["1080x1920"]
