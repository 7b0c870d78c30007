"""``kiosk new``: a starter bundle a curator fills in, with one slide of each type.

The manifest is written as text, not dumped from a model: a curator learns the format
from it, so every part carries a comment saying what it is for, and every text is a
visible placeholder in every language (``"[fr] What happened"``) that
``kiosk validate`` accepts and ``kiosk preview`` shows where it will stand.
"""

from __future__ import annotations

import re
import shutil
import tomllib
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from kiosk.bundle.model import LANGUAGE_PATTERN, SLUG_PATTERN
from kiosk.paths import resource_path
from kiosk.text import words

#: The placeholder pictures: shapes only (no words to translate), drawn at any size.
_LANDSCAPE = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900">
  <!-- A placeholder from `kiosk new`: replace it with your own picture. -->
  <rect width="1600" height="900" fill="#2b3440"/>
  <circle cx="1180" cy="260" r="90" fill="#8a94a3"/>
  <path d="M0 900 L420 430 L700 720 L960 520 L1600 900 Z" fill="#56606e"/>
  <path d="M0 900 L300 640 L560 900 Z" fill="#6b7583"/>
</svg>
"""
_ARTWORK = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400">
  <!-- A placeholder from `kiosk new`: replace it with your own artwork. -->
  <circle cx="200" cy="200" r="150" fill="none" stroke="#8a94a3" stroke-width="10"/>
  <circle cx="200" cy="200" r="60" fill="#8a94a3"/>
</svg>
"""
#: Files the starter writes beside bundle.toml, and where their bytes come from.
PICTURES = {"media/landscape.svg": _LANDSCAPE, "media/artwork.svg": _ARTWORK}
FILM = "media/film.mp4"


class StarterError(ValueError):
    """The starter cannot be written as asked; the message says why, in plain words."""


def slug(name: str) -> str:
    """A bundle id made from a folder name: "Black January 2026" -> "black-january-2026"."""
    plain = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")[:64]
    return text if re.match(SLUG_PATTERN, text) else "exhibition"


def check_languages(codes: Sequence[str]) -> list[str]:
    """``codes`` as the bundle will list them, or StarterError naming the bad one."""
    from kiosk.text.languages import locale_of  # Babel: only when a bundle is made

    if not codes:
        raise StarterError("give at least one language, e.g. --languages en,fr")
    seen: list[str] = []
    for code in codes:
        if not re.match(LANGUAGE_PATTERN, code):
            raise StarterError(
                f'"{code}" is not a language code: write a code such as en, fr, az or pt-BR'
            )
        if code.casefold() in (known.casefold() for known in seen):
            raise StarterError(f'"{code}" is listed twice')
        if locale_of(code) is None:
            raise StarterError(
                f'"{code}" is not a language the kiosk knows (CLDR has no such code): '
                "write a code such as en, fr, az or pt-BR"
            )
        seen.append(code)
    return seen


class _Writer:
    """The manifest's lines, with texts written once per language."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = list(languages)
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def text(self, key: str, english: str) -> None:
        """``key`` in every language, one line each: the placeholder, marked with the
        language it is to be written in."""
        for code in self.languages:
            self.lines.append(f"{key}.{code} = {_quoted(placeholder(english, code))}")

    def result(self) -> str:
        return "\n".join(self.lines) + "\n"


def placeholder(english: str, language: str) -> str:
    """A starter's text as it stands until the curator writes it: "[fr] What happened"."""
    return f"[{language}] {english}"


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    """The English words of every placeholder the starter writes."""
    found: set[str] = set()
    stack: list[object] = [tomllib.loads(manifest_text("starter", ["en"]))]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and node.startswith("[en] "):
            found.add(node.removeprefix("[en] "))
    # And the kiosk's words for visitors, in [ui.<code>] tables of languages it lacks.
    return frozenset(found | {words.english(key) for key in words.keys("visitor")})


#: How a placeholder left in a bundle is reported (``Bundle.placeholders`` finds them so).
PLACEHOLDER_MESSAGE = "is still the placeholder `kiosk new` wrote"


def is_placeholder(text: str, language: str) -> bool:
    """True for a text still as the starter wrote it in ``language``."""
    prefix = f"[{language}] "
    return text.startswith(prefix) and text.removeprefix(prefix) in _placeholders()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def manifest_text(bundle_id: str, languages: Sequence[str]) -> str:
    """The starter's bundle.toml."""
    out = _Writer(languages)
    listed = ", ".join(f'"{code}"' for code in languages)
    out.add(
        "#:schema ./bundle.schema.json",
        "# The line above lets an editor with a TOML extension (such as VS Code's Even",
        "# Better TOML) explain every key and underline mistakes as you type.",
        "#",
        "# A starter bundle made by `kiosk new`: one slide of each type. Every text marked",
        '# like "[fr] ..." is a placeholder, to be written in that language: kiosk validate',
        "# names those left, and kiosk pack refuses them. Replace them, change or delete",
        "# the slides, and check as you go:",
        "#",
        "#     kiosk validate FOLDER    names every mistake, with its line",
        "#     kiosk preview FOLDER     shows every slide as visitors will see it",
        "#",
        "# The curators' guide (docs/curators.md) explains every key.",
        "",
        "[bundle]",
        "# A short name in lower case: letters, digits, - and _.",
        f'id = "{bundle_id}"',
    )
    out.text("title", "Exhibition title")
    out.add(
        "# Raise it with every delivery, so staff can tell which one a kiosk shows.",
        'version = "0.1"',
        "# Every text is given in each of these; the first is shown first.",
        f"languages = [{listed}]",
        "# The screens the kiosk will stand at, width x height: validate and pack check",
        "# that every text fits each of them, in every language.",
        'screens = ["1920x1080", "1080x1920"]',
        "",
        "[timing]",
        "# Seconds each slide shows while nobody touches the screen.",
        "slide_seconds = 12",
        "# Seconds without a touch before the kiosk returns to the first slide.",
        "idle_reset_seconds = 90",
    )
    _slides(out)
    _ui_words(out)
    return out.result()


def _slide(out: _Writer, slide_type: str, slide_id: str, comment: str) -> None:
    out.add("", f"# {comment}", "[[slides]]", f'type = "{slide_type}"', f'id = "{slide_id}"')


def _source(out: _Writer) -> None:
    out.add("# Where the slide's content comes from: shown small at its foot.")
    out.text("source", "The source: an archive, a document, a publisher and a date")


def _slides(out: _Writer) -> None:
    _slide(out, "title", "opening", "A title: the first slide, or the start of a part.")
    out.text("chapter", "The first chapter")
    out.text("title", "The title")
    out.text("subtitle", "A line under the title: a place and a date")
    out.add(f'image = "{next(iter(PICTURES))}"')
    out.text("credit", "Who made the picture")
    _source(out)

    _slide(out, "narrative", "story", "A heading and a short text, with a picture beside it.")
    out.text("heading", "What happened")
    out.add("# The body is Markdown: **bold**, *italic*, and a blank line between paragraphs.")
    out.text("body", "Two or three short sentences of the story. Keep each slide to one idea.")
    out.add(f'image = "{next(iter(PICTURES))}"')
    out.text("caption", "What the picture shows")
    out.text("credit", "Who took the picture")
    _source(out)

    _slide(out, "quote", "words", "A quotation, in the words as they were said or written.")
    out.text("text", "The words of the quotation, exactly as they were said")
    out.text("attribution", "Who said or wrote them")
    out.text("date", "When")
    _source(out)

    _slide(out, "memorial", "remembrance", "Figures and a dedication, around an artwork.")
    out.text("chapter", "The second chapter")
    out.text("heading", "In memory")
    out.add('image = "media/artwork.svg"')
    out.text("credit", "Who made the artwork")
    out.text("dedication", "A line of dedication")
    _source(out)
    out.add("# Each figure is a table of its own; keys of the slide must come before them.")
    for number in ("first", "second"):
        out.add("", "[[slides.figures]]", "# The figure as it is shown, e.g. 120.", 'value = "00"')
        out.text("label", f"What the {number} figure counts")

    _slide(out, "timeline", "timeline", "Dated events, in order (up to twelve).")
    out.text("heading", "How it unfolded")
    _source(out)
    for number in ("first", "second"):
        out.add("", "[[slides.events]]")
        out.text("date", f"The {number} date")
        out.text("text", f"What happened on the {number} date")

    _slide(out, "image", "picture", "A picture on the whole screen, with its caption and credit.")
    out.add(f'image = "{next(iter(PICTURES))}"')
    out.text("caption", "What the picture shows, where and when")
    out.text("credit", "Who took the picture, and who holds it")
    _source(out)

    _slide(out, "video", "film", "A film. It plays to its end; see the guide's Film and sound.")
    out.add(
        "# One file for every language; or one per language:",
        '#   video = { en = "media/film-en.mp4", fr = "media/film-fr.mp4" }',
        f'video = "{FILM}"',
        "# The placeholder film has no sound track.",
        "muted = true",
    )
    out.text("caption", "What the film shows")
    out.text("credit", "Who made the film")
    _source(out)


def _ui_words(out: _Writer) -> None:
    """A [ui.<code>] table for each language the kiosk has no words of its own in."""
    for code in out.languages:
        absent = words.missing(code, media=True)
        if not absent:
            continue
        out.add(
            "",
            f'# The kiosk has no words of its own in "{code}": give each of its buttons\' words.',
            f"[ui.{code}]",
        )
        for key in absent:
            out.add(f"{key} = {_quoted(placeholder(words.english(key), code))}")


def write_starter(folder: Path, languages: Sequence[str]) -> list[str]:
    """Write a starter bundle into ``folder`` (new, or empty); returns the files written.

    Raises StarterError when ``folder`` holds anything or a language is not one.
    """
    codes = check_languages(languages)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} already exists and is not an empty folder")
    from kiosk.bundle.schema import schema_text

    files = {
        "bundle.toml": manifest_text(slug(folder.resolve().name), codes),
        "bundle.schema.json": schema_text(),
        **PICTURES,
    }
    (folder / "media").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    shutil.copyfile(resource_path("starter", "film.mp4"), folder / FILM)
    return sorted([*files, FILM])
