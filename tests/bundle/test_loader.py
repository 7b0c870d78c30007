"""The loader: a valid bundle loads; every hostile or broken one is refused with its place.

``load`` is the bundle layer's own, which checks media in plain Python from their headers;
media tests run it and the kiosk's Qt-side ``kiosk.qtmedia.load`` (``either_load``), and
what only decoding finds is tested with the Qt side alone.
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.bundle import Bundle, BundleError, load
from kiosk.bundle.errors import Problem
from kiosk.qtmedia import load as load_decoded
from tests.bundles import SVG, VALID_TOML, png, valid_members, write_bundle, write_zip

Loader = Callable[[Path], Bundle]
LOADERS: dict[str, Loader] = {"plain headers": load, "qt decoded": load_decoded}


@pytest.fixture(params=LOADERS)
def either_load(request: pytest.FixtureRequest) -> Loader:
    """Both loaders: what a header shows, both must refuse the same way."""
    return LOADERS[request.param]


def problems_of(path: Path, loader: Loader = load) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        loader(path)
    return caught.value.problems


def only_problem(path: Path, loader: Loader = load) -> Problem:
    problems = problems_of(path, loader)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_folder_loads_with_its_slides_and_languages(tmp_path: Path) -> None:
    bundle = load(write_bundle(tmp_path / "b"))
    assert [slide.type for slide in bundle.manifest.slides] == ["title", "quote", "narrative"]
    assert bundle.languages == ["en", "az"]
    assert bundle.default_language == "en"
    assert bundle.manifest.slides[1].text["az"] == "Bir sitat."
    assert bundle.read_media("media/shape.svg") == SVG
    assert bundle.summary() == "Test (1.0), 3 slides, languages: en, az"


def test_valid_zip_loads_like_the_folder(tmp_path: Path) -> None:
    bundle = load(write_zip(tmp_path / "b.kiosk", valid_members()))
    assert len(bundle.manifest.slides) == 3
    assert bundle.read_media("media/dot.png") == png()
    bundle.close()


def test_zip_holding_one_top_folder_loads(tmp_path: Path) -> None:
    members = {f"exhibit/{name}": data for name, data in valid_members().items()}
    bundle = load(write_zip(tmp_path / "b.kiosk", members))
    assert bundle.read_media("media/dot.png") == png()
    bundle.close()


def test_per_slide_seconds_override_the_bundle_default(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('type = "quote"', 'type = "quote"\nseconds = 20')
    manifest = load(write_bundle(tmp_path / "b", toml)).manifest
    assert [manifest.seconds_for(i) for i in range(3)] == [10, 20, 10]


def test_missing_path_is_named(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere")
    assert problem.file.endswith("nowhere")
    assert "does not exist" in problem.message


def test_missing_manifest_is_named(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b")
    (root / "bundle.toml").unlink()
    assert "has no bundle.toml" in only_problem(root).message


def test_manifest_name_in_wrong_case_gets_a_hint(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b")
    (root / "bundle.toml").rename(root / "Bundle.toml")
    assert "must be all lower case" in only_problem(root).message


def test_toml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('version = "1.0"', "version = 1.0.0")
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.file.endswith("bundle.toml")
    assert problem.line is not None
    assert problem.message.startswith("is not valid TOML")
    assert "(at line" not in problem.message  # the line is in its own field


def test_bad_utf8_gives_its_line(tmp_path: Path) -> None:
    toml = VALID_TOML.encode().replace("Kimsə".encode(), b"Kims\xe9")
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.line == 20
    assert "not UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    bundle = load(write_bundle(tmp_path / "b", b"\xef\xbb\xbf" + VALID_TOML.encode()))
    assert bundle.manifest.bundle.id == "test"


def test_unknown_slide_type_lists_the_known_ones(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('type = "quote"', 'type = "qoute"')
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[1].type"
    assert problem.line == 17
    assert 'unknown slide type "qoute"' in problem.message
    assert "narrative" in problem.message


def test_unknown_key_is_a_typo_with_its_line(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('type = "narrative"', 'type = "narrative"\nheadline = "x"')
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert (problem.key, problem.line) == ("slides[2].headline", 24)
    assert "unknown key" in problem.message


def test_missing_translation_names_language_key_and_line(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('text.az = "Bir sitat."\n', "")
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[1].text.az"
    assert problem.line == 18
    assert '"az"' in problem.message


def test_undeclared_language_is_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'heading = { en = "Heading", az = "Başlıq" }',
        'heading = { en = "Heading", az = "Başlıq", fr = "Titre" }',
    )
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[2].heading.fr"
    assert "not among the bundle's languages" in problem.message


def test_blank_text_is_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('az = "Salam"', 'az = "   "')
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert (problem.key, problem.message) == ("slides[0].title.az", "is empty")


def test_every_problem_is_reported_at_once(tmp_path: Path, either_load: Loader) -> None:
    toml = (
        VALID_TOML.replace('text.az = "Bir sitat."\n', "")
        .replace('version = "1.0"', 'version = "1.0"\ncolour = "red"')
        .replace('type = "narrative"', 'type = "narrative"\nseconds = 1')
    )
    root = write_bundle(tmp_path / "b", toml, {"media/dot.png": b"not a picture"})
    keys = {problem.key for problem in problems_of(root, either_load)}
    assert keys == {"bundle.colour", "slides[1].text.az", "slides[2].seconds", None}


def test_empty_slide_list_is_refused(tmp_path: Path) -> None:
    toml = "slides = []\n" + VALID_TOML.split("[[slides]]")[0]
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides"


def test_no_slides_at_all_is_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.split("[[slides]]")[0]
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert (problem.key, problem.message) == ("slides", "is required but missing")


def test_duplicate_slide_ids_are_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('type = "quote"', 'type = "quote"\nid = "same"').replace(
        'type = "narrative"', 'type = "narrative"\nid = "same"'
    )
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[2].id"
    assert "slides[1]" in problem.message


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("../outside.png", "'..'"),
        ("/etc/passwd", "inside the bundle"),
        ("C:/Windows/x.png", "inside the bundle"),
        ("media\\dot.png", "forward slashes"),
        ("dot.png", "media/ folder"),
        ("media/CON.png", "Windows reserves"),
    ],
)
def test_media_paths_must_stay_inside_media(tmp_path: Path, image: str, expected: str) -> None:
    toml = VALID_TOML.replace('image = "media/dot.png"', f"image = '{image}'")
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[0].image"
    assert expected in problem.message


def test_missing_image_is_named_with_its_line(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b", files={"media/dot.png": None})
    problem = only_problem(root)
    assert (problem.key, problem.line) == ("slides[0].image", 14)
    assert "media/dot.png is not in the bundle" in problem.message


def test_image_in_wrong_case_gets_a_hint(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b", files={"media/dot.png": None, "media/Dot.png": png()})
    assert "did you mean media/Dot.png" in only_problem(root).message


def test_corrupt_image_is_named(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b", files={"media/dot.png": png()[:60]})
    load(root).close()  # its header is whole: only decoding finds the damage
    problem = only_problem(root, load_decoded)
    assert problem.file.endswith("media/dot.png")
    assert "slides[0].image" in problem.message


def test_image_of_another_format_than_its_name_is_refused(
    tmp_path: Path, either_load: Loader
) -> None:
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
    problem = only_problem(write_bundle(tmp_path / "b", files={"media/dot.png": gif}), either_load)
    assert "is not a PNG picture" in problem.message


def test_decompression_bomb_png_is_refused_from_its_header(
    tmp_path: Path, either_load: Loader
) -> None:
    bomb = png(100_000, 100_000, rows=b"\x00" * 1000)
    problem = only_problem(write_bundle(tmp_path / "b", files={"media/dot.png": bomb}), either_load)
    assert "100000 x 100000 pixels" in problem.message


def test_picture_over_the_allocation_limit_is_refused(tmp_path: Path, either_load: Loader) -> None:
    # 16,000 x 16,000 is within the side limit but needs 1 GB to decode.
    big = png(16_000, 16_000, rows=b"\x00" * 1000)
    problem = only_problem(write_bundle(tmp_path / "b", files={"media/dot.png": big}), either_load)
    assert "takes 977 MB to show" in problem.message


def test_unsupported_picture_format_is_refused(tmp_path: Path, either_load: Loader) -> None:
    toml = VALID_TOML.replace("media/dot.png", "media/dot.bmp")
    problem = only_problem(
        write_bundle(tmp_path / "b", toml, {"media/dot.bmp": b"BM"}), either_load
    )
    assert "not a picture file" in problem.message


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><circle", "not well-formed"),
        (b"<html/>", "not an SVG"),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
            "entities",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
            "entities",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="http://example.com/x.png"/></svg>',
            "outside resource",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/y.css);</style>'
            b"</svg>",
            "outside resource",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g>" * 200 + b"</g>" * 200 + b"</svg>",
            "deep",
        ),
    ],
)
def test_hostile_svg_is_refused(
    tmp_path: Path, svg: bytes, expected: str, either_load: Loader
) -> None:
    problem = only_problem(
        write_bundle(tmp_path / "b", files={"media/shape.svg": svg}), either_load
    )
    assert problem.file.endswith("media/shape.svg")
    assert expected in problem.message


def test_font_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\nfonts = { body = "media/fonts/x.ttf" }',
    )
    root = write_bundle(tmp_path / "b", toml, {"media/fonts/x.ttf": b"\x00\x01\x00\x00garbage"})
    problem = only_problem(root, load_decoded)
    assert problem.file.endswith("media/fonts/x.ttf")
    assert "font" in problem.message


def test_symlink_out_of_a_folder_bundle_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())
    root = write_bundle(tmp_path / "b", files={"media/dot.png": None})
    (root / "media" / "dot.png").symlink_to(secret)
    problems = problems_of(root)
    assert any("pointing outside the bundle" in problem.message for problem in problems)


# --- zip archives -------------------------------------------------------------------


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.kiosk"
    path.write_bytes(b"this is not a zip at all")
    assert "not a valid .kiosk (zip) archive" in only_problem(path).message


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "b.kiosk", valid_members())
    path.write_bytes(path.read_bytes()[:200])
    assert "not a valid" in only_problem(path).message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../evil.txt", "'..'"),
        ("media/../../evil.txt", "'..'"),
        ("/etc/evil.txt", "absolute path"),
        ("C:/evil.txt", "absolute path"),
        ("media\\evil.txt", "backslash"),
        ("media/nul.txt", "Windows reserves"),
        ("media/evil\x01.txt", "control character"),
    ],
)
def test_zip_slip_names_are_refused(tmp_path: Path, name: str, expected: str) -> None:
    path = write_zip(tmp_path / "b.kiosk", {**valid_members(), name: b"x"})
    problem = only_problem(path)
    assert expected in problem.message


def test_zip_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "b.kiosk", {**valid_members(), "media/DOT.png": png()})
    assert "differs only in case" in only_problem(path).message


def test_zip_symlink_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.kiosk"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in valid_members().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("media/link.png")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    assert "symbolic link" in only_problem(path).message


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "b.kiosk", valid_members())
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag of every entry in the central directory.
    start = data.find(b"PK\x01\x02")
    while start != -1:
        data[start + 8] |= 0x1
        start = data.find(b"PK\x01\x02", start + 4)
    path.write_bytes(bytes(data))
    assert any("encrypted" in problem.message for problem in problems_of(path))


def test_zip_bomb_is_refused_before_any_data_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.kiosk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in valid_members().items():
            archive.writestr(name, data)
        archive.writestr("media/zeros.bin", b"\x00" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("member data was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    assert "decompression bomb" in only_problem(path).message


def test_zip_over_the_total_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.bundle import source

    monkeypatch.setattr(source, "MAX_TOTAL_BYTES", 1000)
    path = write_zip(tmp_path / "b.kiosk", {**valid_members(), "media/pad.bin": b"x" * 2000})
    assert "unpacks to" in only_problem(path).message


def test_zip_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    members = {**valid_members(), **{f"media/{i}.txt": b"" for i in range(10_001)}}
    problem = only_problem(write_zip(tmp_path / "b.kiosk", members, compression=zipfile.ZIP_STORED))
    assert "10004 entries" in problem.message


def test_zip_declaring_a_huge_directory_is_refused_from_its_end_record(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "b.kiosk", valid_members())
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 0xFFFE, 0xFFFE)
    path.write_bytes(bytes(data))
    assert "holds 65534 entries" in only_problem(path).message


def test_zip_member_with_bad_crc_is_reported_as_damaged(tmp_path: Path) -> None:
    members = valid_members()
    path = write_zip(tmp_path / "b.kiosk", members, compression=zipfile.ZIP_STORED)
    data = path.read_bytes()
    svg_at = data.find(b"<circle")
    path.write_bytes(data[:svg_at] + b"<CIRCLE" + data[svg_at + 7 :])
    problem = only_problem(path)
    assert problem.file.endswith("media/shape.svg")
    assert "damaged" in problem.message


def test_zip_messages_name_the_archive_and_member(tmp_path: Path) -> None:
    members = valid_members()
    members["bundle.toml"] = VALID_TOML.replace('type = "quote"', 'type = "poem"').encode()
    problem = only_problem(write_zip(tmp_path / "b.kiosk", members))
    assert str(problem).startswith(f"{tmp_path / 'b.kiosk'}/bundle.toml:17: slides[1].type: ")


def test_a_real_font_loads(tmp_path: Path, either_load: Loader) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # .ci/run installs it
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\nfonts = { body = "media/fonts/body.ttf" }',
    )
    root = write_bundle(tmp_path / "b", toml, {"media/fonts/body.ttf": font.read_bytes()})
    assert either_load(root).manifest.bundle.fonts.body == "media/fonts/body.ttf"


def test_theme_colours_must_keep_text_readable(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\ntheme = { background = "#202020", text = "#606060" }',
    )
    problems = problems_of(write_bundle(tmp_path / "b", toml))
    assert {problem.key for problem in problems} == {"bundle.theme.text"}
    assert "contrast of 2.6:1; text needs at least 7:1" in problems[0].message


def test_theme_with_enough_contrast_is_accepted(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\ntheme = { background = "#000000", accent = "#2050a0" }',
    )
    assert load(write_bundle(tmp_path / "b", toml)).manifest.bundle.theme.accent == "#2050a0"


def test_reading_a_small_file_sets_aside_memory_for_its_size_not_for_the_limit(
    tmp_path: Path,
) -> None:
    bundle = load(write_bundle(tmp_path / "b"))
    tracemalloc.start()
    try:
        data = bundle.read_media("media/dot.png")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        bundle.close()
    assert data == png()
    assert peak < 1024 * 1024, f"reading {len(data)} bytes set aside {peak:,} bytes"


ORIGINAL = """
[[slides]]
type = "quote"
text = { en = "Test content: a translated line.", az = "Sınaq mətni: tərcümə." }
attribution = { en = "Test", az = "Sınaq" }
original = { lang = "fa", text = "محتوای آزمایشی: سطر اصلی." }
"""


def test_a_quotation_carries_its_original_in_a_language_the_bundle_need_not_have(
    tmp_path: Path,
) -> None:
    bundle = load(write_bundle(tmp_path / "b", VALID_TOML + ORIGINAL))
    original = bundle.manifest.slides[-1].original
    assert (original.lang, original.text) == ("fa", "محتوای آزمایشی: سطر اصلی.")
    bundle.close()


@pytest.mark.parametrize(
    ("original", "key", "expected"),
    [
        ('{ lang = "fa" }', "original.text", "missing"),
        ('{ lang = "Persian", text = "x" }', "original.lang", "not a language code"),
        ('{ lang = "fa", text = "  " }', "original.text", "is empty"),
        ('{ lang = "fa", text = "x", note = "y" }', "original.note", ""),
    ],
)
def test_a_broken_original_is_named(tmp_path: Path, original: str, key: str, expected: str) -> None:
    toml = VALID_TOML + ORIGINAL.replace(
        'original = { lang = "fa", text = "محتوای آزمایشی: سطر اصلی." }', f"original = {original}"
    )
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == f"slides[3].{key}"
    assert expected in problem.message


def with_script_font(script: str, name: str = "media/fonts/x.ttf") -> str:
    return VALID_TOML.replace(
        'languages = ["en", "az"]',
        f'languages = ["en", "az"]\nfonts = {{ scripts = {{ {script} = "{name}" }} }}',
    )


def test_a_font_for_a_script_must_have_letters_of_that_script(
    tmp_path: Path, either_load: Loader
) -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf").read_bytes()  # no Arabic
    root = write_bundle(
        tmp_path / "b", with_script_font("Arab", "media/fonts/latin.ttf"),
        {"media/fonts/latin.ttf": latin},
    )  # fmt: skip
    problem = only_problem(root, either_load)
    assert problem.key == "bundle.fonts.scripts.Arab"
    assert "media/fonts/latin.ttf has no letters of the Arabic script" in problem.message
    # The same file for a script it has, and for two scripts at once: both fine.
    toml = with_script_font("Cyrl", "media/fonts/latin.ttf").replace(
        "Cyrl = ", 'Latn = "media/fonts/latin.ttf", Cyrl = '
    )
    root = write_bundle(tmp_path / "c", toml, {"media/fonts/latin.ttf": latin})
    assert either_load(root).manifest.bundle.fonts.scripts == {
        "Latn": "media/fonts/latin.ttf",
        "Cyrl": "media/fonts/latin.ttf",
    }


@pytest.mark.parametrize("code", ["Zyyy", "Zinh", "Zzzz"])
def test_common_inherited_and_unknown_are_no_scripts_to_ship_a_font_for(
    tmp_path: Path, code: str
) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf").read_bytes()
    root = write_bundle(tmp_path / "b", with_script_font(code), {"media/fonts/x.ttf": font})
    problem = only_problem(root)
    assert problem.key.startswith(f"bundle.fonts.scripts.{code}")  # as any bad code
    assert "not a script to ship a font for" in problem.message
    assert problem.line is not None


def test_a_quotation_in_a_language_the_bundle_lacks_is_pointed_to_original(
    tmp_path: Path,
) -> None:
    toml = VALID_TOML.replace('text.az = "Bir sitat."', 'text.az = "Bir sitat."\ntext.fa = "نقل"')
    problem = only_problem(write_bundle(tmp_path / "b", toml))
    assert problem.key == "slides[1].text.fa"
    assert "not among the bundle's languages" in problem.message
    assert 'original = { lang = "fa", text = "…" }' in problem.message
