"""Translations go into bundle.toml the way its curator wrote it: comments, order and
layout stay, and a new language stands beside its neighbours."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings

from kiosk.translate import tomledit
from kiosk.translate.tomledit import EditError, apply
from tests.translate.strategies import bundle_texts

ORIGINAL = """\
# The curator's comment stays.
[bundle]
id = "t"
title = { en = "Title", az = "Başlıq" }  # after the title
languages = ["en", "az"]

[[slides]]
type = "narrative"
heading = { en = "Heading", az = "Başlıq" }
body.en = \"\"\"
First **paragraph**.

Second.
\"\"\"
body.az = \"\"\"
Birinci.
\"\"\"   # az body
source.short = { en = "Short", az = "Qısa" }
source.full = { en = "Full", az = "Tam" }

[[slides]]
type = "timeline"
heading.en = "Events"
heading.az = "Hadisələr"

[[slides.events]]
date = { en = "1990", az = "1990" }
text.en = "Something."
text.az = "Nəsə."
"""


def test_a_new_language_stands_after_the_last_one() -> None:
    edits = {
        ("bundle", "title"): "Titre",
        ("slides", 0, "heading"): "Titre",
        ("slides", 0, "body"): "Premier **paragraphe**.\n\nSecond.\n",
        ("slides", 0, "source", "short"): "Court",
        ("slides", 1, "heading"): "Événements",
        ("slides", 1, "events", 0, "text"): "Quelque chose.",
        ("ui", "still_there"): "Encore là ?",
    }
    result = apply(ORIGINAL, edits, "fr", add_language=True)
    assert result == (
        ORIGINAL.replace('az = "Başlıq" }  #', 'az = "Başlıq", fr = "Titre" }  #')
        .replace('["en", "az"]', '["en", "az", "fr"]')
        .replace('az = "Başlıq" }\nbody', 'az = "Başlıq", fr = "Titre" }\nbody')
        .replace(
            '"""   # az body\n',
            '"""   # az body\nbody.fr = """\nPremier **paragraphe**.\n\nSecond.\n"""\n',
        )
        .replace('az = "Qısa" }', 'az = "Qısa", fr = "Court" }')
        .replace(
            'heading.az = "Hadisələr"\n', 'heading.az = "Hadisələr"\nheading.fr = "Événements"\n'
        )
        .replace('text.az = "Nəsə."\n', 'text.az = "Nəsə."\ntext.fr = "Quelque chose."\n')
        + '\n[ui.fr]\nstill_there = "Encore là ?"\n'
    )


def test_an_existing_translation_is_replaced_where_it_stands() -> None:
    result = apply(
        ORIGINAL,
        {("slides", 0, "body"): "Yeni.\n", ("bundle", "title"): "Ad"},
        "az",
        add_language=False,
    )
    assert 'body.az = """\nYeni.\n"""   # az body\n' in result
    assert 'title = { en = "Title", az = "Ad" }  # after the title' in result
    assert result.replace("Yeni.", "Birinci.").replace('"Ad"', '"Başlıq"') == ORIGINAL


def test_a_text_written_as_a_table_gets_the_new_language_in_that_table() -> None:
    original = '[bundle]\nid = "t"\n\n[bundle.title]\nen = "T"\n\n[timing]\n'
    result = apply(original, {("bundle", "title"): "Titre"}, "fr", add_language=False)
    assert result == '[bundle]\nid = "t"\n\n[bundle.title]\nen = "T"\nfr = "Titre"\n\n[timing]\n'


@settings(max_examples=40, deadline=None)
@given(bundle_texts, bundle_texts)
def test_any_body_and_title_read_back_exactly(body: str, title: str) -> None:
    edits = {("slides", 0, "body"): body, ("bundle", "title"): title}
    data = tomllib.loads(apply(ORIGINAL, edits, "he", add_language=True))
    assert data["slides"][0]["body"]["he"] == body
    assert data["bundle"]["title"]["he"] == title


def test_a_result_that_would_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from tomlkit.items import String, StringType, Trivia

    def broken(text: str, *, inline: bool) -> String:
        return String(StringType.SLB, text, text, Trivia())  # nothing escaped

    monkeypatch.setattr(tomledit, "toml_string", broken)
    with pytest.raises(EditError, match="would not parse"):
        apply(ORIGINAL, {("bundle", "title"): 'a "quoted" title'}, "fr", add_language=True)
    with pytest.raises(EditError, match="would not read back"):
        apply(ORIGINAL, {("bundle", "title"): "a \\t tab"}, "fr", add_language=True)


def test_a_new_ui_table_before_the_slides_keeps_a_blank_line_after_it() -> None:
    original = '[bundle]\nid = "t"\n\n[ui.az]\nnext = "Sonra"\n\n[[slides]]\ntype = "x"\n'
    result = apply(original, {("ui", "next"): "Suivant"}, "fr", add_language=False)
    assert result == original.replace("\n[[slides]]", '\n[ui.fr]\nnext = "Suivant"\n\n[[slides]]')
