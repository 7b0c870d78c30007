"""Staff's Diagnostics report, set as a document with a hierarchy rather than raw lines.

The report stays plain text where it is made (window.py, and the tests read it so); its
shape says what each line is, and this module sets it accordingly:

- the first line is the title;
- an empty line starts a section, and a line ending in ":" is a section's title;
- "label: value" lines show the label quieter than the value;
- a log line starting with a time ("12:03:55 ...") shows the time quieter;
- file paths (``/srv/exhibit``, ``C:\\Exhibit``) are set in a monospace face, so that
  staff can copy them exactly.

Built through QTextCursor, never from HTML: nothing in the report (a log message, a
bundle's name) can become markup or make the document load anything.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from kiosk.palette import Palette

#: An absolute path: POSIX, or a Windows drive. It ends at a space, a bracket or a comma.
PATH = re.compile(r"(?<![\w.])(?:/|[A-Za-z]:\\)[^\s,;()\"']*[^\s,;()\"'.:]")
TIME = re.compile(r"^\d\d:\d\d:\d\d ")
LABEL = re.compile(r"^([^\s:/\\][^:/\\]{0,30}): (?=\S)")
MONOSPACE = ("DejaVu Sans Mono", "Noto Sans Mono", "Consolas", "Menlo", "Courier New")


def monospace_families() -> list[str]:
    """Monospace faces to try, the platform's own first."""
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    return [fixed, *(family for family in MONOSPACE if family != fixed)]


def report_document(text: str, palette: Palette, pixels: int, width: float) -> QTextDocument:
    """``text`` (the report's lines) set ``width`` wide at a body size of ``pixels``."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setTextWidth(width)
    cursor = QTextCursor(document)
    body = _format("Noto Sans", pixels, palette.text)
    quiet = _format("Noto Sans", pixels, palette.muted)
    mono = _format("", pixels * 0.92, palette.text)
    mono.setFontFamilies(monospace_families())
    mono.setFontFixedPitch(True)
    title = _format("Noto Sans", pixels * 1.45, palette.text, bold=True)
    section = _format("Noto Sans", pixels * 1.05, palette.muted, bold=True)
    first = True
    space_before = 0.0
    for line in text.split("\n"):
        if not line.strip():
            space_before = pixels * 0.9  # the next line starts a section
            continue
        block = QTextBlockFormat()
        block.setTopMargin(space_before if not first else 0)
        block.setBottomMargin(pixels * 0.5 if first else pixels * 0.15)
        space_before = 0.0
        if TIME.match(line):  # a log line: wrapped lines hang under its message
            hang = QFontMetricsF(mono.font()).horizontalAdvance(line[:9])
            block.setLeftMargin(hang)
            block.setTextIndent(-hang)
        if first:
            cursor.setBlockFormat(block)
        else:
            cursor.insertBlock(block)
        if first:
            cursor.insertText(line, title)
        elif line.endswith(":"):
            cursor.insertText(line, section)
        else:
            _insert_line(cursor, line, body, quiet, mono)
        first = False
    return document


def _insert_line(
    cursor: QTextCursor,
    line: str,
    body: QTextCharFormat,
    quiet: QTextCharFormat,
    mono: QTextCharFormat,
) -> None:
    rest = line
    time = TIME.match(rest)
    if time:
        cursor.insertText(time.group(0), _with_mono(quiet, mono))
        rest = rest[time.end() :]
    else:
        label = LABEL.match(rest)
        if label:
            cursor.insertText(label.group(0), quiet)
            rest = rest[label.end() :]
    start = 0
    for path in PATH.finditer(rest):
        cursor.insertText(rest[start : path.start()], body)
        cursor.insertText(path.group(0), mono)
        start = path.end()
    cursor.insertText(rest[start:], body)


def _with_mono(colour: QTextCharFormat, mono: QTextCharFormat) -> QTextCharFormat:
    merged = QTextCharFormat(mono)
    merged.setForeground(colour.foreground())
    return merged


def _format(family: str, pixels: float, colour: str, *, bold: bool = False) -> QTextCharFormat:
    text = QTextCharFormat()
    font = QFont(family) if family else QFont()
    font.setPixelSize(max(10, round(pixels)))
    font.setBold(bold)
    text.setFont(font)
    text.setForeground(QColor(colour))
    return text
