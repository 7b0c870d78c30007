"""Content bundles: the format, the safe loader, and packing. No Qt here: the kiosk
checks media with Qt through kiosk.qtmedia, which passes its checks to the loader."""

from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.loader import Bundle, load

__all__ = ["Bundle", "BundleError", "Problem", "load"]
