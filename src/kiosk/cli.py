"""The one entry point, ``kiosk``, and its subcommands.

Exit codes: 0 success, 1 the bundle has problems, 2 the command line is wrong, 3 an
unexpected error. The kiosk itself (``kiosk``, ``kiosk --supervise``) also ends with
40 when staff chose *Exit kiosk* (the one ending that systemd and ``--supervise`` do
not restart), and 41 when another kiosk already runs for this user (see
``kiosk.operations.exit_codes``). Curators never see a traceback: anything unexpected is
said in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.paths import builtin_bundle

if TYPE_CHECKING:
    import logging

    from PySide6.QtCore import QSize

    from kiosk.bundle import Bundle, BundleError, Problem
    from kiosk.bundle.lint import Finding
    from kiosk.config import Effective
    from kiosk.operations.instance_lock import InstanceLock

# The bundle package (pydantic and the models) is imported where it is used: the live
# kiosk puts its first frame on screen before importing it (see kiosk.ui.first_frame).

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _missing_glyphs(bundle: Bundle) -> list[Problem]:
    """The texts of ``bundle`` that the kiosk's fonts, or this computer's, cannot draw."""
    from kiosk.qtmedia import ensure_gui
    from kiosk.ui.fonts import missing_glyphs
    from kiosk.ui.theme import theme_for

    ensure_gui()
    return missing_glyphs(bundle, theme_for(bundle))


def _validate(args: argparse.Namespace) -> int:
    from kiosk.bundle import BundleError
    from kiosk.qtmedia import load
    from kiosk.ui.bundle_check import check_bundle

    try:
        bundle = load(args.path)
    except BundleError as error:
        _print_warnings(error.warnings)
        _print_problems(error)
        return EXIT_PROBLEMS
    try:
        checked = check_bundle(bundle)
    finally:
        bundle.close()
    _print_warnings([*bundle.warnings, *checked.warnings], checked.notes)
    if checked.problems:
        _print_problems(BundleError(checked.problems))
        return EXIT_PROBLEMS
    _print_findings(checked.findings, strict=args.strict)
    if checked.findings and args.strict:
        return EXIT_PROBLEMS
    for name, facts in bundle.media_facts.items():
        print(f"media: {name}: {facts.summary()}")
    print(f"OK: {bundle.summary()}")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from kiosk.insights import default_database, report
    from kiosk.insights.stats import StatsError, read

    try:
        figures = read(args.db or [default_database()], since=args.since, until=args.until)
    except StatsError as error:
        print(f"kiosk stats: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.bundle:
        from kiosk.bundle import BundleError
        from kiosk.insights.names import named, slide_names

        try:
            figures = named(figures, slide_names(args.bundle))
        except BundleError as error:
            _print_problems(error)
            return EXIT_PROBLEMS
    print(report.text(figures), end="")
    try:
        if args.csv:
            report.write_csv(figures, args.csv)
        if args.html:
            report.write_html(figures, args.html)
    except OSError as error:
        where = error.filename or args.html or args.csv
        print(f"kiosk stats: cannot write {where} ({error.strerror or error})", file=sys.stderr)
        return EXIT_PROBLEMS
    return 0


def _describe(args: argparse.Namespace) -> int:
    from kiosk.bundle import BundleError
    from kiosk.bundle.model import headline
    from kiosk.media.plan import waits_for_media
    from kiosk.qtmedia import load

    try:
        bundle = load(args.path, decode_media=False)
    except BundleError as error:
        _print_problems(error)
        return EXIT_PROBLEMS
    manifest = bundle.manifest
    language = args.lang or bundle.default_language
    if language not in bundle.languages:
        print(f"kiosk describe: the bundle has no language {language!r}", file=sys.stderr)
        return EXIT_USAGE
    info = manifest.bundle
    print(f"{info.title[language]} ({info.id} {info.version})")
    print(f"languages: {', '.join(info.languages)} (default {bundle.default_language})")
    print(
        f"timing: {manifest.timing.slide_seconds:g} s a slide, "
        f"reset after {manifest.timing.idle_reset_seconds:g} s idle"
    )
    for index, slide in enumerate(manifest.slides):
        if slide.chapter:
            print(f"\n  {slide.chapter[language]}")
        heading = headline(slide, language)
        seconds = f"{manifest.seconds_for(index):g} s"
        if waits_for_media(slide, attract_sound=manifest.media.attract_sound):
            seconds = "to end"  # the attract loop shows it until its film or sound ends
        print(f"  {index + 1:>3}. {slide.type:<9} {seconds:>5}  {heading}")
    bundle.close()
    return EXIT_OK


def _pack(args: argparse.Namespace) -> int:
    from kiosk.bundle import BundleError
    from kiosk.bundle.outputs import OutputRefusedError
    from kiosk.bundle.pack import pack
    from kiosk.qtmedia import QT_MEDIA
    from kiosk.ui.bundle_check import Checked, check_bundle

    if not args.folder.is_dir():
        print(f"kiosk pack: {args.folder} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    checks: list[Checked] = []

    def check(bundle: Bundle) -> list[Problem]:
        checks.append(check_bundle(bundle))
        return checks[-1].problems

    try:
        packed = pack(args.folder, args.output, media=QT_MEDIA, check=check)
    except OutputRefusedError as error:
        print(f"kiosk pack: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BundleError as error:
        _print_warnings(error.warnings)
        _print_problems(error)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"kiosk pack: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    checked = checks[0]
    _print_warnings(checked.warnings, checked.notes)
    _print_findings(checked.findings, strict=False)
    print(f"Packed {len(packed.names)} files into {args.output}")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from kiosk.bundle import BundleError
    from kiosk.qtmedia import load
    from kiosk.ui.render import ensure_app, parse_size, render_bundle
    from kiosk.ui.target_screens import target_screens

    if args.output is None and args.pdf is None:
        print(
            "kiosk render: give -o DIR (pictures) or --pdf FILE (sign-off sheet)", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        asked = [parse_size(text) for text in args.size or []]
    except ValueError as error:
        print(f"kiosk render: --size {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.pdf is not None:  # refused before any picture is written
        from kiosk.bundle.outputs import PDF_MAGIC, OutputRefusedError, check_output

        try:
            check_output(args.pdf, args.path, kind="PDF", magic=PDF_MAGIC, suffix=".pdf")
        except OutputRefusedError as error:
            print(f"kiosk render: {error}", file=sys.stderr)
            return EXIT_USAGE
    ensure_app()
    if args.output is None:
        return _render_pdf(args, asked)
    try:
        bundle = load(args.path)
    except BundleError as error:
        _print_problems(error)
        return EXIT_PROBLEMS
    sizes = asked or target_screens(bundle)
    languages = args.lang or bundle.languages
    unknown = [code for code in languages if code not in bundle.languages]
    if unknown:
        print(
            f"kiosk render: the bundle has no language {', '.join(unknown)} "
            f"(it has {', '.join(bundle.languages)})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    for problem in _missing_glyphs(bundle):
        print(f"missing glyphs: {problem}")
    written, overflows, findings = render_bundle(bundle, args.output, sizes, languages)
    bundle.close()
    for overflow in overflows:
        for line in overflow.lines():
            print(f"overflow: {line}")
    _print_findings(findings, strict=args.strict)
    print(f"Wrote {len(written)} images to {args.output}")
    code = EXIT_PROBLEMS if overflows or (findings and args.strict) else EXIT_OK
    return max(code, _render_pdf(args, asked)) if args.pdf is not None else code


def _render_pdf(args: argparse.Namespace, sizes: Sequence[QSize]) -> int:
    """``kiosk render --pdf FILE``: the sign-off sheet (kiosk.ui.signoff)."""
    from kiosk.bundle import BundleError
    from kiosk.ui.signoff import write_signoff

    asked = [(size.width(), size.height()) for size in sizes] or None
    try:
        result, sha256, screens = write_signoff(
            args.path, args.pdf, asked=asked, languages=args.lang, check=_missing_glyphs
        )
    except BundleError as error:
        _print_problems(error)
        return EXIT_PROBLEMS
    except ValueError as error:
        print(f"kiosk render: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"kiosk render: cannot write {args.pdf}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    for overflow in result.overflows:
        for line in overflow.lines():
            print(f"overflow: {line}")
    _print_findings(result.findings, strict=args.strict)
    shown = ", ".join(f"{width}x{height}" for width, height in screens)
    print(f"Wrote {args.pdf}: {result.pages} pages at {shown}; SHA-256 {sha256}")
    return EXIT_PROBLEMS if result.overflows or (result.findings and args.strict) else EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from kiosk.ui.preview import run

    if not args.path.exists():
        print(f"kiosk preview: {args.path} does not exist", file=sys.stderr)
        return EXIT_USAGE
    return run(args.path.absolute())


def _print_findings(findings: Sequence[Finding], *, strict: bool) -> None:
    """The layout lint's warnings, one a line; errors under ``--strict``."""
    kind = "error" if strict else "warning"
    for finding in findings:
        print(f"{kind}: {finding}")
    if findings:
        count = f"{len(findings)} layout warning{'s' if len(findings) != 1 else ''}"
        print(f"{count}{' (--strict: they count as errors)' if strict else ''}.", file=sys.stderr)


def _settings(args: argparse.Namespace) -> Effective:
    from kiosk.config import effective

    flags = {
        # Relative to where the command runs; the settings file's must be absolute.
        "bundle": args.bundle.absolute() if args.bundle else None,
        "windowed": True if args.windowed else None,
        "screen": args.screen,
        "idle_seconds": args.idle_seconds,
        "slide_seconds": args.slide_seconds,
    }
    return effective(args.config, flags)


def _usable_settings(args: argparse.Namespace) -> Effective | None:
    """The effective settings, or None after saying on stderr which flag is wrong."""
    from pydantic import ValidationError

    try:
        return _settings(args)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            print(
                f"kiosk: --{str(detail['loc'][0]).replace('_', '-')}: {detail['msg']}",
                file=sys.stderr,
            )
        return None


def _run_kiosk(args: argparse.Namespace) -> int:
    # Before anything shows or is written: a second kiosk must not even flash its first
    # frame, nor touch the running kiosk's log and crash trace.
    from kiosk.operations import exit_codes, heartbeat, instance_lock
    from kiosk.operations.system_libraries import missing_for_display

    missing = missing_for_display()
    if missing is not None:  # before Qt, whose own message names no package
        print(missing, file=sys.stderr)
        return exit_codes.MISSING_LIBRARY
    lock = None
    supervisor = None if args.supervise else heartbeat.supervisor_pid()
    if supervisor is not None:  # the supervisor holds the lock and watches this process
        from kiosk.operations.orphan import die_with_parent

        if not die_with_parent(supervisor):
            print("kiosk: its supervisor has gone; this kiosk stops too", file=sys.stderr)
            return EXIT_OK
    else:
        try:
            lock, problems = instance_lock.acquire()
        except instance_lock.AlreadyRunningError as running:
            print(f"kiosk: {running}", file=sys.stderr)
            return exit_codes.ALREADY_RUNNING
        for problem in problems:
            print(f"kiosk: {problem}", file=sys.stderr)
    try:
        return _run_locked(args, lock)
    finally:
        if lock is not None:
            lock.release()


def _run_locked(args: argparse.Namespace, lock: InstanceLock | None) -> int:
    log = _start_logging(args)
    try:
        return _start_kiosk(args, lock)
    except Exception:
        log.critical("the kiosk stopped on an unexpected error", exc_info=True)
        raise


def _start_logging(args: argparse.Namespace) -> logging.Logger:
    """The log, crash traces and exception hooks, before anything else of the live kiosk.

    So whatever fails after this (Qt included) leaves its trace. Only the log folder is
    read from the settings file, and the file is parsed only if it names one: no pydantic
    and no Qt here, the first frame waits for all of this.
    """
    import logging

    from kiosk import logs
    from kiosk.paths import default_config_path, default_log_dir, system_config_path
    from kiosk.settings_file import peek

    configured = peek(args.config or default_config_path(), "log_dir")
    if configured is None:
        configured = peek(system_config_path(), "log_dir")
    log_dir = Path(configured) if isinstance(configured, str) else default_log_dir()
    logs.setup(log_dir, name="supervisor" if args.supervise else "kiosk")
    return logging.getLogger("kiosk")


def _start_kiosk(args: argparse.Namespace, lock: InstanceLock | None) -> int:
    cover = None
    if not args.supervise:
        from kiosk.ui.first_frame import show_cached

        cover = show_cached(args.argv, args.config)
    settings = _usable_settings(args)
    if settings is None:
        return EXIT_USAGE
    if args.supervise:
        from kiosk.supervise import Policy, child_command, supervise

        child = [arg for arg in (args.argv or []) if arg != "--supervise"]
        policy = Policy.from_watchdog(settings.settings.watchdog_seconds)
        return supervise(child_command(child), policy, lock_fd=None if lock is None else lock.fd)
    from kiosk.ui.app import run

    return run(settings, args.argv, cover)


def _config(args: argparse.Namespace) -> int:
    from kiosk.paths import default_log_dir

    current = _usable_settings(args)
    if current is None:
        return EXIT_USAGE
    print(f"# settings file: {current.path}{'' if current.path.exists() else ' (none yet)'}")
    system = current.system_path
    print(f"# system settings file: {system}{'' if system.exists() else ' (none)'}")
    for problem in current.problems:
        print(f"# {problem}")
    for name, value in current.settings.model_dump().items():
        if name == "pin_hash":
            value = "set" if value else "not set"
        elif name == "log_dir" and value is None:
            value = f"{default_log_dir()}"
        elif name == "health_dir" and value is None:
            from kiosk.health import default_health_dir

            value = f"{default_health_dir()}"
        elif value is None:
            value = _UNSET.get(name, "(from the bundle)" if name.endswith("seconds") else "not set")
        print(f"{name} = {_shown(value)}    # {current.origins[name]}")
    return EXIT_OK


def _shown(value: object) -> str:
    """A setting's value as it is written in kiosk.toml, where TOML's spelling differs
    from Python's (true, tables, dates); numbers, paths and words as they are."""
    import datetime

    import tomlkit

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        table.update(value)
        return table.as_string()
    if isinstance(value, list | datetime.date):
        return tomlkit.item(value).as_string()
    return str(value)


#: What an unset setting means, where "not set" would not say.
_UNSET = {
    "bundle": "(built-in bundle)",
    "opening_hours": "not set: the kiosk shows all the time",
}


def _doctor(args: argparse.Namespace) -> int:
    current = _usable_settings(args)
    if current is None:
        return EXIT_USAGE
    from kiosk.ui.doctor import run

    return run(current)


NO_TERMINAL = (
    "kiosk set-pin: there is no terminal to type the PIN on; give it on standard input "
    'with --pin-stdin, e.g.  read -s PIN && echo "$PIN" | kiosk set-pin --pin-stdin'
)


def _set_pin(args: argparse.Namespace) -> int:
    from kiosk.config import SettingsFileError, default_config_path, hash_pin, write_setting
    from kiosk.paths import system_config_path

    path = args.config or default_config_path()
    mode = 0o600
    if args.system:
        path = system_config_path()
        if refusal := _system_settings_refusal(path):
            print(refusal, file=sys.stderr)
            return EXIT_USAGE
        # Every kiosk user reads the system file: it keeps the mode it has (an
        # administrator may make it root:kiosk 640), a new one is readable by all.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    if args.pin_stdin:
        pin = again = (sys.stdin.readline() if sys.stdin else "").strip()
        if not pin:
            print(
                "kiosk set-pin: no PIN on standard input (--pin-stdin reads one line, e.g. "
                "echo 2468 | kiosk set-pin --pin-stdin); nothing was changed",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
    else:
        typed = _type_pin()
        if isinstance(typed, int):
            return typed
        pin, again = typed
    if pin != again:
        print("kiosk set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
        return EXIT_PROBLEMS
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        print("kiosk set-pin: a PIN is 4 to 12 digits; nothing was changed", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write_setting(path, "pin_hash", hash_pin(pin), mode=mode)
    except SettingsFileError as error:
        print(f"kiosk set-pin: {error}. Correct that line, then try again.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        reason = error.strerror or error
        print(
            f"kiosk set-pin: cannot write {path} ({reason}); nothing was changed", file=sys.stderr
        )
        return EXIT_PROBLEMS
    print(f"Staff PIN set in {path}")
    return EXIT_OK


def _system_settings_refusal(path: Path) -> str | None:
    """Why this process may not write the system-wide settings file, or None if it may."""
    if hasattr(os, "geteuid"):
        if os.geteuid() == 0:
            return None
        return (
            f"kiosk set-pin: --system writes {path}, which only root may change; "
            "run it with sudo. Nothing was changed"
        )
    if _is_windows_administrator():
        return None
    return (
        f"kiosk set-pin: --system writes {path}, which only an administrator may change; "
        "open the command prompt with Run as administrator (or right-click the Start "
        "menu's 'Set the staff PIN', More > Run as administrator). Nothing was changed"
    )


def _is_windows_administrator() -> bool:
    """Whether shell32's IsUserAnAdmin says so; True where it cannot be asked.

    https://learn.microsoft.com/en-us/windows/win32/api/shlobj_core/nf-shlobj_core-isuseranadmin
    Where it cannot be asked the write is tried, and the OS's own refusal is reported.
    """
    import ctypes

    try:
        return bool(ctypes.windll.shell32.IsUserAnAdmin())
    except (AttributeError, OSError):
        return True


def _type_pin() -> tuple[str, str] | int:
    """The PIN typed twice on the terminal, or the exit code once it is said why not."""
    import getpass
    import warnings

    with warnings.catch_warnings():
        # Without a terminal getpass warns, then reads stdin with the PIN echoed (or
        # fails on an empty one): a unit, a script or ssh without a tty must say so.
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return (
                getpass.getpass("New staff PIN (4 to 12 digits): "),
                getpass.getpass("The same PIN again: "),
            )
        except getpass.GetPassWarning:
            print(NO_TERMINAL, file=sys.stderr)
            return EXIT_USAGE
        except EOFError:  # Ctrl+D at the prompt
            print("\nkiosk set-pin: no PIN was typed; nothing was changed", file=sys.stderr)
            return EXIT_PROBLEMS


def _schema(args: argparse.Namespace) -> int:
    from kiosk.bundle.schema import schema_text

    if args.output:
        args.output.write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from kiosk.bundle.starter import StarterError, write_starter

    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    try:
        files = write_starter(args.folder, languages)
    except StarterError as error:
        print(f"kiosk new: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"kiosk new: cannot write {args.folder}: {error.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Wrote a starter bundle to {args.folder}: {', '.join(files)}")
    folder = shlex.quote(str(args.folder))
    print(f"Next: edit {folder}/bundle.toml, and see it with: kiosk preview {folder}")
    return EXIT_OK


def _translate_export(args: argparse.Namespace) -> int:
    from kiosk.bundle.outputs import OutputRefusedError
    from kiosk.translate.roundtrip import TranslateError, export_bundle

    try:
        done = export_bundle(args.path, args.file, args.to, args.source)
    except OutputRefusedError as error:
        print(f"kiosk translate export: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TranslateError as error:
        print(f"kiosk translate export: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"Wrote {done.units} texts to translate into {args.to} to {done.file} "
        f"({done.translated} already translated in the bundle)"
    )
    return EXIT_OK


def _translate_import(args: argparse.Namespace) -> int:
    from kiosk.translate.roundtrip import TranslateError, import_file

    try:
        report = import_file(args.path, args.file)
    except TranslateError as error:
        print(f"kiosk translate import: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in report.lines():
        print(line)
    print(f"Checking {args.path} as kiosk validate does:")
    return _validate(argparse.Namespace(path=args.path, strict=False))


def _probe_media(args: argparse.Namespace) -> int:
    from kiosk.media.probe_child import main as probe_main

    return probe_main(args.items)


def _print_warnings(warnings: Sequence[Problem], notes: Sequence[Problem] = ()) -> None:
    """What the curator should know but need not fix, such as media without captions;
    then what is as it should be but worth saying (files a pack leaves out)."""
    for warning in warnings:
        print(f"warning: {warning}")
    for note in notes:
        print(f"note: {note}")


def _print_problems(error: BundleError) -> None:
    for problem in error.problems:
        print(problem)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)


def _optional_bundle(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=None,
        metavar="PATH",
        help="bundle folder or .kiosk file (default: the built-in bundle)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="An exhibition kiosk, and the tools to prepare its content bundles.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    _add_run_options(parser)
    parser.set_defaults(run=_run_kiosk)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    config = commands.add_parser("config", help="print the effective settings and their origin")
    _add_run_options(config, again=True)
    config.set_defaults(run=_config)

    doctor = commands.add_parser(
        "doctor",
        help="check this kiosk: screen, touch, fonts, bundle, folders, start-up, PIN",
        description="Check what the kiosk needs on this machine, one line a check (ok, "
        "note, or PROBLEM with what to do); exits 1 when anything is a problem. Run it as "
        "the kiosk user, in the kiosk's session for the screen and touch checks.",
    )
    _add_run_options(doctor, again=True)
    doctor.set_defaults(run=_doctor)

    set_pin = commands.add_parser("set-pin", help="set the staff PIN (stored hashed)")
    set_pin.add_argument(
        "--config", type=Path, metavar="FILE", default=argparse.SUPPRESS, help="settings file"
    )
    set_pin.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from one line of standard input, for scripts and units "
        'without a terminal (e.g. read -s PIN && echo "$PIN" | kiosk set-pin --pin-stdin)',
    )
    set_pin.add_argument(
        "--system",
        action="store_true",
        help="write the system-wide settings file (as root), for every user of this machine",
    )
    set_pin.set_defaults(run=_set_pin)

    new = commands.add_parser(
        "new",
        help="write a starter bundle, one slide of each type, to fill in",
        description="Write a new bundle folder with one slide of each type, every key "
        "commented and every text a placeholder in each language; it validates as it is.",
    )
    new.add_argument("folder", type=Path, metavar="NAME", help="the folder to create")
    new.add_argument(
        "--languages",
        default="en",
        metavar="CODES",
        help="the bundle's languages, comma-separated, the default first (default: en)",
    )
    new.set_defaults(run=_new)

    validate = commands.add_parser(
        "validate", help="check a bundle and name every mistake", description=_validate_help
    )
    validate.add_argument("path", type=Path, metavar="PATH", help="bundle folder or .kiosk file")
    _strict(validate)
    validate.set_defaults(run=_validate)

    stats = commands.add_parser(
        "stats",
        help="what visitors did: visits, slides, languages (text, CSV or an HTML report)",
        description="Read the kiosk's visitor insights (or several kiosks' databases "
        "together) and print a summary; --csv writes one file per table, --html one "
        "report with charts that opens in any browser and prints on A4.",
    )
    stats.add_argument("--since", type=date.fromisoformat, metavar="DATE", help="first day")
    stats.add_argument("--until", type=date.fromisoformat, metavar="DATE", help="last day")
    stats.add_argument(
        "--db", type=Path, action="append", metavar="PATH", help="a database (repeatable)"
    )
    stats.add_argument(
        "--bundle", type=Path, metavar="PATH", help="name slides by this bundle's headings"
    )
    stats.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per table here")
    stats.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    stats.set_defaults(run=_stats)

    describe = commands.add_parser("describe", help="list a bundle's slides")
    _optional_bundle(describe)
    describe.add_argument("--lang", metavar="CODE", help="language to describe it in")
    describe.set_defaults(run=_describe)

    pack = commands.add_parser(
        "pack",
        help="validate a bundle folder and pack it into a .kiosk file",
        description="Validate a bundle folder as kiosk validate does (every text must fit "
        "every screen in [bundle] screens), then pack bundle.toml and the media files it "
        "names into one .kiosk file, byte for byte the same each time. Other files are "
        "left out, and said so.",
    )
    pack.add_argument("folder", type=Path, metavar="DIR", help="bundle folder")
    pack.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.kiosk", help="file to write"
    )
    pack.set_defaults(run=_pack)

    render = commands.add_parser(
        "render",
        help="draw every slide to PNG as visitors will see it",
        description="Draw every slide x language x size to a PNG, plus a contact sheet per "
        "size and language, and check each slide's layout (lines over the measure, one-word "
        "last lines, memorial figures, contrast, enlarged pictures). With --pdf FILE, a "
        "sign-off sheet for whoever approves the exhibition. Exits 1 if any text does not "
        "fit; layout warnings exit 1 only with --strict.",
    )
    _optional_bundle(render)
    render.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder for the PNGs")
    render.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="write a sign-off sheet: a cover with the version and the SHA-256 of the packed "
        "file, then every slide in every language at the bundle's screens (its [bundle] "
        "screens, else --size), with sources and credits",
    )
    render.add_argument(
        "--size",
        action="append",
        metavar="WxH",
        help="screen size, repeatable (default: the bundle's [bundle] screens)",
    )
    render.add_argument(
        "--lang",
        action="append",
        metavar="CODE",
        help="language, repeatable (default: every language of the bundle)",
    )
    _strict(render)
    render.set_defaults(run=_render)

    preview = commands.add_parser(
        "preview",
        help="show a bundle in a window that follows every save",
        description="Open a window showing each slide as visitors will see it, with the "
        "problems and layout warnings of the slide beside it. Switch language and screen "
        "size (landscape, portrait, 4K, and the bundle's own screens), step with the arrow "
        "keys or Page Up/Down. Saving bundle.toml or a media file reloads it; a save with "
        "problems lists them and keeps the last good version on screen. It never touches "
        "the installed kiosk's settings, logs or state.",
    )
    preview.add_argument("path", type=Path, metavar="PATH", help="bundle folder or .kiosk file")
    preview.set_defaults(run=_preview)

    schema = commands.add_parser("schema", help="print the JSON Schema of bundle.toml")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE")
    schema.set_defaults(run=_schema)

    _add_translate(commands)

    # Internal, not listed: the child process that probes video and audio for the
    # loader (kiosk.media.probe), so that hostile media never reach the kiosk itself.
    probe_media = commands.add_parser("probe-media", add_help=False)
    probe_media.add_argument("items", nargs=argparse.REMAINDER)
    probe_media.set_defaults(run=_probe_media)
    return parser


def _add_translate(commands: argparse._SubParsersAction) -> None:
    translate = commands.add_parser(
        "translate",
        help="send a bundle's texts to translators (XLIFF or PO) and take them back",
        description="Translators' round trip: export every text of a bundle to an XLIFF 1.2 "
        "or PO file, have it translated with any translation tool, import it back into the "
        "bundle folder. See docs/curators.md, 'Working with translators'.",
    )
    steps = translate.add_subparsers(dest="step", metavar="STEP", required=True)
    export = steps.add_parser("export", help="write the texts to translate to FILE")
    export.add_argument("path", type=Path, metavar="PATH", help="bundle folder or .kiosk file")
    export.add_argument(
        "file", type=Path, metavar="FILE", help="file to write: .xliff or .xlf (XLIFF 1.2), .po"
    )
    export.add_argument("--to", required=True, metavar="CODE", help="language to translate into")
    export.add_argument(
        "--from",
        dest="source",
        metavar="CODE",
        help="language to translate from (default: the bundle's first language)",
    )
    export.set_defaults(run=_translate_export)
    take = steps.add_parser(
        "import",
        help="fill a bundle folder's texts from a translated FILE, then validate it",
    )
    take.add_argument("path", type=Path, metavar="PATH", help="bundle folder")
    take.add_argument("file", type=Path, metavar="FILE", help="translated .xliff, .xlf or .po")
    take.set_defaults(run=_translate_import)


def _strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat layout warnings as errors (exit 1)",
    )


def _add_run_options(parser: argparse.ArgumentParser, *, again: bool = False) -> None:
    """The options of the live kiosk; ``again`` for a subcommand that takes them too.

    A subcommand's own defaults would overwrite what was given before its name
    (``kiosk --bundle X config``): its copies default to nothing at all (SUPPRESS).
    """
    unset = {"default": argparse.SUPPRESS} if again else {}
    parser.add_argument(
        "--bundle", type=Path, metavar="PATH", help="bundle folder or .kiosk", **unset
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="preview in a normal window (Escape closes it)",
        **unset,
    )
    parser.add_argument("--screen", type=int, metavar="N", help="screen to fill, from 0", **unset)
    parser.add_argument(
        "--idle-seconds", type=float, metavar="N", help="idle time before reset", **unset
    )
    parser.add_argument(
        "--slide-seconds", type=float, metavar="N", help="attract-loop pace", **unset
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file to use", **unset)
    parser.add_argument(
        "--supervise",
        action="store_true",
        help="run the kiosk as a child process and restart it after a crash",
        **unset,
    )


_validate_help = (
    "Check a bundle: its bundle.toml, every text in every language, and every media file "
    "(each film and sound is opened, in a separate process, with the decoders the kiosk "
    "plays it with; its length, size and codecs are printed). Every slide is laid out in "
    "every language at every screen in [bundle] screens (default 1920x1080 and 1080x1920), "
    "no display needed: a text that does not fit is a problem, said with by how much. "
    "Prints 'OK: ...' and exits 0, or prints each problem with its file and line "
    "and exits 1. It also warns of pictures shown at more than 1.5 times their pixels on "
    "those screens (--strict makes those warnings errors), of pictures and films far "
    "larger than the screens need, and of files kiosk pack leaves out (media no slide "
    "uses, the schema file, notes, system litter). The typographic checks run in "
    "kiosk render, at the sizes you ask for."
)


def _windows_console() -> None:
    """The frozen Windows app has no console of its own (a kiosk must not show one);
    when started from a command prompt, print there."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False) or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):
        sys.stdout = Path("CONOUT$").open("w", encoding="utf-8")  # noqa: SIM115 - kept open
        sys.stderr = sys.stdout


def main(argv: Sequence[str] | None = None) -> int:
    _windows_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    run: Callable[[argparse.Namespace], int] = args.run
    if getattr(args, "path", "unset") is None:
        args.path = builtin_bundle()
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kiosk config | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the one place a curator must not see a traceback
        print(f"kiosk: unexpected error ({type(error).__name__}: {error}).", file=sys.stderr)
        return EXIT_INTERNAL
