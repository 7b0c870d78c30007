"""The bundle format: pydantic models of bundle.toml, one per slide type.

These models are the single declaration of the format: its defaults, its checks and,
through ``model_json_schema()``, the JSON Schema shipped for editors. Checks that need
the whole bundle (every text in every declared language, media present and decodable)
live in :mod:`kiosk.bundle.loader`, which reports them with their key paths.
"""

from __future__ import annotations

import os
import re
import unicodedata
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

# The kiosk uses no pydantic plugins; looking for them costs 20 ms of every start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)

from kiosk.text import words

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
MAX_SLIDES = 5000
MAX_TEXT_CHARS = 20_000

_RESERVED_WINDOWS_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


#: Control characters other than tab and line breaks: Qt draws them as empty boxes or
#: not at all, and no one means to write them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    if control := _CONTROL.search(value):
        raise ValueError(
            f"contains the control character U+{ord(control.group()):04X}, which would show "
            "as an empty box or not at all: delete it"
        )
    # A letter, digit, punctuation mark or symbol: what a visitor can see. Spaces,
    # combining marks alone and direction or joining controls are not a text.
    if not any(unicodedata.category(character)[0] in "LNPS" for character in value):
        raise ValueError(
            "has no visible character (only spaces, accents or invisible direction marks)"
        )
    return value


#: Codes of the registry that name no language: undetermined, multiple, no linguistic
#: content, uncoded.
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})


def _a_language(value: str) -> str:
    if value.split("-")[0] in _NOT_LANGUAGES:
        raise ValueError(f'"{value}" names no language; write a language code such as "en"')
    return value


def media_path_problem(value: str) -> str | None:
    """Why ``value`` is not a plain relative path under media/, or None."""
    if "\\" in value:
        return "use forward slashes (/) in media paths"
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        return "must be a path inside the bundle, such as media/candle.svg"
    parts = value.split("/")
    if any(part in ("..", ".", "") for part in parts) or "\x00" in value:
        return "must not contain empty, '.' or '..' segments"
    if len(parts) < 2 or parts[0] != "media":
        return "must be a file in the media/ folder, such as media/candle.svg"
    if any(_RESERVED_WINDOWS_NAMES.match(part) for part in parts):
        return "uses a name Windows reserves (CON, NUL, COM1, ...)"
    return None


def _media_path(value: str) -> str:
    if problem := media_path_problem(value):
        raise ValueError(problem)
    return value


LanguageCode = Annotated[
    str, StringConstraints(pattern=LANGUAGE_PATTERN), AfterValidator(_a_language)
]
NonBlank = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS), AfterValidator(_not_blank)]
Text = Annotated[
    dict[LanguageCode, NonBlank],
    Field(
        description='Text in every language of the bundle, e.g. { en = "Hello", az = "Salam" }',
        min_length=1,
        # Only language codes are keys (pydantic checks them by pattern); saying so lets an
        # editor flag a misspelt one, and keeps a source's { short, full } from being a text.
        json_schema_extra={"additionalProperties": False},
    ),
]
MediaPath = Annotated[
    str,
    AfterValidator(_media_path),
    Field(description="A file in the bundle's media/ folder, e.g. media/candle.svg"),
]
#: A file per language, e.g. { en = "media/film-en.mp4", az = "media/film-az.mp4" }.
FilePerLanguage = Annotated[
    dict[LanguageCode, MediaPath],
    Field(min_length=1, json_schema_extra={"additionalProperties": False}),
]
MediaFile = Annotated[
    MediaPath | FilePerLanguage,
    Field(
        description=(
            'One file for every language, e.g. "media/film.mp4", or a file per language, '
            'e.g. { en = "media/film-en.mp4", az = "media/film-az.mp4" }'
        )
    ),
]
Captions = Annotated[
    FilePerLanguage,
    Field(
        description=(
            "WebVTT caption files (.vtt), one per language, shown in time with the sound, "
            'e.g. { en = "media/film.en.vtt", az = "media/film.az.vtt" }'
        )
    ),
]
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN), Field(description="#rrggbb")]

#: The screens a bundle is made for when it names none: the common landscape panel and
#: the portrait totem, the two shapes a layout differs most between (a text that fits
#: one may not fit the other). ``kiosk validate`` and ``pack`` check the text fits there.
DEFAULT_SCREENS = ("1920x1080", "1080x1920")
#: The smallest and largest side of a target screen, in pixels (as ``kiosk render``).
MIN_SCREEN_SIDE, MAX_SCREEN_SIDE = 320, 8192
_SCREEN = re.compile(r"^(\d{1,5})x(\d{1,5})$")


def screen_size(value: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080); ValueError, in a curator's words, for anything else."""
    match = _SCREEN.match(value)
    if not match:
        raise ValueError(
            f'"{value}" is not a screen size written as width x height in pixels, '
            'such as "1920x1080"'
        )
    width, height = int(match.group(1)), int(match.group(2))
    if not all(MIN_SCREEN_SIDE <= side <= MAX_SCREEN_SIDE for side in (width, height)):
        raise ValueError(
            f'"{value}": a screen is {MIN_SCREEN_SIDE} to {MAX_SCREEN_SIDE} pixels a side'
        )
    return width, height


def _a_screen(value: str) -> str:
    screen_size(value)
    return value


def _screens_once(value: list[str]) -> list[str]:
    twice = sorted({screen for screen in value if value.count(screen) > 1})
    if twice:
        raise ValueError(f"{', '.join(twice)} is listed more than once")
    return value


Screen = Annotated[
    str,
    AfterValidator(_a_screen),
    Field(json_schema_extra={"pattern": r"^[0-9]{3,4}x[0-9]{3,4}$"}),
]
#: Numbers and booleans are strict: TOML has its own numbers and true/false, and a curator
#: who writes "12" or "yes" in quotes is told so (pydantic's lax mode would take them, and
#: editors, checking against the schema, would not). TOML's whole numbers are numbers too.
Number = Annotated[float, Strict()]
Boolean = Annotated[bool, Strict()]
Seconds = Annotated[Number, Field(ge=3, le=600)]

#: How a picture or film fills its place: one vocabulary for every slide type that has it.
PictureFit = Annotated[
    Literal["contain", "cover"],
    Field(
        description=(
            '"contain" shows the whole picture, with the ground around it where its shape '
            'differs from the screen\'s; "cover" fills the screen and crops what does not fit, '
            "keeping the focal point in view"
        ),
        examples=["contain", "cover"],
    ),
]
Fraction = Annotated[Number, Field(ge=0, le=1)]
FocalPoint = tuple[Fraction, Fraction]


def focal_field() -> Any:
    """The ``focal`` key of a slide whose picture may be cropped."""
    return Field(
        None,
        description=(
            'The point of the picture to keep in view when it is cropped (fit = "cover"): '
            "[x, y] as fractions of its width and height from its top-left corner, "
            "e.g. [0.5, 0.25] for the middle of its upper quarter; the default is its "
            "middle, [0.5, 0.5]"
        ),
        examples=[[0.5, 0.25]],
    )


class _Strict(BaseModel):
    """Unknown keys are errors: in a hand-written manifest they are nearly always typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(_Strict):
    """Optional colour overrides; anything left out comes from the kiosk's theme."""

    background: Colour | None = Field(
        None, description="The screen behind everything, as #rrggbb", examples=["#101112"]
    )
    surface: Colour | None = Field(
        None, description="Panels and buttons, as #rrggbb", examples=["#1c1d20"]
    )
    text: Colour | None = Field(
        None,
        description="Texts, as #rrggbb; at least 7:1 against background and surface",
        examples=["#f4f0e8"],
    )
    muted: Colour | None = Field(
        None,
        description=(
            "Secondary texts (captions, sources, dates), as #rrggbb; at least 7:1 "
            "against background and surface"
        ),
        examples=["#cbc4b9"],
    )
    accent: Colour | None = Field(
        None, description="Rules and marks, never text, as #rrggbb", examples=["#b01e2d"]
    )


def _script_code(value: str) -> str:
    # Imported here: only a bundle with per-script fonts pays for the Unicode tables.
    from fontTools import unicodedata

    if unicodedata.script_name(value, None) is None:
        raise ValueError(f'"{value}" is not an ISO 15924 script code such as "Arab" or "Deva"')
    from kiosk.text.fonts import font_script_problem

    if problem := font_script_problem(value):
        raise ValueError(problem)
    return value


ScriptCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][a-z]{3}$"),
    AfterValidator(_script_code),
    Field(description='An ISO 15924 script code, e.g. "Arab", "Hebr", "Deva", "Thai"'),
]


class Fonts(_Strict):
    """Optional font files (TTF or OTF) carried in media/fonts/."""

    heading: MediaPath | None = Field(
        None,
        description="A font file (TTF or OTF) in media/fonts/ for titles and headings",
        examples=["media/fonts/Heading.ttf"],
    )
    body: MediaPath | None = Field(
        None,
        description="A font file (TTF or OTF) in media/fonts/ for every other text",
        examples=["media/fonts/Body.otf"],
    )
    scripts: dict[ScriptCode, MediaPath] | None = Field(
        None,
        description=(
            "A font per script for letters the heading and body fonts lack, e.g. "
            '{ Arab = "media/fonts/Vazirmatn-Regular.ttf" }'
        ),
        examples=[{"Arab": "media/fonts/Vazirmatn-Regular.ttf"}],
    )


class SourceForms(_Strict):
    """A source in two forms: a short one for the slide, the full reference elsewhere."""

    short: Text = Field(
        description="Shown on the slide, e.g. a publisher and a date",
        examples=[{"en": "Embassy of Azerbaijan, Washington DC, press release, 18 January 2013"}],
    )
    full: Text = Field(
        description="The full reference, for staff and printed copies",
        examples=[
            {
                "en": "Embassy of the Republic of Azerbaijan, Washington DC, "
                "press release of 18 January 2013"
            }
        ],
    )


#: The keys of a source given in two forms; no language code is spelt like them (codes
#: have two or three letters before any subtag), so a table with them is never a text.
SOURCE_FORMS = frozenset(SourceForms.model_fields)


def is_source_forms(value: object) -> bool:
    """True for a raw ``source`` table written as ``{ short = ..., full = ... }``."""
    return isinstance(value, dict) and bool(value) and set(value) <= SOURCE_FORMS


def _source_kind(value: Any) -> str:
    if isinstance(value, SourceForms) or is_source_forms(value):
        return "source-forms"
    return "source-text"


SourceText = Annotated[
    Annotated[Text, Tag("source-text")] | Annotated[SourceForms, Tag("source-forms")],
    Discriminator(_source_kind),
    Field(
        description=(
            "Where the content comes from: a text per language, or "
            '{ short = { en = "..." }, full = { en = "..." } } to show a short form '
            "on the slide and keep the full reference for staff"
        )
    ),
]


class BundleInfo(_Strict):
    id: Annotated[str, StringConstraints(pattern=SLUG_PATTERN)] = Field(
        description="Short name in lower case: letters, digits, - and _",
        examples=["black-january"],
    )
    title: Text = Field(
        description="The exhibition's title, in every language",
        examples=[{"en": "Black January", "az": "Qara Yanvar"}],
    )
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description=(
            "Any short label; change it with each edition you deliver, so that everyone "
            "knows which one is running"
        ),
        examples=["1.0.0", "2024-01"],
    )
    languages: list[LanguageCode] = Field(
        min_length=1,
        max_length=12,
        description="Language codes (up to 12); the first is the default, the kiosk starts in it",
        examples=[["en", "az"]],
    )
    theme: Theme | None = Field(
        None,
        description="Colours, each optional; the kiosk's own stand in for any left out",
        examples=[{"background": "#101112", "text": "#f4f0e8"}],
    )
    fonts: Fonts | None = Field(
        None,
        description="Font files for headings, body and other scripts; the kiosk's own by default",
        examples=[{"heading": "media/fonts/Heading.ttf", "body": "media/fonts/Body.otf"}],
    )
    screens: Annotated[list[Screen], AfterValidator(_screens_once)] = Field(
        default_factory=lambda: list(DEFAULT_SCREENS),
        min_length=1,
        max_length=8,
        description=(
            "The screens the exhibition is made for, as width x height in pixels "
            "(portrait: the taller side second); kiosk validate and kiosk pack check "
            "that every text fits each of them, in every language. "
            f"Default: {', '.join(DEFAULT_SCREENS)}"
        ),
        examples=[["1920x1080", "1080x1920"], ["3840x2160"]],
    )
    source: SourceText | None = Field(
        None,
        description=(
            "The source of every slide that gives none of its own (every slide needs one, "
            "its own or this): a text per language, or { short, full }"
        ),
        examples=[{"en": "Author, title, publisher, year", "az": "..."}],
    )


class Timing(_Strict):
    slide_seconds: Seconds = Field(
        12, description="Seconds each slide shows in the attract loop (3 to 600)", examples=[12]
    )
    idle_reset_seconds: Annotated[Number, Field(ge=15, le=3600)] = Field(
        90,
        description="Seconds without a touch before the kiosk returns to the start (15 to 3600)",
        examples=[90],
    )


#: A word of the kiosk's own, as a bundle gives it: short, on one line.
UiText = Annotated[str, StringConstraints(max_length=120), AfterValidator(_not_blank)]

#: One language's ``[ui.<code>]`` table: the kiosk's visitor words, each optional (the
#: kiosk's own stand in); the keys are English's, from resources/words/en.toml.
UiWords = create_model(  # type: ignore[call-overload]
    "UiWords",
    __base__=_Strict,
    __doc__="The kiosk's own words for visitors in one language; each replaces the kiosk's.",
    **{
        key: (
            UiText | None,
            Field(
                None,
                description=f'In English: "{words.english(key)}"',
                examples=[words.english(key)],
            ),
        )
        for key in words.keys("visitor")
    },
)


class _Slide(_Strict):
    id: Annotated[str, StringConstraints(pattern=SLUG_PATTERN)] | None = Field(
        None,
        description=(
            "A short name for the slide (lower case, digits, - and _), unique in the "
            "bundle; messages name the slide by it"
        ),
        examples=["opening"],
    )
    seconds: Seconds | None = Field(
        None,
        description="How long this slide shows in the attract loop, instead of "
        "timing.slide_seconds (3 to 600)",
        examples=[20],
    )
    chapter: Text | None = Field(
        None,
        description=(
            "Begins a chapter with this name, shown small at the top of its slides; "
            "visitors can jump to chapters"
        ),
        examples=[{"en": "20 January 1990", "az": "20 yanvar 1990"}],
    )
    source: SourceText | None = Field(
        None,
        description=(
            "Where the content comes from; always give it. A text per language, or "
            '{ short = { en = "..." }, full = { en = "..." } } to show a short form '
            "on the slide and keep the full reference for staff"
        ),
        examples=[{"en": "Embassy of Azerbaijan, Washington DC, press release, 18 January 2013"}],
    )
    audio: MediaFile | None = Field(
        None,
        description=(
            "A sound played with the slide (testimony over a photograph, a reading): "
            "one file, or a file per language"
        ),
        examples=["media/testimony.mp3", {"en": "media/reading-en.mp3"}],
    )
    audio_captions: Captions | None = Field(
        None,
        description="Captions of the audio: a WebVTT file per language",
        examples=[{"en": "media/testimony.en.vtt", "az": "media/testimony.az.vtt"}],
    )
    guide: FilePerLanguage | None = Field(
        None,
        description=(
            "The audio guide's recording for this slide, per language, played when a "
            'visitor taps Listen, e.g. { en = "media/guide/en-03.mp3" }; a language '
            "may have none"
        ),
        examples=[{"en": "media/guide/en-03.mp3", "az": "media/guide/az-03.mp3"}],
    )
    guide_captions: Captions | None = Field(
        None,
        description="Captions of each guide recording, in the language it is spoken in",
        examples=[{"en": "media/guide/en-03.vtt"}],
    )
    #: The name of the chapter the slide is in (its own or the last one begun before
    #: it), set by the manifest: every slide shows it as a running head.
    _in_chapter: dict[str, str] | None = PrivateAttr(None)
    #: The bundle's default ``source`` ([bundle] source), set by the manifest: the
    #: source of a slide that gives none of its own.
    _default_source: Text | SourceForms | None = PrivateAttr(None)

    @property
    def in_chapter(self) -> dict[str, str] | None:
        """The name, per language, of the chapter this slide belongs to, if any."""
        return self._in_chapter

    def source_text(self, language: str, form: Literal["short", "full"] = "short") -> str | None:
        """The slide's source in ``language``: the short form shown on the slide, or the
        full reference (for Diagnostics and printed copies); a source written once is both.
        A slide without a source of its own has the bundle's default, if it gives one."""
        source = self.source if self.source is not None else self._default_source
        if source is None:
            return None
        if isinstance(source, SourceForms):
            return getattr(source, form)[language]
        return source[language]


class TitleSlide(_Slide):
    type: Literal["title"] = Field(description="An opening or section title", examples=["title"])
    title: Text = Field(
        description="The title, large", examples=[{"en": "Black January", "az": "Qara Yanvar"}]
    )
    subtitle: Text | None = Field(
        None,
        description="A line under the title",
        examples=[{"en": "Baku, 20 January 1990", "az": "Bakı, 20 yanvar 1990"}],
    )
    image: MediaPath | None = Field(
        None, description="A picture with the title", examples=["media/carnations.svg"]
    )
    credit: Text | None = Field(
        None,
        description="Who made the picture, shown small under it, e.g. a photographer or an archive",
        examples=[{"en": "Photograph: ...", "az": "Foto: ..."}],
    )


class NarrativeSlide(_Slide):
    type: Literal["narrative"] = Field(
        description="A heading and a short text, with an optional picture", examples=["narrative"]
    )
    heading: Text = Field(
        description="The heading, above the text",
        examples=[{"en": "Western reporters banned", "az": "Qərb jurnalistlərinə qadağa"}],
    )
    body: Text = Field(
        description=(
            "The text, in Markdown: an empty line between paragraphs, **bold**, *italic*, "
            "lines starting with - for a list; no links or pictures. Two to four sentences"
        ),
        examples=[{"en": "Western reporters were banned from travelling to Baku."}],
    )
    image: MediaPath | None = Field(
        None, description="A picture beside the text", examples=["media/dawn.svg"]
    )
    caption: Text | None = Field(
        None, description="What the picture shows, under it", examples=[{"en": "..."}]
    )
    credit: Text | None = Field(
        None, description="Who made the picture", examples=[{"en": "Photograph: ..."}]
    )


class Original(_Strict):
    """A quotation in the language it was said or written in, shown in its own script
    and direction above the translation, whatever the visitor's language."""

    lang: LanguageCode = Field(
        description='The language of the original, e.g. "fa"; need not be a bundle language',
        examples=["fa"],
    )
    text: NonBlank = Field(
        description="The original words, copied exactly, in their own script", examples=["…"]
    )


class QuoteSlide(_Slide):
    type: Literal["quote"] = Field(
        description="A quotation, its attribution and date", examples=["quote"]
    )
    text: Text = Field(
        description=(
            "The words exactly as in the source, without quotation marks; … for words left out"
        ),
        examples=[
            {
                "en": "Soviet soldiers fired at almost anything that moved in the early hours "
                "of their occupation."
            }
        ],
    )
    attribution: Text = Field(
        description="Who said or wrote the words",
        examples=[{"en": "An eyewitness, quoted in The Washington Post"}],
    )
    date: Text | None = Field(
        None,
        description="When the words were said or published",
        examples=[{"en": "22 January 1990", "az": "22 yanvar 1990"}],
    )
    original: Original | None = Field(
        None,
        description='The words as first said, e.g. { lang = "fa", text = "…" }',
        examples=[{"lang": "fa", "text": "…"}],
    )


class Figure(_Strict):
    value: Annotated[str, StringConstraints(min_length=1, max_length=12)] | Text = Field(
        description=(
            'The figure as shown, e.g. "133", or per language. Words beside the number, '
            'such as "around" in "around 700", are set small, so that the number alone is large'
        ),
        examples=["133", {"en": "around 700", "az": "təxminən 700"}],
    )
    label: Text = Field(
        description="What the figure counts, under it",
        examples=[{"en": "killed", "az": "şəhid"}],
    )


class MemorialSlide(_Slide):
    type: Literal["memorial"] = Field(
        description="Figures, an artwork and a dedication", examples=["memorial"]
    )
    heading: Text | None = Field(
        None,
        description="A heading above the figures",
        examples=[{"en": "20 January 1990", "az": "20 yanvar 1990"}],
    )
    figures: list[Figure] = Field(
        default_factory=list,
        max_length=6,
        description=(
            "Up to 6 figures, each a value and a label, written as [[slides.figures]]; "
            "the first is set largest"
        ),
        examples=[[{"value": "133", "label": {"en": "killed", "az": "şəhid"}}]],
    )
    dedication: Text | None = Field(
        None,
        description="A dedication under the figures",
        examples=[{"en": "In memory of those who gave their lives for Azerbaijan’s independence."}],
    )
    image: MediaPath | None = Field(
        None,
        description="An artwork, drawn quietly above the figures",
        examples=["media/lights.svg"],
    )
    caption: Text | None = Field(
        None,
        description="What the artwork shows, under it",
        examples=[{"en": "133 lights, one for each person killed."}],
    )
    credit: Text | None = Field(
        None, description="Who made the artwork, under its caption", examples=[{"en": "..."}]
    )


class Event(_Strict):
    date: Text = Field(
        description="The date, written as each language writes dates",
        examples=[{"en": "18 October 1991", "az": "18 oktyabr 1991"}],
    )
    text: Text = Field(
        description="What happened",
        examples=[{"en": "Azerbaijan declares its independence."}],
    )


class TimelineSlide(_Slide):
    type: Literal["timeline"] = Field(description="Dated events in order", examples=["timeline"])
    heading: Text = Field(
        description="The heading, above the events",
        examples=[{"en": "Chronology", "az": "Xronologiya"}],
    )
    events: list[Event] = Field(
        min_length=1,
        max_length=12,
        description=(
            "1 to 12 events, in order, each a date and a text, written as [[slides.events]]"
        ),
        examples=[[{"date": {"en": "18 October 1991"}, "text": {"en": "..."}}]],
    )


class ImageSlide(_Slide):
    type: Literal["image"] = Field(description="A picture filling the screen", examples=["image"])
    image: MediaPath = Field(
        description="The picture: PNG, JPEG or SVG in media/", examples=["media/portrait.jpg"]
    )
    caption: Text | None = Field(
        None, description="What the picture shows, over its foot", examples=[{"en": "..."}]
    )
    credit: Text | None = Field(
        None, description="Who made the picture", examples=[{"en": "Photograph: ..."}]
    )
    fit: PictureFit = "contain"
    focal: FocalPoint | None = focal_field()


#: A trim point in a video, in seconds from its start.
TrimSeconds = Annotated[Number, Field(ge=0, le=24 * 3600)]


class VideoSlide(_Slide):
    """A film, full screen or fitted, with its poster, caption, credit and captions."""

    type: Literal["video"] = Field(
        description="A film, with its poster, caption, credit and captions", examples=["video"]
    )
    video: MediaFile = Field(
        description=(
            'The film: one file for every language, e.g. "media/street.mp4", or a file per '
            'language, e.g. { en = "media/street-en.mp4", az = "media/street-az.mp4" }'
        ),
        examples=["media/street.mp4"],
    )
    poster: MediaPath | None = Field(
        None,
        description="A picture shown before the first frame and after the last (PNG or JPEG)",
        examples=["media/street-poster.jpg"],
    )
    captions: Captions | None = Field(
        None,
        description=(
            "WebVTT files (.vtt), one per language, shown in time with the words spoken; "
            "not to be confused with caption"
        ),
        examples=[{"en": "media/street.en.vtt", "az": "media/street.az.vtt"}],
    )
    caption: Text | None = Field(
        None, description="What the film shows, under it", examples=[{"en": "..."}]
    )
    credit: Text | None = Field(
        None, description="Who made the film", examples=[{"en": "Film: ..."}]
    )
    loop: Boolean = Field(
        False, description="Start again at the end instead of moving on", examples=[True]
    )
    muted: Boolean = Field(False, description="Play without the film's own sound", examples=[True])
    start: TrimSeconds | None = Field(
        None, description="Seconds to skip at the beginning", examples=[12.5]
    )
    end: TrimSeconds | None = Field(
        None, description="Second at which to stop (after start)", examples=[74]
    )
    fit: PictureFit = "contain"
    focal: FocalPoint | None = focal_field()


Slide = Annotated[
    TitleSlide
    | NarrativeSlide
    | QuoteSlide
    | MemorialSlide
    | TimelineSlide
    | ImageSlide
    | VideoSlide,
    Field(discriminator="type"),
]
SLIDE_TYPES = ("title", "narrative", "quote", "memorial", "timeline", "image", "video")
#: Slide types that play media rather than show a still.
MEDIA_SLIDE_TYPES = ("video",)
#: Keys that name media files, alone or per language: not texts, though written alike.
FILE_KEYS = frozenset({"video", "audio", "captions", "audio_captions", "guide", "guide_captions"})


class MediaOptions(_Strict):
    """How the bundle's video and audio behave; the volume cap is the kiosk's setting."""

    attract_sound: Boolean = Field(
        False,
        description=(
            "Let video and audio be heard in the attract loop, while no one uses the "
            "kiosk; by default the loop is silent and sound starts with a visitor"
        ),
        examples=[True],
    )


class Manifest(_Strict):
    """The whole of bundle.toml."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Kiosk bundle manifest (bundle.toml)",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    bundle: BundleInfo = Field(
        description="What the exhibition is: id, title, version, languages, colours, fonts",
        examples=[
            {
                "id": "black-january",
                "title": {"en": "Black January", "az": "Qara Yanvar"},
                "version": "1.0.0",
                "languages": ["en", "az"],
            }
        ],
    )
    timing: Timing = Field(
        default_factory=Timing,
        description="The pace of the kiosk: the attract loop and the return to the start",
        examples=[{"slide_seconds": 12, "idle_reset_seconds": 90}],
    )
    media: MediaOptions = Field(
        default_factory=MediaOptions,
        description="How video and audio behave",
        examples=[{"attract_sound": False}],
    )
    slides: list[Slide] = Field(
        min_length=1,
        max_length=MAX_SLIDES,
        description=(
            "The slides, in the order they are shown, each begun with [[slides]] and a type"
        ),
        examples=[[{"type": "title", "title": {"en": "Black January", "az": "Qara Yanvar"}}]],
    )
    ui: dict[LanguageCode, UiWords] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description=(
            "The kiosk's own words for visitors, per language, e.g. "
            '[ui.fr] still_there = "Vous êtes toujours là ?": needed for a language the '
            "kiosk has no words in, optional otherwise"
        ),
        examples=[{"fr": {"still_there": "Vous êtes toujours là ?"}}],
    )

    @model_validator(mode="after")
    def _mark_chapters(self) -> Manifest:
        """Tell every slide the chapter it is in, for its running head, and the bundle's
        default source, for a slide without one."""
        chapter = None
        for slide in self.slides:
            chapter = slide.chapter or chapter
            slide._in_chapter = chapter
            slide._default_source = self.bundle.source
        return self

    def ui_words(self) -> dict[str, dict[str, str]]:
        """The ``[ui]`` tables as language -> key -> word, for :func:`kiosk.text.words.word`."""
        return {
            language: table.model_dump(exclude_none=True) for language, table in self.ui.items()
        }

    def seconds_for(self, index: int) -> float:
        """How long slide ``index`` shows in the attract loop."""
        slide = self.slides[index]
        return slide.seconds if slide.seconds is not None else self.timing.slide_seconds


def headline(slide: BaseModel, language: str, limit: int = 70) -> str:
    """A one-line summary of a slide in ``language``: its title, heading or words."""
    for key in ("title", "heading", "text", "caption", "dedication"):
        text = getattr(slide, key, None)
        if isinstance(text, dict):
            line = " ".join(text[language].split())
            return line if len(line) <= limit else line[: limit - 1] + "…"
    for key in ("image", "video"):
        file = getattr(slide, key, None)
        if isinstance(file, dict):
            file = file.get(language)
        if file:
            return str(file)
    return ""


def _holds_text(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is dict:
        return True
    if origin in (Annotated, Union, UnionType):
        return any(_holds_text(part) for part in get_args(annotation))
    return False


#: Keys whose value is a text given per language, wherever they appear.
TEXT_KEYS = frozenset(
    name
    for model in (BundleInfo, Figure, Event, SourceForms, *get_args(get_args(Slide)[0]))
    for name, info in model.model_fields.items()
    if _holds_text(info.annotation) and name not in FILE_KEYS
)
