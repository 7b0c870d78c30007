"""The layout lint's rules on plain data: each says what is wrong, or nothing."""

from __future__ import annotations

import pytest

from kiosk.bundle.lint import (
    ANYTHING,
    Figure,
    Finding,
    Under,
    contrast_problem,
    figure_problems,
    line_length,
    one_word_last_lines,
    over_measure,
    upscale,
    upscale_problem,
    worst_contrast,
)
from kiosk.text.measure import MAX_CHARACTERS


def test_a_finding_reads_like_an_overflow() -> None:
    finding = Finding(3, "a-warning", "az", (1024, 768), "body: too long")
    assert str(finding) == "slide 3 (a-warning), az, 1024x768: body: too long"


def test_a_line_counts_its_spaces_but_not_the_one_it_broke_at() -> None:
    assert line_length("two words ") == 9
    assert line_length("two  words") == 10


def test_a_reading_line_over_the_measure_is_named_with_its_length_and_first_words() -> None:
    long = "word " * 12 + "end"  # 63 characters
    lines = [["short line ", long], ["another"]]
    assert over_measure("body", lines) == (
        f"body: a line of 63 characters, over the measure of {MAX_CHARACTERS} "
        '("word word word word word word …")'
    )


def test_lines_at_the_measure_and_texts_that_are_not_reading_pass() -> None:
    at_most = "x" * (MAX_CHARACTERS - 1) + "y "  # the trailing space is not counted
    assert over_measure("text", [[at_most]]) is None
    assert over_measure("heading", [["x" * 90]]) is None  # headings are not held to it
    assert over_measure("source", [["x" * 90]]) is None


def test_a_paragraph_ending_in_one_word_is_named() -> None:
    found = one_word_last_lines("dedication", [["In memory of those who gave ", "independence."]])
    assert found == [
        'dedication: a one-word last line ("independence." after "In memory of those who gave")'
    ]
    assert one_word_last_lines("heading", [["Soldiers and tanks in ", "Baku"]])


def test_one_line_paragraphs_two_word_last_lines_and_labels_pass() -> None:
    assert one_word_last_lines("body", [["Alone."], ["two lines ", "end here."]]) == []
    assert one_word_last_lines("figures[0].label", [["killed on ", "20 January"]]) == []
    assert one_word_last_lines("attribution", [["— An ", "eyewitness"]]) == []


def figure(index: int, pixels: int, baseline: float, top: float = 0.0) -> Figure:
    return Figure(index, f"f{index}", pixels, top, top + pixels * 1.3, baseline)


def test_the_first_figure_must_be_the_largest() -> None:
    found = figure_problems([figure(0, 80, 100), figure(1, 80, 100)])
    assert found == ['figures: the first ("f0" 80 px) is not the largest ("f1" 80 px)']


def test_the_other_figures_share_one_size() -> None:
    found = figure_problems([figure(0, 120, 100), figure(1, 70, 100), figure(2, 64, 100)])
    assert found == ['figures: the others are at different sizes ("f1" 70 px, "f2" 64 px)']


def test_figures_side_by_side_share_a_baseline_and_stacked_ones_need_not() -> None:
    beside = figure_problems([figure(0, 120, 110), figure(1, 70, 142, top=40)])
    assert beside == ['figures: "f0" and "f1" stand side by side on baselines 32 px apart']
    stacked = [figure(0, 120, 110), figure(1, 70, 400, top=300)]
    assert figure_problems(stacked) == []
    assert figure_problems([figure(0, 120, 110), figure(1, 70, 110.6, top=40)]) == []


def test_text_on_the_ground_needs_4_5_to_1() -> None:
    ground = Under.ground("#101112")
    assert contrast_problem("body", "#f4f0e8", [ground]) is None
    assert contrast_problem("body", "#7c7c7c", [ground]) is None  # 4.53:1
    assert contrast_problem("body", "#7a7a7a", [ground]) is not None  # 4.40:1
    assert contrast_problem("body", "#666666", [ground]) == (
        "body: text on the ground at 3.3:1 (at least 4.5:1)"
    )


def test_text_over_a_scrim_needs_7_to_1_against_the_worst_picture_under_it() -> None:
    # A near-opaque dark scrim over any picture: the lightest it can get is still dark.
    dark = ANYTHING.under((16, 17, 18), 235 / 255)
    assert worst_contrast("#f4f0e8", dark) > 12
    assert contrast_problem("caption", "#f4f0e8", [Under.ground("#101112"), dark]) is None
    # A scrim of a grey ground that itself just passes 7:1 lets a white picture through.
    grey = ANYTHING.under((0x57, 0x57, 0x57), 235 / 255)
    assert contrast_problem("caption", "#ffffff", [grey]) == (
        "caption: text over a picture or scrim at 5.9:1 (at least 7:1)"
    )


def test_text_straight_over_a_picture_can_match_it() -> None:
    assert worst_contrast("#f4f0e8", ANYTHING) == 1.0
    assert contrast_problem("caption", "#f4f0e8", [ANYTHING]) is not None
    half = ANYTHING.under((0, 0, 0), 0.5)  # a light text can still meet a light picture
    assert worst_contrast("#808080", half) == 1.0


@pytest.mark.parametrize(
    ("natural", "box", "cover", "scale"),
    [
        ((800, 600), (1600, 900), False, 1.5),  # inside: the tighter side
        ((800, 600), (1600, 900), True, 2.0),  # filling: the wider side, cropped
        ((4000, 3000), (1920, 1080), True, 0.48),
    ],
)
def test_upscale(natural: tuple[int, int], box: tuple[int, int], cover: bool, scale: float) -> None:
    assert upscale(natural, box, cover=cover) == pytest.approx(scale)


def test_a_picture_shown_over_1_5_times_its_pixels_is_named() -> None:
    assert upscale_problem("media/a.png", (800, 600), (1600, 900), cover=False) is None
    assert upscale_problem("media/a.png", (800, 600), (1920, 1080), cover=True) == (
        "media/a.png, a picture of 800x600 pixels, is shown 2.4 times enlarged, in a space "
        "of 1920x1080 pixels on this slide, and looks soft (sharp up to 1.5 times): use a "
        "picture of at least 1280x960 pixels"
    )


def test_a_two_word_text_on_two_lines_is_no_one_word_last_line() -> None:
    # Nothing could be done: "Black January" too wide for one line can only stand so.
    assert one_word_last_lines("title", [["Black ", "January"]]) == []
    assert one_word_last_lines("title", [["Black night ", "January"]]) != []
