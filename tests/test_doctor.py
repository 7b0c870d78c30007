"""kiosk doctor: one line a check, exit 0 on a good set-up, each problem named on a broken one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import effective
from kiosk.operations import doctor, screensaver
from tests.bundles import write_bundle

#: A PIN hash as kiosk set-pin writes it (of no PIN anyone knows).
HASH = "scrypt$16384$c2FsdHNhbHQ=$ZGlnZXN0ZGlnZXN0"
AUTOSTART = "[Desktop Entry]\nType=Application\nName=Kiosk\nExec=kiosk --supervise\n"

#: Test content: a bundle in Thai, which no font draws once fontconfig knows no fonts.
THAI_TOML = """\
[bundle]
id = "test-doctor"
title = { en = "Test content", th = "เนื้อหาทดสอบ" }
version = "1"
languages = ["en", "th"]
source = { en = "Test content", th = "เนื้อหาทดสอบ" }
[[slides]]
type = "quote"
id = "words"
text = { en = "Test content.", th = "เนื้อหาทดสอบ" }
attribution = { en = "Test content", th = "เนื้อหาทดสอบ" }
[ui.th]
still_there = "เนื้อหาทดสอบ"
touch_to_continue = "เนื้อหาทดสอบ"
chapters = "เนื้อหาทดสอบ"
slides = "เนื้อหาทดสอบ"
language = "เนื้อหาทดสอบ"
previous = "เนื้อหาทดสอบ"
next = "เนื้อหาทดสอบ"
larger_text = "เนื้อหาทดสอบ"
reduced_motion = "เนื้อหาทดสอบ"
"""


def kiosk_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str) -> dict[str, str]:
    """A home of its own: settings, XDG folders, an autostart entry; no display."""
    home = tmp_path / "home"
    (home / ".config/autostart").mkdir(parents=True)
    (home / ".config/autostart/kiosk.desktop").write_text(AUTOSTART, encoding="utf-8")
    config = home / ".config/kiosk/kiosk.toml"
    config.parent.mkdir(parents=True)
    config.write_text(settings, encoding="utf-8")
    environment = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "KIOSK_CONFIG": str(config),
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return environment


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the start-up check is Linux's")
def test_a_good_set_up_is_all_ok(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "bundle")
    kiosk_user(tmp_path, monkeypatch, f'pin_hash = "{HASH}"\nbundle = "{bundle}"\n')
    assert main(["doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "No problems found."
    statuses = {line.split()[0] for line in lines[:-1]}
    assert statuses <= {"ok", "note"}, lines
    names = [line.split(":")[0].split(None, 1)[1] for line in lines[:-1]]
    for name in ("settings", "pin", "folder logs", "folder cache", "folder data", "disk"):
        assert name in names
    assert any(line.startswith("ok       start: autostart entry") for line in lines)
    assert any(line.startswith("ok       bundle: Test (1.0)") for line in lines)
    assert "ok       fonts: every text of the bundle has a font that draws it" in lines
    assert any(line.startswith("note     screen: Qt runs offscreen: not checked") for line in lines)


def test_a_broken_set_up_names_each_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "thai"
    bundle.mkdir()
    (bundle / "bundle.toml").write_text(THAI_TOML, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    environment = kiosk_user(tmp_path, monkeypatch, f'bundle = "{bundle}"\nlog_dir = "{blocker}"\n')
    # A fontconfig with no font folders: only the kiosk's own faces exist, none of them Thai.
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "fc"}</cachedir></fontconfig>'
    )
    environment = {**os.environ, **environment, "FONTCONFIG_FILE": str(fonts)}
    environment.pop("QT_QPA_PLATFORM", None)  # the doctor itself finds there is no display
    environment["DISPLAY"] = ":31999"  # and no X server answers there
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor"],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    problems = {
        line.split(":")[0].split(None, 1)[1] for line in lines if line.startswith("PROBLEM")
    }
    assert problems == {"pin", "folder logs", "fonts"}, result.stdout
    assert lines[-1].startswith("3 problems (pin, folder logs, fonts)")
    fonts_line = next(line for line in lines if line.startswith("PROBLEM  fonts"))
    assert 'no font has a glyph for "เ" U+0E40' in fonts_line
    assert f"{blocker} is a file where a folder should be" in result.stdout
    assert "run kiosk set-pin" in result.stdout
    assert any(line.startswith("note     screen: no X server answers at :31999") for line in lines)


# --- the checks one by one --------------------------------------------------------------


def test_an_unwritable_folder_is_a_problem_and_a_missing_one_is_not(tmp_path: Path) -> None:
    assert doctor.writable_problem(tmp_path / "new" / "logs") is None  # it will be created
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is a file where a folder should be" in str(doctor.writable_problem(tmp_path / "file"))
    assert "is a file" in str(doctor.writable_problem(tmp_path / "file" / "logs"))
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert "cannot be written" in str(doctor.writable_problem(locked))


def test_too_little_disk_space_is_a_problem(tmp_path: Path) -> None:
    (check,) = [
        c for c in doctor.folder_checks({"data": tmp_path}, min_free=2**62) if c.name == "disk"
    ]
    assert check.status == doctor.PROBLEM and "free at least" in check.text
    (check,) = [c for c in doctor.folder_checks({"data": tmp_path}, min_free=0) if c.name == "disk"]
    assert check.status == doctor.OK


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the start-up check is Linux's")
def test_what_starts_the_kiosk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    home, root = tmp_path / "home", tmp_path / "root"
    user = effective(tmp_path / "absent.toml")
    assert doctor.start_check(user, home=home, root=root).status == doctor.PROBLEM
    # The package's entry starts only a user with a settings file.
    entry = root / "etc/xdg/autostart/kiosk.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text(
        AUTOSTART.replace("kiosk --", 'test -f "$HOME/.config/kiosk/kiosk.toml"; kiosk --')
    )
    gated = doctor.start_check(user, home=home, root=root)
    assert gated.status == doctor.PROBLEM and "run kiosk set-pin" in gated.text
    unit = home / ".config/systemd/user/graphical-session.target.wants/kiosk.service"
    unit.parent.mkdir(parents=True)
    unit.write_text("")
    started = doctor.start_check(user, home=home, root=root)
    assert started.status == doctor.OK and "systemd user unit enabled" in started.text


@pytest.mark.parametrize(("running", "status"), [(4242, doctor.PROBLEM), (None, doctor.OK)])
def test_a_screen_saver_left_on_is_a_problem_only_while_the_kiosk_runs(
    monkeypatch: pytest.MonkeyPatch, running: int | None, status: str
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    saved = screensaver.Saved(600, 600, 1, 1, dpms=True)
    monkeypatch.setattr(screensaver, "state", lambda display: saved)
    monkeypatch.setattr(doctor, "kiosk_running", lambda: running)
    check = doctor.screen_saver_check(":5")
    assert check.status == status and "blanks after 600 s, DPMS on" in check.text
    off = screensaver.Saved(0, 0, 0, 1, dpms=False)
    monkeypatch.setattr(screensaver, "state", lambda display: off)
    assert doctor.screen_saver_check(":5").status == doctor.OK
