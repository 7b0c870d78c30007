"""One renderer per slide type; importing this package registers them all."""

from kiosk.ui.slides import image, memorial, narrative, quote, timeline, title, video
from kiosk.ui.slides.base import RenderContext, SlideRenderer, renderer_for

__all__ = [
    "RenderContext",
    "SlideRenderer",
    "image",
    "memorial",
    "narrative",
    "quote",
    "renderer_for",
    "timeline",
    "title",
    "video",
]
