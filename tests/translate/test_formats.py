"""XLIFF 1.2 and PO files keep every text exactly, and refuse what is not theirs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.translate import po, xliff
from kiosk.translate.catalogue import Catalogue, Entry, FormatError
from tests.translate.strategies import bundle_texts

FORMATS = {"xliff": xliff, "po": po}


def _catalogue(pairs: list[tuple[str, str | None]], target: str = "he") -> Catalogue:
    entries = tuple(
        Entry(f"slides[{index}].body", source, translated, note="narrative, body")
        for index, (source, translated) in enumerate(pairs)
    )
    return Catalogue("black-january", "1.1.0", "en", target, entries)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(bundle_texts, st.none() | bundle_texts), min_size=1, max_size=4))
@pytest.mark.parametrize("name", FORMATS)
def test_texts_read_back_exactly(name: str, pairs: list[tuple[str, str | None]]) -> None:
    module = FORMATS[name]
    back = module.read(module.write(_catalogue(pairs)), f"fr.{name}")
    assert [(entry.source, entry.target) for entry in back.entries] == [
        (source, target if target is not None and target.strip() else None)
        for source, target in pairs
    ]
    assert (back.bundle, back.version, back.source, back.target) == (
        "black-january",
        "1.1.0",
        "en",
        "he",
    )
    assert [entry.id for entry in back.entries] == [f"slides[{i}].body" for i in range(len(pairs))]


def test_a_carriage_return_survives_xml() -> None:
    back = xliff.read(xliff.write(_catalogue([("a\r\nb\rc", "ש\r\nל")])), "x.xliff")
    assert (back.entries[0].source, back.entries[0].target) == ("a\r\nb\rc", "ש\r\nל")


def test_xliff_segments_of_a_translation_tool_are_read_as_one_text() -> None:
    data = xliff.write(_catalogue([("One. Two.", None)])).replace(
        b"</source>",
        b'</source><target state="translated"><mrk mtype="seg" mid="1">Un.</mrk> '
        b'<mrk mtype="seg" mid="2">Deux.</mrk></target>',
    )
    assert xliff.read(data, "x.xliff").entries[0].target == "Un. Deux."


@pytest.mark.parametrize("state", ["new", "needs-translation"])
def test_an_xliff_target_not_yet_done_is_marked_unfinished(state: str) -> None:
    data = xliff.write(_catalogue([("One.", "Un.")])).replace(
        b'state="translated"', f'state="{state}"'.encode()
    )
    assert xliff.read(data, "x.xliff").entries[0].unfinished


def test_a_fuzzy_po_entry_is_marked_unfinished() -> None:
    data = po.write(_catalogue([("One.", "Un.")])).replace(b'msgctxt "', b'#, fuzzy\nmsgctxt "')
    assert po.read(data, "x.po").entries[0].unfinished


XLIFF_2 = b"""<?xml version="1.0"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">
<file id="f1"><unit id="u"><segment><source>A</source></segment></unit></file></xliff>"""


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (XLIFF_2, "is XLIFF 2.0; kiosk translate reads XLIFF 1.2"),
        (b"<xliff", "is not well-formed XML"),
        (b"<html/>", "is not an XLIFF file"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>',
            "has a DOCTYPE or entity declarations",
        ),
    ],
)
def test_what_is_not_xliff_1_is_refused_in_plain_words(data: bytes, says: str) -> None:
    with pytest.raises(FormatError, match=says):
        xliff.read(data, "fr.xliff")


def test_a_po_file_not_in_utf8_is_refused() -> None:
    with pytest.raises(FormatError, match="is not UTF-8 text"):
        po.read('msgid "é"\nmsgstr ""\n'.encode("latin-1"), "fr.po")


@pytest.mark.parametrize("name", FORMATS)
def test_line_and_paragraph_separators_stay_inside_the_text(name: str) -> None:
    module = FORMATS[name]
    pairs = [("0\u2028", "a\u2029b\u2028"), ("x\r\ny", None)]
    back = module.read(module.write(_catalogue(pairs)), f"fr.{name}")
    assert [(entry.source, entry.target) for entry in back.entries] == pairs
