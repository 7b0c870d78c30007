"""``kiosk translate export`` and ``import``: a bundle's texts out to a translator's file,
and the translations back into bundle.toml.

Export reads bundle.toml as it is (a folder or a .kiosk file), so a bundle whose new
language is half done can be exported again. Import refuses a file made for another
bundle, or one whose source texts have changed since it was exported, before anything
is written; then it edits bundle.toml in place with tomlkit and replaces it atomically.
The command line validates the result, as ``kiosk validate`` does.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kiosk.bundle.errors import BundleError
from kiosk.bundle.locate import KeyPath, LineIndex
from kiosk.bundle.model import LANGUAGE_PATTERN
from kiosk.bundle.outputs import check_output
from kiosk.bundle.source import MANIFEST, MAX_MANIFEST_BYTES, open_source
from kiosk.text.languages import same_language
from kiosk.translate import po, xliff
from kiosk.translate.catalogue import Catalogue, Entry, FormatError
from kiosk.translate.tomledit import EditError, apply
from kiosk.translate.units import Unit, collect

#: A translation file larger than this is not one of ours (the largest bundle.toml
#: the kiosk reads is 4 MB; XLIFF roughly doubles it, with notes).
MAX_FILE_BYTES = 32 * 1024 * 1024
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
#: How many unit ids a message lists before it says "and N more".
_LISTED = 12


class TranslateError(Exception):
    """Why the export or import cannot be done; nothing was written."""


Writer = Callable[[Catalogue], bytes]
Reader = Callable[[bytes, str], Catalogue]
FORMATS: dict[str, tuple[Writer, Reader]] = {
    ".xliff": (xliff.write, xliff.read),
    ".xlf": (xliff.write, xliff.read),
    ".po": (po.write, po.read),
}


def _format(file: Path) -> tuple[Writer, Reader]:
    found = FORMATS.get(file.suffix.lower())
    if found is None:
        raise TranslateError(
            f"{file}: name the file .xliff or .xlf (XLIFF 1.2, for agencies' tools) "
            "or .po (gettext PO)"
        )
    return found


def _listing(ids: list[str]) -> str:
    shown = ", ".join(ids[:_LISTED])
    return shown + (f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TranslateError(
            f"{where}: bundle.toml does not parse ({error}); run kiosk validate and correct it"
        ) from None
    info = data.get("bundle")
    if not isinstance(info, dict) or not isinstance(info.get("id"), str):
        raise TranslateError(f"{where}: bundle.toml has no [bundle] id; run kiosk validate")
    languages = info.get("languages")
    if not isinstance(languages, list) or not languages or not isinstance(languages[0], str):
        raise TranslateError(f"{where}: bundle.toml has no [bundle] languages")
    return data


def _read_manifest(path: Path) -> str:
    """The text of bundle.toml in a bundle folder or .kiosk file."""
    try:
        source = open_source(path)
    except BundleError as error:
        raise TranslateError(str(error)) from None
    try:
        if not source.has(MANIFEST):
            raise TranslateError(f"{path}: has no {MANIFEST}")
        data = source.read(MANIFEST, MAX_MANIFEST_BYTES)
    except BundleError as error:
        raise TranslateError(str(error)) from None
    finally:
        source.close()
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as the kiosk reads it
    except UnicodeDecodeError:
        raise TranslateError(f"{path}: {MANIFEST} is not UTF-8 text") from None


@dataclass(frozen=True)
class Exported:
    file: Path
    units: int
    translated: int


def export_bundle(path: Path, file: Path, target: str, source: str | None = None) -> Exported:
    """Writes every text of the bundle at ``path`` to ``file`` for translation into
    ``target`` (XLIFF 1.2 or PO, by the file's suffix), from ``source`` (by default the
    bundle's first language), with the target texts the bundle already has.

    Raises OutputRefusedError when ``file`` is one of the bundle's own files."""
    writer, _ = _format(file)
    check_output(file, path, kind="translation file", magic=None, suffix=file.suffix)
    text = _read_manifest(path)
    data = _parse(text, str(path))
    info = data["bundle"]
    languages = [code for code in info["languages"] if isinstance(code, str)]
    source = source or languages[0]
    if source not in languages:
        raise TranslateError(
            f"--from {source}: the bundle has no language {source} (it has {', '.join(languages)})"
        )
    if not _LANGUAGE.match(target) or target == source:
        raise TranslateError(
            f"--to {target}: give the language to translate into as a code such as fr or "
            f"pt-BR, other than the source language {source}"
        )
    units = collect(data, source, target)
    lines = LineIndex(text)
    entries = tuple(
        Entry(
            unit.id,
            unit.source,
            unit.target,
            unit.note,
            max_chars=unit.max_chars,
            line=lines.line_of((*unit.path, source)) if unit.path[0] != "ui" else None,
        )
        for unit in units
    )
    catalogue = Catalogue(str(info["id"]), str(info.get("version", "")), source, target, entries)
    write_atomically(file, writer(catalogue))
    return Exported(file, len(entries), sum(unit.target is not None for unit in units))


@dataclass
class Imported:
    """What an import did."""

    language: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    language_added: bool = False
    #: The file's language codes taken as the bundle's ("fr-FR in the file taken as ...").
    matched: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, in plain words."""
        said = list(self.matched)
        said.append(
            f"{len(self.written)} text{'s' if len(self.written) != 1 else ''} in "
            f"{self.language} written to bundle.toml, {len(self.unchanged)} unchanged"
        )
        if self.language_added:
            said.append(f"{self.language} added to [bundle] languages")
        if self.unfinished:
            said.append(
                f"{len(self.unfinished)} marked as not finished (fuzzy, or needing "
                f"translation) and left out: {_listing(self.unfinished)}"
            )
        if self.untranslated:
            said.append(
                f"{len(self.untranslated)} not translated, nothing written for them: "
                f"{_listing(self.untranslated)}"
            )
        return said


def _regionless(code: str) -> bool:
    """A code of a language alone, or with its script ("fr", "az-Latn"), no region."""
    return all(len(tag) == 4 for tag in code.split("-")[1:])


def _bundle_language(code: str, languages: list[str]) -> str:
    """The bundle's language ``code`` stands for: itself, or the one bundle language
    it is a region variant of (agencies' tools write en-US and fr-FR for en and fr)."""
    if code in languages:
        return code
    bases = [
        language
        for language in languages
        if _regionless(language) and same_language(code, language)
    ]
    return bases[0] if len(bases) == 1 else code


def _as_bundles(catalogue: Catalogue, languages: list[str]) -> tuple[Catalogue, list[str]]:
    """``catalogue`` with its languages as the bundle writes them, and what was taken
    for what; a target language the bundle does not have stays as the file writes it."""
    source = _bundle_language(catalogue.source, languages)
    target = _bundle_language(catalogue.target, languages)
    if target == source:  # en-US into en-GB, for a bundle in en: en-GB is a new language
        target = catalogue.target
    said = [
        f"{theirs} in the file taken as the bundle's {ours}"
        for theirs, ours in ((catalogue.source, source), (catalogue.target, target))
        if theirs != ours
    ]
    return replace(catalogue, source=source, target=target), said


def _refuse_repeated_ids(catalogue: Catalogue, name: str) -> None:
    """A unit given twice would be imported twice, the last silently winning."""
    seen: set[str] = set()
    twice = []
    for entry in catalogue.entries:
        if entry.id in seen and entry.id not in twice:
            twice.append(entry.id)
        seen.add(entry.id)
    if twice:
        raise TranslateError(
            f"{name}: gives {_listing(twice)} more than once, so which translation is meant "
            "is not clear. Nothing was imported: keep one of each in the translator's tool "
            "(or export again), then import"
        )


def _check_catalogue(
    catalogue: Catalogue, data: dict[str, Any], name: str, folder: Path
) -> list[Unit]:
    """The bundle's units the catalogue answers; TranslateError if it is not for this
    bundle or its source texts are not the bundle's."""
    bundle_id = data["bundle"]["id"]
    _refuse_repeated_ids(catalogue, name)
    # A tool that drops the bundle's id (few do) leaves the check of every unit's id and
    # source text below, which a file made for another bundle does not pass either.
    if catalogue.bundle and catalogue.bundle != bundle_id:
        raise TranslateError(
            f'{name}: was made for the bundle "{catalogue.bundle}", not for "{bundle_id}" '
            f"({folder}); import it into the bundle it was exported from"
        )
    languages = data["bundle"]["languages"]
    if catalogue.source not in languages:
        raise TranslateError(
            f"{name}: translates from {catalogue.source or 'no language'}, which the bundle "
            f"does not have (it has {', '.join(map(str, languages))})"
        )
    if not _LANGUAGE.match(catalogue.target) or catalogue.target == catalogue.source:
        raise TranslateError(
            f"{name}: its target language {catalogue.target!r} is not a language code"
        )
    units = {unit.id: unit for unit in collect(data, catalogue.source, catalogue.target)}
    unknown = [entry.id for entry in catalogue.entries if entry.id not in units]
    changed = [
        entry.id
        for entry in catalogue.entries
        if entry.id in units and units[entry.id].source != entry.source
    ]
    problems = []
    if changed:
        problems.append(
            f"the {catalogue.source} text of {_listing(changed)} changed in bundle.toml "
            "since the file was exported"
        )
    if unknown:
        problems.append(f"bundle.toml no longer has {_listing(unknown)}")
    if problems:
        raise TranslateError(
            f"{name}: {'; '.join(problems)}. Nothing was imported: export the texts again "
            f"(kiosk translate export --to {catalogue.target} ...) and have those units "
            "translated again"
        )
    return list(units.values())


def _normalised(catalogue: Catalogue) -> Catalogue:
    """Language codes as bundles write them: some tools write fr_FR for fr-FR."""
    return replace(
        catalogue,
        source=catalogue.source.replace("_", "-"),
        target=catalogue.target.replace("_", "-"),
    )


def import_file(path: Path, file: Path) -> Imported:
    """Fills the bundle folder ``path`` with the translations in ``file``."""
    if not path.exists():
        raise TranslateError(f"{path}: does not exist")
    if path.is_file():
        raise TranslateError(
            f"{path}: is a packed bundle; import into its folder (the one you packed it "
            "from), then pack it again with kiosk pack"
        )
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise TranslateError(f"{path}: is not a bundle folder (it has no {MANIFEST})")
    _, reader = _format(file)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise TranslateError(f"{file}: is too large for a translation file")
        raw = file.read_bytes()
        if manifest.stat().st_size > MAX_MANIFEST_BYTES:
            raise TranslateError(f"{manifest}: is larger than the kiosk reads")
        original_bytes = manifest.read_bytes()
    except OSError as error:
        raise TranslateError(f"cannot read {error.filename}: {error.strerror}") from None
    try:
        catalogue = _normalised(reader(raw, str(file)))
        # A byte-order mark (some Windows editors write one) is read as the kiosk reads
        # it, and written back as it was.
        mark = codecs.BOM_UTF8 if original_bytes.startswith(codecs.BOM_UTF8) else b""
        original = original_bytes[len(mark) :].decode("utf-8")
    except FormatError as error:
        raise TranslateError(str(error)) from None
    except UnicodeDecodeError:
        raise TranslateError(f"{manifest}: is not UTF-8 text") from None
    data = _parse(original, str(path))
    languages = [code for code in data["bundle"]["languages"] if isinstance(code, str)]
    catalogue, matched = _as_bundles(catalogue, languages)
    units = {unit.id: unit for unit in _check_catalogue(catalogue, data, file.name, path)}
    report = Imported(catalogue.target, matched=matched)
    edits: dict[KeyPath, str] = {}
    answered = set()
    for entry in catalogue.entries:
        answered.add(entry.id)
        unit = units[entry.id]
        if entry.target is None:
            report.untranslated.append(entry.id)
        elif entry.unfinished:
            report.unfinished.append(entry.id)
        elif entry.target == unit.target:
            report.unchanged.append(entry.id)
        else:
            edits[unit.path] = entry.target
            report.written.append(entry.id)
    report.untranslated += [
        unit_id
        for unit_id, unit in units.items()
        if unit_id not in answered and unit.target is None
    ]
    report.language_added = catalogue.target not in data["bundle"]["languages"]
    if edits or report.language_added:
        try:
            result = apply(original, edits, catalogue.target, add_language=report.language_added)
        except EditError as error:
            raise TranslateError(f"{manifest}: {error}; it was left as it was") from None
        write_atomically(manifest, mark + result.encode("utf-8"))
    return report


def write_atomically(path: Path, data: bytes) -> None:
    """Replaces ``path`` with ``data`` in one step: a reader (a running kiosk watching
    the folder, an editor) sees the old file or the new one, never half of it."""
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise TranslateError(f"cannot write in {folder}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:  # mkstemp makes it private; a translation file is an ordinary document
            Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise TranslateError(f"cannot write {path}: {error.strerror}") from None
    with contextlib.suppress(OSError):  # not every system can sync a folder
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
