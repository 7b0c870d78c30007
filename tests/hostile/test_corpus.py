"""The hostile corpus: bundles made to break the kiosk. Each is refused with a clear
message or handled (it loads and every slide renders), never a crash, never a file
written outside the bundle, and within bounded work: bytes read, memory and CPU time,
with margins wide enough for a loaded machine. The wall-clock target (each case in
under two seconds) is measured by `make bench` (benchmarks/hostile.py).

The kiosk loads bundles with Qt's decoders (kiosk.qtmedia.load); the whole corpus also
goes through the bundle layer's own loader, in a process where Qt cannot be imported.

Cases already covered one by one in tests/bundle/test_loader.py (zip slip, bombs,
hostile SVG, ...) are gathered here with the new ones, so the corpus is one table.
"""

from __future__ import annotations

import os
import resource
import struct
import tempfile
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.bundle import BundleError, source
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.theme import theme_for
from tests.bundle.without_qt import load_without_qt
from tests.bundles import SVG, VALID_TOML, png, valid_members, write_bundle, write_zip

Builder = Callable[[Path], Path]
HANDLED = "handled"
#: Bounds on the work one case may take. Measured (2 cores): at most 0.5 s of CPU time,
#: 25 MB of Python memory (10,000 slides), and no more bytes read than the case holds.
CPU_SECONDS = 10.0
PYTHON_MEMORY = 96 * 2**20
NATIVE_MEMORY_GROWTH = 256 * 2**20
READ_SLACK = 64 * 1024


def toml_with(old: str, new: str) -> Builder:
    return lambda tmp: write_bundle(tmp / "b", VALID_TOML.replace(old, new, 1))


def files_with(files: dict[str, bytes | None], toml: str = VALID_TOML) -> Builder:
    return lambda tmp: write_bundle(tmp / "b", toml, files)


def zip_with(extra: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Builder:
    return lambda tmp: write_zip(
        tmp / "b.kiosk", {**valid_members(), **extra}, compression=compression
    )


def many_slides(tmp: Path) -> Path:
    slide = '[[slides]]\ntype = "quote"\ntext = { en = "a", az = "b" }\n'
    slide += 'attribution = { en = "c", az = "d" }\n'
    return write_bundle(tmp / "b", VALID_TOML.split("[[slides]]")[0] + slide * 10_000)


def deep_toml(tmp: Path) -> Path:
    return write_bundle(tmp / "b", "x = " + "[" * 5000 + "]" * 5000 + "\n" + VALID_TOML)


def deep_markdown(tmp: Path) -> Path:
    body = "".join(f"{'  ' * depth}- level {depth}\n" for depth in range(100))
    body += "> " * 300 + "quoted\n"
    return write_bundle(
        tmp / "b", VALID_TOML.replace('en = "Some **Markdown**."', f"en = '''\n{body}'''")
    )


def other_scripts(tmp: Path) -> Path:
    names = {"title": "media/şəkil.png", "narrative": "media/карта.svg"}
    toml = VALID_TOML.replace("media/dot.png", names["title"]).replace(
        "media/shape.svg", names["narrative"]
    )
    media = {names["title"]: png(), names["narrative"]: SVG}
    return write_bundle(tmp / "b", toml, {"media/dot.png": None, "media/shape.svg": None, **media})


def decomposed_name(tmp: Path) -> Path:
    written = "media/şəkil.png"  # as an editor writes it (NFC)
    on_disk = unicodedata.normalize("NFD", written)  # as macOS stores it
    toml = VALID_TOML.replace("media/dot.png", written)
    return write_bundle(tmp / "b", toml, {"media/dot.png": None, on_disk: png()})


def symlink_out(tmp: Path) -> Path:
    root = write_bundle(tmp / "b", files={"media/dot.png": None})
    (root / "media" / "dot.png").symlink_to("/etc/passwd")
    return root


def device_link(tmp: Path) -> Path:
    root = write_bundle(tmp / "b", files={"media/dot.png": None})
    (root / "media" / "dot.png").symlink_to("/dev/zero")
    return root


def fifo_manifest(tmp: Path) -> Path:
    root = write_bundle(tmp / "b")
    (root / "bundle.toml").unlink()
    os.mkfifo(root / "bundle.toml")
    return root


def manifest_folder(tmp: Path) -> Path:
    root = write_bundle(tmp / "b")
    (root / "bundle.toml").unlink()
    (root / "bundle.toml").mkdir()
    return root


def zip_symlink(tmp: Path) -> Path:
    path = write_zip(tmp / "b.kiosk", valid_members())
    with zipfile.ZipFile(path, "a") as archive:
        link = zipfile.ZipInfo("media/evil.png")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "../../../../etc/passwd")
    return path


def zip_bomb(tmp: Path) -> Path:
    path = tmp / "b.kiosk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in valid_members().items():
            archive.writestr(name, data)
        archive.writestr("media/zeros.png", b"\x00" * (64 * 1024 * 1024))
    return path


def lying_zip(tmp: Path) -> Path:
    """A member whose header claims a size far below what it inflates to."""
    path = write_zip(tmp / "b.kiosk", {**valid_members(), "media/shape.svg": SVG * 200})
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        name = bytes(data[central + 46 : central + 46 + name_length])
        if name == b"media/shape.svg":
            struct.pack_into("<I", data, central + 24, len(SVG))
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def not_a_zip(tmp: Path) -> Path:
    path = tmp / "b.kiosk"
    path.write_bytes(png())
    return path


def no_manifest(tmp: Path) -> Path:
    root = write_bundle(tmp / "b")
    (root / "bundle.toml").unlink()
    return root


def bad_utf8(tmp: Path) -> Path:
    return write_bundle(tmp / "b", VALID_TOML.encode().replace(b"S\xc4\xb1", b"S\xff"))


def no_slides(tmp: Path) -> Path:
    return write_bundle(tmp / "b", "slides = []\n" + VALID_TOML.split("[[slides]]")[0])


def not_a_font(tmp: Path) -> Path:
    fonts = 'languages = ["en", "az"]\nfonts = { body = "media/fonts/f.ttf" }'
    toml = VALID_TOML.replace('languages = ["en", "az"]', fonts)
    return write_bundle(tmp / "b", toml, {"media/fonts/f.ttf": b"OTTO" + b"\x00" * 100})


def huge_manifest(tmp: Path) -> Path:
    return write_bundle(tmp / "b", VALID_TOML + "# " + "x" * (5 * 1024 * 1024) + "\n")


BOMB_SVG = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>'
)
EXTERNAL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
)
JPEG_AS_PNG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64

TOO_MANY = {f"media/{n}.txt": b"" for n in range(10_001)}
BOMB_PNG = png(100_000, 100_000, rows=b"")
#: Damage behind an intact header: only decoding finds it, so the bundle layer's own
#: loader (plain Python, headers only) accepts these and the kiosk's refuses them.
FOUND_BY_DECODING = frozenset({"corrupt image", "font that is not a font"})

CORPUS: dict[str, tuple[Builder, str]] = {
    "missing manifest": (no_manifest, "has no bundle.toml"),
    "manifest is a folder": (manifest_folder, "has no bundle.toml"),
    "manifest is a FIFO": (fifo_manifest, "has no bundle.toml"),
    "TOML syntax error": (toml_with('version = "1.0"', "version = 1.0.0"), "not valid TOML"),
    "bad UTF-8": (bad_utf8, "not UTF-8"),
    "TOML nested 5000 deep": (deep_toml, "nests too deeply"),
    "manifest over 4 MB": (huge_manifest, "larger than 4 MB"),
    "unknown slide type": (toml_with('type = "quote"', 'type = "poem"'), "unknown slide type"),
    "unknown key": (toml_with('type = "quote"', 'type = "quote"\nqoute = 1'), "unknown key"),
    "missing translation": (toml_with('text.az = "Bir sitat."\n', ""), 'has no "az" text'),
    "empty slide list": (no_slides, "give at least one slide"),
    "huge text": (toml_with('"A quotation."', '"' + "x" * 20_001 + '"'), "at most 20000"),
    "10,000 slides": (many_slides, "at most 5000"),
    "deeply nested Markdown": (deep_markdown, HANDLED),
    "missing image": (files_with({"media/dot.png": None}), "is not in the bundle"),
    "corrupt image": (files_with({"media/dot.png": png()[:40]}), "media/dot.png"),
    "JPEG named .png": (files_with({"media/dot.png": JPEG_AS_PNG}), "is not a PNG picture"),
    "decompression-bomb PNG": (files_with({"media/dot.png": BOMB_PNG}), "pixels a side"),
    "SVG entity expansion": (files_with({"media/shape.svg": BOMB_SVG}), "entities"),
    "SVG outside reference": (files_with({"media/shape.svg": EXTERNAL_SVG}), "outside resource"),
    "font that is not a font": (not_a_font, "font"),
    "file names in other scripts": (other_scripts, HANDLED),
    "decomposed (macOS) file name": (decomposed_name, HANDLED),
    "names differing only in case": (files_with({"media/DOT.png": png()}), "only in case"),
    "Windows reserved name": (files_with({"media/aux.png": png()}), "Windows reserves"),
    "symlink pointing outside": (symlink_out, "pointing outside the bundle"),
    "link to a device": (device_link, "pointing outside the bundle"),
    "not a zip": (not_a_zip, "not a valid .kiosk"),
    "zip slip": (zip_with({"../../evil.sh": b"rm -rf /"}), "'..'"),
    "absolute path in zip": (zip_with({"/etc/cron.d/evil": b"x"}), "absolute path"),
    "symlink in zip": (zip_symlink, "symbolic link"),
    "zip bomb": (zip_bomb, "decompression bomb"),
    "zip with 10,001 entries": (zip_with(TOO_MANY, zipfile.ZIP_STORED), "a bundle may hold"),
    "zip member lying about its size": (lying_zip, "damaged"),
}


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 25


def snapshot(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()} if folder.exists() else set()


def size_on_disk(path: Path) -> int:
    """What the case holds: the bytes of its files, not following links."""
    if not path.is_dir():
        return path.lstat().st_size if path.exists() else 0
    return sum(entry.lstat().st_size for entry in path.rglob("*") if entry.is_file())


class ReadCounter:
    """Counts the bytes the bundle's source hands out (to the checks and to rendering)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.total = 0
        for kind in (source.FolderSource, source.ZipSource):
            monkeypatch.setattr(kind, "read", self._counting(kind.read))

    def _counting(self, read: Callable[..., bytes]) -> Callable[..., bytes]:
        def counted(this: source.Source, name: str, limit: int = source.MAX_MEMBER_BYTES) -> bytes:
            data = read(this, name, limit)
            self.total += len(data)
            return data

        return counted


class Work:
    """CPU time, Python memory and the growth of the process's peak memory, from now."""

    def __enter__(self) -> Work:
        tracemalloc.start()
        self._cpu = time.process_time()
        self._peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return self

    def __exit__(self, *_exception: object) -> None:
        self.cpu_seconds = time.process_time() - self._cpu
        self.python_memory = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        self.peak_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - self._peak


@pytest.mark.parametrize("case", CORPUS, ids=str)
def test_hostile_bundle_is_refused_or_handled(
    case: str, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    build, expected = CORPUS[case]
    (tmp_path / "input").mkdir()
    path = build(tmp_path / "input")
    private_tmp = tmp_path / "tmp"  # anything written through tempfile would land here
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    before = snapshot(path.parent)
    held = size_on_disk(path)
    reads = ReadCounter(monkeypatch)
    with Work() as work:
        try:
            bundle = load(path)
        except BundleError as error:
            assert expected != HANDLED, f"{case} was refused: {error}"
            assert expected in str(error), str(error)
        else:
            assert expected == HANDLED, f"{case} was accepted"
            context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
            for slide in bundle.manifest.slides:
                image = renderer_for(slide, context, QSize(1280, 800)).render_image()
                assert not image.isNull()
            context.images.shutdown()
            bundle.close()
    assert reads.total <= 2 * held + READ_SLACK, f"{case} read {reads.total:,} of {held:,} bytes"
    assert work.cpu_seconds < CPU_SECONDS, f"{case} took {work.cpu_seconds:.1f} s of CPU"
    assert work.python_memory < PYTHON_MEMORY, f"{case} took {work.python_memory:,} bytes"
    assert work.peak_growth < NATIVE_MEMORY_GROWTH, f"{case} grew by {work.peak_growth:,} bytes"
    assert snapshot(path.parent) == before, f"{case} wrote beside the bundle"
    assert snapshot(private_tmp) == set(), f"{case} wrote temporary files"


# Loads each path given in a process where Qt cannot be imported; prints the answers.
@pytest.fixture
def built_corpus(tmp_path: Path) -> dict[str, Path]:
    built = {}
    for number, (case, (build, _expected)) in enumerate(CORPUS.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        built[case] = build(folder)
    return built


def test_the_bundle_layer_alone_refuses_all_but_damage_only_decoding_finds(
    built_corpus: dict[str, Path],
) -> None:
    answers = load_without_qt(built_corpus.values()).answers
    for case, path in built_corpus.items():
        expected = CORPUS[case][1]
        refusal = answers[str(path)]
        if expected == HANDLED or case in FOUND_BY_DECODING:
            assert refusal is None, f"{case} was refused: {refusal}"
        else:
            assert refusal is not None, f"{case} was accepted"
            assert expected in refusal, refusal
