"""The measure: how many characters a line of reading text may hold.

The Smithsonian Guidelines for Accessible Exhibition Design ask for lines of at most 55
characters, 45-50 preferred; book typography allows up to about 60-65. The kiosk lays
reading text (narrative body, quotations, captions, dedications) out to at most
``MAX_CHARACTERS`` and aims at ``TARGET_CHARACTERS``; the layout lint warns past the
maximum. Headings, figures, labels and source lines are not reading text.
"""

from __future__ import annotations

#: The fewest characters a line of reading text should hold on a wide enough screen.
MIN_CHARACTERS = 45
#: What the layout aims at.
TARGET_CHARACTERS = 55
#: The most a line of reading text may hold (spaces counted).
MAX_CHARACTERS = 60

#: The names the slide renderers give their reading texts (``SlideRenderer.placed``).
READING = frozenset({"body", "text", "caption", "dedication"})
