"""The conftest fixture that fails tests leaving Qt timers, threads or top-level widgets
behind: run on deliberately leaky tests in a pytest of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

LEAKY_TESTS = """
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QTimer, QVariantAnimation
from PySide6.QtWidgets import QWidget

KEPT = []


def test_leaves_a_timer_running():
    timer = QTimer()
    timer.start(60_000)
    KEPT.append(timer)


def test_leaves_an_animation_running():
    animation = QVariantAnimation()
    animation.setDuration(60_000)
    animation.setStartValue(0.0)
    animation.setEndValue(1.0)
    animation.start()
    KEPT.append(animation)


def test_leaves_a_single_shot_pending():
    QTimer.singleShot(60_000, print)


def test_leaves_a_visible_window():
    window = QWidget()
    window.show()
    KEPT.append(window)


def test_leaves_a_python_thread_running():
    stop = threading.Event()
    threading.Thread(target=stop.wait, name="forgotten", daemon=True).start()
    KEPT.append(stop)


def test_leaves_a_qthread_running():
    thread = QThread()
    thread.start()
    KEPT.append(thread)


def test_cleans_up_after_itself(qtbot):
    timer = QTimer()
    timer.start(60_000)
    timer.stop()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    owner = QObject()
    QTimer.singleShot(60_000, owner, print)  # its context goes with the test
    done = threading.Event()
    worker = threading.Thread(target=done.wait)
    worker.start()
    done.set()
    worker.join()


def test_a_deleted_window_and_its_timers_are_gone():
    window = QWidget()
    ticker = QTimer(window)
    ticker.start(10)
    window.show()
    window.deleteLater()


@pytest.mark.leaves_qt_objects("its timer is stopped by the next test")
def test_may_leave_a_timer_when_it_says_why():
    timer = QTimer()
    timer.start(60_000)
    KEPT.append(timer)


@pytest.mark.leaves_qt_objects("")
def test_must_say_why():
    pass


def test_keeps_a_hidden_window():
    KEPT.append(QWidget())


def test_fails_and_leaves_a_timer():
    timer = QTimer()
    timer.start(60_000)
    KEPT.append(timer)
    assert not timer.isActive(), "the test's own failure, reported alone"
"""


def test_the_fixture_fails_each_leak_and_passes_clean_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_TEST_THREAD_GRACE", "0.5")  # the forgotten thread never ends
    conftest = Path(__file__).with_name("conftest.py").read_text(encoding="utf-8")
    pytester.makeconftest(conftest.replace('pytest_plugins = ("pytester",)', ""))
    pytester.makeini(
        "[pytest]\nmarkers =\n    leaves_qt_objects(reason): may leave Qt objects\n"
        "qt_api = pyside6\n"
    )
    pytester.makepyfile(test_leaky=LEAKY_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    outcomes = result.parseoutcomes()
    # Every test body but one passes; the fixture fails the teardown of each leaky one.
    assert outcomes.get("passed") == 11, result.stdout.str()
    assert outcomes.get("failed") == 1, result.stdout.str()
    assert outcomes.get("errors") == 8, result.stdout.str()
    for clean in (
        "cleans_up_after_itself",
        "a_deleted_window_and_its_timers_are_gone",
        "may_leave_a_timer_when_it_says_why",
        "fails_and_leaves_a_timer",
    ):
        assert f"ERROR test_leaky.py::test_{clean}" not in result.stdout.str()
    result.stdout.fnmatch_lines_random(
        [
            "*a QTimer started at *test_leaky.py:12 is still running*",
            "*an animation started at *test_leaky.py:21 is still running*",
            "*a QTimer.singleShot set at *test_leaky.py:26 has not fired*",
            "*a top-level QWidget '' is still alive and visible*",
            "*a top-level QWidget '' is still alive",
            "*the thread 'forgotten' is still running*",
            "*a QThread started at *test_leaky.py:43 is still running*",
            "*leaves_qt_objects needs a reason*",
        ]
    )
