"""A small right-to-left test bundle: every slide type, in Persian (fa) only.

Test content, written for these tests ("محتوای آزمایشی" = "test content"); it states
nothing about real events. A Latin name and digits sit inside Persian sentences, as
they do in real exhibitions, so that bidirectional text is exercised.
"""

from __future__ import annotations

from pathlib import Path

from tests.bundles import png, write_bundle

RTL_TOML = """\
[bundle]
id = "test-rtl"
title = { fa = "محتوای آزمایشی" }
version = "1.0"
languages = ["fa"]
source = { fa = "محتوای آزمایشی" }
[timing]
slide_seconds = 10
idle_reset_seconds = 60

[[slides]]
type = "title"
title = { fa = "محتوای آزمایشی" }
subtitle = { fa = "یک نمایشگاه آزمایشی برای کیوسک." }

[[slides]]
type = "narrative"
heading = { fa = "یک سرفصل آزمایشی" }
body = { fa = "این یک متن آزمایشی است.\\n\\nنام Kiosk در میان یک جمله فارسی می‌آید." }
image = "media/photo.png"
caption = { fa = "یک تصویر آزمایشی." }
source = { fa = "منبع آزمایشی." }

[[slides]]
type = "timeline"
heading = { fa = "گاه‌شمار آزمایشی" }
events = [
    { date = { fa = "روز اول" }, text = { fa = "رویداد آزمایشی اول." } },
    { date = { fa = "روز دوم" }, text = { fa = "رویداد آزمایشی دوم." } },
    { date = { fa = "روز سوم" }, text = { fa = "رویداد آزمایشی سوم." } },
]

[[slides]]
type = "quote"
text = { fa = "این یک نقل‌قول آزمایشی است." }
attribution = { fa = "یک گوینده آزمایشی" }

[[slides]]
type = "memorial"
heading = { fa = "یادبود آزمایشی" }
figures = [
    { value = "12", label = { fa = "عدد آزمایشی" } },
    { value = "34", label = { fa = "عدد دیگر" } },
]
dedication = { fa = "تقدیم آزمایشی." }

[[slides]]
type = "image"
image = "media/photo.png"
fit = "cover"
caption = { fa = "یک تصویر آزمایشی." }
credit = { fa = "اعتبار آزمایشی" }
"""


def write_rtl_bundle(root: Path) -> Path:
    """The Persian test bundle as a folder at ``root``."""
    return write_bundle(root, RTL_TOML, {"media/photo.png": png(300, 200)})


#: English and Persian, four slides: for switching direction live.
BILINGUAL_TOML = """\
[bundle]
id = "test-en-fa"
title = { en = "Test content", fa = "محتوای آزمایشی" }
version = "1.0"
languages = ["en", "fa"]
source = { en = "Test content", fa = "محتوای آزمایشی" }
[timing]
slide_seconds = 10
idle_reset_seconds = 60

[[slides]]
type = "title"
title = { en = "Test content: one", fa = "محتوای آزمایشی: یک" }
chapter = { en = "One", fa = "یک" }

[[slides]]
type = "quote"
text = { en = "A test quotation.", fa = "یک نقل‌قول آزمایشی." }
attribution = { en = "A test speaker", fa = "یک گوینده آزمایشی" }
chapter = { en = "Two", fa = "دو" }

[[slides]]
type = "narrative"
heading = { en = "Test content: three", fa = "محتوای آزمایشی: سه" }
body = { en = "A test paragraph.", fa = "یک بند آزمایشی." }
chapter = { en = "Three", fa = "سه" }

[[slides]]
type = "title"
title = { en = "Test content: four", fa = "محتوای آزمایشی: چهار" }
"""


def write_bilingual_bundle(root: Path) -> Path:
    """The English and Persian test bundle as a folder at ``root``."""
    return write_bundle(root, BILINGUAL_TOML)
