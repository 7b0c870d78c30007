"""The built-in Black January bundle: valid, complete, and sourced."""

from __future__ import annotations

from kiosk import qtmedia
from kiosk.bundle import load
from kiosk.paths import builtin_bundle


def test_builtin_bundle_is_valid_in_english_and_azerbaijani() -> None:
    for loader in (load, qtmedia.load):  # its headers, then every picture decoded
        bundle = loader(builtin_bundle())
        assert bundle.languages == ["en", "az"]
        assert bundle.manifest.bundle.id == "black-january"
        bundle.close()


def test_builtin_bundle_uses_the_narrative_slide_types_and_names_every_source() -> None:
    manifest = load(builtin_bundle()).manifest
    assert len(manifest.slides) >= 8
    assert {"title", "narrative", "quote", "memorial", "timeline"} <= {
        slide.type for slide in manifest.slides
    }
    for slide in manifest.slides:
        assert slide.source is not None, f"slide {slide.id} names no source"


def test_builtin_bundle_states_the_seeds_figures_and_quotation() -> None:
    manifest = load(builtin_bundle()).manifest
    texts = manifest.model_dump_json()
    assert "133" in texts
    assert "700" in texts
    assert "Soviet soldiers fired at almost anything that moved" in texts
    assert "Armenia" not in texts  # the seed's one political claim beyond these events
    assert "strengthsened" not in texts


def test_builtin_bundle_has_a_readme_asking_for_a_native_speakers_review() -> None:
    readme = (builtin_bundle() / "README.md").read_text(encoding="utf-8")
    assert "native speaker" in readme
