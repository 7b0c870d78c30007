"""`kiosk new`: a starter bundle, one slide of each type, that validates as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.bundle.errors import BundleError
from kiosk.bundle.loader import load
from kiosk.bundle.model import SLIDE_TYPES
from kiosk.bundle.pack import pack
from kiosk.bundle.starter import StarterError, slug, write_starter
from kiosk.cli import main
from kiosk.text import words


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("starter") / "Spring Exhibition"
    write_starter(folder, ["en", "fr", "it"])
    return folder


def test_the_starter_validates_with_one_slide_of_each_type(starter: Path) -> None:
    bundle = load(starter)
    try:
        assert [slide.type for slide in bundle.manifest.slides] == list(SLIDE_TYPES)
        assert bundle.manifest.bundle.id == "spring-exhibition"
        assert bundle.languages == ["en", "fr", "it"]
    finally:
        bundle.close()


def test_every_text_is_a_placeholder_marked_with_its_language(starter: Path) -> None:
    data = tomllib.loads((starter / "bundle.toml").read_text(encoding="utf-8"))
    title = data["bundle"]["title"]
    assert title["fr"] == "[fr] " + title["en"].removeprefix("[en] ")
    for slide in data["slides"]:
        for key in ("source", "heading", "title", "text"):
            if key in slide:
                assert slide[key]["it"].startswith("[it] "), (slide["type"], key)


def test_a_language_without_the_kiosks_words_gets_a_ui_table(starter: Path) -> None:
    data = tomllib.loads((starter / "bundle.toml").read_text(encoding="utf-8"))
    assert words.missing("it"), "Italian needs no table: pick a language the kiosk lacks"
    assert set(data["ui"]) == {"it"}
    assert set(data["ui"]["it"]) == set(words.missing("it"))


def test_the_starter_explains_itself(starter: Path) -> None:
    text = (starter / "bundle.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ./bundle.schema.json\n")
    assert (starter / "bundle.schema.json").is_file()
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(comments) >= len(SLIDE_TYPES) + 10


@pytest.mark.parametrize(
    ("languages", "said"),
    [
        ([], "at least one language"),
        (["pt-BR", "pt-br"], "listed twice"),
        (["english"], "not a language code"),
        (["en", "qq"], "not a language the kiosk knows"),
    ],
)
def test_bad_languages_are_named(tmp_path: Path, languages: list[str], said: str) -> None:
    with pytest.raises(StarterError, match=said):
        write_starter(tmp_path / "b", languages)
    assert not (tmp_path / "b").exists()


def test_it_never_writes_over_a_folder_with_content(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StarterError, match="not an empty folder"):
        write_starter(tmp_path, ["en"])
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_slug() -> None:
    assert slug("Black January 2026") == "black-january-2026"
    assert slug("Ümumi Bayram") == "umumi-bayram"
    assert slug("ژانویه") == "exhibition"
    assert slug("***") == "exhibition"


def test_kiosk_new_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "show"), "--languages", "en,az"]) == 0
    assert "kiosk preview" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "show")]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "show")]) == 0


def test_the_editors_tools_accept_the_starter_through_its_schema_line(starter: Path) -> None:
    from tests.bundle.test_schema_editors import check_jsonschema, taplo

    manifest = starter / "bundle.toml"
    assert taplo(manifest, schema=None).returncode == 0
    assert check_jsonschema(manifest).returncode == 0


def test_the_starter_is_clean_at_its_screens_in_every_language(starter: Path) -> None:
    """What a curator starts from passes the layout lint and fits, as it should end."""
    from kiosk.qtmedia import ensure_gui
    from kiosk.ui.bundle_check import glyph_and_fit_problems
    from kiosk.ui.lint import lint_bundle
    from kiosk.ui.target_screens import target_screens

    ensure_gui()
    bundle = load(starter)
    try:
        assert glyph_and_fit_problems(bundle) == []
        assert lint_bundle(bundle, target_screens(bundle), bundle.languages) == []
    finally:
        bundle.close()


def test_validate_lists_the_placeholders_left_and_pack_refuses_them(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    write_starter(folder, ["en", "it"])
    bundle = load(folder)
    left = [problem.key for problem in bundle.placeholders]
    bundle.close()
    assert "bundle.title" in left and "slides[1].body" in left and "ui.it" in left
    with pytest.raises(BundleError) as refused:
        pack(folder, tmp_path / "show.kiosk")
    assert "slides[1].body: is still the placeholder `kiosk new` wrote in en, it" in str(
        refused.value
    )
    assert not (tmp_path / "show.kiosk").exists()

    # Written (here by a test: "[en test] ..." is no placeholder), it packs.
    manifest = folder / "bundle.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('= "[en] ', '= "[en test] ').replace('= "[it] ', '= "[it test] '),
        encoding="utf-8",
    )
    assert load(folder).placeholders == ()
    pack(folder, tmp_path / "show.kiosk")


def test_a_translator_gets_no_placeholder_as_a_finished_translation(
    starter: Path, tmp_path: Path
) -> None:
    from kiosk.translate.roundtrip import export_bundle

    export_bundle(starter, tmp_path / "fr.xliff", "fr", None)
    exported = (tmp_path / "fr.xliff").read_text(encoding="utf-8")
    assert "<target" not in exported


@pytest.mark.parametrize("given", [",,", "", " , "])
def test_kiosk_new_with_no_language_in_the_list_asks_for_one(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "show"), "--languages", given]) == 2
    assert "give at least one language, e.g. --languages en,fr" in capsys.readouterr().err
    assert not (tmp_path / "show").exists()


def test_kiosk_new_passes_over_an_empty_item(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "show"), "--languages", "en,,az,"]) == 0
    manifest = (tmp_path / "show" / "bundle.toml").read_text(encoding="utf-8")
    assert tomllib.loads(manifest)["bundle"]["languages"] == ["en", "az"]
