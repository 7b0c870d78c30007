"""Entry point of the frozen app: the same `kiosk` command as the installed one."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
