"""A checked bundle ready to preview, and its slides laid out for a language and screen.

The slides are the kiosk's own renderers (kiosk.ui.slides) with the theme and fonts the
kiosk uses, as ``kiosk render`` draws them: what the curator sees is what visitors see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.bundle import Bundle, BundleError, Problem
from kiosk.bundle.loader import load
from kiosk.bundle.media import MediaCheck
from kiosk.ui.fonts import missing_glyphs
from kiosk.ui.images import ImageStore
from kiosk.ui.lint import lint_slide
from kiosk.ui.preview.messages import Kind, Message, from_problems
from kiosk.ui.preview.probes import RememberedProbes
from kiosk.ui.preview.screens import Screen
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.theme import Theme, theme_for


@dataclass
class Content:
    """A bundle that loaded, with what its slides are drawn with."""

    bundle: Bundle
    theme: Theme
    images: ImageStore
    #: The loader's warnings, and texts no font can draw (``kiosk validate`` refuses
    #: those; the preview shows the slides anyway, with the message).
    messages: list[Message]
    _layouts: dict[tuple[str, int, int], Layout] = field(default_factory=dict, repr=False)

    def layout(self, language: str, screen: Screen) -> Layout:
        """Every slide laid out in ``language`` at ``screen``, kept for the next ask."""
        key = (language, screen.width, screen.height)
        if key not in self._layouts:
            self._layouts[key] = Layout.make(self, language, screen)
        return self._layouts[key]

    def close(self) -> None:
        """Let go of the bundle and its decoded pictures."""
        self.images.shutdown()
        self.bundle.close()


@dataclass(frozen=True)
class Failure:
    """A save the loader refused: every problem, and the warnings found on the way."""

    messages: list[Message]


#: The preview's films, probed once per version of each file.
_PROBES = RememberedProbes()


def load_content(path: Path, media: MediaCheck = _PROBES) -> Content | Failure:
    """Load and check the bundle at ``path`` as ``kiosk validate`` does (its films
    probed again only when they change)."""
    try:
        bundle = load(path, media=media)
    except BundleError as error:
        return Failure(
            from_problems(error.problems, Kind.PROBLEM)
            + from_problems(error.warnings, Kind.WARNING)
        )
    except OSError as error:  # a folder renamed away under the editor, a locked file
        return Failure(
            from_problems([Problem(str(path), f"cannot be read ({error})")], Kind.PROBLEM)
        )
    theme = theme_for(bundle)
    glyphs = missing_glyphs(bundle, theme)
    messages = from_problems(glyphs, Kind.PROBLEM) + from_problems(bundle.warnings, Kind.WARNING)
    return Content(bundle, theme, ImageStore(bundle), messages)


@dataclass(frozen=True)
class Layout:
    """The slides of one bundle laid out for one language and screen, and what the
    layout lint and the fitting of text found on each."""

    language: str
    screen: Screen
    renderers: list[SlideRenderer]
    messages: list[Message]

    @classmethod
    def make(cls, content: Content, language: str, screen: Screen) -> Layout:
        context = RenderContext(language, content.theme, content.images, blocking=True)
        size = QSize(screen.width, screen.height)
        renderers = [renderer_for(slide, context, size) for slide in content.bundle.manifest.slides]
        messages = []
        for index, renderer in enumerate(renderers):
            where = f"{language}, {screen.size_text}: "
            if renderer.overflow:
                text = f"{where}{', '.join(renderer.overflow)} does not fit"
                messages.append(Message(Kind.LAYOUT, text, index))
            for what in lint_slide(renderer, content.images.sizes):
                messages.append(Message(Kind.LAYOUT, f"{where}{what}", index))
        return cls(language, screen, renderers, messages)

    def image(self, index: int) -> QImage:
        """Slide ``index`` painted at its screen's full size."""
        return self.renderers[index].render_image()
