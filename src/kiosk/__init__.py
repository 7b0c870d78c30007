"""An exhibition kiosk: a fullscreen touch presentation of a content bundle."""

__version__ = "0.1.0"
