"""The last good copy: recorded when shown, verified before use, and the start's choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.bundle import Bundle, BundleError, load
from kiosk.content import last_good
from kiosk.content.exhibition import Exhibition, choose_start
from kiosk.content.store import Store
from tests.bundles import VALID_TOML, valid_members, write_bundle, write_zip


def builtin() -> Bundle:
    raise AssertionError("the built-in bundle must not stand in for a configured one")


def texts(languages: list[str]) -> dict[str, str]:
    return {language: f"back shortly ({language})" for language in languages}


def exhibition_at(tmp_path: Path, source: Path) -> Exhibition:
    return Exhibition(source, Store([tmp_path / "store"]), tmp_path / "data", load)


def test_a_shown_bundle_comes_back_when_the_configured_one_breaks(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "exhibit")
    exhibition = exhibition_at(tmp_path, source)
    first = choose_start(exhibition, builtin, texts)
    assert first.kind == "configured"
    exhibition.shown(first.offer)
    (source / "bundle.toml").write_text("broken = [", encoding="utf-8")
    second = choose_start(exhibition, builtin, texts)
    assert second.kind == "last good"
    assert second.offer.bundle.manifest.bundle.id == "test"
    assert f"{source}/bundle.toml" in second.problems[0]  # the curator's file, not the copy


def test_a_damaged_last_good_copy_is_not_used(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    exhibition = exhibition_at(tmp_path, source)
    start = choose_start(exhibition, builtin, texts)
    exhibition.shown(start.offer)
    start.offer.bundle.close()
    copy = start.offer.staged.path  # type: ignore[union-attr]
    damaged = bytearray(copy.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    copy.write_bytes(bytes(damaged))
    source.unlink()
    fallback = choose_start(exhibition, builtin, texts)
    assert fallback.kind == "holding"
    assert fallback.offer.bundle.manifest.slides[0].title == {"en": "back shortly (en)"}


def test_the_last_good_copy_of_another_bundle_is_never_used(tmp_path: Path) -> None:
    first = exhibition_at(tmp_path, write_bundle(tmp_path / "first"))
    first.shown(first.stage())
    other = exhibition_at(tmp_path, tmp_path / "other.kiosk")
    assert choose_start(other, builtin, texts).kind == "holding"


def test_the_holding_screen_speaks_the_broken_bundles_languages(tmp_path: Path) -> None:
    source = write_bundle(
        tmp_path / "exhibit", VALID_TOML.replace('type = "title"', 'type = "titel"')
    )
    start = choose_start(exhibition_at(tmp_path, source), builtin, texts)
    assert start.kind == "holding"
    slide = start.offer.bundle.manifest.slides[0]
    assert slide.title == {"en": "back shortly (en)"}
    assert slide.subtitle == {"en": "back shortly (az)"}
    assert start.offer.bundle.languages == ["en"]  # one language: no language button


def test_without_configuration_the_built_in_bundle_runs(tmp_path: Path) -> None:
    made = load(write_bundle(tmp_path / "builtin"))
    start = choose_start(None, lambda: made, texts)
    assert start.kind == "built-in" and start.offer.bundle is made


def test_an_unchanged_bundle_starts_from_its_last_good_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_zip(tmp_path / "exhibit.kiosk", valid_members())
    exhibition = exhibition_at(tmp_path, source)
    exhibition.shown(exhibition.stage())

    def no_copy(_source: Path) -> None:
        raise AssertionError("an unchanged bundle is not copied again")

    monkeypatch.setattr(exhibition.store, "stage", no_copy)
    start = choose_start(exhibition, builtin, texts)
    assert start.kind == "configured"


def test_the_record_is_whole_or_absent(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / last_good.RECORD).write_text('{"source": "/x", "copy"', encoding="utf-8")
    assert last_good.read(folder) is None
    (folder / last_good.RECORD).write_text('{"unexpected": 1}', encoding="utf-8")
    assert last_good.read(folder) is None


def test_an_unwritable_data_folder_is_reported_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = write_bundle(tmp_path / "exhibit")
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    exhibition = exhibition_at(tmp_path, source)
    exhibition.shown(exhibition.stage())
    assert "cannot be recorded" in caplog.text


def test_refused_copies_are_deleted_and_copies_in_use_kept(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "exhibit")
    exhibition = exhibition_at(tmp_path, source)
    shown = exhibition.stage()
    exhibition.shown(shown)
    (source / "bundle.toml").write_text(VALID_TOML.replace('"1.0"', '"1.1"'), encoding="utf-8")
    waiting = exhibition.stage()
    (source / "bundle.toml").write_text("broken = [", encoding="utf-8")
    with pytest.raises(BundleError):
        exhibition.stage()
    exhibition.prune(shown, waiting)
    copies = sorted((tmp_path / "store").iterdir())
    assert copies == sorted([shown.staged.path, waiting.staged.path])  # type: ignore[union-attr]


def test_the_record_follows_the_copy_to_the_data_folder_once_it_has_room(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "exhibit")
    data, runtime = tmp_path / "data" / "bundles", tmp_path / "run" / "bundles"
    data.parent.mkdir()
    data.write_text("a file where the folder should be (or a full disk)", encoding="utf-8")
    exhibition = Exhibition(source, Store([data, runtime]), tmp_path / "records", load)
    first = choose_start(exhibition, builtin, texts)
    exhibition.shown(first.offer)
    assert first.offer.staged.path.parent == runtime  # type: ignore[union-attr]
    shutil.rmtree(runtime)  # a reboot empties the runtime folder; the data folder is back
    data.unlink()
    second = choose_start(exhibition, builtin, texts)
    exhibition.shown(second.offer)
    record = last_good.read(exhibition.records)
    assert record is not None and Path(record.copy).parent == data
    (source / "bundle.toml").write_text("broken = [", encoding="utf-8")
    assert choose_start(exhibition, builtin, texts).kind == "last good"
