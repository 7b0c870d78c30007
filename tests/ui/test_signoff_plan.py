"""The sign-off sheet's plan, without Qt: screens, pages, the private copy and its hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kiosk.bundle import BundleError
from kiosk.ui.signoff.plan import (
    DEFAULT_SCREEN,
    Render,
    as_screen,
    pages,
    private_copy,
    target_screens,
)
from tests.bundles import write_bundle


def test_the_asked_screens_come_first_then_the_bundles_then_1920x1080() -> None:
    assert target_screens(["1920x1080", "1080x1920"], [(800, 600)]) == [(800, 600)]
    assert target_screens(["1920x1080", "1080x1920"], None) == [(1920, 1080), (1080, 1920)]
    assert target_screens(None, [(800, 600), (800, 600)]) == [(800, 600)]
    assert target_screens([], None) == [DEFAULT_SCREEN]


@pytest.mark.parametrize(
    "value",
    ["1080x1920", " 1080X1920 ", (1080, 1920), type("S", (), {"width": 1080, "height": 1920})],
)
def test_a_screen_may_be_declared_in_several_forms(value: object) -> None:
    assert as_screen(value) == (1080, 1920)


@pytest.mark.parametrize("value", ["1080", "wide", object()])
def test_anything_else_is_no_screen(value: object) -> None:
    with pytest.raises(ValueError, match="screen size"):
        as_screen(value)


def test_pages_pair_each_slide_in_its_languages_screen_by_screen() -> None:
    plan = pages(3, ["en", "az"], [(1920, 1080), (1080, 1920)])
    assert len(plan) == 6
    assert plan[0].renders == (Render(0, "en", (1920, 1080)), Render(0, "az", (1920, 1080)))
    assert plan[3].screen == (1080, 1920)
    odd = pages(3, ["en"], [(1920, 1080)])
    assert [len(page.renders) for page in odd] == [2, 1]


def test_a_folder_is_hashed_as_kiosk_pack_makes_it(tmp_path: Path) -> None:
    from kiosk.bundle.pack import pack

    bundle = write_bundle(tmp_path / "b")
    pack(bundle, tmp_path / "packed.kiosk")
    with private_copy(bundle) as copy:
        assert copy.sha256 == hashlib.sha256((tmp_path / "packed.kiosk").read_bytes()).hexdigest()
        assert copy.path.read_bytes() == (tmp_path / "packed.kiosk").read_bytes()
        assert "`kiosk pack`" in copy.describes
        folder = copy.path.parent
    assert not folder.exists()  # the private copy is gone afterwards


def test_a_broken_folder_is_refused(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b", "[bundle]\nid = 'x'\n")
    with pytest.raises(BundleError), private_copy(bundle):
        pass
