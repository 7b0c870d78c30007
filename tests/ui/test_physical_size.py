"""Physical size: body text and touch targets measured in millimetres on the glass.

The screens of the issue: a 22-inch 1080p monitor, a 15-inch 1024x768 panel, a 55-inch
portrait totem, and a screen that does not say its size (sized as before).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from pydantic import ValidationError
from PySide6.QtCore import QSize

from kiosk.bundle import Bundle
from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.metrics import BODY_MM_AT_1M, Display, Metrics, mm_per_px
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.theme import theme_for

POINT_MM = 25.4 / 72


def glass(inches: float, width: int, height: int) -> tuple[float, float]:
    """Width and height in mm of a screen of ``inches`` diagonal and square pixels."""
    per_px = inches * 25.4 / math.hypot(width, height)
    return width * per_px, height * per_px


def screen(inches: float, width: int, height: int, distance: float = 1.0) -> Metrics:
    per_px = mm_per_px(width, height, *glass(inches, width, height))
    assert per_px is not None
    return Metrics(width, height, per_px, distance)


def points(metrics: Metrics, pixels: float) -> float:
    """``pixels`` in points on the glass (rounded to a thousandth: 23.99999 is 24)."""
    assert metrics.mm_per_px is not None
    return round(pixels * metrics.mm_per_px / POINT_MM, 3)


def millimetres(metrics: Metrics, pixels: float) -> float:
    assert metrics.mm_per_px is not None
    return pixels * metrics.mm_per_px


# --- what the screen says ----------------------------------------------------------


@pytest.mark.parametrize(
    ("pixels", "mm"),
    [
        ((1920, 1080), (0, 0)),  # nothing reported
        ((1920, 1080), (-1, 286)),
        ((1920, 1080), (float("nan"), 286)),
        ((1920, 1080), (508, 286)),  # Xvfb and EDID-less X: 96 dpi, to the millimetre
        ((3840, 2160), (1016, 572)),
        ((1024, 768), (271, 203)),
        ((800, 600), (203.2, 152.4)),  # Qt's offscreen platform: 100 dpi
        ((1280, 800), (452, 282)),  # 72 dpi
        ((1920, 1080), (160, 90)),  # EDID that stores the aspect ratio only
        ((1920, 1080), (16, 9)),
        ((1920, 1080), (700, 200)),  # pixels far from square
        ((1920, 1080), (50, 28)),  # a 2-inch "monitor"
        ((1920, 1080), (9000, 5000)),  # a 10 m one
    ],
)
def test_made_up_or_absurd_physical_sizes_count_as_unknown(
    pixels: tuple[int, int], mm: tuple[float, float]
) -> None:
    assert mm_per_px(*pixels, *mm) is None


def test_real_physical_sizes_are_believed() -> None:
    # A 23" 1080p monitor is nearly 96 dpi, but its EDID says 509 mm, not Xvfb's 508.
    assert mm_per_px(1920, 1080, 509, 286) == pytest.approx(0.265, abs=0.001)
    assert mm_per_px(1920, 1080, *glass(22, 1920, 1080)) == pytest.approx(0.2537, abs=0.001)
    # A totem turned to portrait whose size is reported the landscape way round.
    totem = mm_per_px(1080, 1920, *glass(55, 1920, 1080))
    assert totem == pytest.approx(0.634, abs=0.001)


def test_an_unknown_size_leaves_every_size_as_it_was() -> None:
    """The sizes of before this change, for the five sizes of the issue."""
    before = {  # computed by the code before physical sizes
        (1920, 1080): (31.32, 28.08, 92, 78, (140.4, 75.6, 1639.2, 820.8)),
        # Portrait's safe area is the one change: it now keeps clear of the 144-px arrows.
        (1080, 1920): (31.32, 28.08, 144, 122, (187.2, 134.4, 705.6, 1551.6)),
        (3840, 2160): (62.64, 56.16, 184, 156, (280.8, 151.2, 3278.4, 1641.6)),
        (1280, 800): (23.2, 20.8, 68, 58, (104.0, 56.0, 1072.0, 608.0)),
        (1024, 768): (22.272, 19.968, 65, 55, (99.84, 53.76, 824.32, 583.68)),
    }
    for (width, height), (body, min_body, control, small, safe) in before.items():
        for metrics in (Metrics(width, height), Display().metrics(width, height)):
            assert metrics.body == pytest.approx(body, abs=1e-9)
            assert metrics.min_body == pytest.approx(min_body, abs=1e-9)
            assert metrics.small == metrics.min_body
            assert (metrics.control, metrics.small_control) == (control, small)
            rect = metrics.safe
            got = (rect.left(), rect.top(), rect.width(), rect.height())
            assert got == pytest.approx(safe, abs=1e-9)


# --- the floors --------------------------------------------------------------------


def test_a_22_inch_1080p_screen_gets_24_pt_body_text_and_2_cm_buttons() -> None:
    unknown, known = Metrics(1920, 1080), screen(22, 1920, 1080)
    assert points(known, unknown.min_body) < 24  # the defect: about 20 pt
    assert points(known, known.min_body) >= 24
    assert points(known, known.body) > points(known, known.min_body)
    assert points(known, known.small) >= 24
    assert millimetres(known, unknown.small_control) < 20  # the defect: 19.8 mm
    assert millimetres(known, known.small_control) >= 20
    assert millimetres(known, known.control) >= 20


def test_a_15_inch_1024x768_panel_gets_24_pt_body_text_and_2_cm_buttons() -> None:
    unknown, known = Metrics(1024, 768), screen(15, 1024, 768)
    assert points(known, unknown.min_body) < 18  # the defect: about 17 pt
    assert points(known, known.min_body) >= 24
    assert millimetres(known, unknown.control) < 20
    assert millimetres(known, known.control) >= 20
    assert millimetres(known, known.small_control) >= 20
    # Content keeps clear of the larger buttons.
    assert known.safe.left() >= unknown.safe.left() + (known.control - unknown.control)
    assert known.safe.bottom() <= unknown.safe.bottom() - (
        known.small_control - unknown.small_control
    )


def test_portrait_arrows_on_a_55_inch_totem_are_sized_in_millimetres() -> None:
    unknown, known = Metrics(1080, 1920), screen(55, 1080, 1920)
    assert millimetres(known, unknown.control) > 85  # the defect: about 9 cm
    assert 20 <= millimetres(known, known.control) <= 40
    assert 20 <= millimetres(known, known.small_control) <= 40
    # Its text was large enough already: it stays as it was.
    assert known.body == unknown.body
    assert points(known, known.min_body) >= 24


def test_text_grows_with_the_viewing_distance_up_to_a_share_of_the_screen() -> None:
    near, far = screen(55, 1920, 1080, 1.0), screen(55, 1920, 1080, 3.0)
    assert near.min_body == Metrics(1920, 1080).min_body  # 50 pt already: no floor
    assert points(far, far.min_body) >= 3 * 24 * 0.99
    assert far.heading > far.body > far.min_body
    small_far = screen(22, 1920, 1080, 2.0)
    assert small_far.min_body == pytest.approx(0.042 * 1080)  # capped, not 48 pt
    assert small_far.min_body * small_far.mm_per_px < 2 * BODY_MM_AT_1M


def test_the_viewing_distance_is_a_setting_with_bounds() -> None:
    assert Settings().viewing_distance_m == 1.0
    assert Settings(viewing_distance_m=2.5).viewing_distance_m == 2.5
    for wrong in (0.0, 0.1, 11.0):
        with pytest.raises(ValidationError):
            Settings(viewing_distance_m=wrong)


# --- slides ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin(qapp: object) -> Iterator[Bundle]:
    bundle = load(builtin_bundle())
    yield bundle
    bundle.close()


@pytest.mark.parametrize(
    ("inches", "size", "distance"),
    [(22, QSize(1920, 1080), 1.0), (15, QSize(1024, 768), 1.0), (24, QSize(1920, 1080), 2.0)],
)
def test_slides_hold_their_text_at_the_physical_floors(
    builtin: Bundle, inches: float, size: QSize, distance: float
) -> None:
    """Never clipped: a slide that cannot hold its text at the floor is laid out again
    with a lower one; the others keep all of it."""
    per_px = mm_per_px(size.width(), size.height(), *glass(inches, size.width(), size.height()))
    display = Display(per_px, distance)
    context = RenderContext("en", theme_for(builtin), ImageStore(builtin), True, display)
    shares = []
    for slide in builtin.manifest.slides:
        renderer = renderer_for(slide, context, size)
        assert renderer.overflow == [], slide.id
        shares.append(renderer.floor_share)
        if renderer.floor_share == 1.0:
            floor = display.metrics(size.width(), size.height()).min_body
            assert renderer.metrics.min_body == floor
            assert all(block.pixels >= floor - 0.5 for _n, block, _r in renderer.placed)
    assert shares.count(1.0) >= len(shares) // 2


def test_a_slide_is_laid_out_once_when_the_screen_size_is_unknown(builtin: Bundle) -> None:
    context = RenderContext("en", theme_for(builtin), ImageStore(builtin), True)
    for slide in builtin.manifest.slides:
        renderer = renderer_for(slide, context, QSize(1024, 768))
        assert renderer.floor_share == 1.0
        assert renderer.metrics == Metrics(1024, 768)


def test_the_log_says_how_the_screen_was_judged() -> None:
    assert "unknown" in str(Display())
    assert str(Display(0.2537, 2.0)) == (
        "0.254 mm a pixel, read from 2 m: body text at least 48 pt, buttons at least 20 mm"
    )


@pytest.mark.parametrize(
    ("width", "height", "mm"),
    [
        (1920, 1080, None),
        (1080, 1920, None),
        (1024, 768, None),
        (1080, 1920, 0.63),
        (1024, 768, 0.3),
    ],
)
def test_slide_content_keeps_clear_of_the_arrows(width: int, height: int, mm: float | None) -> None:
    # At 1080x1920 the arrows (7.5 % of the height: 144 px from x = 27) covered the
    # first 31 px of every heading, which started at x = 140.
    metrics = Metrics(width, height, mm)
    arrow_right = round(metrics.short * 0.025) + metrics.control  # the window's margin
    assert metrics.safe.left() >= arrow_right + metrics.unit
