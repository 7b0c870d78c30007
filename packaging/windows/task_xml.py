"""The kiosk's Task Scheduler task, as Setup writes it, done in Python for the tests.

Setup (kiosk.iss, ``[Code]``) fills the placeholders of ``kiosk-task.xml`` with the
kiosk account, the path of ``kiosk.exe`` and its folder, XML-escaped, and saves the result
as UTF-16 LE with a byte order mark: ``schtasks /Create /XML`` refuses UTF-8 files
(reported in https://github.com/fatso83/vmware-auto-suspend/issues/8, where only
UTF-16 LE and plain ASCII were accepted; Windows' own exports are UTF-16 LE). This module
does the same steps so that a test can parse the very bytes Setup would hand to schtasks.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from xml.sax.saxutils import escape

TEMPLATE = Path(__file__).with_name("kiosk-task.xml")
PLACEHOLDERS = ("@KIOSK_USER@", "@KIOSK_EXE@", "@KIOSK_DIR@")


def fill(template: str, user: str, app_dir: str) -> str:
    """The task for ``user`` starting ``<app_dir>\\kiosk.exe --supervise``."""
    folder = app_dir.rstrip("\\")
    values = {
        "@KIOSK_USER@": user,
        "@KIOSK_EXE@": f"{folder}\\kiosk.exe",
        "@KIOSK_DIR@": folder,
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, escape(value))
    return template


def task_file_bytes(text: str) -> bytes:
    """``text`` as schtasks reads a task file: UTF-16 little endian after its BOM."""
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def render(user: str, app_dir: str) -> bytes:
    """The task file Setup registers for ``user`` with the app in ``app_dir``."""
    return task_file_bytes(fill(TEMPLATE.read_text(encoding="ascii"), user, app_dir))
