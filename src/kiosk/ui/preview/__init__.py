"""``kiosk preview PATH``: the curator's live preview of a bundle.

A desktop window that shows each slide as visitors will see it, in any of the bundle's
languages and at the kiosk's screen sizes, loads the bundle again whenever it is saved,
and lists the validation and layout messages beside the slide they concern. It never
touches the installed kiosk's settings, logs or state: it logs to standard error only.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def run(path: Path) -> int:
    """Open the preview of the bundle at ``path`` and run until the window is closed."""
    from PySide6.QtWidgets import QApplication

    from kiosk.media.raster import force_cpu_conversion
    from kiosk.qtmedia import harden_qt

    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(name)s: %(message)s",
    )
    force_cpu_conversion()  # as `kiosk render`: a film's poster frame
    app = QApplication.instance() or QApplication(["kiosk preview"])
    harden_qt()
    from kiosk.ui.preview.window import PreviewWindow

    window = PreviewWindow(path)
    window.show()
    try:
        return app.exec()
    finally:
        window.shutdown()
