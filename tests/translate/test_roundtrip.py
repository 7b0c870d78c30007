"""The translators' round trip on the built-in bundle: export, a translation tool fills
the targets, import into a copy; the result validates and renders, and the files pass
translate-toolkit's own tools. Every translated text here is test content, marked
"[fr test]" or "[he test]"."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import polib
import pytest
from translate.storage import factory

from kiosk.cli import main
from kiosk.paths import builtin_bundle

TOOLS = Path(sys.executable).parent


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    copy = tmp_path / "black-january"
    shutil.copytree(builtin_bundle(), copy)
    return copy


def _test_content(unit_id: str, source: str, marker: str) -> str:
    """Test content standing for a translation: the marker and the source text. A
    figure's value keeps only its number, so that it fits as a real one would."""
    if unit_id.endswith(".value"):
        return f"[t] {source.split()[-1]}"
    return f"{marker} {source}"


def _fill_with_translate_toolkit(exported: Path, filled: Path, marker: str) -> int:
    """Fills every target as a translator's tool would: translate-toolkit reads the
    file and writes it back."""
    store = factory.getobject(str(exported))
    count = 0
    for unit in store.units:
        if unit.isheader():
            continue
        unit.target = _test_content(unit.getid(), unit.source, marker)
        count += 1
    store.savefile(str(filled))
    return count


def _run_tool(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TOOLS / str(args[0])), *map(str, args[1:])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Error" not in result.stderr, result.stderr
    return result


#: What pofilter finds in the test content: its "[fr test]" marker, and nothing else.
MARKER_FINDINGS = {"brackets", "startcaps", "startpunc"}


def _checked_by_translate_toolkit(file: Path, units: int, translated: int) -> None:
    """pocount counts every unit; pofilter runs its checks on every translated one and
    finds nothing (untranslated units aside) but what the test marker causes."""
    [counted] = csv.DictReader(_run_tool("pocount", "--csv", file).stdout.splitlines())
    assert int(counted["Total Message"]) == units, counted
    assert int(counted["Translated Messages"]) == translated, counted
    out = file.with_name(f"checked-{file.name}")
    _run_tool("pofilter", "--excludefilter=untranslated", file, out)
    if not translated:
        assert not out.exists()  # pofilter writes a file only when it flags a unit
        return
    flagged = factory.getobject(str(out))
    findings = {
        line.split(":")[0]
        for unit in flagged.units
        if not unit.isheader()
        for line in unit.getnotes("pofilter").splitlines()
    }
    assert findings and findings <= MARKER_FINDINGS, findings


@pytest.fixture
def french(bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The built-in bundle's texts exported for French, and the same file with every
    target filled (with test content) by translate-toolkit."""
    exported, filled = tmp_path / "fr.xliff", tmp_path / "fr-done.xliff"
    assert main(["translate", "export", str(bundle), str(exported), "--to", "fr"]) == 0
    assert "Wrote 56 texts to translate into fr" in capsys.readouterr().out
    assert _fill_with_translate_toolkit(exported, filled, "[fr test]") == 56
    return exported, filled


def test_the_xliff_files_pass_translate_toolkits_checks(french: tuple[Path, Path]) -> None:
    exported, filled = french
    _checked_by_translate_toolkit(exported, 56, 0)
    _checked_by_translate_toolkit(filled, 56, 56)


def test_built_in_bundle_round_trip_into_french_validates_and_renders(
    bundle: Path, french: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", "import", str(bundle), str(french[1])]) == 0
    said = capsys.readouterr().out
    assert "56 texts in fr written to bundle.toml, 0 unchanged" in said
    assert "fr added to [bundle] languages" in said
    assert "OK: Black January (1.1.0), 10 slides, languages: en, az, fr" in said

    data = tomllib.loads((bundle / "bundle.toml").read_text(encoding="utf-8"))
    body = data["slides"][1]["body"]
    assert body["fr"] == "[fr test] " + body["en"]  # Markdown, paragraphs and all
    assert (
        (bundle / "bundle.toml")
        .read_text(encoding="utf-8")
        .startswith(
            (builtin_bundle() / "bundle.toml").read_text(encoding="utf-8").split("[bundle]")[0]
        )
    )  # the curator's header comments stay
    out = tmp_path / "png"
    assert main(["render", str(bundle), "-o", str(out), "--lang", "fr", "--size", "1280x720"]) == 0
    assert len(list(out.glob("*-fr-1280x720.png"))) == 10


def test_right_to_left_round_trip_through_po_with_the_kiosk_words(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported, filled = tmp_path / "he.po", tmp_path / "he-done.po"
    assert main(["translate", "export", str(bundle), str(exported), "--to", "he"]) == 0
    # The kiosk has no words of its own in Hebrew: its visitor words are units too
    # (not those of films and sound, which this bundle has none of).
    catalogue = polib.pofile(str(exported))
    ids = [entry.msgctxt for entry in catalogue]
    assert "ui.still_there" in ids and "ui.listen" not in ids
    assert len(ids) == 65
    _checked_by_translate_toolkit(exported, 65, 0)
    for entry in catalogue:
        entry.msgstr = _test_content(entry.msgctxt, "בדיקה", "[he test]")
    catalogue.save(str(filled))
    capsys.readouterr()

    assert main(["translate", "import", str(bundle), str(filled)]) == 0
    said = capsys.readouterr().out
    assert "OK: Black January (1.1.0), 10 slides, languages: en, az, he" in said
    data = tomllib.loads((bundle / "bundle.toml").read_text(encoding="utf-8"))
    assert data["ui"]["he"]["still_there"] == "[he test] בדיקה"
    assert data["slides"][3]["text"]["he"] == "[he test] בדיקה"
