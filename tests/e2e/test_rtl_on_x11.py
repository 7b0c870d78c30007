"""A right-to-left exhibition on a bare X server: the next slide lies to the left, so a
rightward drag and the button at the left edge bring it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.x11 import HEIGHT, Kiosk, xvfb
from tests.rtl_bundle import write_rtl_bundle

NEXT_BUTTON_RTL = (49, HEIGHT // 2)  # at the left edge in a right-to-left language


def test_in_persian_a_rightward_drag_and_the_left_button_move_on(tmp_path: Path) -> None:
    bundle = write_rtl_bundle(tmp_path / "fa")
    with xvfb() as display:
        kiosk = Kiosk(display, tmp_path, "--bundle", str(bundle), "--idle-seconds", "600")
        try:
            kiosk.drag(300, 1000)
            kiosk.wait_for_log(r"showing slide 2/6 in fa \(visitor\)")
            kiosk.tap(*NEXT_BUTTON_RTL)
            kiosk.wait_for_log(r"showing slide 3/6 in fa \(visitor\)")
            mark = len(kiosk.log_text())
            kiosk.drag(1000, 300)  # leftwards: back
            kiosk.wait_for_log(r"showing slide 2/6 in fa \(visitor\)", after=mark)
        finally:
            kiosk.stop()
