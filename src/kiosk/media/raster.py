"""The application attribute under which video frames become QImages on the CPU.

``QVideoFrame.toImage()`` converts through a thread-local QRhi (OpenGL) unless
``Qt.AA_ForceRasterWidgets`` is set; without a GPU that means Mesa's llvmpipe rendering
a shader and reading it back, 3-4 times the CPU of Qt's own converter and too slow to
keep up (benchmarks/README.md, "Video paths measured"). The kiosk paints every widget
with QPainter on raster surfaces and has no OpenGL widgets, so the attribute costs it
nothing. Qt reads it when the application is made: call :func:`force_cpu_conversion`
before any QApplication or QGuiApplication exists.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt


def force_cpu_conversion() -> None:
    """Set the attribute; a no-op when it is set already."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets, True)


def converts_on_cpu() -> bool:
    """Whether frames will be converted on the CPU (the attribute is set)."""
    return QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets)
