"""Playing video and audio: the one place QtMultimedia is imported (DESIGN.md).

Importing this package loads nothing of QtMultimedia; ``kiosk.media.player`` does. The
application attribute the players need is set by ``kiosk.media.raster``, which needs
only QtCore, so the first frame's start-up path can call it cheaply.
"""
