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


def test_builtin_bundle_speaks_of_the_wounded_in_the_seeds_one_form() -> None:
    manifest = load(builtin_bundle()).manifest
    english = " ".join(manifest.model_dump_json().split())
    assert "around 700" in english
    assert "about 700" not in english
    assert manifest.bundle.version == "1.1.0"


def test_builtin_bundle_names_the_event_and_its_victims_as_azerbaijani_commemorations_do() -> None:
    manifest = load(builtin_bundle()).manifest
    opening = manifest.slides[0]
    assert opening.title["az"] == "Qara Yanvar"
    assert "20 Yanvar faciəsi" in opening.subtitle["az"]
    texts = manifest.model_dump_json()
    assert "həlak" not in texts  # those killed are şəhidlər throughout
    assert "133 nəfər şəhid oldu" in texts
    by_id = {slide.id: slide for slide in manifest.slides}
    assert by_id["eyewitness"].attribution["az"].endswith("qəzetinin sitat gətirdiyi şahid")
    assert "Bakını cəzalandırması" in " ".join(by_id["a-warning"].body["az"].split())
    readme = " ".join((builtin_bundle() / "README.md").read_text(encoding="utf-8").split())
    for choice in ("20 Yanvar faciəsi", "şəhid", "sitat gətirdiyi şahid", "cəzalandırması"):
        assert choice in readme, choice


def test_the_133_lights_stand_on_the_memorial_with_a_caption_saying_what_they_are() -> None:
    manifest = load(builtin_bundle()).manifest
    memorial = next(slide for slide in manifest.slides if slide.type == "memorial")
    assert memorial.image == "media/lights.svg"
    assert memorial.caption == {
        "en": "133 lights, one for each person killed.",
        "az": "133 işıq: hər şəhid üçün bir işıq.",
    }
    lights = (builtin_bundle() / "media" / "lights.svg").read_text(encoding="utf-8")
    assert lights.count('fill="url(#flame)"') == 133
    assert [
        slide.id for slide in manifest.slides if getattr(slide, "image", None) == "media/lights.svg"
    ] == ["in-memory"]
    # The hero is the number of the dead; the hedge is written with the other figure.
    assert [figure.value for figure in memorial.figures] == [
        "133",
        {"en": "around 700", "az": "təxminən 700"},
    ]


def test_builtin_slides_show_a_short_source_and_keep_the_full_reference() -> None:
    manifest = load(builtin_bundle()).manifest
    for slide in manifest.slides:
        for language in ("en", "az"):
            short, full = slide.source_text(language), slide.source_text(language, "full")
            assert short and full and len(short) < len(full), (slide.id, language)
    events = manifest.slides[1]
    assert events.source_text("en") == (
        "Embassy of Azerbaijan, Washington DC, press release, 18 January 2013"
    )
    assert events.source_text("en", "full") == (
        "Embassy of the Republic of Azerbaijan, Washington DC, press release of 18 January 2013"
    )
    # A translated quotation says so on the slide itself, not only in the full reference.
    for slide in manifest.slides:
        if slide.type == "quote":
            assert slide.source_text("az").endswith("İngilis dilindən tərcümə."), slide.id
