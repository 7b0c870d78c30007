"""What a sign-off sheet found: texts that do not fit, layout warnings, its length."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.bundle.lint import Finding
from kiosk.ui.render import Overflow


@dataclass
class SheetResult:
    """What the sheet found: the texts that do not fit and the layout warnings."""

    pages: int
    overflows: list[Overflow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Checked:
    """One render's findings, from the first (layout only) pass."""

    overflow: list[str]
    findings: list[str]
