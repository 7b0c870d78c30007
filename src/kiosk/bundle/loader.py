"""Loading a bundle: safe open, TOML, the models, languages and media, every problem at once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from kiosk.bundle import avmanifest, sniff, suggest, value_messages
from kiosk.bundle import source as sources
from kiosk.bundle.avfacts import AVFacts, frame_name
from kiosk.bundle.avfiles import HEAD_BYTES, MAX_CAPTION_BYTES, av_problem, size_text
from kiosk.bundle.avprobe import Probed, probe_uses, use_of
from kiosk.bundle.captions import CaptionsError, Cue, parse_captions
from kiosk.bundle.errors import BundleError, Problem
from kiosk.bundle.fontscripts import script_letters_problem
from kiosk.bundle.framing import framing_warnings, upright_size
from kiosk.bundle.locate import KeyPath, LineIndex, key_path
from kiosk.bundle.media import HEADERS, MediaCheck
from kiosk.bundle.model import (
    FILE_KEYS,
    LANGUAGE_PATTERN,
    SLIDE_TYPES,
    SOURCE_FORMS,
    TEXT_KEYS,
    Manifest,
    VideoSlide,
    headline,
    is_source_forms,
    media_path_problem,
)
from kiosk.bundle.source import MANIFEST, MAX_MANIFEST_BYTES, Source, open_source
from kiosk.bundle.starter import PLACEHOLDER_MESSAGE, is_placeholder
from kiosk.bundle.toml_errors import syntax_findings
from kiosk.palette import Palette
from kiosk.text import words
from kiosk.text.fonts import font_script_problem, is_script_code

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


@dataclass(frozen=True, eq=False)
class Bundle:
    """A validated bundle: its manifest, and read access to its media."""

    manifest: Manifest
    source: Source = field(repr=False)
    #: What a curator should know but need not fix (such as media without captions in a
    #: language): ``kiosk validate`` prints them; the kiosk shows the bundle all the same.
    warnings: tuple[Problem, ...] = ()
    #: What probing found of each video and audio file (empty when not probed: a
    #: check that cannot, or a quick start), for ``kiosk validate`` to tell the curator.
    media_facts: Mapping[str, AVFacts] = field(default_factory=dict, repr=False)
    #: Frames taken from films as posters (JPEG), by :func:`avfacts.frame_name`.
    frames: Mapping[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def placeholders(self) -> tuple[Problem, ...]:
        """Texts still as `kiosk new` wrote them: warnings for ``validate`` (the starter
        validates as it is), refused by ``pack``."""
        return tuple(w for w in self.warnings if w.message.startswith(PLACEHOLDER_MESSAGE))

    @property
    def languages(self) -> list[str]:
        return self.manifest.bundle.languages

    @property
    def default_language(self) -> str:
        return self.manifest.bundle.languages[0]

    def read_media(self, name: str) -> bytes:
        """The bytes of a media file the manifest refers to, or of a film's frame named
        by :meth:`poster`."""
        frame = self.frames.get(name)
        return frame if frame is not None else self.source.read(name)

    def poster(self, slide: VideoSlide, language: str) -> str | None:
        """The picture shown for a video slide before and after its film, as a name for
        :meth:`read_media`: its ``poster``, else the film's frame at its ``start`` taken
        when the bundle was checked, else None (not probed, or no frame decoded)."""
        if slide.poster is not None:
            return slide.poster
        video = slide.video if isinstance(slide.video, str) else slide.video.get(language)
        if video is None:
            return None
        name = frame_name(video, slide.start or 0.0)
        return name if name in self.frames else None

    def media_file(self, name: str) -> Path:
        """A video or audio file the manifest refers to, as a path a player opens (from
        a zip, a private copy removed when the bundle closes)."""
        return self.source.file(name)

    def cues(self, name: str) -> list[Cue]:
        """The captions in WebVTT file ``name`` of the bundle, for the kiosk to draw
        (checked when the bundle loaded; CaptionsError if it changed since)."""
        return parse_captions(self.source.read(name, MAX_CAPTION_BYTES))

    def close(self) -> None:
        self.source.close()

    def summary(self) -> str:
        info = self.manifest.bundle
        return (
            f"{info.title[self.default_language]} ({info.version}), "
            f"{len(self.manifest.slides)} slides, languages: {', '.join(info.languages)}"
        )


def load(path: str | Path, *, decode_media: bool = True, media: MediaCheck = HEADERS) -> Bundle:
    """Load and check the bundle at ``path`` (a folder or a .kiosk zip).

    Raises BundleError listing every problem found. Pictures and fonts are checked by
    ``media``: by default in plain Python from their headers, which needs no Qt;
    :func:`kiosk.qtmedia.load` passes Qt's decoders. With ``decode_media`` false, a
    decoding check looks at picture headers only (fast start-up); fonts and SVG are
    always parsed.
    """
    source = open_source(Path(path))
    warnings: list[Problem] = []
    probed = Probed()
    try:
        manifest = _read_manifest(source, _Media(media, decode_media), warnings, probed)
    except BundleError as error:
        error.warnings = _sorted(warnings)
        source.close()
        raise
    return Bundle(
        manifest,
        source,
        tuple(_sorted(warnings)),
        media_facts=probed.facts,
        frames=probed.frames,
    )


def _read_manifest(
    source: Source, media: _Media, warnings: list[Problem], probed: Probed
) -> Manifest:
    where = source.where(MANIFEST)
    if MANIFEST not in source.names:
        near = [name for name in source.names if name.casefold() == MANIFEST]
        hint = f" (found {near[0]}: the name must be all lower case)" if near else ""
        if not hint and (guess := suggest.closest(MANIFEST, source.names, cutoff=0.8)):
            hint = f" (found {guess}: it must be called {MANIFEST})"
        raise BundleError.single(source.label, f"has no {MANIFEST} at its top level{hint}")
    raw = source.read(MANIFEST, MAX_MANIFEST_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        raise BundleError.single(where, message, line=line) from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise BundleError.single(where, "is not valid TOML: it nests too deeply") from None
    except tomllib.TOMLDecodeError as error:
        raise BundleError(_syntax_problems(where, text, error)) from None

    lines = LineIndex(text)
    problems = [_locate(where, lines, path, message) for path, message in _misplaced_words(data)]
    problems += [_locate(where, lines, path, message) for path, message in _source_slips(data)]
    language_problems = list(_language_problems(data))
    problems += [_locate(where, lines, path, message) for path, message in language_problems]
    problems += _media_problems(data, source, where, lines, media, probed)
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as error:
        problems = [
            *(
                _locate(where, lines, path, message)
                for path, message in _model_problems(
                    error, data, frozenset(path for path, _ in language_problems)
                )
            ),
            *problems,
        ]
        raise BundleError(_sorted(problems)) from None
    problems += [
        _locate(where, lines, path, message) for path, message in avmanifest.rule_problems(manifest)
    ]
    warnings += [
        _locate(where, lines, path, message)
        for path, message in avmanifest.missing_captions(manifest)
    ]
    problems += [_locate(where, lines, path, message) for path, message in _id_problems(manifest)]
    problems += [
        _locate(where, lines, path, message) for path, message in _theme_problems(manifest)
    ]
    problems += [_locate(where, lines, path, message) for path, message in _ui_problems(manifest)]
    problems += _source_problems(manifest, where, lines)
    warnings += [
        _locate(where, lines, path, message)
        for path, message in framing_warnings(manifest, _picture_sizes(source))
    ]
    warnings += [_locate(where, lines, path, message) for path, message in _placeholders(data)]
    if problems:
        raise BundleError(_sorted(problems))
    return manifest


def _syntax_problems(where: str, text: str, error: tomllib.TOMLDecodeError) -> list[Problem]:
    """Every independent syntax error, in plain words (tomllib's own for one it cannot
    explain)."""
    problems = [
        Problem(where, f"is not valid TOML: {found.message}", line=found.line, column=found.column)
        for found in syntax_findings(text)
    ]
    if problems:
        return problems
    message = str(error)
    found = _TOML_POSITION.search(message)
    line = int(found.group(1)) if found else None
    return [Problem(where, f"is not valid TOML: {_TOML_POSITION.sub('', message)}", line=line)]


def _locate(where: str, lines: LineIndex, path: KeyPath, message: str) -> Problem:
    return Problem(where, message, line=lines.line_of(path), key=key_path(path))


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (problem.file, problem.line or 0))


# Pydantic error types, said the way a curator would understand them.
_MESSAGES = {
    "extra_forbidden": "unknown key (check its spelling against the curators' guide)",
    "missing": "is required but missing",
    "string_type": 'must be text in quotes, e.g. "..."',
    "dict_type": 'must be a text per language, e.g. { en = "...", az = "..." }',
    "model_type": "must be a table of keys",
    "model_attributes_type": "must be a table of keys",
    "list_type": "must be a list in square brackets",
    "float_parsing": "must be a number",
    "int_parsing": "must be a whole number",
    "union_tag_not_found": f"needs a type: one of {', '.join(SLIDE_TYPES)}",
}


def _focal_place(path: KeyPath) -> KeyPath | None:
    """slides[i].focal for a place in or at a slide's focal point, else None."""
    if len(path) >= 3 and path[0] == "slides" and path[2] == "focal":
        return path[:3]
    return None


def _raw_at(data: object, path: KeyPath) -> object:
    """The raw TOML value at ``path``, or None."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _slide_type(data: dict[str, Any], path: KeyPath) -> object:
    """The raw ``type`` of the slide at ``path`` (slides[i]...), if any."""
    slides = data.get("slides")
    index = path[1] if len(path) > 1 else None
    if not isinstance(slides, list) or not isinstance(index, int) or index >= len(slides):
        return None
    slide = slides[index]
    return slide.get("type") if isinstance(slide, dict) else None


def _model_problems(
    error: ValidationError, data: dict[str, Any], reported: frozenset[KeyPath] = frozenset()
) -> Iterator[tuple[KeyPath, str]]:
    """Pydantic's errors as curators' messages; ``reported``: the places the checks on the
    raw TOML have a message for already."""
    seen: set[KeyPath] = set()
    details = error.errors(include_url=False)
    # A misspelt key is one mistake: "did you mean `heading`?" says all of it, so the
    # key it was meant to be is not also reported missing.
    meant = {
        (*path[:-1], key)
        for detail in details
        if detail["type"] == "extra_forbidden"
        and (path := _strip_union_tags(tuple(detail["loc"])))
        and (key := suggest.meant_key(path, data))
    }
    for detail in details:
        path = _strip_union_tags(tuple(detail["loc"]))
        if (focal := _focal_place(path)) is not None:
            path = focal  # one message for the pair, whatever is wrong in it
            if path not in seen:
                seen.add(path)
                yield path, value_messages.focal_message(_raw_at(data, path))
            continue
        if path[-1:] == ("[key]",) and path[:-1] in reported:
            continue  # a language code the text checks named already, in plainer words
        if path in seen:
            continue  # one message per place: a union reports each branch it tried
        seen.add(path)
        kind = detail["type"]
        if kind == "missing" and path in meant:
            continue
        if kind == "extra_forbidden" and len(path) == 3 and path[0] == "ui":
            message = words.unknown_key_message(str(path[2]))
        elif kind == "extra_forbidden" and (
            hint := avmanifest.unknown_key_message(path, _slide_type(data, path))
        ):
            message = f"unknown key here: {hint}"
        elif kind == "extra_forbidden" and (said := suggest.unknown_key(path, data)):
            message = said
        elif kind == "union_tag_invalid":
            found = detail.get("ctx", {}).get("tag", "?")
            message = avmanifest.unknown_type_message(found) or _unknown_type(found)
            path = (*path, "type")
        elif kind == "value_error":
            message = str(detail.get("ctx", {}).get("error", detail["msg"]))
            if any(part in FILE_KEYS for part in path if isinstance(part, str)):
                message += avmanifest.value_hint(path)
        elif kind == "string_pattern_mismatch":
            message = _pattern_message(path, detail["input"])
        elif kind == "dict_type" and (hint := avmanifest.file_table_message(path)):
            message = hint
        elif kind == "missing" and (said := _missing_in_slide(path, data)):
            message = said
        elif kind in _MESSAGES:
            message = _MESSAGES[kind]
        elif said := value_messages.plain_message(path, kind, detail, data):
            message = said
        else:
            message = detail["msg"][0].lower() + detail["msg"][1:]
        yield path, message


def _missing_in_slide(path: KeyPath, data: dict[str, Any]) -> str | None:
    """A key a slide of its type must have, with an example in the bundle's languages."""
    kind = _slide_type(data, path)
    if len(path) != 3 or path[0] != "slides" or kind not in SLIDE_TYPES:
        return None
    message = f"{_MESSAGES['missing']}: a {kind} slide needs it"
    codes = [code for code in _raw_languages(data) or () if isinstance(code, str)]
    if path[2] in TEXT_KEYS and codes:
        example = ", ".join(f'{code} = "…"' for code in codes[:3])
        message += f", e.g. {path[2]} = {{ {example} }}"
    return message


def _unknown_type(found: object) -> str:
    guess = suggest.closest(str(found), SLIDE_TYPES)
    if guess is not None and guess.casefold() == str(found).casefold():
        return f'write the slide type "{found}" in lower case: "{guess}"'
    if guess is not None:
        return (
            f'unknown slide type "{found}": did you mean "{guess}"? '
            f"(the types: {', '.join(SLIDE_TYPES)})"
        )
    return f'unknown slide type "{found}"; use one of {", ".join(SLIDE_TYPES)}'


def _strip_union_tags(loc: KeyPath) -> KeyPath:
    """Drop what pydantic adds to a place: a slide's type, and union branch names."""
    if len(loc) > 2 and loc[0] == "slides" and isinstance(loc[1], int) and loc[2] in SLIDE_TYPES:
        loc = (*loc[:2], *loc[3:])
    return tuple(part for part in loc if not _UNION_BRANCH.match(str(part)))


_UNION_BRANCH = re.compile(
    r"^(str|constrained-str|dict\[.*\]|function-after\[.*\]|source-text|source-forms)$"
)
_COLOUR_KEYS = frozenset({"background", "surface", "text", "muted", "accent"})


def _pattern_message(path: KeyPath, value: object) -> str:
    if (
        "languages" in path
        or path[-2:] == ("original", "lang")
        or (len(path) >= 2 and isinstance(path[-2], str) and path[-2] in TEXT_KEYS | FILE_KEYS)
    ):
        first, dash, rest = str(value).partition("-")
        written = first.lower() + dash + rest
        if written != value and re.match(LANGUAGE_PATTERN, written):
            return f'write "{value}" as "{written}"'
        return f'"{value}" is not a language code such as "en" or "az"'
    if path[-1:] == ("id",):
        return f'"{value}" must be lower-case letters, digits, - and _ (no spaces)'
    if path[-1:] and path[-1] in _COLOUR_KEYS:
        return f'"{value}" is not a colour written as "#rrggbb"'
    return f'"{value}" is not in the expected form'


def _raw_languages(data: dict[str, Any]) -> list[Any] | None:
    """``bundle.languages`` as the TOML has it, when it is a list (checked or not)."""
    info = data.get("bundle")
    languages = info.get("languages") if isinstance(info, dict) else None
    return languages if isinstance(languages, list) else None


def _misplaced_words(data: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """Words written straight under [ui] instead of under [ui.<code>]: one clear
    message each, and they are taken out so that the model does not add two obscure ones."""
    tables = data.get("ui")
    if not isinstance(tables, dict):
        return []
    codes = [code for code in _raw_languages(data) or () if isinstance(code, str)]
    example = " or ".join(f"[ui.{code}]" for code in codes[:2]) or "[ui.fr]"
    first = codes[0] if codes else "fr"
    found: list[tuple[KeyPath, str]] = []
    for key in [key for key, value in tables.items() if not isinstance(value, dict)]:
        del tables[key]
        found.append(
            (
                ("ui", key),
                f"the kiosk's words go in a table per language, such as {example}, "
                f'e.g. [ui.{first}] then {key} = "..."',
            )
        )
    return found


def _source_slips(data: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """A key misspelt in a source given in two forms ({ short = ..., fulll = ... }): one
    message, and the key taken as meant, else the table reads as a text in languages
    called "short" and "fulll" and every slide says so eight times."""
    found: list[tuple[KeyPath, str]] = []
    info = data.get("bundle")
    slides = data.get("slides")
    tables: list[tuple[KeyPath, object]] = [(("bundle",), info)]
    tables += (
        [(("slides", index), slide) for index, slide in enumerate(slides)]
        if isinstance(slides, list)
        else []
    )
    for path, table in tables:
        source = table.get("source") if isinstance(table, dict) else None
        if not isinstance(source, dict) or not set(source) & SOURCE_FORMS:
            continue
        for key in [key for key in source if key not in SOURCE_FORMS]:
            meant = suggest.closest(key, sorted(SOURCE_FORMS))
            hint = f": did you mean `{meant}`?" if meant else "; it takes short and full"
            found.append(
                ((*path, "source", key), f"unknown key `{key}` in a source in two forms{hint}")
            )
            value = source.pop(key)
            if meant is not None and meant not in source:
                source[meant] = value
    return found


def _language_problems(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    """Every text must be given in exactly the bundle's languages."""
    languages = _raw_languages(data)
    if languages is None or not all(isinstance(code, str) for code in languages):
        return
    declared = list(dict.fromkeys(languages))
    if len({code.casefold() for code in declared}) != len(languages):
        # Language codes are the same whatever their capitals ("az-Latn", "az-latn").
        yield ("bundle", "languages"), "lists a language twice"
        return
    if not all(re.match(LANGUAGE_PATTERN, code) for code in declared):
        return  # the model names the bad code; checking texts against it adds only noise
    tables = data.get("ui")
    for code in tables if isinstance(tables, dict) else ():
        if code not in declared:
            yield (
                ("ui", code),
                f'[ui.{code}] is for "{code}", which is not among the bundle\'s languages '
                f"({', '.join(declared)})" + _language_hint(code, declared),
            )
    yield from avmanifest.language_problems(data, declared)
    for path, text in _texts(data, ()):
        meant = {suggest.language(code, declared) for code in text if code not in declared}
        for code in declared:
            if code not in text and code not in meant:
                yield (
                    (*path, code),
                    f'has no "{code}" text (every text needs {", ".join(declared)})',
                )
        for code in text:
            if code not in declared:
                message = (
                    f'is in "{code}", which is not among the bundle\'s languages '
                    f"({', '.join(declared)})"
                )
                if (meant := suggest.language(code, declared)) and meant.casefold() == (
                    code.casefold()
                ):
                    message = _language_capitals(code, meant)
                elif hint := _language_hint(code, declared):
                    message += hint
                elif _is_quotation_text(data, path):
                    message += (
                        f"; to show the words as first said, beside their translations, "
                        f'write original = {{ lang = "{code}", text = "…" }}'
                    )
                yield (*path, code), message


def _language_capitals(code: str, meant: str) -> str:
    """A language code written in other capitals than bundle.languages has it."""
    if meant == code.lower():
        return f'language codes are written in lower case: write "{meant}", not "{code}"'
    return f'write "{code}" as "{meant}", as bundle.languages has it'


def _language_hint(code: str, declared: list[str]) -> str:
    guess = suggest.language(code, declared)
    return f': did you mean "{guess}"?' if guess else ""


def _is_quotation_text(data: dict[str, Any], path: KeyPath) -> bool:
    """True for the ``text`` of a quotation slide (slides[i].text)."""
    if len(path) != 3 or path[0] != "slides" or path[2] != "text":
        return False
    slides = data.get("slides")
    index = path[1]
    return (
        isinstance(slides, list)
        and isinstance(index, int)
        and index < len(slides)
        and isinstance(slides[index], dict)
        and slides[index].get("type") == "quote"
    )


def _texts(data: object, root: KeyPath) -> Iterator[tuple[KeyPath, dict[str, object]]]:
    """Every per-language text in the raw TOML, with its key path (no recursion: the
    TOML may nest deeply)."""
    stack: list[tuple[KeyPath, object]] = [(root, data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in reversed(node.items()):
                if (
                    key in TEXT_KEYS
                    and isinstance(value, dict)
                    and key != "bundle"
                    and not is_source_forms(value)  # { short = ..., full = ... }: two texts
                ):
                    yield (*path, key), value
                else:
                    stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(
                ((*path, index), value) for index, value in reversed(list(enumerate(node)))
            )


def _placeholders(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    """Texts still as `kiosk new` wrote them, one line a key (its languages together):
    the curator's list of what is left to write before the bundle can be packed."""
    for path, text in _texts(data, ()):
        left = [code for code, value in text.items() if _left(value, code)]
        if left:
            yield path, f"{PLACEHOLDER_MESSAGE} in {', '.join(left)}: write the text"
    ui = data.get("ui")
    for code, table in ui.items() if isinstance(ui, dict) else ():
        if isinstance(table, dict) and (left := [k for k, v in table.items() if _left(v, code)]):
            yield ("ui", code), f"{PLACEHOLDER_MESSAGE} for {', '.join(left)}: write the words"


def _left(text: object, code: str) -> bool:
    return isinstance(text, str) and is_placeholder(text, code)


def _id_problems(manifest: Manifest) -> Iterator[tuple[KeyPath, str]]:
    first: dict[str, int] = {}
    for index, slide in enumerate(manifest.slides):
        if slide.id is None:
            continue
        if slide.id in first:
            yield (
                ("slides", index, "id"),
                (f'"{slide.id}" is already the id of slides[{first[slide.id]}]'),
            )
        else:
            first[slide.id] = index


def _source_problems(manifest: Manifest, where: str, lines: LineIndex) -> list[Problem]:
    """Every slide has a source: its own, or the bundle's default ([bundle] source)."""
    if manifest.bundle.source is not None:
        return []
    example = ", ".join(f'{code} = "..."' for code in manifest.bundle.languages)
    problems = []
    for index, slide in enumerate(manifest.slides):
        if slide.source is None:
            what = _slide_summary(slide, manifest.bundle.languages)
            problems.append(
                Problem(
                    where,
                    f"has no source: give source = {{ {example} }}, "
                    "or a default source in [bundle]",
                    line=lines.line_of(("slides", index)),
                    key=f"slides[{index}] ({what})",
                )
            )
    return problems


def _slide_summary(slide: Any, languages: list[str]) -> str:
    """A slide's type and headline, in the first language its texts are all given in
    (a missing translation is reported on its own), for naming it in a message."""
    for language in languages:
        try:
            summary = headline(slide, language, limit=40)
        except KeyError:
            continue
        return f'{slide.type} "{summary}"' if summary else slide.type
    return slide.type


def _picture_sizes(source: Source) -> Callable[[str], tuple[int, int] | None]:
    """The size of a bundle's PNG or JPEG picture as shown, from its header (None for
    SVG, or a file that cannot be read: the media check reports that)."""

    def size_of(name: str) -> tuple[int, int] | None:
        try:
            return upright_size(name, source.read(name)) if source.has(name) else None
        except BundleError:
            return None

    return size_of


def _theme_problems(manifest: Manifest) -> Iterator[tuple[KeyPath, str]]:
    theme = manifest.bundle.theme
    if theme is None:
        return
    palette = Palette().with_overrides(theme.model_dump())
    for key, message in palette.contrast_problems():
        yield ("bundle", "theme", key), message


def _ui_problems(manifest: Manifest) -> Iterator[tuple[KeyPath, str]]:
    """Every bundle language has every visitor word, from the kiosk or from [ui.<code>]
    (that each table is for a bundle language is checked on the raw TOML, with the
    texts, so that it is reported with every other problem)."""
    declared = manifest.bundle.languages
    given = manifest.ui_words()
    media = bool(avmanifest.media_uses(manifest))
    for index, code in enumerate(declared):
        absent = words.missing(code, given.get(code), media=media)
        if absent:
            has_table = code in given
            path: KeyPath = ("ui", code) if has_table else ("bundle", "languages", index)
            yield path, words.missing_message(code, absent, has_table=has_table)


@dataclass(frozen=True)
class _Media:
    """How this load checks media: the check, and whether pictures are decoded and
    video and audio probed (``decode``). A quick start (the kiosk starting on its
    configured copy) neither decodes nor probes: probing starts a process and opens every
    film, about 0.3 s and 0.1 to 0.2 s a film here, while the first slide waits. Such a
    copy was usually probed before (kiosk validate or pack, or the kiosk's own swap);
    its films show their poster, or the play mark without a frame, until they play.
    """

    check: MediaCheck
    decode: bool

    def problem(self, name: str, data: bytes, *, is_font: bool) -> str | None:
        suffix = PurePosixPath(name).suffix.lower()
        if is_font:
            return self.check.font_problem(data)
        if suffix == ".svg":
            return self.check.svg_problem(data)
        return self.check.image_problem(suffix, data, decode=self.decode)


def _media_problems(
    data: dict[str, Any],
    source: Source,
    where: str,
    lines: LineIndex,
    media: _Media,
    probed: Probed,
) -> list[Problem]:
    problems: list[Problem] = []
    checked: dict[tuple[str, str], str | None] = {}  # (name, kind): a file may be two kinds
    sizes: dict[str, int] = {}
    for path, name, kind in _media_references(data):
        if not isinstance(name, str) or media_path_problem(name):
            continue  # the model reports it
        if not source.has(name):
            hint = suggest.file(name, source.names)
            problems.append(_locate(where, lines, path, f"{name} is not in the bundle{hint}"))
            continue
        if (name, kind) in checked:
            if checked[name, kind] is None and kind == "font":
                problems += _script_font_problems(path, name, source.read(name), where, lines)
            continue
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in avmanifest.SUFFIXES[kind]:
            message = avmanifest.wrong_kind_message(name, kind, suffix)
            problems.append(_locate(where, lines, path, message))
            checked[name, kind] = message
            continue
        try:
            if kind in ("video", "audio"):
                size = sizes[name] = source.size(name)
                head = source.head(name, HEAD_BYTES)
                problem = (size > 0 and _content_problem(name, kind, head)) or av_problem(
                    suffix, size, head
                )
            elif kind == "captions":
                file = source.read(name, MAX_CAPTION_BYTES)
                sizes[name] = len(file)
                problem = _captions_problem(source, name, file, path)
                if problem:
                    problems.append(problem)
                    checked[name, kind] = problem.message
                    continue
            else:
                file = source.read(name)
                sizes[name] = len(file)
                problem = _content_problem(name, kind, file) or media.problem(
                    name, file, is_font=kind == "font"
                )
        except BundleError as error:
            problems += error.problems
            checked[name, kind] = "unreadable"
            continue
        checked[name, kind] = problem
        if problem:
            problems.append(Problem(source.where(name), f"{problem} (used at {key_path(path)})"))
        elif kind == "font":
            problems += _script_font_problems(path, name, file, where, lines)
    if media.decode:
        # Opened and decoded only when pictures are (not for a quick start; see _Media).
        uses = [
            use_of(data, path, name, kind)
            for path, name, kind in _media_references(data)
            if kind in ("video", "audio")
            and isinstance(name, str)
            and checked.get((name, kind), "") is None
        ]
        for found in probe_uses(media.check, source, uses, probed):
            problems.append(found if isinstance(found, Problem) else _locate(where, lines, *found))
    total, limit = sum(sizes.values()), sources.MAX_TOTAL_BYTES
    if total > limit:
        largest = sorted(sizes, key=sizes.__getitem__, reverse=True)[:3]
        problems.append(
            Problem(
                source.label,
                f"the media it uses add up to {size_text(total)}; a bundle may hold "
                f"{size_text(limit)} (the largest: {', '.join(largest)})",
            )
        )
    return problems


def _content_problem(name: str, kind: avmanifest.Kind, head: bytes) -> str | None:
    """A file whose first bytes say it is another format than its name: what it is, and
    what to do."""
    return sniff.content_problem(name, kind, head, avmanifest.SUFFIXES[kind])


def _captions_problem(source: Source, name: str, data: bytes, path: KeyPath) -> Problem | None:
    """A caption file that does not parse, with the line of the file to look at."""
    try:
        parse_captions(data)
    except CaptionsError as error:
        return Problem(
            source.where(name), f"{error.message} (used at {key_path(path)})", line=error.line
        )
    return None


def _script_font_problems(
    path: KeyPath, name: str, data: bytes, where: str, lines: LineIndex
) -> list[Problem]:
    """A usable font named for a script it has no letters of (a script code the model
    refuses is left to the model)."""
    script = path[3] if path[:3] == ("bundle", "fonts", "scripts") else None
    if not isinstance(script, str) or not is_script_code(script) or font_script_problem(script):
        return []
    missing = script_letters_problem(data, script)
    return [_locate(where, lines, path, f"{name} {missing}")] if missing else []


def _media_references(data: dict[str, Any]) -> Iterator[tuple[KeyPath, object, avmanifest.Kind]]:
    """The media files bundle.toml names, with the kind each must be, read from the raw
    TOML so that they are checked even when other parts of the manifest are wrong."""
    info = data.get("bundle")
    fonts = info.get("fonts") if isinstance(info, dict) else None
    if isinstance(fonts, dict):
        for role, name in fonts.items():
            if role == "scripts" and isinstance(name, dict):
                for script, file in name.items():
                    yield ("bundle", "fonts", "scripts", script), file, "font"
            else:
                yield ("bundle", "fonts", role), name, "font"
    yield from avmanifest.slide_files(data)
