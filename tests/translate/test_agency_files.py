"""Files as curators' editors and agencies' tools really write them: bundle.toml with a
byte-order mark or Windows line endings, region codes (en-US, fr-FR) for the bundle's
languages, and unit ids given twice."""

from __future__ import annotations

import codecs
import tomllib
from pathlib import Path

import polib
import pytest

from kiosk.cli import main
from tests.bundles import VALID_TOML, write_bundle

#: VALID_TOML's quotation slide has an id, so its units are named by it.
TOML = VALID_TOML.replace('type = "quote"\n', 'type = "quote"\nid = "a-quote"\n')


def _xliff(bundle: Path, tmp_path: Path, target: str = "fr") -> str:
    """The bundle's texts exported to XLIFF for ``target``, every unit filled with
    test content (in that language, as the test says)."""
    file = tmp_path / "out.xliff"
    assert main(["translate", "export", str(bundle), str(file), "--to", target]) == 0
    text = file.read_text(encoding="utf-8")
    return text.replace("</source>", "</source><target>[test translation] x</target>")


def _import(bundle: Path, tmp_path: Path, text: str, name: str = "done.xliff") -> int:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return main(["translate", "import", str(bundle), str(tmp_path / name)])


def _languages(bundle: Path) -> list[str]:
    text = (bundle / "bundle.toml").read_bytes().decode("utf-8-sig")
    return tomllib.loads(text)["bundle"]["languages"]


def test_a_bundle_toml_with_a_byte_order_mark_exports_and_keeps_it_on_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    manifest = bundle / "bundle.toml"
    manifest.write_bytes(codecs.BOM_UTF8 + manifest.read_bytes())
    assert main(["validate", str(bundle)]) == 0  # the kiosk reads it: so must translate
    assert _import(bundle, tmp_path, _xliff(bundle, tmp_path)) == 0, capsys.readouterr().err
    data = manifest.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    assert _languages(bundle) == ["en", "az", "fr"]


def test_windows_line_endings_stay_windows_line_endings(tmp_path: Path) -> None:
    body = 'body = { en = "Some **Markdown**.", az = "Bir az **Markdown**." }\n'
    dotted = 'body.en = """\nSome\n**Markdown**."""\nbody.az = """\nBir az\n**Markdown**."""\n'
    bundle = write_bundle(tmp_path / "b", TOML.replace(body, dotted).replace("\n", "\r\n"))
    manifest = bundle / "bundle.toml"
    text = _xliff(bundle, tmp_path)
    start = text.index('id="slides[2].body"')
    end = text.index("</trans-unit>", start)
    lines = text[start:end].replace("[test translation] x", "[test translation]&#10;two lines")
    assert _import(bundle, tmp_path, text[:start] + lines + text[end:]) == 0
    data = manifest.read_bytes()
    assert b'body.fr = """\r\n[test translation]\r\ntwo lines"""\r\n' in data, data
    assert data.count(b"\n") == data.count(b"\r\n"), data
    assert main(["validate", str(bundle)]) == 0


def test_a_region_variant_of_the_bundles_languages_is_taken_as_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An agency's tool writes en-US and fr-FR for the en and fr the bundle has."""
    bundle = write_bundle(tmp_path / "b", TOML)
    assert _import(bundle, tmp_path, _xliff(bundle, tmp_path)) == 0
    assert _languages(bundle) == ["en", "az", "fr"]
    text = _xliff(bundle, tmp_path).replace("[test translation] x", "[test translation] y")
    text = text.replace('source-language="en"', 'source-language="en-US"')
    text = text.replace('target-language="fr"', 'target-language="fr-FR"')
    capsys.readouterr()
    assert _import(bundle, tmp_path, text) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "en-US in the file taken as the bundle's en" in out
    assert "fr-FR in the file taken as the bundle's fr" in out
    assert "7 texts in fr written" in out
    assert _languages(bundle) == ["en", "az", "fr"]
    data = tomllib.loads((bundle / "bundle.toml").read_text(encoding="utf-8"))
    assert data["slides"][1]["text"]["fr"] == "[test translation] y"


def test_a_new_regional_target_stays_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    text = _xliff(bundle, tmp_path, "pt-BR").replace(
        'source-language="en"', 'source-language="en-GB"'
    )
    assert _import(bundle, tmp_path, text) == 0, capsys.readouterr().err
    assert "en-GB in the file taken as the bundle's en" in capsys.readouterr().out
    assert _languages(bundle) == ["en", "az", "pt-BR"]


def test_a_source_language_the_bundle_does_not_have_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    text = _xliff(bundle, tmp_path).replace('source-language="en"', 'source-language="de-DE"')
    assert _import(bundle, tmp_path, text) == 1
    assert "translates from de-DE, which the bundle does not have" in capsys.readouterr().err


def test_unit_ids_given_twice_in_xliff_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    before = (bundle / "bundle.toml").read_bytes()
    text = _xliff(bundle, tmp_path)
    start = text.index('<trans-unit id="a-quote.text"')
    unit = text[start : text.index("</trans-unit>", start) + len("</trans-unit>")]
    text = text.replace(unit, unit + unit.replace("[test translation] x", "other"))
    assert _import(bundle, tmp_path, text) == 1
    err = capsys.readouterr().err
    assert "a-quote.text" in err and "more than once" in err, err
    assert (bundle / "bundle.toml").read_bytes() == before


def test_unit_ids_given_twice_in_po_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    before = (bundle / "bundle.toml").read_bytes()
    file = tmp_path / "fr.po"
    assert main(["translate", "export", str(bundle), str(file), "--to", "fr"]) == 0
    catalogue = polib.pofile(str(file))
    for entry in catalogue:
        entry.msgstr = "[test translation] x"
    twice = next(entry for entry in catalogue if entry.msgctxt == "slides[2].heading")
    catalogue.append(polib.POEntry(msgctxt=twice.msgctxt, msgid=twice.msgid, msgstr="other"))
    catalogue.save(str(file))
    assert main(["translate", "import", str(bundle), str(file)]) == 1
    err = capsys.readouterr().err
    assert "slides[2].heading" in err and "more than once" in err, err
    assert (bundle / "bundle.toml").read_bytes() == before


def test_one_region_into_another_of_the_bundles_language_is_a_new_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b", TOML)
    text = _xliff(bundle, tmp_path, "en-GB").replace(
        'source-language="en"', 'source-language="en-US"'
    )
    assert _import(bundle, tmp_path, text) == 0, capsys.readouterr().err
    assert _languages(bundle) == ["en", "az", "en-GB"]
