"""Translators' round trip: a bundle's texts out to XLIFF 1.2 or PO, and back in.

Plain Python (no Qt): the command line validates the result with the kiosk's checks.
"""
