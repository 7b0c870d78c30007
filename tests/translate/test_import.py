"""kiosk translate import refuses what is not for this bundle, names what is left
undone, writes nothing empty, and never leaves a broken bundle.toml behind."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import polib
import pytest

from kiosk.cli import main
from kiosk.translate import tomledit
from tests.bundles import VALID_TOML, write_bundle

#: VALID_TOML's quotation slide has an id, so its units are named by it.
TOML = VALID_TOML.replace('type = "quote"\n', 'type = "quote"\nid = "a-quote"\n')


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "b", TOML)


def _export(bundle: Path, file: Path, *extra: str) -> polib.POFile:
    assert main(["translate", "export", str(bundle), str(file), "--to", "fr", *extra]) == 0
    return polib.pofile(str(file))


def _filled(
    bundle: Path, tmp_path: Path, *, skip: tuple[str, ...] = (), content: str = "[fr test] {}"
) -> Path:
    """The bundle's texts exported to PO and filled with test content, but ``skip``."""
    catalogue = _export(bundle, tmp_path / "fr.po")
    for entry in catalogue:
        if entry.msgctxt not in skip:
            entry.msgstr = content.format(entry.msgid)
    catalogue.save(str(tmp_path / "fr-done.po"))
    return tmp_path / "fr-done.po"


def test_unit_ids_name_each_text_by_slide_id_or_index(bundle: Path, tmp_path: Path) -> None:
    ids = [entry.msgctxt for entry in _export(bundle, tmp_path / "fr.po")]
    assert ids == [
        "bundle.title",
        "bundle.source",
        "slides[0].title",
        "a-quote.text",
        "a-quote.attribution",
        "slides[2].heading",
        "slides[2].body",
    ]


def test_a_file_for_another_bundle_is_refused(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write_bundle(tmp_path / "other", TOML.replace('id = "test"', 'id = "another"'))
    file = _filled(other, tmp_path)
    before = (bundle / "bundle.toml").read_bytes()
    assert main(["translate", "import", str(bundle), str(file)]) == 1
    assert 'fr-done.po: was made for the bundle "another", not for "test"' in (
        capsys.readouterr().err
    )
    assert (bundle / "bundle.toml").read_bytes() == before


def test_a_file_whose_sources_changed_since_export_is_refused_naming_the_units(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _filled(bundle, tmp_path)
    changed = TOML.replace('"A quotation."', '"Another quotation."').replace(
        '"Heading"', '"A heading"'
    )
    (bundle / "bundle.toml").write_text(changed, encoding="utf-8")
    assert main(["translate", "import", str(bundle), str(file)]) == 1
    assert (
        "the en text of a-quote.text, slides[2].heading changed in bundle.toml since the file "
        "was exported. Nothing was imported"
    ) in capsys.readouterr().err
    assert (bundle / "bundle.toml").read_text(encoding="utf-8") == changed


def test_a_packed_bundle_is_refused(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _filled(bundle, tmp_path)
    packed = tmp_path / "b.kiosk"
    assert main(["pack", str(bundle), "-o", str(packed)]) == 0
    assert main(["translate", "export", str(packed), str(tmp_path / "x.xliff"), "--to", "fr"]) == 0
    capsys.readouterr()
    assert main(["translate", "import", str(packed), str(file)]) == 1
    assert "b.kiosk: is a packed bundle; import into its folder" in capsys.readouterr().err


def test_untranslated_units_are_named_and_nothing_empty_is_written(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _filled(bundle, tmp_path, skip=("a-quote.attribution", "slides[2].body"))
    capsys.readouterr()
    assert main(["translate", "import", str(bundle), str(file)]) == 1  # fr is incomplete
    said = capsys.readouterr().out
    assert "5 texts in fr written to bundle.toml" in said
    assert "2 not translated, nothing written for them: a-quote.attribution, slides[2].body" in (
        said
    )
    assert "slides[1].attribution.fr: " in said  # and kiosk validate names them
    data = tomllib.loads((bundle / "bundle.toml").read_text(encoding="utf-8"))
    assert "fr" not in data["slides"][1]["attribution"]
    assert data["slides"][1]["text"]["fr"] == "[fr test] A quotation."


def test_a_translation_is_updated_in_place(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", "import", str(bundle), str(_filled(bundle, tmp_path))]) == 0
    first = (bundle / "bundle.toml").read_text(encoding="utf-8")
    again = tmp_path / "again"
    again.mkdir()
    catalogue = _export(bundle, again / "fr.po")
    assert [entry.msgstr for entry in catalogue][:3] == [
        "[fr test] Test",
        "[fr test] Test content",
        "[fr test] Hello",
    ]
    catalogue[2].msgstr = "[fr test] Bonjour"
    catalogue.save(str(again / "fr.po"))
    capsys.readouterr()
    assert main(["translate", "import", str(bundle), str(again / "fr.po")]) == 0
    said = capsys.readouterr().out
    assert "1 text in fr written to bundle.toml, 6 unchanged" in said
    assert "added to [bundle] languages" not in said
    assert (bundle / "bundle.toml").read_text(encoding="utf-8") == first.replace(
        '"[fr test] Hello"', '"[fr test] Bonjour"'
    )


def test_a_result_that_would_not_parse_leaves_bundle_toml_as_it_was(
    bundle: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tomlkit.items import String, StringType, Trivia

    file = _filled(bundle, tmp_path, content='[fr test] "{}"')
    monkeypatch.setattr(
        tomledit,
        "toml_string",
        lambda text, *, inline: String(StringType.SLB, text, text, Trivia()),
    )
    shutil.copy(bundle / "bundle.toml", tmp_path / "before.toml")
    assert main(["translate", "import", str(bundle), str(file)]) == 1
    assert "would not parse" in capsys.readouterr().err
    assert (bundle / "bundle.toml").read_bytes() == (tmp_path / "before.toml").read_bytes()
    assert sorted(path.name for path in bundle.iterdir()) == ["bundle.toml", "media"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--to", "en"], "--to en: give the language to translate into"),
        (["--to", "fr", "--from", "de"], "--from de: the bundle has no language de"),
        (["--to", "fr", "--file", "x.docx"], "name the file .xliff or .xlf"),
    ],
)
def test_export_usage_mistakes_are_said_plainly(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    name = "x.docx" if "--file" in args else "x.po"
    args = [arg for arg in args if arg not in ("--file", "x.docx")]
    assert main(["translate", "export", str(bundle), str(tmp_path / name), *args]) == 1
    assert says in capsys.readouterr().err


def test_a_tool_that_drops_the_bundle_id_and_writes_fr_fr_is_understood(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", "export", str(bundle), str(tmp_path / "fr.xliff"), "--to", "fr"]) == 0
    text = (tmp_path / "fr.xliff").read_text(encoding="utf-8")
    text = text.replace(' product-name="test"', "").replace(
        'target-language="fr"', 'target-language="fr_FR"'
    )
    text = text.replace("</source>", "</source><target>[fr test] x</target>")
    (tmp_path / "done.xliff").write_text(text, encoding="utf-8")
    assert main(["translate", "import", str(bundle), str(tmp_path / "done.xliff")]) == 0
    assert "7 texts in fr-FR written" in capsys.readouterr().out
    assert tomllib.loads((bundle / "bundle.toml").read_text())["bundle"]["languages"][-1] == "fr-FR"


def test_without_the_bundle_id_another_bundles_file_is_still_refused(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write_bundle(
        tmp_path / "other",
        TOML.replace('"Hello"', '"Good day"').replace('id = "test"', 'id = "another"'),
    )
    file = _filled(other, tmp_path)
    file.write_text(file.read_text().replace('"X-Kiosk-Bundle: another\\n"\n', ""))
    assert "X-Kiosk-Bundle:" not in file.read_text()
    assert main(["translate", "import", str(bundle), str(file)]) == 1
    assert "the en text of slides[0].title changed" in capsys.readouterr().err


def test_a_missing_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "import", str(tmp_path / "none"), str(tmp_path / "fr.po")]) == 1
    assert "none: does not exist" in capsys.readouterr().err
