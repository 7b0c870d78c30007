"""Typesetting rules that need no Qt: what a language's direction and script are, what
it is called, which scripts a text is written in. The drawing lives in ``kiosk.ui``."""
