"""A small two-language bundle for the preview's tests (test content, not an exhibition)."""

from __future__ import annotations

from pathlib import Path

from tests.bundles import write_bundle

PREVIEW_TOML = """\
[bundle]
id = "preview-test"
title = {{ en = "Preview test", az = "Sınaq" }}
version = "1.0"
languages = ["en", "az"]
source = {{ en = "Test source", az = "Sınaq mənbəyi" }}

[[slides]]
id = "opening"
type = "title"
title = {{ en = "{title}", az = "Salam" }}

[[slides]]
id = "words"
type = "quote"
text = {{ en = "A short quotation of test content.", az = "Qısa sınaq sitatı." }}
attribution = {{ en = "Test", az = "Sınaq" }}

[[slides]]
id = "story"
type = "narrative"
{heading_key} = {{ en = "A heading", az = "Başlıq" }}
body = {{ en = "Some test text.", az = "Bir az sınaq mətni." }}
"""


def preview_toml(title: str = "Hello", heading_key: str = "heading") -> str:
    return PREVIEW_TOML.format(title=title, heading_key=heading_key)


def write_preview_bundle(root: Path, toml: str | None = None) -> Path:
    return write_bundle(root, toml or preview_toml())


def save_as_editor(path: Path, text: str) -> None:
    """Save ``text`` to ``path`` as editors do: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
