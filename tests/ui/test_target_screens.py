"""[bundle] screens: kiosk validate and kiosk pack lay every slide out at each target
screen, refuse a text that does not fit (saying where and by how much), warn of pictures
enlarged there, and pack only the bundle."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.locate import key_path
from kiosk.cli import main
from kiosk.ui.target_screens import key_of
from tests.bundles import png, write_bundle

# Test content, not the exhibition's.
HEAD = """\
[bundle]
id = "fit"
title = { en = "Fit" }
version = "1"
languages = ["en"]
source = { en = "Test source" }
"""
#: A word of 36 letters: it fits the landscape column, not the portrait one.
LONG_WORD = "W" * 36
ONLY = {"media/dot.png": None, "media/shape.svg": None}


def narrative(body: str) -> str:
    return (
        '[[slides]]\ntype = "narrative"\nid = "long"\nheading = { en = "A heading" }\n'
        f'body = {{ en = "{body}" }}\n'
    )


def test_validate_names_the_screen_key_and_amount_and_pack_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = HEAD + 'screens = ["1920x1080", "1080x1920"]\n' + narrative(f"Test content {LONG_WORD}.")
    root = write_bundle(tmp_path / "b", toml, ONLY)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1, out  # at 1080x1920 only
    assert out[0].startswith(
        f"{root}/bundle.toml:12: slides[0].body.en: at 1080x1920 (slide 1, long): "
        f'the word "{LONG_WORD}." in body is '
    )
    assert out[0].endswith(
        " px wider than its column even in the smallest type: "
        "use a shorter word, or one with a hyphen it may break at"
    )
    output = tmp_path / "b.kiosk"
    assert main(["pack", str(root), "-o", str(output)]) == 1
    assert not output.exists()
    assert "slides[0].body.en: at 1080x1920" in capsys.readouterr().out
    # Made for landscape only, it fits.
    write_bundle(root, toml.replace(', "1080x1920"', ""), ONLY)
    assert main(["validate", str(root)]) == 0


def test_a_text_too_long_says_about_how_many_lines_and_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Test content: a sentence of ten words about the subject here. " * 30
    root = write_bundle(tmp_path / "b", HEAD + 'screens = ["1080x1920"]\n' + narrative(body), ONLY)
    assert main(["validate", str(root)]) == 1
    line = capsys.readouterr().out
    assert "slides[0].body.en: at 1080x1920 (slide 1, long): the body is " in line
    assert " px too tall even in the smallest type: about " in line
    lines = int(line.split("about ")[1].split(" line")[0])
    words = int(line.split("shorten it by about ")[1].split(" words")[0])
    assert 5 <= lines <= 20 and 8 * lines <= words <= 12 * lines  # ten-word sentences


def test_screens_must_be_written_as_width_x_height(tmp_path: Path) -> None:
    toml = HEAD + 'screens = ["1920x1080", "full hd"]\n' + narrative("Hi.")
    root = write_bundle(tmp_path / "b", toml, ONLY)
    with pytest.raises(BundleError) as error:
        load(root)
    assert [str(problem) for problem in error.value.problems] == [
        f'{root}/bundle.toml:7: bundle.screens[1]: "full hd" is not a screen size written '
        'as width x height in pixels, such as "1920x1080"'
    ]


def test_a_small_picture_at_4k_warns_and_pack_leaves_out_what_is_not_the_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slide = '[[slides]]\ntype = "image"\nimage = "media/small.png"\ncaption = { en = "Hi." }\n'
    files = {
        **ONLY,
        "media/small.png": png(300, 200),
        "media/unused.png": png(),
        "bundle.schema.json": b"{}",
        "media/Thumbs.db": b"junk",
    }
    root = write_bundle(tmp_path / "b", HEAD + 'screens = ["3840x2160"]\n' + slide, files)
    assert main(["validate", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"warning: {root}/media/Thumbs.db: left by the operating system or an editor; not packed",
        f"warning: {root}/media/unused.png: no slide or font uses it; not packed "
        "(delete it, or use it)",
        f"note: {root}/bundle.schema.json: the schema for your editor; not packed "
        "(the kiosk does not need it)",
        f"warning: {root}/bundle.toml:10: slides[0].image (slide 1, image): media/small.png, "
        "a picture of 300x200 pixels, is shown 8.2 times enlarged on a 3840x2160 screen, and "
        "looks soft (sharp up to 1.5 times): use a picture of at least 1642x1095 pixels",
        "OK: Fit (1), 1 slides, languages: en",
    ]
    first, second = tmp_path / "one.kiosk", tmp_path / "two.kiosk"
    assert main(["pack", str(root), "-o", str(first)]) == 0
    assert "media/unused.png: no slide or font uses it" in capsys.readouterr().out
    assert main(["pack", str(root), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["bundle.toml", "media/small.png"]


def test_each_text_a_renderer_names_has_its_key_in_bundle_toml(tmp_path: Path) -> None:
    timeline = (
        '[[slides]]\ntype = "timeline"\nchapter = { en = "One" }\nheading = { en = "Dates" }\n'
        'events = [{ date = { en = "1990" }, text = { en = "A." } }, '
        '{ date = { en = "1991" }, text = { en = "B." } }]\n'
    )
    root = write_bundle(tmp_path / "b", HEAD + timeline + narrative("Hi."), ONLY)
    bundle = load(root)
    try:
        keys = {
            name: key_path(key_of(bundle, index, name, "en"))
            for index, name in [
                (0, "events[1].text"),
                (0, "heading"),
                (1, "chapter"),
                (1, "source"),
            ]
        }
    finally:
        bundle.close()
    assert keys == {
        "events[1].text": "slides[0].events[1].text.en",
        "heading": "slides[0].heading.en",
        "chapter": "slides[0].chapter.en",  # the running head: the chapter opened before
        "source": "slides[1].source",
    }
