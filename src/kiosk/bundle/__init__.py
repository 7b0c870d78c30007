"""Content bundles: the format, the safe loader, and packing. No widgets here."""

from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.loader import Bundle, load

__all__ = ["Bundle", "BundleError", "Problem", "load"]
