"""Where the curators' commands may write: never over the bundle they read, never over a
file of another kind (plain Python, no Qt).

``kiosk pack DIR -o DIR/bundle.toml`` or ``kiosk render DIR --pdf DIR/media/x.svg`` is
a slip of the keyboard that would replace the curator's own work with an archive or a
PDF; these commands refuse before anything is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.bundle.source import MANIFEST

#: The first bytes of the files the commands write, by what they are called in messages.
ZIP_MAGIC = b"PK"
PDF_MAGIC = b"%PDF"


class OutputRefusedError(ValueError):
    """The output named would replace one of the bundle's own files, or a file that is
    not what the command writes; nothing was written."""


def _same(first: Path, second: Path) -> bool:
    """One file or folder under two names (links, or letter case on Windows and macOS)."""
    try:
        return first.samefile(second)
    except OSError:
        return os.path.normcase(first.absolute()) == os.path.normcase(second.absolute())


def _inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or somewhere under it, whatever names reach them."""
    if not folder.is_dir():
        return False
    return any(_same(parent, folder) for parent in (path, *path.parents) if parent.exists())


def owned_by(output: Path, bundle: Path) -> str | None:
    """What of the bundle at ``bundle`` (folder or .kiosk file) ``output`` is, or None."""
    output = output.absolute()
    if bundle.is_file():
        return f"the bundle {bundle} itself" if _same(output, bundle) else None
    manifest = bundle / MANIFEST
    if (output.exists() and _same(output, manifest)) or output.resolve() == manifest.resolve():
        return f"the bundle's {MANIFEST}"
    if _inside(output, bundle / "media") or _inside(output.resolve(), bundle / "media"):
        return "in the bundle's media folder"
    return None


def check_output(
    output: Path, bundle: Path, *, kind: str, magic: bytes | None, suffix: str
) -> None:
    """Raises OutputRefusedError when ``output`` is one of the bundle's own files (its
    bundle.toml, anything in its media folder, the .kiosk file read), or an existing
    file that does not begin with ``magic`` (what a ``kind`` file begins with): a file
    of another kind is never replaced. An empty file holds nothing to lose. With
    ``magic`` None only the bundle's own files are refused (PO has no first bytes of
    its own; the suffix says what the file is).
    """
    own = owned_by(output, bundle)
    if own is not None:
        raise OutputRefusedError(
            f"{output} is {own}, which is the curator's work: a {kind} never goes "
            "there, and nothing was written. Give a file outside the bundle, such as "
            f"{_example(bundle, suffix)}"
        )
    if output.is_dir():
        raise OutputRefusedError(f"{output} is a folder: give a file name, such as {output / 'x'}")
    if magic is None or not output.exists():
        return
    try:
        with output.open("rb") as file:
            head = file.read(len(magic))
    except OSError as error:
        raise OutputRefusedError(f"cannot read {output}: {error.strerror}") from None
    if head and not head.startswith(magic):
        raise OutputRefusedError(
            f"{output} exists and is not a {kind}: it was left as it was, and nothing was "
            "written. Give another name, or move that file away first"
        )


def _example(bundle: Path, suffix: str) -> str:
    name = (bundle.stem if bundle.is_file() else bundle.absolute().name) or "bundle"
    return str(bundle.absolute().parent / f"{name}{suffix}")
