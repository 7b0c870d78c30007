"""The settings file: what a typo costs (one key, never the file), and how it is written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.config import effective, write_setting
from kiosk.paths import replace_atomically

#: A PIN hash as kiosk set-pin writes it (of no PIN anyone knows).
HASH = "scrypt$16384$c2FsdHNhbHQ=$ZGlnZXN0ZGlnZXN0"
GOOD = 'windowed = true\npin_hash = "scrypt$1$2$3"\nscreen = 1\n'


def settings_file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "kiosk.toml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


@pytest.mark.parametrize(
    ("bad", "names"),
    [
        ("idle_seconds = 9o", "idle_seconds"),  # a letter for a digit
        ("bundle = /srv/exhibit.kiosk", "quotes"),  # text without quotes
        ('slide_seconds = "12', "slide_seconds"),  # an unclosed string
        ("screen = 2", "screen"),  # the same key twice: the first one counts
        ("idle_seconds = ", "idle_seconds"),  # no value
        ("idle_seconds", "idle_seconds"),  # no '='
        ("log_dir = [", "log_dir"),  # an array never closed
        ('bundle = """/srv/x', "bundle"),  # a multi-line string never closed
    ],
)
def test_one_bad_line_costs_only_itself(tmp_path: Path, bad: str, names: str) -> None:
    path = settings_file(tmp_path, f"{GOOD}{bad}\nslide_seconds = 20\n")
    current = effective(path)
    assert current.settings.windowed is True
    assert current.settings.pin_hash == "scrypt$1$2$3"
    assert current.settings.screen == 1
    assert current.settings.slide_seconds == 20  # the line after the bad one counts too
    assert len(current.problems) == 1, current.problems
    (problem,) = current.problems
    assert problem.startswith(f"{path}:4: "), problem
    assert names in problem


def test_several_bad_lines_each_named_with_its_line(tmp_path: Path) -> None:
    path = settings_file(
        tmp_path,
        "# kiosk settings\n"
        "idle_seconds = 9o\n"
        'bundle = "/srv/a.kiosk"\n'
        "slide_seconds = 12 12\n"
        'screen = "left"\n'  # valid TOML, not a valid screen
        "colour = 3\n"  # not a setting
        "windowed = true\n",
    )
    current = effective(path)
    assert current.settings.bundle == Path("/srv/a.kiosk")
    assert current.settings.windowed is True
    assert current.settings.idle_seconds is None and current.settings.slide_seconds is None
    assert current.settings.screen == 0
    lines = sorted(int(problem.split(":")[1]) for problem in current.problems)
    assert lines == [2, 4, 5, 6], current.problems
    assert any("colour" in problem and "not a setting" in problem for problem in current.problems)
    assert current.origins["bundle"] == str(path)
    assert current.origins["screen"] == "default"


def test_multi_line_values_are_one_statement(tmp_path: Path) -> None:
    path = settings_file(
        tmp_path,
        'notes = """\nscreen = 5\n"""\n'  # inside a string: not a setting of its own
        "extra = [\n  1,\n  2, # a comment\n]\n"
        "screen = 2\n",
    )
    current = effective(path)
    assert current.settings.screen == 2
    assert sorted(int(problem.split(":")[1]) for problem in current.problems) == [1, 4]


def test_an_array_left_open_costs_only_its_own_line(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "extra = [1,\nscreen = 2\nwindowed = true\n")
    current = effective(path)
    assert (current.settings.screen, current.settings.windowed) == (2, True)
    assert [problem.split(":")[1] for problem in current.problems] == ["1"]


def test_a_stray_section_header_is_ignored_and_its_keys_kept(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "[kiosk]\nscreen = 2\n[[more]]\nwindowed = true\n")
    current = effective(path)
    assert (current.settings.screen, current.settings.windowed) == (2, True)
    assert [problem.split(":")[1] for problem in current.problems] == ["1", "3"]
    assert "[kiosk]" in current.problems[0]


def test_windows_editors_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = settings_file(tmp_path, b"\xef\xbb\xbfscreen = 2\r\nwindowed = true\r\n")
    current = effective(path)
    assert (current.settings.screen, current.settings.windowed) == (2, True)
    assert current.problems == []


def test_a_line_that_is_not_utf8_costs_only_itself(tmp_path: Path) -> None:
    path = settings_file(tmp_path, b"# caf\xe9\nscreen = 2\n")
    current = effective(path)
    assert current.settings.screen == 2
    assert [problem.split(":")[1] for problem in current.problems] == ["1"]


def test_an_unreadable_settings_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "kiosk.toml"
    folder.mkdir()
    current = effective(folder)
    assert current.settings.screen == 0
    assert len(current.problems) == 1 and str(folder) in current.problems[0]


# --- writing ------------------------------------------------------------------------

HAND_WRITTEN = """\
# Kiosk settings for the Baku embassy, hall 2.
# Ask Leyla before changing the bundle.

bundle = "/srv/exhibit/black-january.kiosk"  # the current exhibition
future_setting = "kept"   # a key this version does not know

idle_seconds = 120
"""


def test_writing_a_setting_keeps_comments_order_and_unknown_keys(tmp_path: Path) -> None:
    path = settings_file(tmp_path, HAND_WRITTEN)
    write_setting(path, "pin_hash", HASH)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)
    assert text[len(HAND_WRITTEN) :].strip() == f'pin_hash = "{HASH}"'
    write_setting(path, "idle_seconds", 90)
    assert path.read_text(encoding="utf-8") == text.replace(
        "idle_seconds = 120", "idle_seconds = 90"
    )
    write_setting(path, "pin_hash", None)
    assert (
        path.read_text(encoding="utf-8").strip()
        == HAND_WRITTEN.replace("idle_seconds = 120", "idle_seconds = 90").strip()
    )


def test_writing_a_setting_found_under_a_stray_header_changes_it_there(tmp_path: Path) -> None:
    path = settings_file(tmp_path, '[kiosk]\npin_hash = "scrypt$1$b2xk$b2xk"\n')
    write_setting(path, "pin_hash", HASH)
    assert effective(path).settings.pin_hash == HASH
    assert path.read_text(encoding="utf-8").count("pin_hash") == 1


def test_a_file_the_writer_cannot_parse_is_left_alone(tmp_path: Path) -> None:
    text = '# mine\nbundle = "/srv/a.kiosk"\nidle_seconds = 9o\n'
    path = settings_file(tmp_path, text)
    with pytest.raises(ValueError, match=rf"{path}:3: .*idle_seconds") as refused:
        write_setting(path, "pin_hash", HASH)
    assert "nothing was changed" in str(refused.value)
    assert path.read_text(encoding="utf-8") == text
    assert [entry.name for entry in tmp_path.iterdir()] == ["kiosk.toml"]


def test_a_duplicated_key_is_refused_naming_the_second_line(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "screen = 1\nwindowed = true\nscreen = 2\n")
    with pytest.raises(ValueError, match=rf"{path}:3: "):
        write_setting(path, "pin_hash", HASH)


def test_the_settings_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "kiosk.toml"
    write_setting(path, "pin_hash", HASH)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    existing = settings_file(tmp_path, "screen = 1\n")
    existing.chmod(0o644)
    write_setting(existing, "pin_hash", HASH)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600


def test_a_symlinked_settings_file_stays_a_link(tmp_path: Path) -> None:
    target = settings_file(tmp_path, "screen = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    write_setting(link, "pin_hash", HASH)
    assert link.is_symlink()
    assert effective(target).settings.pin_hash == HASH


# --- replace_atomically -----------------------------------------------------------------


def test_replace_atomically_never_shows_other_modes_and_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kiosk.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(source: str | Path, destination: str | Path) -> None:
        calls.append(f"replace {oct(stat.S_IMODE(Path(source).stat().st_mode))}")
        real_replace(source, destination)

    made: list[int] = []
    real_open = os.open

    def open_(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            made.append(mode)
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "open", open_)
    replace_atomically(target, b"new", mode=0o600)
    assert target.read_bytes() == b"new"
    assert calls == ["fsync file", "replace 0o600", "fsync folder"]
    assert made == [0o600]  # created owner-only, not narrowed afterwards
    assert [entry.name for entry in tmp_path.iterdir()] == ["kiosk.toml"]


def test_replace_atomically_leaves_the_old_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "frame.rgb"
    target.write_bytes(b"old")

    def fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="No space"):
        replace_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [entry.name for entry in tmp_path.iterdir()] == ["frame.rgb"]


def test_replace_atomically_without_a_mode_keeps_the_usual_one(tmp_path: Path) -> None:
    target = tmp_path / "first-frame.json"
    replace_atomically(target, memoryview(b"{}"))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_rewriting_a_users_settings_file_leaves_it_theirs(tmp_path: Path) -> None:
    """sudo kiosk set-pin --config /home/kiosk/...: the kiosk must still read its file."""
    path = settings_file(tmp_path, "screen = 1\n")
    os.chown(path, 4321, 4321)
    write_setting(path, "pin_hash", HASH)
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4321)
    assert stat.S_IMODE(status.st_mode) == 0o600


def test_a_pin_hash_is_never_repeated_in_a_message(tmp_path: Path) -> None:
    secret = "scrypt$16384$c2FsdHNhbHQ=$ZGlnZXN0ZGlnZXN0"
    current = effective(settings_file(tmp_path, f"pin_hash = {secret}\n"))  # no quotes
    assert current.problems and all(secret not in problem for problem in current.problems)
    assert current.settings.pin_hash is None


def test_a_damaged_pin_hash_is_reported_not_taken_for_a_pin(tmp_path: Path) -> None:
    current = effective(settings_file(tmp_path, 'pin_hash = "x"\nscreen = 1\n'))
    assert current.settings.pin_hash is None  # the pad then says there is no PIN
    assert current.settings.screen == 1
    assert "kiosk.toml:1: pin_hash: is not a PIN hash" in current.problems[0]


@pytest.mark.parametrize(
    ("line", "says"), [('bundle = ""', "is empty"), ('bundle = "exhibit.kiosk"', "absolute")]
)
def test_an_empty_or_relative_bundle_path_is_reported(tmp_path: Path, line: str, says: str) -> None:
    current = effective(settings_file(tmp_path, f"{line}\n"))
    assert current.settings.bundle is None
    assert says in current.problems[0] and "kiosk.toml:1: bundle:" in current.problems[0]


def test_the_log_names_only_the_settings_files_that_exist(tmp_path: Path) -> None:
    system, user = tmp_path / "etc.toml", tmp_path / "user.toml"
    assert effective(user, system=system).sources() == (
        f"no file (neither {system} nor {user}): the defaults"
    )
    system.write_text("idle_seconds = 60\n", encoding="utf-8")
    assert effective(user, system=system).sources() == str(system)
    user.write_text("idle_seconds = 90\n", encoding="utf-8")
    assert effective(user, system=system).sources() == f"{system} and {user}"
