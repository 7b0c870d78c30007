"""The layout lint's rules, in plain Python: what a careful designer flags on a slide.

Each rule takes plain data (the lines a text was broken into, pixel sizes, colours,
boxes) and says what is wrong, in words a curator can act on, or nothing. The Qt side
(:mod:`kiosk.ui.lint`) reads that data from laid-out slide renderers; ``kiosk render``
and ``kiosk validate`` print what the rules say as :class:`Finding`.

The thresholds:

- Reading text: at most ``kiosk.text.measure.MAX_CHARACTERS`` characters a line
  (spaces counted, a trailing one not), after the Smithsonian Guidelines for
  Accessible Exhibition Design.
- No paragraph of reading text or heading ends in a line of one word.
- Memorial figures: the first is the largest; the others share one size; figures side
  by side share one baseline.
- Contrast (WCAG 2): text over anything but the slide's ground (a picture, a scrim, a
  panel) at least 7:1 against the worst that can be under it; text on the plain ground
  at least 4.5:1.
- Pictures: shown at most 1.5 times their own pixels (in device pixels).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.palette import MIN_TEXT_CONTRAST, contrast_ratio, relative_luminance
from kiosk.text.measure import MAX_CHARACTERS, READING

#: Headings, whose last lines are checked like reading text's (their length is not).
HEADINGS = frozenset({"heading", "title", "subtitle"})
#: Text over a picture, a scrim or a panel: WCAG 2 level AAA.
OVER_CONTRAST = MIN_TEXT_CONTRAST
#: Text on the slide's plain ground: WCAG 2 level AA for small text, whatever the ground.
GROUND_CONTRAST = 4.5
#: A picture may be shown at most this many times its own pixels before it looks soft.
MAX_UPSCALE = 1.5
#: Side-by-side figures whose baselines differ by more than this are not aligned.
BASELINE_TOLERANCE = 1.0
#: The words of a line quoted in a finding.
QUOTED_WORDS = 6

_FIGURE = re.compile(r"^figures\[(\d+)\]\.value$")


@dataclass(frozen=True)
class Finding:
    """One lint warning: where (slide, language, screen size) and what."""

    slide: int
    slide_id: str
    language: str
    size: tuple[int, int]
    what: str
    #: Where the curator fixes it, when the finding is the same in every language (a
    #: picture): "bundle.toml:24: slides[1].image (slide 2, snowdrops)"; said instead of
    #: the slide, language and screen (the message names the screen).
    where: str | None = None

    def __str__(self) -> str:
        if self.where is not None:
            return f"{self.where}: {self.what}"
        width, height = self.size
        return (
            f"slide {self.slide} ({self.slide_id}), {self.language}, {width}x{height}: {self.what}"
        )


# --- lines ---------------------------------------------------------------------------


def is_reading(name: str) -> bool:
    """Reading text, held to the measure: a narrative body, a quotation, a caption ..."""
    return name in READING


def is_checked_for_last_lines(name: str) -> bool:
    return name in READING or name in HEADINGS


def line_length(line: str) -> int:
    """Characters in a laid-out line, spaces counted, the space it broke at not."""
    return len(line.rstrip())


def _quoted(line: str) -> str:
    words = line.split()
    shown = " ".join(words[:QUOTED_WORDS])
    return f'"{shown} …"' if len(words) > QUOTED_WORDS else f'"{shown}"'


def over_measure(name: str, paragraphs: Sequence[Sequence[str]]) -> str | None:
    """A reading text with a line longer than the measure: its longest line."""
    if not is_reading(name):
        return None
    lines = [line for paragraph in paragraphs for line in paragraph]
    if not lines:
        return None
    longest = max(lines, key=line_length)
    if line_length(longest) <= MAX_CHARACTERS:
        return None
    return (
        f"{name}: a line of {line_length(longest)} characters, over the measure of "
        f"{MAX_CHARACTERS} ({_quoted(longest)})"
    )


def one_word_last_lines(name: str, paragraphs: Sequence[Sequence[str]]) -> list[str]:
    """Each paragraph of more than one line that ends in a line of one word, when it has
    more than two words: "Black January" set on two lines cannot end otherwise."""
    if not is_checked_for_last_lines(name):
        return []
    found = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph if line.strip()]
        words = sum(len(line.split()) for line in lines)
        if len(lines) > 1 and len(lines[-1].split()) == 1 and words > 2:
            found.append(
                f'{name}: a one-word last line ("{lines[-1].strip()}" after {_quoted(lines[-2])})'
            )
    return found


# --- figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A memorial figure as laid out: its text, type size, box top and bottom, baseline."""

    index: int
    text: str
    pixels: int
    top: float
    bottom: float
    baseline: float


def figure_index(name: str) -> int | None:
    """The figure's index in a placed name such as ``figures[1].value``, else None."""
    match = _FIGURE.match(name)
    return int(match.group(1)) if match else None


def figure_problems(figures: Sequence[Figure]) -> list[str]:
    """The hierarchy of a memorial's figures: the first the largest, the others at one
    size, and those side by side (their boxes overlap in height) on one baseline."""
    ordered = sorted(figures, key=lambda figure: figure.index)
    if len(ordered) < 2:
        return []

    def named(figure: Figure) -> str:
        return f'"{figure.text}" {figure.pixels} px'

    found = []
    first, others = ordered[0], ordered[1:]
    rivals = [figure for figure in others if figure.pixels >= first.pixels]
    if rivals:
        found.append(
            f"figures: the first ({named(first)}) is not the largest "
            f"({', '.join(named(figure) for figure in rivals)})"
        )
    if len({figure.pixels for figure in others}) > 1:
        found.append(
            "figures: the others are at different sizes "
            f"({', '.join(named(figure) for figure in others)})"
        )
    for index, figure in enumerate(ordered):
        for other in ordered[index + 1 :]:
            beside = figure.top < other.bottom and other.top < figure.bottom
            apart = abs(figure.baseline - other.baseline)
            if beside and apart > BASELINE_TOLERANCE:
                found.append(
                    f'figures: "{figure.text}" and "{other.text}" stand side by side on '
                    f"baselines {apart:.0f} px apart"
                )
    return found


# --- contrast ------------------------------------------------------------------------

Rgb = tuple[float, float, float]


@dataclass(frozen=True)
class Under:
    """What may be under a point of text: each channel (0-255) between ``low`` and
    ``high``; ``plain`` while it is the slide's ground and nothing else."""

    low: Rgb
    high: Rgb
    plain: bool = False

    @classmethod
    def ground(cls, colour: str) -> Under:
        rgb = _rgb(colour)
        return cls(rgb, rgb, plain=True)

    def under(self, colour: Rgb, alpha: float) -> Under:
        """``colour`` at ``alpha`` (0-1) laid over what was here: a scrim, a panel."""

        def blend(below: Rgb) -> Rgb:
            mixed = [alpha * c + (1 - alpha) * b for c, b in zip(colour, below, strict=True)]
            return (mixed[0], mixed[1], mixed[2])

        return Under(blend(self.low), blend(self.high))


#: Under a picture: any colour at all (and the ground, where the picture is clear).
ANYTHING = Under((0.0, 0.0, 0.0), (255.0, 255.0, 255.0))


def _rgb(colour: str) -> Rgb:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _hex(rgb: Rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(channel))):02x}" for channel in rgb)


def worst_contrast(text: str, under: Under) -> float:
    """The lowest contrast ``text`` can have against anything ``under`` allows.

    Luminance grows with each channel, so the darkest and lightest possible colours are
    ``low`` and ``high``; if the text's own luminance lies between them some colour
    under it matches it, and the contrast can fall to 1:1.
    """
    low, high = _hex(under.low), _hex(under.high)
    if relative_luminance(low) <= relative_luminance(text) <= relative_luminance(high):
        return 1.0
    return min(contrast_ratio(text, low), contrast_ratio(text, high))


def contrast_problem(name: str, text: str, points: Sequence[Under]) -> str | None:
    """Text in colour ``text`` over each of ``points`` (what may be under its lines)."""
    plain = [worst_contrast(text, point) for point in points if point.plain]
    over = [worst_contrast(text, point) for point in points if not point.plain]
    if over and min(over) < OVER_CONTRAST:
        return (
            f"{name}: text over a picture or scrim at {min(over):.1f}:1 "
            f"(at least {OVER_CONTRAST:g}:1)"
        )
    if plain and min(plain) < GROUND_CONTRAST:
        return f"{name}: text on the ground at {min(plain):.1f}:1 (at least {GROUND_CONTRAST:g}:1)"
    return None


# --- pictures ------------------------------------------------------------------------


def upscale(natural: tuple[int, int], box: tuple[float, float], *, cover: bool) -> float:
    """How many times its own pixels a picture of ``natural`` size is shown at, in
    ``box`` (device pixels): filling it (``cover``, cropped) or inside it."""
    across, down = box[0] / max(1, natural[0]), box[1] / max(1, natural[1])
    return max(across, down) if cover else min(across, down)


def could_be_enlarged(natural: tuple[int, int], screen: tuple[float, float]) -> bool:
    """Whether a picture of ``natural`` size could be shown over ``MAX_UPSCALE`` times on
    a screen of ``screen`` device pixels. No slide gives a picture a box larger than the
    screen, so a picture that could fill the screen at that scale never needs a look at
    the layout."""
    return upscale(natural, screen, cover=True) > MAX_UPSCALE


def needed_size(natural: tuple[int, int], scale: float) -> tuple[int, int]:
    """The size, of the same shape, a picture of ``natural`` size shown ``scale`` times
    enlarged must have to be shown at most ``MAX_UPSCALE`` times."""
    factor = scale / MAX_UPSCALE
    return (
        math.ceil(natural[0] * factor - 1e-6),
        math.ceil(natural[1] * factor - 1e-6),
    )


def _enlarged(natural: tuple[int, int], scale: float) -> str:
    width, height = needed_size(natural, scale)
    return (
        f"a picture of {natural[0]}x{natural[1]} pixels, is shown {scale:.1f} times enlarged"
        f"{{where}} and looks soft (sharp up to {MAX_UPSCALE:g} times): use a picture of at "
        f"least {width}x{height} pixels"
    )


def upscale_problem(
    name: str, natural: tuple[int, int], box: tuple[float, float], *, cover: bool
) -> str | None:
    """A picture enlarged too much on one laid-out slide (``kiosk render``'s lint), with
    the space the slide gives it."""
    scale = upscale(natural, box, cover=cover)
    if scale <= MAX_UPSCALE:
        return None
    space = f", in a space of {box[0]:.0f}x{box[1]:.0f} pixels on this slide,"
    return f"{name}, " + _enlarged(natural, scale).format(where=space)


def screen_upscale_problem(
    name: str, natural: tuple[int, int], scale: float, screen: tuple[int, int]
) -> str:
    """A picture enlarged ``scale`` times at most on a target screen (``kiosk validate``)."""
    where = f" on a {screen[0]}x{screen[1]} screen,"
    return f"{name}, " + _enlarged(natural, scale).format(where=where)
