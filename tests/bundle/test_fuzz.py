"""Random manifests and archives: the loader answers a Bundle or a BundleError, nothing else."""

from __future__ import annotations

import io
import json
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.bundle import Bundle, BundleError, load
from tests.bundles import VALID_TOML, valid_members, write_bundle, write_zip

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [
    "bundle",
    "id",
    "title",
    "version",
    "languages",
    "theme",
    "fonts",
    "timing",
    "slides",
    "type",
    "text",
    "heading",
    "body",
    "image",
    "caption",
    "credit",
    "figures",
    "value",
    "label",
    "events",
    "date",
    "seconds",
    "chapter",
    "source",
    "en",
    "az",
    "fr",
    "quote",
    "title",
    "media/dot.png",
    "media/shape.svg",
    "../x",
    "narrative",
    "memorial",
    "timeline",
]
scalars = st.one_of(
    st.sampled_from(KEYS),
    st.text(max_size=30),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    ),
    max_leaves=25,
)
manifests = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)


def to_toml(table: dict[str, object]) -> str:
    """A small TOML writer: every table inline, which TOML allows at any depth."""

    def value(item: object) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, str):
            return json.dumps(item, ensure_ascii=False)  # JSON escapes are TOML escapes
        if isinstance(item, int | float):
            return repr(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(child) for child in item) + "]"
        assert isinstance(item, dict)
        return "{" + ", ".join(f"{json.dumps(k)} = {value(v)}" for k, v in item.items()) + "}"

    return "".join(f"{json.dumps(key)} = {value(item)}\n" for key, item in table.items())


def answer(path: Path) -> Bundle | BundleError:
    try:
        bundle = load(path)
    except BundleError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message and problem.file
        return error
    bundle.close()
    return bundle


@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_as_manifest(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert isinstance(answer(write_bundle(Path(folder) / "b", text)), BundleError)


@FUZZ
@given(manifest=manifests)
def test_random_structured_manifest(manifest: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answer(write_bundle(Path(folder) / "b", to_toml(manifest)))


@FUZZ
@given(cut=st.integers(0, len(VALID_TOML)), junk=st.text(max_size=20))
def test_valid_manifest_cut_and_spliced(cut: int, junk: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answer(write_bundle(Path(folder) / "b", VALID_TOML[:cut] + junk + VALID_TOML[cut:]))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_archive(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.kiosk"
        path.write_bytes(data)
        assert isinstance(answer(path), BundleError)


@FUZZ
@given(
    extra=st.dictionaries(
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20),
        st.binary(max_size=50),
        max_size=5,
    ),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
)
def test_random_members_and_flipped_bytes_in_an_archive(
    extra: dict[str, bytes], flips: list[tuple[int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.kiosk"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in {**valid_members(), **extra}.items():
                archive.writestr(name, data)
        data = bytearray(buffer.getvalue())
        for position, byte in flips:
            data[position % len(data)] = byte
        path.write_bytes(bytes(data))
        answer(path)
        assert sorted(p.name for p in Path(folder).iterdir()) == ["b.kiosk"]  # nothing written


def test_the_valid_archive_of_the_fuzz_loads(tmp_path: Path) -> None:
    assert isinstance(answer(write_zip(tmp_path / "b.kiosk", valid_members())), Bundle)


# --- valid bundles, built from the format, then broken one key at a time ----------------


def _visible(text: str) -> bool:
    """A valid text has something to see: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(character)[0] in "LNPS" for character in text)


texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(_visible)


def per_language(draw: st.DrawFn) -> dict[str, str]:
    return {"en": draw(texts), "az": draw(texts)}


@st.composite
def slides(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from(["title", "narrative", "quote", "memorial", "timeline", "image"]))
    slide: dict[str, object] = {"type": kind}
    if kind == "title":
        slide["title"] = per_language(draw)
    elif kind == "narrative":
        slide |= {"heading": per_language(draw), "body": per_language(draw)}
    elif kind == "quote":
        slide |= {"text": per_language(draw), "attribution": per_language(draw)}
    elif kind == "memorial":
        slide["figures"] = [{"value": "133", "label": per_language(draw)}]
    elif kind == "timeline":
        slide |= {
            "heading": per_language(draw),
            "events": [{"date": per_language(draw), "text": per_language(draw)}],
        }
    else:
        slide["image"] = draw(st.sampled_from(["media/dot.png", "media/shape.svg"]))
    if draw(st.booleans()):
        slide["source"] = per_language(draw)
    if draw(st.booleans()):
        slide["seconds"] = draw(st.integers(3, 600))
    return slide


@st.composite
def valid_manifests(draw: st.DrawFn) -> dict[str, object]:
    drawn = draw(st.lists(slides(), min_size=1, max_size=6))
    bundle: dict[str, object] = {
        "id": "fuzz",
        "title": per_language(draw),
        "version": "1",
        "languages": ["en", "az"],
    }
    # Every slide needs a source: its own, or the bundle's default.
    if any("source" not in slide for slide in drawn) or draw(st.booleans()):
        bundle["source"] = per_language(draw)
    return {"bundle": bundle, "slides": drawn}


def break_one(manifest: dict[str, object], data: st.DataObject) -> dict[str, object]:
    """Delete one key, or put a wrong value in its place, somewhere in the manifest."""
    broken = json.loads(json.dumps(manifest))
    places: list[tuple[object, object]] = []
    stack: list[object] = [broken]
    while stack:
        node = stack.pop()
        keys = (
            node.keys()
            if isinstance(node, dict)
            else range(len(node))
            if isinstance(node, list)
            else []
        )
        for key in keys:
            places.append((node, key))
            stack.append(node[key])  # type: ignore[index]
    node, key = data.draw(st.sampled_from(places))
    if isinstance(node, dict) and data.draw(st.booleans()):
        del node[key]
    else:
        node[key] = data.draw(st.sampled_from([0, -1, "", [], {}, "../x", "fr", True]))  # type: ignore[index]
    return broken


@FUZZ
@given(manifest=valid_manifests())
def test_generated_valid_bundles_load(manifest: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = answer(write_bundle(Path(folder) / "b", to_toml(manifest)))
        assert isinstance(result, Bundle), str(result)


@FUZZ
@given(manifest=valid_manifests(), data=st.data())
def test_generated_bundles_broken_at_one_key(
    manifest: dict[str, object], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answer(write_bundle(Path(folder) / "b", to_toml(break_one(manifest, data))))
