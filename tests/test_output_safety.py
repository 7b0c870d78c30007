"""kiosk pack, render --pdf and translate export never write over the bundle they read,
nor over a file of another kind: a slip of the keyboard must not cost a curator's work."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.bundles import write_bundle

#: The bundle's own files an output must never replace (relative to the folder).
OWN = ["bundle.toml", "media/shape.svg", "media/dot.png", "media/new.svg"]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.mark.parametrize("name", OWN)
def test_pack_refuses_to_write_over_the_bundles_own_files(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    before = _tree(tmp_path)
    assert main(["pack", str(root), "-o", str(root / name)]) == 2
    err = capsys.readouterr().err
    assert f"{root / name} is " in err and "nothing was written" in err, err
    assert str(tmp_path / "b.kiosk") in err  # what to give instead
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("name", OWN)
def test_the_sign_off_sheet_refuses_to_write_over_the_bundles_own_files(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    before = _tree(tmp_path)
    assert main(["render", str(root), "--pdf", str(root / name), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{root / name} is " in err and "nothing was written" in err, err
    assert _tree(tmp_path) == before


def test_outputs_refuse_the_kiosk_file_they_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    packed = tmp_path / "b.kiosk"
    assert main(["pack", str(root), "-o", str(packed)]) == 0
    before = packed.read_bytes()
    assert main(["render", str(packed), "--pdf", str(packed)]) == 2
    assert f"{packed} is the bundle {packed} itself" in capsys.readouterr().err
    assert packed.read_bytes() == before


def test_a_link_to_the_manifest_is_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    (tmp_path / "sheet.pdf").symlink_to(root / "bundle.toml")
    (tmp_path / "texts.po").symlink_to(root / "bundle.toml")
    before = _tree(root)
    assert main(["render", str(root), "--pdf", str(tmp_path / "sheet.pdf")]) == 2
    assert main(["pack", str(root), "-o", str(tmp_path / "sheet.pdf")]) == 2
    assert main(["translate", "export", str(root), str(tmp_path / "texts.po"), "--to", "fr"]) == 2
    assert capsys.readouterr().err.count("the bundle's bundle.toml") == 3
    assert _tree(root) == before


def test_translate_export_refuses_the_media_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    file = root / "media" / "texts.po"
    assert main(["translate", "export", str(root), str(file), "--to", "fr"]) == 2
    assert "in the bundle's media folder" in capsys.readouterr().err
    assert not file.exists()


@pytest.mark.parametrize(
    ("command", "kind"), [("pack", "kiosk bundle (a zip file)"), ("render", "PDF")]
)
def test_an_existing_file_of_another_kind_is_never_replaced(
    command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    notes = tmp_path / "notes.txt"
    notes.write_text("The curator's notes, nowhere else.\n")
    option = "-o" if command == "pack" else "--pdf"
    assert main([command, str(root), option, str(notes)]) == 2
    assert f"{notes} exists and is not a {kind}" in capsys.readouterr().err
    assert notes.read_text() == "The curator's notes, nowhere else.\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b", "notes.txt"]


def test_pack_replaces_its_own_earlier_archive_and_an_empty_file(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b")
    output = tmp_path / "b.kiosk"
    output.touch()
    assert main(["pack", str(root), "-o", str(output)]) == 0
    assert main(["pack", str(root), "-o", str(output)]) == 0
    assert zipfile.ZipFile(output).namelist()[0] == "bundle.toml"
