"""The chapters list under a real mouse on a bare X server: a drag scrolls, a tap chooses.

Kinetic scrolling (QScroller) follows real pointer input; Qt's test events do not drive it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.bundles import write_bundle
from tests.e2e.x11 import HEIGHT, WIDTH, Kiosk, xvfb
from tests.ui.test_chapters import many_slides

CHAPTERS_BUTTON = (49, HEIGHT - 49)  # the grid button at the bottom left
MIDDLE = (WIDTH // 2, HEIGHT // 2 + 40)  # inside the list, a row or so below its middle


def test_a_drag_scrolls_the_list_without_choosing_and_a_tap_chooses(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "many", many_slides(100))
    with xvfb() as display:
        kiosk = Kiosk(display, tmp_path, "--bundle", str(bundle), "--idle-seconds", "600")
        try:
            kiosk.tap(*CHAPTERS_BUTTON)
            mark = len(kiosk.log_text())
            x, y = MIDDLE[0], HEIGHT - 150
            moves: list[str] = []
            for step in range(1, 21):
                moves += ["mousemove", str(x), str(y - step * 20), "sleep", "0.015"]
            kiosk.xdotool("mousemove", str(x), str(y), "mousedown", "1", *moves, "mouseup", "1")
            kiosk.xdotool("sleep", "2")  # the list glides to a stop
            assert "showing slide" not in kiosk.log_text()[mark:]  # a drag chooses nothing
            kiosk.tap(*MIDDLE)
            text = kiosk.wait_for_log(r"showing slide \d+/100 in en \(visitor\)", after=mark)
            chosen = int(re.findall(r"showing slide (\d+)/100", text)[0])
            assert chosen >= 10, f"the tap chose slide {chosen}: the list did not scroll"
        finally:
            kiosk.stop()
