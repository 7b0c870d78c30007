"""The kiosk command as curators use it: messages, exit codes, deterministic packing."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import main
from tests.bundles import VALID_TOML, png, write_bundle


def test_validate_ok_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The title's emblem drawn from an SVG: a 4x4 PNG would be warned of, enlarged (test_lint).
    toml = VALID_TOML.replace('image = "media/dot.png"', 'image = "media/shape.svg"')
    root = write_bundle(tmp_path / "b", toml, {"media/dot.png": None})  # unused: warned of
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out == "OK: Test (1.0), 3 slides, languages: en, az\n"


def test_validate_prints_file_line_and_message_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b", VALID_TOML.replace('text.az = "Bir sitat."\n', ""))
    assert main(["validate", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f'{root}/bundle.toml:18: slides[1].text.az: has no "az" text (every text needs en, az)\n'
    )
    assert captured.err == "1 problem found.\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate"])
    assert exited.value.code == 2
    assert "usage: kiosk" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"kiosk {__version__}\n"


def test_describe_lists_slides_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["describe", str(write_bundle(tmp_path / "b")), "--lang", "az"]) == 0
    out = capsys.readouterr().out
    assert "Sınaq (test 1.0)" in out
    assert "2. quote" in out and "Bir sitat." in out


def test_pack_is_byte_identical_and_the_result_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b")
    (root / ".DS_Store").write_bytes(b"junk")
    first, second = tmp_path / "one.kiosk", tmp_path / "two.kiosk"
    assert main(["pack", str(root), "-o", str(first)]) == 0
    (root / "bundle.toml").touch()  # a newer timestamp must not change the bytes
    assert main(["pack", str(root), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["bundle.toml", "media/dot.png", "media/shape.svg"]
    capsys.readouterr()
    assert main(["validate", str(first)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK: Test (1.0)")


@pytest.mark.parametrize("command", ["validate", "pack", "render"])
def test_curators_commands_decode_every_picture(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PNG damaged behind an intact header passes a header check: these commands decode."""
    root = write_bundle(tmp_path / "b", files={"media/dot.png": png()[:60]})
    output = ["-o", str(tmp_path / "out")] if command != "validate" else []
    assert main([command, str(root), *output]) == 1
    problem = capsys.readouterr().out
    assert problem.startswith(f"{root}/media/dot.png: cannot be decoded as PNG"), problem
    assert problem.rstrip().endswith("(used at slides[0].image)"), problem
    assert not (tmp_path / "out").exists()


def test_pack_refuses_an_invalid_bundle_and_writes_nothing(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b", files={"media/dot.png": None})
    output = tmp_path / "out.kiosk"
    assert main(["pack", str(root), "-o", str(output)]) == 1
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [root]


def test_pack_into_the_bundle_folder_leaves_the_previous_pack_out(tmp_path: Path) -> None:
    root = write_bundle(tmp_path / "b")
    output = root / "b.kiosk"
    assert main(["pack", str(root), "-o", str(output)]) == 0
    first = output.read_bytes()
    assert main(["pack", str(root), "-o", str(output)]) == 0
    assert output.read_bytes() == first


def test_curators_never_see_a_traceback(tmp_path: Path) -> None:
    hostile = tmp_path / "b.kiosk"
    hostile.write_bytes(b"PK\x05\x06" + b"\x00" * 8 + b"\xff" * 10)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(hostile)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "not a valid .kiosk (zip) archive" in result.stdout


def test_validate_imports_no_widgets() -> None:
    code = (
        "import sys; from kiosk.cli import main; main(['validate', sys.argv[1]]);"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'widgets imported'"
    )
    from kiosk.paths import builtin_bundle

    result = subprocess.run(
        [sys.executable, "-c", code, str(builtin_bundle())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_set_pin_stores_only_a_salted_hash_and_config_shows_origins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from kiosk.config import check_pin, effective

    config = tmp_path / "kiosk.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--config", str(config), "--pin-stdin"]) == 0
    stored = config.read_text(encoding="utf-8")
    assert "2468" not in stored
    assert check_pin("2468", effective(config).settings.pin_hash)
    assert not check_pin("1357", effective(config).settings.pin_hash)
    capsys.readouterr()
    assert main(["config", "--config", str(config), "--idle-seconds", "120"]) == 0
    out = capsys.readouterr().out
    assert f"pin_hash = set    # {config}" in out
    assert "idle_seconds = 120.0    # command line" in out
    assert "screen = 0    # default" in out


def test_a_broken_settings_file_is_reported_and_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('screen = "left"\nidle_seconds = 30\n', encoding="utf-8")
    assert main(["config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "screen: Input should be a valid integer" in out
    assert f"idle_seconds = 30.0    # {config}" in out


def test_set_pin_refuses_a_pin_that_is_not_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    config = tmp_path / "kiosk.toml"
    assert main(["set-pin", "--config", str(config), "--pin-stdin"]) == 1
    assert not config.exists()


# --- settings on the command line -------------------------------------------------------

RUN_OPTIONS = [
    (["--bundle", "/srv/exhibit.kiosk"], "bundle = /srv/exhibit.kiosk    # command line"),
    (["--screen", "2"], "screen = 2    # command line"),
    (["--idle-seconds", "120"], "idle_seconds = 120.0    # command line"),
    (["--slide-seconds", "20"], "slide_seconds = 20.0    # command line"),
    (["--windowed"], "windowed = true    # command line"),
]


@pytest.mark.parametrize("before", [True, False], ids=["before config", "after config"])
@pytest.mark.parametrize(("option", "line"), RUN_OPTIONS, ids=[o[0][0] for o in RUN_OPTIONS])
def test_run_options_count_before_or_after_config(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: list[str],
    line: str,
    before: bool,
) -> None:
    config = ["--config", str(tmp_path / "kiosk.toml")]
    argv = [*option, *config, "config"] if before else ["config", *option, *config]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert line in out.splitlines()
    assert out.startswith(f"# settings file: {tmp_path / 'kiosk.toml'}")


@pytest.mark.parametrize("before", [True, False], ids=["before set-pin", "after set-pin"])
def test_set_pin_writes_the_config_given_before_or_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: bool
) -> None:
    import io

    decoy = tmp_path / "default.toml"
    monkeypatch.setenv("KIOSK_CONFIG", str(decoy))
    config = tmp_path / "kiosk.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    option = ["--config", str(config)]
    argv = [*option, "set-pin", "--pin-stdin"] if before else ["set-pin", *option, "--pin-stdin"]
    assert main(argv) == 0
    assert config.exists() and not decoy.exists()


def _set_pin_process(
    tmp_path: Path, *args: str, stdin: int | None = subprocess.DEVNULL, input_: str | None = None
) -> subprocess.CompletedProcess[str]:
    """kiosk set-pin as a systemd unit or ssh without a terminal runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "set-pin", "--config", str(tmp_path / "kiosk.toml"), *args],
        stdin=stdin if input_ is None else None,
        input=input_,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal: getpass cannot open /dev/tty
    )


def test_set_pin_without_a_terminal_names_pin_stdin(tmp_path: Path) -> None:
    result = _set_pin_process(tmp_path)
    assert result.returncode == 2, result.stderr
    assert "--pin-stdin" in result.stderr
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "kiosk.toml").exists()


def test_set_pin_stdin_with_no_pin_says_so(tmp_path: Path) -> None:
    result = _set_pin_process(tmp_path, "--pin-stdin", input_="")
    assert result.returncode == 1
    assert "no PIN" in result.stderr and "nothing was changed" in result.stderr
    assert not (tmp_path / "kiosk.toml").exists()


def test_set_pin_from_a_script(tmp_path: Path) -> None:
    from kiosk.config import check_pin, effective

    result = _set_pin_process(tmp_path, "--pin-stdin", input_="2468\n")
    assert result.returncode == 0, result.stderr
    assert check_pin("2468", effective(tmp_path / "kiosk.toml").settings.pin_hash)


def test_set_pin_refuses_a_settings_file_it_cannot_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    config = tmp_path / "kiosk.toml"
    text = '# hall 2\nbundle = "/srv/a.kiosk"\nbundle = /srv/b.kiosk\n'
    config.write_text(text, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--config", str(config), "--pin-stdin"]) == 1
    err = capsys.readouterr().err
    assert f"{config}:3: " in err and "nothing was changed" in err
    assert config.read_text(encoding="utf-8") == text


def test_set_pin_keeps_comments_and_other_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import stat

    config = tmp_path / "kiosk.toml"
    text = '# hall 2\nbundle = "/srv/a.kiosk"  # the exhibit\nnew_setting = 1\n'
    config.write_text(text, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--config", str(config), "--pin-stdin"]) == 0
    assert config.read_text(encoding="utf-8").startswith(text)
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_config_shows_what_survives_a_typo_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('pin_hash = "scrypt$1$2$3"\nidle_seconds = 9o\nscreen = 1\n', "utf-8")
    assert main(["config", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"# {config}:2: idle_seconds") for line in out), out
    assert f"pin_hash = set    # {config}" in out
    assert f"screen = 1    # {config}" in out


def test_config_with_a_bad_flag_says_which_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "none.toml"), "config", "--idle-seconds", "5"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("kiosk: --idle-seconds: ") and "unexpected" not in error


def test_a_relative_bundle_flag_is_where_the_command_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--config", str(tmp_path / "none.toml"), "--bundle", "x.kiosk", "config"]) == 0
    assert f"bundle = {tmp_path / 'x.kiosk'}    # command line" in capsys.readouterr().out


def test_config_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m kiosk --config {tmp_path / 'none.toml'} config | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("# settings file:")
    assert result.stderr == ""


# Test content, written for this test: Thai (the kiosk ships no Thai face) and Persian.
_SCRIPT_TOML = """\
[bundle]
id = "test-scripts"
title = {{ en = "Test content", {code} = "{text}" }}
version = "1"
languages = ["en", "{code}"]
source = {{ en = "Test content", {code} = "{text}" }}
[[slides]]
type = "quote"
id = "words"
text = {{ en = "Test content.", {code} = "{text}" }}
attribution = {{ en = "Test content", {code} = "{text}" }}

[ui.{code}]
still_there = "{text}"
touch_to_continue = "{text}"
chapters = "{text}"
slides = "{text}"
language = "{text}"
previous = "{text}"
next = "{text}"
larger_text = "{text}"
reduced_motion = "{text}"
"""


@pytest.mark.parametrize(
    ("code", "text", "refused"),
    [("th", "เนื้อหาทดสอบ", True), ("fa", "محتوای آزمایشی", False)],
)
def test_validate_with_no_system_fonts_refuses_thai_and_passes_persian_with_shipped_faces(
    tmp_path: Path, code: str, text: str, refused: bool
) -> None:
    folder = tmp_path / code
    folder.mkdir()
    (folder / "bundle.toml").write_text(_SCRIPT_TOML.format(code=code, text=text), encoding="utf-8")
    # A fontconfig with no font folders: only the kiosk's own faces exist.
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>'
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert "Traceback" not in result.stderr
    if not refused:
        assert result.returncode == 0, result.stdout + result.stderr
        return
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # The title, the default source, the quotation, the attribution and the nine words
    # of [ui.th].
    assert len(lines) == 13, lines
    quotation = next(line for line in lines if "slides[0].text.th" in line)
    assert 'slide 1 (id "words"), language th: no font has a glyph for "เ" U+0E40' in quotation
    assert "Thai script in [bundle.fonts.scripts]" in quotation
    assert "Debian fonts-noto-core" in quotation


def test_pack_refuses_a_text_no_font_can_draw_and_writes_nothing(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('text.az = "Bir sitat."', 'text.az = "Bir \u0378 sitat."')
    root = write_bundle(tmp_path / "b", toml)
    output = tmp_path / "b.kiosk"
    assert main(["pack", str(root), "-o", str(output)]) == 1
    assert not output.exists()


def test_config_says_what_an_unset_setting_means(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    assert main(["config"]) == 0
    lines = {line.split(" = ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["bundle"].startswith("bundle = (built-in bundle)")
    assert lines["opening_hours"].startswith("opening_hours = not set: the kiosk shows all")
    assert lines["night_dim_hours"].startswith("night_dim_hours = not set")


def test_config_shows_values_as_kiosk_toml_spells_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `kiosk config` prints can be copied back into the file (the staff walk found
    Python's False, {'mon-fri': ...} and datetime.date(...) there)."""
    config = tmp_path / "kiosk.toml"
    lines = [
        'opening_hours = {mon-fri = "09:00-18:00", sun = "closed"}',
        "closed_on = [2026-12-25, 2027-01-01]",
        "record_visits = false",
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["config", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    for line in lines:
        assert f"{line}    # {config}" in out
    assert "reduced_motion = false    # default" in out
