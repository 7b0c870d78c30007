"""The figures written out: a short text for the terminal, CSV files, one HTML report.

The HTML is one self-contained file (inline CSS, SVG charts drawn here from the
numbers, nothing fetched) that opens in any browser and prints on A4.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.insights.stats import COMPLETE, Stats


@dataclass(frozen=True)
class Table:
    name: str  # the CSV file's name, without .csv
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "no finished visits"
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def period(stats: Stats) -> str:
    if stats.since is None or stats.until is None:
        return "no visits recorded"
    return f"{stats.since.isoformat()} to {stats.until.isoformat()}"


def tables(stats: Stats) -> list[Table]:
    """Every table of the report, in the order a curator reads them."""
    ended = stats.countdown_answered + stats.countdown_lapsed
    return [
        Table(
            "summary",
            "Summary",
            ("figure", "value"),
            (
                ("period", period(stats)),
                ("kiosks", ", ".join(stats.kiosks)),
                ("visits", stats.sessions),
                ("median visit length (seconds)", _round(stats.median_session_seconds)),
                ("countdown answered", stats.countdown_answered),
                ("countdown lapsed", stats.countdown_lapsed),
                ("countdowns", ended),
            ),
        ),
        Table(
            "per_day",
            "Visits per day",
            ("date", "visits"),
            tuple((d.isoformat(), n) for d, n in stats.per_day),
        ),
        Table(
            "per_hour",
            "Visits per hour of the day",
            ("hour", "visits"),
            tuple((f"{h:02d}:00", n) for h, n in enumerate(stats.per_hour)),
        ),
        Table(
            "slides",
            "Slides by time spent reading them",
            ("slide", "views", "total seconds", "median seconds"),
            tuple(
                (s.slide_id, s.views, _round(s.total_seconds), _round(s.median_seconds))
                for s in stats.slides
            ),
        ),
        Table("chapters", "Chapters chosen", ("chapter slide", "times"), stats.chapter_jumps),
        Table("languages", "Languages read", ("language", "visits"), stats.languages),
        Table(
            "media",
            "Films and sounds",
            ("slide", "plays", f"played to the end (≥{COMPLETE:.0%})", "median share played"),
            tuple(
                (m.slide_id, m.plays, m.played_to_end, f"{m.median_fraction:.0%}")
                for m in stats.media
            ),
        ),
        Table("kiosk_events", "Kiosk life", ("event", "times"), stats.kiosk_events),
    ]


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A text as a spreadsheet shows it, never run: a slide heading from a bundle may
    begin like a formula (``=HYPERLINK(...)``); a quote before it keeps it text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(stats: Stats, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables(stats):
        path = folder / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(table.header)
            writer.writerows([_cell(value) for value in row] for row in table.rows)
        written.append(path)
    return written


def text(stats: Stats) -> str:
    """A short summary for the terminal."""
    lines = [
        f"Period: {period(stats)}",
        f"Kiosks: {', '.join(stats.kiosks)}",
        f"Visits: {stats.sessions}, median length {duration(stats.median_session_seconds)}",
        f"Countdown: answered {stats.countdown_answered}, lapsed {stats.countdown_lapsed}",
    ]
    if stats.per_day:
        lines += ["", "Visits per day:"]
        lines += [f"  {d.isoformat()}  {n:6d}" for d, n in stats.per_day]
    if stats.slides:
        width = max(len(s.slide_id) for s in stats.slides[:10])
        lines += ["", "Slides by time spent (top 10):"]
        lines += [
            f"  {s.slide_id:<{width}}  {s.views:6d} {'view ' if s.views == 1 else 'views'}"
            f"  {duration(s.total_seconds):>14}"
            f"  median {duration(s.median_seconds)}"
            for s in stats.slides[:10]
        ]
    if stats.languages:
        lines += ["", "Languages: " + ", ".join(f"{k} {n}" for k, n in stats.languages)]
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------
_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; color: #222; max-width: 180mm; margin: 2em auto; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
p.lead { color: #555; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { padding: 2px 10px; text-align: left; border-bottom: 1px solid #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
p.none { color: #666; font-style: italic; }
svg { display: block; max-width: 100%; height: auto; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } }
"""
_BAR = "#3a6ea5"


def _columns(items: Sequence[tuple[str, int]], unit: str, label_every: int = 1) -> str:
    """A column chart: one column per item, labels under every ``label_every``th."""
    width, height, bottom, top = 640, 200, 30, 16
    peak = max((v for _, v in items), default=0) or 1
    step = width / max(1, len(items))
    parts = []
    for i, (label, value) in enumerate(items):
        h = (height - bottom - top) * value / peak
        x = i * step
        y = height - bottom - h
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" '
            f'height="{h:.1f}" fill="{_BAR}"><title>{html.escape(label)}: {value} {unit}'
            "</title></rect>"
        )
        if value:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{value}</text>'
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 14}" font-size="10" '
                f'text-anchor="middle">{html.escape(label)}</text>'
            )
    return _svg(width, height, parts, f"{unit} per item")


def _bars(items: Sequence[tuple[str, float]], unit: str, show: str = "{:g}") -> str:
    """A bar chart: one labelled horizontal bar per item."""
    row, left, width = 20, 170, 640
    peak = max((v for _, v in items), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(items):
        y = i * row
        w = (width - left - 110) * value / peak
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" font-size="11" text-anchor="end">'
            f"{html.escape(label if len(label) <= 28 else label[:27] + '…')}</text>"
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{_BAR}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 14}" font-size="11">'
            f"{html.escape(show.format(value))} {_singular(unit) if value == 1 else unit}"
            "</text>"
        )
    return _svg(width, max(row, row * len(items)), parts, unit)


def _svg(width: int, height: int, parts: list[str], title: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img"><title>{html.escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )


#: The kiosk's life in words for the report's readers (the CSV keeps the ids).
LIFE = {
    "start": "started",
    "stop": "stopped",
    "crash_restart": "restarted after a crash",
    "bundle_swap_accepted": "new content shown",
    "bundle_swap_refused": "new content refused",
    "staff_login": "staff signed in",
    "opened": "opened (opening hours)",
    "closed": "closed (opening hours)",
}


def _singular(unit: str) -> str:
    """'visits' for 1 is 'visit'; units that are not plurals stay ('min')."""
    return unit[:-1] if unit.endswith("s") else unit


def _table(table: Table) -> str:
    if not table.rows:
        return '<p class="none">None in this period.</p>'
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
    words = LIFE if table.name == "kiosk_events" else {}
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{v}</td>'
            if isinstance(v, int | float)
            else f"<td>{html.escape(words.get(str(v), str(v)))}</td>"
            for v in row
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_report(stats: Stats) -> str:
    """The whole report as one HTML document."""
    by_name = {t.name: t for t in tables(stats)}
    days = [(d.strftime("%d %b"), n) for d, n in stats.per_day]
    sections = [
        ("Visits per day", "Number of visits that began on each day.",
         _columns(days, "visits", max(1, len(days) // 14))),
        ("Visits per hour of the day", "Number of visits that began in each hour, all days.",
         _columns([(f"{h:02d}", n) for h, n in enumerate(stats.per_hour)], "visits", 2)),
        ("Slides by time spent reading them",
         "Total time visitors spent on each slide (the attract loop not counted).",
         _bars([(s.slide_id, round(s.total_seconds / 60, 1)) for s in stats.slides[:25]],
               "min") + _table(by_name["slides"])),
        ("Languages read", "Number of visits that read slides in each language.",
         _bars(list(stats.languages), "visits") + _table(by_name["languages"])),
        ("Chapters chosen", "How often visitors jumped to each chapter.",
         _table(by_name["chapters"])),
        ("Films and sounds", "How far visitors played the films and sounds.",
         _table(by_name["media"])),
        ("Kiosk life", "Starts, stops, restarts and content changes.",
         _table(by_name["kiosk_events"])),
    ]  # fmt: skip
    visits = "visit" if stats.sessions == 1 else "visits"
    summary = (
        f"<p><b>{stats.sessions}</b> {visits}; median visit length "
        f"<b>{duration(stats.median_session_seconds)}</b>. Still-there countdown: answered "
        f"<b>{stats.countdown_answered}</b> times, lapsed <b>{stats.countdown_lapsed}</b> "
        "times.</p>"
    )
    body = "".join(
        f"<section><h2>{html.escape(title)}</h2><p>{html.escape(note)}</p>{content}</section>"
        for title, note, content in sections
    )
    kiosks = ", ".join(stats.kiosks)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Visitor report {html.escape(period(stats))}</title>"
        f"<style>{_CSS}</style></head><body>"
        "<h1>Visitor report</h1>"
        f'<p class="lead">Period: {html.escape(period(stats))}. '
        f"Kiosk{'s' if len(stats.kiosks) != 1 else ''}: {html.escape(kiosks)}.</p>"
        f"{summary}{body}</body></html>\n"
    )


def write_html(stats: Stats, path: Path) -> None:
    path.write_text(html_report(stats), encoding="utf-8")
