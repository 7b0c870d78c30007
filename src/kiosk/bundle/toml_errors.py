"""TOML syntax errors said in a curator's words, with line, column, cause and fix.

``tomllib`` stops at the first error, in the parser's words ("Invalid value", "Illegal
character '\\n'") and sometimes far from the mistake (a ``\"\"\"`` never closed is noticed
at the next text that opens one). This module looks at the text around the place
tomllib names, says what a curator most likely did and how to fix it, and then blanks
the offending statement and parses again, so that independent mistakes are all
reported at once (up to :data:`MAX_FINDINGS`). Qt-free, and it never raises.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

#: How many syntax errors one check reports; after that, fixing some comes first.
MAX_FINDINGS = 10
#: Characters beyond which only the first error is looked for (about 0.1 s a parse).
_LARGE = 512 * 1024

_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")
_CURLY = {"“": "“ ”", "”": "“ ”", "„": "„ “", "‘": "‘ ’", "’": "‘ ’", "«": "« »", "»": "« »"}
_SPACES = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space"}
_INVISIBLE = {"\u200b": "zero-width space", "\ufeff": "byte order mark", "\u2060": "word joiner"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_KEY_PART = r'(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')'
_ASSIGNMENT = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_OPENS = re.compile(rf"^\s*{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*\s*=\s*$")
_HEADER = re.compile(rf"^\s*\[\[?\s*{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*\s*\]\]?\s*(#.*)?$")
_HEADER_NAME = re.compile(r"^\s*(\[\[?)\s*([^\]]*?)\s*\]")
_LOOKS_LIKE_STATEMENT = re.compile(rf"^\s*(\[|{_KEY_PART}(\s*\.\s*{_KEY_PART})*\s*=)")
_BOOLEANS = {"True": "true", "False": "false", "TRUE": "true", "FALSE": "false"}


@dataclass(frozen=True)
class SyntaxFinding:
    """One syntax error: where (1-based line and column), what to do, and which lines
    to blank (``first`` to ``last``) to look for the next one."""

    line: int
    column: int | None
    message: str
    first: int
    last: int
    #: The blanked lines held a table header: a stand-in header keeps the keys after it
    #: out of the table before (else they would clash there).
    header: bool = False
    #: The first blanked line as the curator would correct it, when that is clear.
    fixed: str | None = None


def syntax_findings(text: str, *, limit: int = MAX_FINDINGS) -> list[SyntaxFinding]:
    """Every independent syntax error of ``text`` (empty if it parses), in line order."""
    lines = text.split("\n")
    if len(text) > _LARGE:
        limit = 1  # each search parses the text again: a few at most for a huge file
    findings: list[SyntaxFinding] = []
    while len(findings) < limit:
        try:
            tomllib.loads("\n".join(lines))
            break
        except RecursionError:
            break  # reported by the loader as nesting too deeply
        except tomllib.TOMLDecodeError as error:
            finding = _diagnose(lines, str(error))
        if any((f.line, f.column) == (finding.line, finding.column) for f in findings):
            break  # blanking did not get past it
        findings.append(finding)
        stand_in = f"[__kiosk_blanked_{len(findings)}]" if finding.header else ""
        stand_in = stand_in if finding.fixed is None else finding.fixed
        for number in range(finding.first, finding.last + 1):
            if 1 <= number <= len(lines):
                lines[number - 1] = stand_in if number == finding.first else ""
    return sorted(findings, key=lambda finding: (finding.line, finding.column or 0))


# --- reading the text --------------------------------------------------------------


@dataclass(frozen=True)
class _String:
    """A string in the text, as TOML pairs its quotes: offsets of its opening quote and
    of the end of its closing one (None: never closed)."""

    quote: str
    start: int
    end: int | None


def _strings(text: str) -> list[_String]:
    """The strings of ``text`` in order, outside comments, paired as TOML pairs them."""
    found: list[_String] = []
    position, size = 0, len(text)
    while position < size:
        character = text[position]
        if character == "#":
            newline = text.find("\n", position)
            position = size if newline < 0 else newline + 1
            continue
        if character not in "\"'":
            position += 1
            continue
        quote = (
            text[position : position + 3]
            if text.startswith(character * 3, position)
            else (character)
        )
        end = _string_end(text, position + len(quote), quote)
        found.append(_String(quote, position, end))
        position = size if end is None else end
    return found


def _string_end(text: str, position: int, quote: str) -> int | None:
    """The offset after the closing ``quote`` of a string whose text begins at ``position``."""
    escapes = quote[0] == '"'
    while position < len(text):
        character = text[position]
        if escapes and character == "\\":
            position += 2
            continue
        if len(quote) == 1 and character == "\n":
            return None  # a one-line string left open: an error at the line's end
        if text.startswith(quote, position):
            end = position + len(quote)
            while len(quote) == 3 and text.startswith(quote[0], end) and end - position < 5:
                end += 1  # up to two quotes of the text itself end a multi-line string
            return end
        position += 1
    return None


def _starts(lines: list[str]) -> list[int]:
    """The offset at which each line begins in the joined ``lines``."""
    starts, offset = [], 0
    for text in lines:
        starts.append(offset)
        offset += len(text) + 1
    return starts


def _place(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset, from :func:`_starts`."""
    index = bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _key_of(line: str) -> str | None:
    match = _ASSIGNMENT.match(line)
    return re.sub(r"\s+", "", match.group(1)) if match else None


def _code(text: str, limit: int = 40) -> str:
    text = text.strip()
    return f"`{text if len(text) <= limit else text[: limit - 1] + '…'}`"


# --- what went wrong ----------------------------------------------------------------


@dataclass(frozen=True)
class _Error:
    """tomllib's error and the text around it."""

    lines: list[str]
    reason: str
    line: int  # 1-based; the last line for "at end of document"
    column: int  # 1-based
    at_end: bool
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", _starts(self.lines))

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    @property
    def text(self) -> str:
        return self.lines[self.line - 1] if self.line <= len(self.lines) else ""

    @property
    def character(self) -> str:
        return self.text[self.column - 1] if self.column <= len(self.text) else "\n"

    @property
    def rest(self) -> str:
        """The line from the error on."""
        return self.text[self.column - 1 :]

    def finding(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        *,
        first: int | None = None,
        last: int | None = None,
        header: bool = False,
        fixed: str | None = None,
    ) -> SyntaxFinding:
        line = self.line if line is None else line
        column = self.column if column is None and line == self.line else column
        first = line if first is None else first
        last = first if last is None else last
        return SyntaxFinding(line, column, message, first, last, header, fixed)

    @property
    def indent(self) -> int:
        """The column where the error's line begins (after its indentation)."""
        return len(self.text) - len(self.text.lstrip()) + 1


def _diagnose(lines: list[str], message: str) -> SyntaxFinding:
    found = _POSITION.search(message)
    reason = _POSITION.sub("", message)
    if found and found.group(1):
        error = _Error(lines, reason, int(found.group(1)), int(found.group(2)), at_end=False)
    else:
        error = _Error(lines, reason, len(lines), len(lines[-1]) + 1, at_end=True)
    for rule in _RULES:
        if finding := rule(error):
            return finding
    said = reason[:1].lower() + reason[1:]
    return error.finding(f"{said} (TOML's own words; see the curators' guide, section 3)")


def _unclosed_multiline(error: _Error) -> SyntaxFinding | None:
    """A ``\"\"\"`` never closed: TOML takes the next ``\"\"\"`` (the opening of a later
    text) as its end, and fails on the words after it, lines late."""
    text = "\n".join(error.lines)
    limit = len(text) if error.at_end else error.offset(error.line, error.column)
    culprit: _String | None = None
    for string in _strings(text):
        if string.start >= limit or len(string.quote) != 3:
            continue
        if string.end is None:
            culprit = string
            break
        closer_line, closer_column = _place(error.starts, string.end - 3)
        if _OPENS.match(error.lines[closer_line - 1][: closer_column - 1]):
            culprit = string  # its "end" is where a later key's text begins
            break
    if culprit is None:
        return None
    line, column = _place(error.starts, culprit.start)
    last = line
    for number in range(line + 1, len(error.lines) + 1):
        if _HEADER.match(error.lines[number - 1]):
            break
        last = number
    return error.finding(
        f"the text opened with `{culprit.quote}` on line {line} is never closed: end it with "
        f"`{culprit.quote}`",
        line,
        column,
        first=line,
        last=last,
    )


def _typographic(error: _Error) -> SyntaxFinding | None:
    """Word-processor quotes and spaces, where the error is or on its line's key."""
    text = error.text
    index = error.column - 1
    region = text[index : index + 1] if error.reason != "Illegal character '\\n'" else ""
    if error.reason.startswith("Expected '=' after a key") or error.reason == "Invalid statement":
        region = text[: index + 1]
    for position, character in enumerate(region, start=error.column - len(region) + 1):
        if character in _CURLY:
            pair = _CURLY[character]
            return error.finding(
                f'curly quotes {pair} are not TOML quotes: use straight quotes " " '
                '(a word processor\'s "smart quotes" make curly ones)',
                column=position,
            )
        if character in _SPACES or character in _INVISIBLE:
            name = _SPACES.get(character) or _INVISIBLE[character]
            return error.finding(
                f"a {name} (U+{ord(character):04X}, often from a word processor) is here: "
                "replace it with an ordinary space, or delete it",
                column=position,
            )
    return None


def _open_string(error: _Error) -> SyntaxFinding | None:
    if error.reason == 'Expected "\'"' and error.column == 1 and error.line > 1:
        # tomllib notices a '...' left open on the next line
        error = _Error(error.lines, error.reason, error.line - 1, 1, at_end=False)
    elif error.reason != "Illegal character '\\n'":
        return None
    start = None
    for string in _strings(error.text + "\n"):
        if string.end is None and len(string.quote) == 1:
            start = string.start
    if start is None:
        return None
    curly = next((c for c in error.text[start + 1 :] if c in _CURLY), None)
    hint = (
        f'; it ends with a curly quote {curly}, which is not a TOML quote: use a straight "'
        if curly
        else f": end it with {error.text[start]} on the same line (a text over several lines "
        'goes in """ ... """)'
    )
    return error.finding(
        f"the text opened with {error.text[start]} at column {start + 1} is left open at the "
        f"end of the line{hint}",
        column=start + 1,
    )


def _quote_inside(error: _Error) -> SyntaxFinding | None:
    """A quotation mark or apostrophe inside a text ends it early: the words after it are
    then read as TOML."""
    index = error.column - 1
    if index < 1 or error.character in " \t\n,}]#":
        return None
    quote = error.text[index - 1]
    if quote not in "\"'":
        return None
    ended = [string for string in _strings(error.text + "\n") if string.end == index]
    if not ended:
        return None
    words = error.text[ended[0].start + 1 : index - 1]
    runs_on = re.search(r",\s*[A-Za-z0-9_-]+\s*=\s*$", words)
    if runs_on:
        # { en = "Hello, az = "Salam" }: the first text was never closed.
        column = ended[0].start + 1 + runs_on.start() + 1
        return error.finding(
            f"a closing {quote} is missing before `{runs_on.group().strip()}`: the text opened "
            f"at column {ended[0].start + 1} runs on into the next entry",
            column=column,
        )
    if quote == "'":
        return error.finding(
            "an apostrophe ends a text written in '...': write the text in double quotes, "
            '"Someone\'s words", instead',
            column=index,
        )
    return error.finding(
        'a " inside a text ends it: write \\" for a quotation mark inside a text, or use '
        "typographic quotes “ ” there",
        column=index,
    )


def _braces(text: str) -> list[int]:
    """Offsets of the ``{`` (or ``[`` after ``=``) still open at the end of ``text``."""
    opened: list[int] = []
    strings = {string.start: string.end for string in _strings(text)}
    position = 0
    while position < len(text):
        if position in strings:
            end = strings[position]
            position = len(text) if end is None else end
            continue
        character = text[position]
        if character == "#":
            break
        if character in "{[" and (character == "{" or "=" in text[:position] or opened):
            opened.append(position)
        elif character in "}]" and opened:
            opened.pop()
        position += 1
    return opened


_KEY_BEFORE = re.compile(r"([A-Za-z0-9_.-]+)\s*=\s*$")
_FIRST_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _one_key_a_line(before: str, inside: str) -> str:
    """How to write a table broken over lines: each of its keys on a line of its own,
    dotted (a [table] header would take every key after it, too)."""
    name, first = _KEY_BEFORE.search(before), _FIRST_KEY.match(inside)
    if name and first:
        return (
            f'write a line for each of its keys: `{name[1]}.{first[1]} = "..."`, then the '
            f"next `{name[1]}.<key> = ...` on the line below"
        )
    return 'write a line for each of its keys, e.g. `title.en = "..."`'


def _inline_table(error: _Error) -> SyntaxFinding | None:
    """A ``{ ... }`` table across lines, one never closed, a comma missing or extra."""
    reason, text = error.reason, error.text
    at_line_end = not error.rest.split("#", 1)[0].strip()
    opened = [offset for offset in _braces(text) if text[offset] == "{"]
    if reason == "Invalid initial character for a key part" and error.character == "}":
        comma = text.rfind(",", 0, error.column - 1)
        return error.finding(
            "a `{ ... }` table cannot end with a comma: delete the comma before `}`",
            column=comma + 1 if comma >= 0 else None,
        )
    if (
        opened
        and at_line_end
        and reason in ("Unclosed inline table", "Invalid initial character for a key part")
    ):
        last = error.line
        following = [line.strip() for line in error.lines[error.line :] if line.strip()]
        goes_on = reason != "Unclosed inline table" or (following[:1] and following[0][0] == "}")
        for number in range(error.line + 1, min(len(error.lines), error.line + 20) + 1):
            if not goes_on or _HEADER.match(error.lines[number - 1]):
                break
            if "}" in error.lines[number - 1]:
                last = number
                break
        if last > error.line:
            return error.finding(
                "a `{ ... }` table must stay on one line: put it on one line, or "
                + _one_key_a_line(text[: opened[0]], text[opened[0] + 1 :]),
                column=opened[0] + 1,
                first=error.line,
                last=last,
            )
        return error.finding(
            "the `{` opened here is never closed: end the table with `}` on the same line",
            column=opened[0] + 1,
        )
    if reason == "Unclosed inline table":
        word = _code(error.rest.split("=")[0])
        return error.finding(
            f"a comma is missing before {word}: separate the entries of a `{{ ... }}` table "
            'with commas, e.g. { en = "…", az = "…" }'
        )
    return None


def _array(error: _Error) -> SyntaxFinding | None:
    if error.reason != "Unclosed array":
        return None
    if error.at_end or (
        _LOOKS_LIKE_STATEMENT.match(error.rest)
        and error.column <= len(error.text) - len(error.text.lstrip()) + 1
    ):
        # A new statement where the list should go on: its `[` was never closed.
        text = "\n".join(error.lines)
        limit = error.offset(error.line, error.column)
        start = None
        for number in range(error.line - (0 if error.at_end else 1), 0, -1):
            line_start = error.offset(number, 1)
            if _ASSIGNMENT.match(error.lines[number - 1]):
                opened = _braces(text[line_start:limit])
                start = line_start + opened[0] if opened else None
                break
        if start is None:
            return None
        line, column = _place(error.starts, start)
        return error.finding(
            f"the list opened with `[` on line {line} is never closed: end it with `]`",
            line,
            column,
            first=line,
            last=max(line, error.line - 1),
        )
    return error.finding(
        f"a comma is missing before {_code(error.rest.split(',')[0].split(']')[0])}: separate "
        'the items of a list with commas, e.g. ["en", "az"]'
    )


def _value(error: _Error) -> SyntaxFinding | None:
    """A value TOML cannot read: a bare word, a colour or a version without quotes."""
    if error.reason not in (
        "Invalid value",
        "Expected newline or end of document after a statement",
    ):
        return None
    before = re.search(r"([A-Za-z0-9_-]+)\s*=\s*$", error.text[: error.column - 1])
    key = before.group(1) if before else _key_of(error.text) or "the key"
    assignment = _ASSIGNMENT.match(error.text)
    value = error.text[assignment.end() :].strip() if assignment else error.rest.strip()
    character = error.character
    if error.reason == "Invalid value":
        if character in "\n#" and re.match(r"#[0-9A-Fa-f]{6}\b", error.rest.strip()):
            colour = error.rest.strip()[:7]
            return error.finding(f'a colour needs quotes: write {key} = "{colour}"')
        if character == "=":
            return error.finding("one `=` is enough between a key and its value")
        if character in "\n#,}" or not error.rest.strip():
            return error.finding(
                f'`{key} =` has no value: write one after the `=`, e.g. {key} = "…"'
            )
        word = re.match(r"[^\s,}\]#]+", error.rest)
        if word and word.group() in _BOOLEANS:
            return error.finding(f"write {_BOOLEANS[word.group()]} in lower case")
        if word and (advice := _scalar_advice(key, word.group())):
            return error.finding(advice)
        if word and re.match(r"[A-Za-z]", word.group()):
            bare = word.group()
            return error.finding(
                f'`{bare}` needs quotes: write {key} = "{bare}" (a text is always in "...")'
            )
        return error.finding(
            f'TOML cannot read the value of `{key}`: put a text in straight quotes, "..."'
        )
    # Something after a complete value on the same line.
    if re.match(r"\s*\[", error.text):
        return error.finding("only a comment may follow a table name on its line")
    if re.match(r"\d+,\d+\s*(#|$)", value):
        number = value.split("#")[0].strip().replace(",", ".")
        return error.finding(f"write a decimal number with a point: {key} = {number}")
    if value[:1] in "0123456789":
        shown = value.split("#")[0].strip()
        if advice := _scalar_advice(key, shown):
            return error.finding(advice)
        return error.finding(
            f"`{shown}` is not a number: a number is written plainly (12 or 12.5), anything "
            f'else goes in quotes: {key} = "{shown}"'
        )
    return error.finding(
        "something follows the value on this line: put each key on a line of its own "
        "(a comment starts with #)"
    )


def _scalar_advice(key: str, written: str) -> str | None:
    """For a key that takes a number or true/false, the value to write (quotes would only
    trade this message for "must be a number"); None for other keys."""
    from kiosk.bundle import suggest  # the models: only once a value is wrong

    kind = suggest.scalar_kind(key)
    if kind == "number":
        number = re.match(r"\d+(\.\d+)?", written)
        example = number.group() if number else "12"
        return (
            f"`{written}` is not a number: {key} takes a number, written plainly without "
            f"units or quotes: {key} = {example}"
        )
    if kind == "boolean":
        meant = "false" if written.lower() in ("no", "off", "false", "0") else "true"
        return f"`{written}` is not true or false: write {key} = {meant} (no quotes)"
    return None


def _key(error: _Error) -> SyntaxFinding | None:
    """A line that is not ``key = value``: no ``=``, a colon, a space in the key."""
    if error.reason not in ("Expected '=' after a key in a key/value pair", "Invalid statement"):
        return None
    text = error.text
    if re.match(r"^\s*[A-Za-z0-9_.-]+\s*:", text):
        return error.finding("write `=` between a key and its value, not `:`")
    spaced = re.match(r"^\s*([A-Za-z0-9_-]+(?:\s+[A-Za-z0-9_-]+)+)\s*=", text)
    if spaced:
        words = spaced.group(1).split()
        return error.finding(
            f"a key has no spaces: write {'_'.join(words)} (check the guide for its spelling)"
        )
    if error.reason == "Invalid statement":
        return error.finding(
            "this line is neither `key = value` nor a [table]: check it, or start it with # "
            "to make it a comment"
        )
    key = _BARE_KEY.match(text.strip())
    name = key.group() if key else "the key"
    return error.finding(f"`=` is missing after `{name}`: write {name} = …")


def _header(error: _Error) -> SyntaxFinding | None:
    reason = error.reason
    if not reason.startswith("Expected ']"):
        return None
    double = "]]" in reason
    closing = "]]" if double else "]"
    if re.match(r"\s*[A-Za-z0-9_-]", error.rest) and not error.rest.strip().startswith("]"):
        name = _HEADER_NAME.match(error.text + "]")
        words = name.group(2) if name else ""
        return error.finding(
            f"a table name has no spaces: write [{'_'.join(words.split())}]"
            if not double
            else f"a table name has no spaces: write [[{'_'.join(words.split())}]]",
            column=error.indent,
            header=True,
        )
    return error.finding(
        f"the table name opened with `{'[[' if double else '['}` is not closed: end it with "
        f"`{closing}`",
        column=error.indent,
        header=True,
    )


def _twice(error: _Error) -> SyntaxFinding | None:
    reason = error.reason
    declared = re.match(r"Cannot declare \((.*)\) twice", reason)
    if declared:
        name = ".".join(part.strip(" '\"") for part in declared.group(1).split(",") if part.strip())
        header = _HEADER_NAME.match(error.text)
        first = _first_header(error.lines[: error.line - 1], name)
        if header and header.group(1) == "[" and first and first[1] == "[[":
            return error.finding(
                f"{_each(name)} starts with [[{name}]] (two pairs of brackets), as on "
                f"line {first[0]}; [{name}] is one table",
                column=error.indent,
                fixed=f"[[{name}]]",
            )
        where = f" (first on line {first[0]})" if first else ""
        return error.finding(
            f"the table [{name}] is declared twice{where}: merge the two into one",
            column=error.indent,
            header=True,
        )
    if reason == "Cannot overwrite a value":
        header = _HEADER_NAME.match(error.text)
        if header and header.group(1) == "[[":
            # The mistake is the earlier [name]: report it there, as it will be fixed.
            name = header.group(2)
            first = _first_header(error.lines[: error.line - 1], name)
            if first is None:
                return None
            text = error.lines[first[0] - 1]
            return error.finding(
                f"[{name}] makes {name} one table: start {_each(name)} with [[{name}]] "
                f"(two pairs of brackets), as on line {error.line}",
                first[0],
                len(text) - len(text.lstrip()) + 1,
                fixed=f"[[{name}]]",
            )
        key = _key_of(error.text)
        if key is None:
            return None
        first = _first_key(error.lines, error.line, key.split(".")[0])
        where = f" (first on line {first})" if first else ""
        return error.finding(
            f"`{key}` is given twice in this table{where}: keep one", column=error.indent
        )
    duplicate = re.match(r"Duplicate inline table key '(.*)'", reason)
    if duplicate:
        key = duplicate.group(1)
        places = [
            match.start(1) + 1
            for match in re.finditer(rf"[{{,]\s*({re.escape(key)})\s*=", error.text)
        ]
        return error.finding(
            f"`{key}` is given twice in this `{{ ... }}` table: keep one",
            column=places[1] if len(places) > 1 else None,
        )
    return None


def _each(name: str) -> str:
    return "each slide" if name == "slides" else f"each entry of {name}"


def _first_header(lines: list[str], name: str) -> tuple[int, str] | None:
    for number, text in enumerate(lines, start=1):
        header = _HEADER_NAME.match(text)
        if header and re.sub(r"\s+", "", header.group(2)) == name:
            return number, header.group(1)
    return None


def _first_key(lines: list[str], line: int, key: str) -> int | None:
    """The line, in the table around ``line``, where ``key`` (or a dotted key under it)
    was first given."""
    start = 1
    for number in range(line - 1, 0, -1):
        if _HEADER.match(lines[number - 1]):
            start = number + 1
            break
    for number in range(start, line):
        found = _key_of(lines[number - 1])
        if found is not None and found.split(".")[0] == key:
            return number
    return None


def _characters(error: _Error) -> SyntaxFinding | None:
    if error.reason.startswith("Unescaped '\\'"):
        return error.finding(
            "a backslash \\ in a text starts an escape: in a file path write / "
            "(media/photo.jpg); for a backslash itself write \\\\"
        )
    illegal = re.match(r"Illegal character '(.*)'", error.reason)
    if illegal and error.character not in "\n":
        character = error.character
        return error.finding(
            f"an invisible control character (U+{ord(character):04X}) is here: delete it"
        )
    if error.reason.startswith("Invalid initial character for a key part"):
        return error.finding(
            "a key is made of letters, digits, - and _ (in straight quotes if it has others)"
        )
    return None


_RULES: tuple[Callable[[_Error], SyntaxFinding | None], ...] = (
    _unclosed_multiline,
    _typographic,
    _open_string,
    _quote_inside,
    _inline_table,
    _array,
    _header,
    _twice,
    _value,
    _key,
    _characters,
)
