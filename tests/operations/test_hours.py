"""Opening hours: the parser staff write for, and the schedule on simulated time."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.config import effective
from kiosk.operations.burn_in import offset
from kiosk.operations.hours import Schedule, parse_day, parse_times, parse_week, within

WEEK = {"mon-fri": "09:00-18:00", "sat": "10:00-13:00, 14:00-17:00", "sun": "closed"}
# 2026-11-23 is a Monday.
MONDAY = datetime(2026, 11, 23)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def test_a_day_is_ranges_or_closed() -> None:
    assert parse_day("09:00-18:00") == ((540, 1080),)
    assert parse_day(" 9:30 - 12:00 ,14:00-24:00") == ((570, 720), (840, 1440))
    assert parse_day("Closed") == ()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("9-5", "not a time range such as 09:00-18:00"),
        ("18:00-09:00", "ends before it starts"),
        ("25:00-26:00", "not a time of day"),
        ("09:00-12:00, 11:00-14:00", "overlaps"),
        ("shut", "not a time range"),
    ],
)
def test_a_bad_day_says_what_to_write(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_day(text)


def test_days_and_day_ranges() -> None:
    week = parse_week(WEEK)
    assert sorted(week) == list(range(7))
    assert week[4] == ((540, 1080),) and week[6] == ()
    with pytest.raises(ValueError, match="not a day"):
        parse_week({"monday": "09:00-18:00"})
    with pytest.raises(ValueError, match="named twice"):
        parse_week({"mon-fri": "09:00-18:00", "fri": "closed"})
    with pytest.raises(ValueError, match="backwards"):
        parse_week({"fri-mon": "09:00-18:00"})


def test_open_closed_and_the_next_change() -> None:
    schedule = Schedule.of(WEEK, [date(2026, 11, 25)], {date(2026, 11, 29): "12:00-16:00"})
    assert not schedule.is_open(at(0, 8, 59))
    assert schedule.is_open(at(0, 9)) and schedule.is_open(at(0, 17, 59))
    assert not schedule.is_open(at(0, 18))
    assert schedule.next_change(at(0, 8)) == at(0, 9)
    assert schedule.next_change(at(0, 12)) == at(0, 18)
    # Tuesday evening to Thursday morning: Wednesday the 25th is closed.
    assert schedule.next_change(at(1, 18)) == at(3, 9)
    # Saturday's lunch break, then Sunday, closed but open on the 29th by exception.
    assert schedule.next_change(at(5, 13)) == at(5, 14)
    assert schedule.next_change(at(5, 17)) == at(6, 12)
    # The screen comes on a minute before opening and goes off at closing.
    assert schedule.awake(at(0, 8, 59)) and not schedule.awake(at(0, 8, 58))
    assert schedule.next_awake_change(at(0, 0)) == at(0, 8, 59)
    assert schedule.next_awake_change(at(0, 10)) == at(0, 18)
    # The lunch break: off at 13:00, on again at 13:59.
    assert schedule.next_awake_change(at(5, 13)) == at(5, 13, 59)


def test_open_until_midnight_runs_into_the_next_day() -> None:
    schedule = Schedule.of({"fri": "20:00-24:00", "sat": "00:00-02:00"})
    assert schedule.next_change(at(4, 21)) == at(5, 2)
    assert schedule.is_open(at(5, 0, 30))


def test_never_open_has_no_next_change() -> None:
    assert Schedule.of({"mon-sun": "closed"}).next_awake_change(at(0, 12)) is None


def test_the_settings_file_names_a_bad_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'opening_hours = { mon = "9-5" }\n'
        'closed_on = ["2026-12-25", 2027-01-01]\n'
        'open_on = { 2026-12-31 = "14:00-10:00" }\n'
        "show_closed_on_touch = true\n",
        encoding="utf-8",
    )
    settings = effective(path)
    assert len(settings.problems) == 2
    assert settings.problems[0].startswith(f"{path}:1: opening_hours: '9-5' is not a time range")
    assert settings.problems[1].startswith(f"{path}:3: open_on: 2026-12-31:")
    assert settings.settings.schedule() is None  # a bad week: the kiosk shows all day
    assert settings.settings.closed_on == [date(2026, 12, 25), date(2027, 1, 1)]
    assert settings.settings.show_closed_on_touch


def test_good_settings_make_a_schedule(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'opening_hours = { mon-fri = "09:00-18:00", sun = "closed" }\n'
        'closed_on = ["2026-11-24"]\n'
        'open_on = { 2026-11-29 = "10:00-14:00" }\n',
        encoding="utf-8",
    )
    settings = effective(path)
    assert settings.problems == []
    schedule = settings.settings.schedule()
    assert schedule is not None
    assert schedule.is_open(at(0, 10)) and not schedule.is_open(at(1, 10))
    assert not schedule.is_open(at(5, 12)) and schedule.is_open(at(6, 12))


def test_the_drift_walks_a_small_square_a_pixel_at_a_time() -> None:
    steps = [offset(seconds) for seconds in range(0, 33 * 30, 30)]
    assert steps[0] == (0, 0) and steps[32] == (0, 0)  # 16 minutes a round
    assert len(set(steps)) == 32
    assert all(0 <= x <= 8 and 0 <= y <= 8 for x, y in steps)
    for (x1, y1), (x2, y2) in itertools.pairwise(steps):
        assert abs(x1 - x2) + abs(y1 - y2) == 1
    assert offset(29.9) == (0, 0)


def test_without_an_x_server_the_panel_is_not_powered_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.operations import screensaver

    monkeypatch.setenv("DISPLAY", ":no-such-display")
    assert screensaver.power(False) is False  # the caller shows its black cover instead


def test_a_bad_night_dimming_time_is_named(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('night_dim_hours = "8pm-7am"\n', encoding="utf-8")
    settings = effective(path)
    assert settings.problems == [
        f"{path}:1: night_dim_hours: '8pm-7am' is not a time range such as 20:00-07:00; ignored"
    ]
    assert settings.settings.night_dim_hours is None


def test_night_times_may_run_past_midnight() -> None:
    assert parse_times("20:00-07:00") == ((0, 420), (1200, 1440))
    assert parse_times("12:00-13:00, 06:00-07:00") == ((360, 420), (720, 780))
    assert within(parse_times("20:00-07:00"), at(0, 23, 30))
    assert not within(parse_times("20:00-07:00"), at(0, 7))
    with pytest.raises(ValueError, match="same time"):
        parse_times("07:00-07:00")
