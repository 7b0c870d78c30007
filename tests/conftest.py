"""Shared fixtures: every test runs offscreen, Qt's limits come from the code alone, and
no test leaves a Qt timer, animation, thread or top-level widget behind."""

from __future__ import annotations

import atexit
import gc
import itertools
import os
import shutil
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.media.raster import force_cpu_conversion

# Read when the QApplication is created, which the fixture below does first.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("QT_IMAGEIO_MAXALLOC", None)
# A machine's own /etc/kiosk/kiosk.toml must not reach the tests (nor their kiosks).
os.environ["KIOSK_SYSTEM_CONFIG"] = str(Path(__file__).parent / "no-system-settings.toml")

# Set before pytest-qt makes the QApplication, as the kiosk does (kiosk.media.raster).
force_cpu_conversion()

pytest_plugins = ("pytester",)

#: How long a thread that is ending by itself (an executor whose owner is gone) is given.
THREAD_GRACE_SECONDS = float(os.environ.get("KIOSK_TEST_THREAD_GRACE", "10"))
_HERE = str(Path(__file__).resolve().parents[1])


@pytest.fixture(autouse=True, scope="session")
def _qt_application_first(qapp: object) -> object:
    """Create pytest-qt's QApplication before any code makes a bare QGuiApplication."""
    return qapp


_STATE_HOMES = Path(tempfile.mkdtemp(prefix="kiosk-test-state-"))
atexit.register(shutil.rmtree, _STATE_HOMES, ignore_errors=True)
_state_homes = itertools.count()
# Also for what starts before a test's own folder is named (a module's kiosk fixture).
os.environ["XDG_STATE_HOME"] = str(_STATE_HOMES / "session")


@pytest.fixture(autouse=True)
def _own_state_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test (and each kiosk it starts) has its own state folder: a kiosk a test
    killed must not make the next test's kiosk resume on its slide
    (kiosk.operations.resume), nor write into the home of whoever runs the tests. The
    folder is only named here; nothing is made until a kiosk writes."""
    monkeypatch.setenv("XDG_STATE_HOME", str(_STATE_HOMES / str(next(_state_homes))))


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """logs.setup changes process-wide state: put pytest's back afterwards."""
    import faulthandler
    import logging

    from kiosk import logs

    root = logging.getLogger()
    saved = (sys.excepthook, threading.excepthook, list(root.handlers), root.level)
    try:
        yield
    finally:
        logs._reset()  # closes its handlers and crash file
        sys.excepthook, threading.excepthook, root.handlers, level = saved
        root.setLevel(level)
        faulthandler.enable()  # back to stderr, as pytest had it


def _started_at() -> str:
    """file:line of the project's code (src or tests) that started something."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(_HERE) and not name.endswith("conftest.py"):
            return f"{Path(name).relative_to(_HERE)}:{frame.f_lineno}"
        frame = frame.f_back
    return "?"


@dataclass
class QtLeaks:
    """What a test started: timers, animations, single shots and QThreads, each with the
    place that started it. Weak references: what Qt has deleted is not a leak."""

    timers: weakref.WeakKeyDictionary[object, str] = field(
        default_factory=weakref.WeakKeyDictionary
    )
    animations: weakref.WeakKeyDictionary[object, str] = field(
        default_factory=weakref.WeakKeyDictionary
    )
    qthreads: weakref.WeakKeyDictionary[object, str] = field(
        default_factory=weakref.WeakKeyDictionary
    )
    single_shots: dict[int, tuple[weakref.ref | None, str]] = field(default_factory=dict)

    def watch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from PySide6.QtCore import QAbstractAnimation, QThread, QTimer

        def recorder(registry: weakref.WeakKeyDictionary, start: Callable) -> Callable:
            def recorded_start(this: object, *args: object) -> object:
                registry[this] = _started_at()
                return start(this, *args)

            return recorded_start

        monkeypatch.setattr(QTimer, "start", recorder(self.timers, QTimer.start))
        monkeypatch.setattr(
            QAbstractAnimation, "start", recorder(self.animations, QAbstractAnimation.start)
        )
        monkeypatch.setattr(QThread, "start", recorder(self.qthreads, QThread.start))
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(self._single_shot(QTimer)))

    def _single_shot(self, timer_class: type) -> Callable:
        """QTimer.singleShot, still Qt's own, with its callable wrapped so that one that
        has not fired by the end of the test is known (with its context, if any)."""
        original = timer_class.singleShot

        def single_shot(*args: object) -> object:
            *head, target = args
            if not callable(target) or isinstance(target, (str, bytes)):
                return original(*args)
            token = object()
            context = next((arg for arg in head[1:] if hasattr(arg, "metaObject")), None)
            # Weakly: the single shot must not keep its context alive.
            watched = weakref.ref(context) if context is not None else None
            self.single_shots[id(token)] = (watched, _started_at())

            def fired() -> None:
                self.single_shots.pop(id(token), None)
                target()

            fired.token = token  # type: ignore[attr-defined]  # keeps the id unique
            return original(*head, fired)

        return single_shot

    def still_running(self, *, stop: bool = True) -> list[str]:
        """Describe what is still running, and stop it (unless ``stop`` is false)."""
        import shiboken6

        found = []
        for kind, registry, is_running, stopper in (
            ("a QTimer", self.timers, "isActive", "stop"),
            ("an animation", self.animations, "state", "stop"),
            ("a QThread", self.qthreads, "isRunning", "quit"),
        ):
            for thing, place in list(registry.items()):
                if not shiboken6.isValid(thing):
                    continue
                state = getattr(thing, is_running)()
                if kind == "an animation":
                    state = state.name != "Stopped"
                if state:
                    found.append(f"{kind} started at {place} is still running")
                    if stop:
                        getattr(thing, stopper)()
        for watched, place in self.single_shots.values():
            context = watched() if watched is not None else None
            if watched is None or (context is not None and shiboken6.isValid(context)):
                found.append(f"a QTimer.singleShot set at {place} has not fired")
        if stop:
            self.single_shots.clear()
        return found


def _top_level_widgets() -> dict[int, object]:
    """The top-level widgets by their C++ address (a widget Qt made itself may come back
    in a new Python wrapper each time it is asked for)."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    return {shiboken6.getCppPointer(w)[0]: w for w in QApplication.topLevelWidgets()}


def _new_top_level_widgets(before: set[int]) -> list[object]:
    return [widget for key, widget in _top_level_widgets().items() if key not in before]


def _flush_deletions(*, collect: bool) -> None:
    """Run what deleteLater (and, with ``collect``, garbage collection) left pending.
    Collecting costs a tenth of a second with Qt and pydantic loaded, so it is done
    only when something is left after plain reference counting."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3 if collect else 1):
        if collect:
            gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """Python threads started since ``before`` and still running (not counting the
    stand-ins Python makes for threads it did not start)."""
    return [
        thread
        for thread in threading.enumerate()
        if thread not in before and not isinstance(thread, threading._DummyThread)
    ]


def _threads_left(before: set[threading.Thread]) -> list[threading.Thread]:
    """Python threads started during the test that do not end within the grace time.
    An executor whose owner is gone ends its threads by itself, a little later."""
    started = _new_threads(before)
    for thread in started:
        thread.join(THREAD_GRACE_SECONDS / max(1, len(started)))
    return [thread for thread in started if thread.is_alive()]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Remember whether the test itself failed: its traceback then keeps its widgets alive,
    and its failure is the one worth reading."""
    report = yield
    if call.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _no_qt_objects_left(
    request: pytest.FixtureRequest, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fail a test that leaves a QTimer, animation, single shot or QThread running, a
    Python thread alive, or a top-level widget it made alive (after pending deletions
    ran). Opt out with ``@pytest.mark.leaves_qt_objects("why")``."""
    threads_before = set(threading.enumerate())
    widgets_before = set(_top_level_widgets())
    leaks = QtLeaks()
    leaks.watch(monkeypatch)
    yield
    monkeypatch.undo()  # the test's own patches and ours, before Qt runs anything more
    # The other fixtures are torn down by now, but pytest still holds their values until
    # the test is over; let go of them so that what nothing else keeps can go.
    request.node.funcargs.clear()  # type: ignore[attr-defined]
    _flush_deletions(collect=False)
    if (
        leaks.still_running(stop=False)
        or _new_top_level_widgets(widgets_before)
        or _new_threads(threads_before)
    ):
        _flush_deletions(collect=True)
    found = leaks.still_running()
    for widget in _new_top_level_widgets(widgets_before):
        found.append(
            f"a top-level {type(widget).__name__} {widget.objectName()!r} is still alive"
            f"{' and visible' if widget.isVisible() else ''}"
        )
        widget.close()
        widget.deleteLater()
    _flush_deletions(collect=False)
    found += [
        f"the thread {thread.name!r} is still running" for thread in _threads_left(threads_before)
    ]
    marker = request.node.get_closest_marker("leaves_qt_objects")
    if marker is not None and not (marker.args and marker.args[0]):
        pytest.fail("leaves_qt_objects needs a reason: say why the test must", pytrace=False)
    if found and marker is None and not request.node.stash.get(_FAILED, False):
        pytest.fail(
            "the test left behind:\n  - " + "\n  - ".join(found) + "\nStop timers, shut down "
            "threads and close or deleteLater widgets before the test ends, or mark the test "
            '@pytest.mark.leaves_qt_objects("why").',
            pytrace=False,
        )
