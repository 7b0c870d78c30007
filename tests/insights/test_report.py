"""The report: terminal text, one CSV per table, and one self-contained HTML file."""

from __future__ import annotations

import csv
import itertools
import re
import shutil
import subprocess
from datetime import UTC, date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.insights import events as ev
from kiosk.insights import report
from kiosk.insights.stats import Stats, read
from tests.bundles import VALID_TOML, write_bundle

from .simulate import Truth, week
from .test_store import record

VOID = {"meta", "br", "img", "input", "link", "hr", "rect"}


class Checker(HTMLParser):
    """Counts the charts and checks every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svgs += tag == "svg"
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svgs += tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()


@pytest.fixture(scope="module")
def stats(tmp_path_factory: pytest.TempPathFactory) -> Stats:
    folder = tmp_path_factory.mktemp("insights")
    record(folder / "hall.sqlite3", week(seed=5), kiosk="hall")
    return read([folder / "hall.sqlite3"], tz=UTC)


def test_the_html_report_is_well_formed_self_contained_and_has_every_chart(
    stats: Stats,
) -> None:
    page = report.html_report(stats)
    checker = Checker()
    checker.feed(page)
    checker.close()

    assert checker.open == []
    assert checker.svgs == 4  # per day, per hour, slides, languages
    assert not re.search(r"https?://", page)
    assert not re.search(r"<script|<link|@import|url\(", page)
    assert "@page" in page
    assert "2026-03-02 to 2026-03-08" in page
    assert "hall" in page


def test_the_report_escapes_what_it_is_given(stats: Stats) -> None:
    from dataclasses import replace

    page = report.html_report(replace(stats, kiosks=("<b>&x",)))
    assert "<b>&x" not in page
    assert "&lt;b&gt;&amp;x" in page


def test_kiosk_stats_prints_and_writes_csv_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = week(seed=9)
    record(tmp_path / "a.sqlite3", truth, kiosk="hall")

    code = main(
        ["stats", "--db", str(tmp_path / "a.sqlite3"), "--since", "2026-03-03",
         "--until", "2026-03-03", "--csv", str(tmp_path / "csv"),
         "--html", str(tmp_path / "r.html")]
    )  # fmt: skip

    assert code == 0
    out = capsys.readouterr().out
    assert "Period: 2026-03-03 to 2026-03-03" in out
    assert "Kiosks: hall" in out
    with (tmp_path / "csv" / "per_day.csv").open(newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [["date", "visits"], ["2026-03-03", str(truth.per_day[date(2026, 3, 3)])]]
    assert {p.name for p in (tmp_path / "csv").iterdir()} >= {
        "summary.csv",
        "per_hour.csv",
        "slides.csv",
        "languages.csv",
        "media.csv",
    }
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_kiosk_stats_names_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--db", str(tmp_path / "none.sqlite3")]) != 0
    err = capsys.readouterr().err
    assert "none.sqlite3: no such database file" in err
    assert "give its path with --db" in err  # what to do, not a sentence cut short


def test_one_view_is_one_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t0 = 1_772_000_000.0
    truth = Truth(events=[
        ev.KioskEvent(t0, "start"),
        ev.SessionStarted(t0 + 1),
        ev.SlideShown("alone", 0, "en", "visitor", t0 + 1, 30.0, "tap"),
        ev.SlideShown("twice", 1, "en", "visitor", t0 + 31, 5.0, "swipe"),
        ev.SlideShown("twice", 1, "en", "visitor", t0 + 40, 5.0, "swipe"),
        ev.SessionEnded(t0 + 60, "idle_reset"),
    ])  # fmt: skip
    record(tmp_path / "a.sqlite3", truth, kiosk="hall")
    assert main(["stats", "--db", str(tmp_path / "a.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"alone +1 view ", out), out
    assert re.search(r"twice +2 views ", out), out


def test_kiosk_stats_says_which_report_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(tmp_path / "a.sqlite3", week(seed=9), kiosk="hall")
    (tmp_path / "taken").write_text("a file where the CSV folder should be")

    for option, target in (("--html", "no-folder/r.html"), ("--csv", "taken")):
        code = main(["stats", "--db", str(tmp_path / "a.sqlite3"), option, str(tmp_path / target)])
        assert code != 0
        err = capsys.readouterr().err
        assert err.startswith("kiosk stats: cannot write ")
        assert target.split("/")[0] in err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_headless_chromium_shows_every_chart(stats: Stats, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    report.write_html(stats, page)
    shot = tmp_path / "r.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={shot}", "--window-size=800,3000", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(shot))
    bar = QColor("#3a6ea5").rgb()
    rows = [y for y in range(image.height()) if any(
        image.pixel(x, y) == bar for x in range(0, image.width(), 2))]  # fmt: skip
    # four separate bands of bars: one per chart
    bands = 1 + sum(1 for a, b in itertools.pairwise(rows) if b - a > 40)
    assert bands >= 4


def test_kiosk_stats_names_slides_by_the_bundle_and_kiosks_by_their_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = VALID_TOML
    for n, kind in enumerate(("title", "quote", "narrative"), start=1):
        toml = toml.replace(f'type = "{kind}"', f'id = "slide-{n}"\ntype = "{kind}"', 1)
    bundle = write_bundle(tmp_path / "b", toml)
    for folder in ("hall", "foyer"):  # two files of one host: the same kiosk id
        (tmp_path / folder).mkdir()
        record(tmp_path / folder / "insights.sqlite3", week(seed=3), kiosk="vm")
    databases = [str(tmp_path / f / "insights.sqlite3") for f in ("hall", "foyer")]
    args = ["stats", "--db", databases[0], "--db", databases[1], "--csv", str(tmp_path / "csv")]

    assert main([*args, "--bundle", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert f"Kiosks: vm ({databases[0]}), vm ({databases[1]})" in out
    with (tmp_path / "csv" / "slides.csv").open(newline="") as stream:
        names = {row[0] for row in csv.reader(stream)}
    assert {"Hello", "A quotation.", "Heading"} <= names  # the others keep their ids
    assert "slide-4" in names and "slide-1" not in names


@pytest.mark.parametrize(
    ("period", "said"),
    [
        (["--since", "2026-03-05", "--until", "2026-03-04"], "2026-03-05 is after"),
        (["--since", "0001-01-01"], "0001-01-01"),
        (["--until", "9999-12-31"], "9999-12-31"),
    ],
)
def test_kiosk_stats_says_what_is_wrong_with_a_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], period: list[str], said: str
) -> None:
    record(tmp_path / "a.sqlite3", week(seed=9), kiosk="hall")

    assert main(["stats", "--db", str(tmp_path / "a.sqlite3"), *period]) != 0
    err = capsys.readouterr().err
    assert err.startswith("kiosk stats: ")
    assert said in err


def test_a_heading_that_looks_like_a_formula_stays_text_in_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bundle's slide heading is the curator's text: a spreadsheet must not run it."""
    toml = VALID_TOML.replace('type = "title"', 'id = "slide-1"\ntype = "title"', 1)
    toml = toml.replace('"Hello"', '"=HYPERLINK(\\"http://example.invalid\\")"', 1)
    bundle = write_bundle(tmp_path / "b", toml)
    record(tmp_path / "a.sqlite3", week(seed=3), kiosk="hall")
    csv_folder = tmp_path / "csv"

    assert main(["stats", "--db", str(tmp_path / "a.sqlite3"), "--bundle", str(bundle),
                 "--csv", str(csv_folder)]) == 0  # fmt: skip
    capsys.readouterr()
    with (csv_folder / "slides.csv").open(newline="") as stream:
        names = [row[0] for row in csv.reader(stream)]
    assert '\'=HYPERLINK("http://example.invalid")' in names
    assert not any(name.startswith(("=", "+", "@")) for name in names)


def test_the_report_says_the_kiosks_life_in_words_and_an_empty_table_says_so(
    tmp_path: Path,
) -> None:
    t0 = 1_772_000_000.0
    truth = Truth(events=[
        ev.KioskEvent(t0, "start"),
        ev.KioskEvent(t0 + 5, "crash_restart"),
        ev.SessionStarted(t0 + 10),
        ev.SlideShown("only", 0, "en", "visitor", t0 + 10, 30.0, "tap"),
        ev.SessionEnded(t0 + 60, "idle_reset"),
    ])  # fmt: skip
    record(tmp_path / "a.sqlite3", truth, kiosk="hall")
    page = report.html_report(read([tmp_path / "a.sqlite3"]))
    assert "<td>restarted after a crash</td>" in page
    assert "<b>1</b> visit;" in page and "1 visit</text>" in page  # not "1 visits"
    assert "crash_restart" not in page
    assert page.count("None in this period.") >= 2  # no chapters, no films
    assert main(["stats", "--db", str(tmp_path / "a.sqlite3"), "--csv", str(tmp_path / "c")]) == 0
    assert "crash_restart" in (tmp_path / "c" / "kiosk_events.csv").read_text(encoding="utf-8")
