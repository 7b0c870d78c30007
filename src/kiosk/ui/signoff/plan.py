"""What a sign-off sheet holds, worked out before anything is drawn (no Qt here).

The sheet must describe exactly the bytes that will be installed, so it is made from a
private copy: a folder is packed (``kiosk.bundle.pack`` is byte for byte deterministic,
so the copy is the very file ``kiosk pack`` makes), a .kiosk file is copied; the copy is
hashed, and the slides are rendered from it. Nothing that changes the original while
the sheet is made can slip in between the checksum and the pictures.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.bundle.media import HEADERS, MediaCheck
from kiosk.bundle.pack import pack

#: The screen the sheet shows when neither the bundle nor the command line names one.
DEFAULT_SCREEN = (1920, 1080)
#: Renders on one page: two landscape screens one above the other, or two portrait
#: screens side by side.
PER_PAGE = 2

Screen = tuple[int, int]


@dataclass(frozen=True)
class Copy:
    """The private .kiosk the sheet is made from, its SHA-256, and what it stands for."""

    path: Path
    sha256: str
    #: How the sheet names the file the checksum is of.
    describes: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def private_copy(path: Path, *, media: MediaCheck = HEADERS) -> Iterator[Copy]:
    """A .kiosk of ``path`` in a temporary folder, removed afterwards. A folder is
    packed (and so validated; raises BundleError), a file copied."""
    with tempfile.TemporaryDirectory(prefix="kiosk-signoff-") as folder:
        copy = Path(folder) / "bundle.kiosk"
        if path.is_dir():
            pack(path, copy, media=media)
            describes = f"the .kiosk that `kiosk pack` makes from the folder {path.name}"
        else:
            shutil.copyfile(path, copy)
            describes = f"the file {path.name}"
        yield Copy(copy, sha256_of(copy), describes)


def parse_screen(text: str) -> Screen:
    """'1920x1080' -> (1920, 1080); ValueError for anything else."""
    width, separator, height = text.strip().lower().partition("x")
    if not separator:
        raise ValueError(f"{text!r} is not a screen size such as 1920x1080")
    return int(width), int(height)


def as_screen(value: object) -> Screen:
    """A screen as a bundle may declare it: "1920x1080", (1920, 1080), or an object
    with ``width`` and ``height``."""
    if isinstance(value, str):
        return parse_screen(value)
    if isinstance(value, Sequence) and len(value) == 2:
        return int(value[0]), int(value[1])
    width, height = getattr(value, "width", None), getattr(value, "height", None)
    if width is None or height is None:
        raise ValueError(f"{value!r} is not a screen size")
    return int(width() if callable(width) else width), int(height() if callable(height) else height)


def target_screens(declared: object, asked: Sequence[Screen] | None) -> list[Screen]:
    """The screens the sheet shows: those asked for with --size, else the bundle's own
    (``[bundle] screens``), else 1920x1080. Each once, in the order given."""
    if asked:
        screens = list(asked)
    elif declared:
        screens = [as_screen(value) for value in declared]  # type: ignore[attr-defined]
    else:
        screens = [DEFAULT_SCREEN]
    return list(dict.fromkeys(screens))


def is_portrait(screen: Screen) -> bool:
    return screen[1] > screen[0]


@dataclass(frozen=True)
class Render:
    """One picture on the sheet: slide (from 0), language, screen."""

    slide: int
    language: str
    screen: Screen


@dataclass(frozen=True)
class Page:
    """One page after the cover: its renders, all at one screen."""

    screen: Screen
    renders: tuple[Render, ...]


def pages(slides: int, languages: Sequence[str], screens: Sequence[Screen]) -> list[Page]:
    """The slide pages: screen by screen, slide by slide, each slide in every language
    (so a bundle in two languages shows a slide's two versions on one page)."""
    result: list[Page] = []
    for screen in screens:
        renders = [
            Render(slide, language, screen) for slide in range(slides) for language in languages
        ]
        for start in range(0, len(renders), PER_PAGE):
            result.append(Page(screen, tuple(renders[start : start + PER_PAGE])))
    return result


def screen_text(screen: Screen) -> str:
    width, height = screen
    return f"{width}x{height} ({'portrait' if is_portrait(screen) else 'landscape'})"


#: What a signature on the sheet means, printed on its cover.
SIGNING_MEANS = (
    "By signing, you confirm that you have read every page of this sheet: every slide in "
    "every language, as visitors will see it, with its source and credits; that these may "
    "be shown to the public in your institution's name; and that the exhibition to be "
    "installed is the file whose SHA-256 checksum is printed above. Any change to the "
    "exhibition, even of one letter, changes the checksum and needs a new sheet. To check "
    "a file against this sheet: sha256sum FILE.kiosk (Linux), shasum -a 256 FILE.kiosk "
    "(macOS), certutil -hashfile FILE.kiosk SHA256 (Windows)."
)
