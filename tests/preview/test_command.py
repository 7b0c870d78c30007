"""`kiosk preview` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import EXIT_USAGE, main


def test_a_path_that_is_not_there_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", str(tmp_path / "nowhere")]) == EXIT_USAGE
    assert "nowhere does not exist" in capsys.readouterr().err


def test_help_says_what_the_preview_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["preview", "--help"])
    assert "last good version" in capsys.readouterr().out
