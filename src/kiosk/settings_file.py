"""The settings file as text: read every statement that parses, rewrite one key in place.

The settings file is flat ``key = value`` TOML written by hand, and it holds the PIN hash
and the bundle: one typo must cost one setting, never the file. So the reader parses
each top-level statement on its own (with tomllib; a statement spans several lines only
while it is unfinished, as a multi-line array or string is) and names every line it
skips. A stray ``[section]`` header is skipped and named too; the settings under it
count as if it were not there. Checking the values is kiosk.config's part.

This module imports neither pydantic nor Qt (the TOML parser only when a file is parsed):
the live kiosk reads its log folder here before anything heavy is imported.

Writers go through tomlkit, which keeps comments, order and keys this version does not
know, and refuse a file that is not valid TOML, naming the line: rewriting it would
lose what could not be read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

#: An unfinished statement is tried with at most this many following lines.
MAX_STATEMENT_LINES = 200
#: What a file written by a kiosk command starts with.
HEADER = "Kiosk settings: `kiosk config` lists every one and where its value comes from."

_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*(?:=\s*(.*))?")
_POSITION = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")
_BARE_TEXT = re.compile(r"[A-Za-z/\\~.]")
_KEYWORDS = ("true", "false", "inf", "nan")


class Problem(NamedTuple):
    """A line of the file that was skipped, and why."""

    line: int  # from 1; 0 when it is about the whole file
    message: str
    #: The file is not valid TOML there: writers refuse it rather than lose the line.
    syntax: bool = True


class Contents(NamedTuple):
    values: dict[str, Any]
    lines: dict[str, int]  # the line each value was read from
    problems: list[Problem]


class SettingsFileError(ValueError):
    """A settings file that a writer leaves alone (the message names the file and line)."""


def read(path: Path) -> Contents:
    """Every setting in ``path`` that parses, with its line; nothing if there is no file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Contents({}, {}, [])
    except OSError as error:
        reason = error.strerror or str(error)
        return Contents({}, {}, [Problem(0, f"cannot be read ({reason}); ignored", False)])
    return parse(data)


def peek(path: Path, name: str) -> Any:
    """The value of ``name`` in ``path``, or None; parses only a file that mentions it."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if name.encode("ascii") not in data:
        return None
    return parse(data).values.get(name)


def parse(data: bytes) -> Contents:
    """The settings in ``data``, statement by statement."""
    import tomllib  # here, not at import: 5 ms the first frame need not wait for

    lines, problems = _decode(data)
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    start = 0
    while start < len(lines):
        end = start + 1
        while True:
            try:
                table = tomllib.loads("".join(lines[start:end]))
            except tomllib.TOMLDecodeError as error:
                unfinished = str(error).endswith("(at end of document)")
                if unfinished and end < len(lines) and end - start < MAX_STATEMENT_LINES:
                    end += 1
                    continue
                unclosed = unfinished or end > start + 1
                problems.append(Problem(start + 1, _explain(lines[start], str(error), unclosed)))
                start += 1  # the next line may begin a good statement
                break
            _take(table, lines[start], start + 1, values, where, problems)
            start = end
            break
    problems.sort(key=lambda problem: problem.line)
    return Contents(values, where, problems)


def _decode(data: bytes) -> tuple[list[str], list[Problem]]:
    """The lines of ``data`` with their line ends; a line that is not UTF-8 is left out."""
    lines: list[str] = []
    problems: list[Problem] = []
    raw_lines = data.split(b"\n")
    for number, raw in enumerate(raw_lines, 1):
        ending = "\n" if number < len(raw_lines) else ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(number, "is not UTF-8 text (save the file as UTF-8); ignored"))
            text = ""
        lines.append(text + ending)
    if lines and lines[0].startswith("\ufeff"):  # Notepad's byte order mark
        lines[0] = lines[0][1:]
    return lines, problems


def _take(
    table: dict[str, Any],
    first_line: str,
    number: int,
    values: dict[str, Any],
    where: dict[str, int],
    problems: list[Problem],
) -> None:
    """Keep the setting of one statement that parsed (or name the header it was)."""
    if first_line.lstrip().startswith("["):
        header = first_line.split("#", 1)[0].strip()
        problems.append(
            Problem(
                number,
                f"{header}: the settings file has no sections; the header is ignored "
                "and the settings under it count",
                syntax=False,
            )
        )
        return
    for key, value in table.items():
        if key in values:
            problems.append(
                Problem(number, f"{key}: set again (first on line {where[key]}); ignored")
            )
        else:
            values[key], where[key] = value, number


def _explain(line: str, error: str, unclosed: bool) -> str:
    """tomllib's message about the statement starting at ``line``, as staff can act on it.

    ``unclosed``: the statement did not end on its first line.
    """
    found = _POSITION.search(error)
    reason = error[: found.start()] if found else error
    if found and found.group(1) == "1":
        reason += f", column {found.group(2)}"
    key = _KEY.match(line)
    value = (key.group(2) or "").strip() if key else ""
    opener = next((mark for mark in ('"""', "'''", "[") if value.startswith(mark)), None)
    if unclosed and opener:
        what = "array" if opener == "[" else "multi-line string"
        reason = f"the {opener} of this {what} is never closed"
    elif reason.startswith("Illegal character '\\n'"):
        reason = "the closing quote is missing"
    elif (
        reason.startswith("Invalid value")
        and _BARE_TEXT.match(value)
        and value.split("#")[0].strip() not in _KEYWORDS
    ):
        name = key.group(1) if key else "bundle"
        shown = "..." if name in SECRET_KEYS else value  # a PIN hash never goes to a log
        reason = f'text needs quotes, e.g. {name} = "{shown}"'
    prefix = f"{key.group(1)}: " if key else ""
    return f"{prefix}not valid TOML ({reason}); ignored"


#: Settings whose values are never repeated in messages (they reach logs and screens).
SECRET_KEYS = frozenset({"pin_hash"})


# --- writing --------------------------------------------------------------------------


def write_value(
    path: Path, name: str, value: str | float | bool | None, *, mode: int = 0o600
) -> None:
    """Set ``name`` in the settings file (None removes it), keeping everything else.

    The file is replaced atomically with ``mode``: by default readable by its owner only
    (it holds the PIN hash). A file that is not valid TOML is refused with
    SettingsFileError.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError

    from kiosk.paths import replace_atomically

    try:
        data: bytes | None = path.read_bytes()
    except FileNotFoundError:
        data = None
    if data is None:
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER))
    else:
        broken = [problem for problem in parse(data).problems if problem.syntax]
        if broken:
            line, message = broken[0].line, broken[0].message.removesuffix("; ignored")
            raise SettingsFileError(f"{path}:{line}: {message}; nothing was changed")
        try:
            document = tomlkit.parse(data.decode("utf-8").removeprefix("\ufeff"))
        except ParseError as error:
            raise SettingsFileError(f"{path}:{error.line}: {error}; nothing was changed") from None
    holder: Any = document
    if name not in document:  # under a stray header, the reader takes it as a setting too
        for item in document.values():
            if isinstance(item, dict) and name in item:
                holder = item
                break
    if value is None:
        if name in holder:
            del holder[name]
    else:
        holder[name] = str(value) if isinstance(value, Path) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, tomlkit.dumps(document).encode("utf-8"), mode=mode)
