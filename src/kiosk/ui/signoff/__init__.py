"""``kiosk render --pdf FILE``: a sign-off sheet for whoever approves an exhibition.

A cover (title, id, version, languages, slides, screens, date, the SHA-256 of the packed
file, what signing means and lines to sign on), then every slide in every language at
the bundle's target screens as visitors see it, with its source, credits and anything
that does not fit. ``plan`` holds the Qt-free part, ``sheet`` the drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from kiosk.bundle import Bundle, BundleError, Problem
from kiosk.bundle.outputs import PDF_MAGIC, check_output
from kiosk.qtmedia import QT_MEDIA, load
from kiosk.ui.signoff.plan import Screen, private_copy, target_screens
from kiosk.ui.signoff.sheet import SheetResult, write_sheet

__all__ = ["SheetResult", "write_signoff"]


def write_signoff(
    path: Path,
    output: Path,
    *,
    asked: Sequence[Screen] | None = None,
    languages: Sequence[str] | None = None,
    check: Callable[[Bundle], list[Problem]] | None = None,
    made: date | None = None,
) -> tuple[SheetResult, str, list[Screen]]:
    """Write the sign-off sheet of the bundle at ``path`` (folder or .kiosk) to ``output``.

    The screens are the bundle's ``[bundle] screens``, else ``asked``, else 1920x1080;
    ``check`` (such as the kiosk's glyph check) refuses a bundle as ``kiosk pack`` does.
    Returns the findings, the SHA-256 and the screens. Raises BundleError for a bundle
    that does not load, ValueError for a language it does not have, OutputRefusedError (a
    ValueError) for an ``output`` that is one of the bundle's own files or an existing
    file that is not a PDF.
    """
    check_output(output, path, kind="PDF", magic=PDF_MAGIC, suffix=".pdf")
    with private_copy(path, media=QT_MEDIA) as copy:
        try:
            bundle = load(copy.path)
        except BundleError as error:
            raise _named_as(error, copy.path, path) from None
        try:
            problems = check(bundle) if check is not None else []
            if problems:
                raise _named_as(BundleError(problems), copy.path, path)
            chosen = list(languages or bundle.languages)
            unknown = [code for code in chosen if code not in bundle.languages]
            if unknown:
                raise ValueError(
                    f"the bundle has no language {', '.join(unknown)} "
                    f"(it has {', '.join(bundle.languages)})"
                )
            screens = target_screens(getattr(bundle.manifest.bundle, "screens", None), asked)
            result = write_sheet(bundle, copy, output, screens, chosen, made=made)
        finally:
            bundle.close()
    return result, copy.sha256, screens


def _named_as(error: BundleError, copy: Path, original: Path) -> BundleError:
    """``error`` with its problems placed in the curator's bundle, not in the private
    copy the sheet is made from (a name they have never seen)."""
    problems = [
        replace(problem, file=problem.file.replace(str(copy), str(original), 1))
        for problem in error.problems
    ]
    named = BundleError(problems)
    named.warnings = error.warnings
    return named
