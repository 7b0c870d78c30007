"""A desktop's screen saver on a D-Bus session bus, for the kiosk to inhibit.

Run as a program with the bus address: it answers org.freedesktop.ScreenSaver.Inhibit
with a cookie and prints each call, one line each, for the test to read.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.ScreenSaver"


@ClassInfo({"D-Bus Interface": SERVICE})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:  # noqa: N802 - the D-Bus name
        print(f"Inhibit {application!r} {reason!r}", flush=True)
        return 1990


def main(address: str) -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "screen-saver")
    saver = ScreenSaver()
    exported = bus.registerObject(
        "/org/freedesktop/ScreenSaver", saver, QDBusConnection.RegisterOption.ExportAllSlots
    )
    if not (bus.isConnected() and exported and bus.registerService(SERVICE)):
        print("cannot offer the service", flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
