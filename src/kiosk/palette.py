"""The kiosk's colours and the contrast rule every palette must meet (no Qt here).

Text must stand out from what it is drawn on by at least 7:1 (WCAG 2 level AAA), so
that it reads from two metres in a bright hall; a bundle may change colours only
within that rule.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

MIN_TEXT_CONTRAST = 7.0


@dataclass(frozen=True)
class Palette:
    """Colours as #rrggbb. ``accent`` is for rules and marks, never for text."""

    background: str = "#101112"
    surface: str = "#1c1d20"
    text: str = "#f4f0e8"
    muted: str = "#cbc4b9"
    accent: str = "#b01e2d"

    def with_overrides(self, overrides: dict[str, str | None]) -> Palette:
        return replace(self, **{key: value for key, value in overrides.items() if value})

    def contrast_problems(self) -> list[tuple[str, str]]:
        """(key, message) for each text colour too faint on a colour it is drawn on."""
        problems = []
        for text in ("text", "muted"):
            for ground in ("background", "surface"):
                ratio = contrast_ratio(getattr(self, text), getattr(self, ground))
                if ratio < MIN_TEXT_CONTRAST:
                    problems.append(
                        (
                            text,
                            f"{getattr(self, text)} on {ground} {getattr(self, ground)} has a "
                            f"contrast of {ratio:.1f}:1; text needs at least "
                            f"{MIN_TEXT_CONTRAST:g}:1",
                        )
                    )
        return problems


PALETTE_KEYS = tuple(field.name for field in fields(Palette))


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def quietest(colour: str, ground: str, contrast: float) -> str:
    """``colour`` blended toward ``ground`` as far as it can go while keeping
    ``contrast`` against it: a mark that is plainly there but does not shout."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    under = [int(ground[i : i + 2], 16) for i in (1, 3, 5)]
    best = colour
    for step in range(1, 21):
        share = step / 20
        mixed = "#" + "".join(
            f"{round(a + (b - a) * share):02x}" for a, b in zip(channels, under, strict=True)
        )
        if contrast_ratio(mixed, ground) < contrast:
            break
        best = mixed
    return best
