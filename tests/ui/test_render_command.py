"""kiosk render: one PNG per slide x language x size, in slide order, and contact sheets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main
from tests.bundles import VALID_TOML, write_bundle


def test_render_writes_slides_in_order_and_contact_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write_bundle(tmp_path / "b")
    out = tmp_path / "out"
    code = main(["render", str(bundle), "-o", str(out), "--size", "800x600", "--lang", "az"])
    assert code == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "001-title-az-800x600.png",
        "002-quote-az-800x600.png",
        "003-narrative-az-800x600.png",
        "contact-800x600-az.png",
    ]
    assert QImage(str(out / names[0])).width() == 800
    assert "Wrote 4 images" in capsys.readouterr().out


def test_render_reports_overflow_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = " ".join(["remembrance"] * 1500)
    bundle = write_bundle(tmp_path / "b", VALID_TOML.replace('"A quotation."', f'"{words}"'))
    code = main(["render", str(bundle), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert code == 1
    out = capsys.readouterr().out
    assert "overflow: slide 2 (quote), en, 1920x1080: the text is " in out
    assert " px too tall even in the smallest type: about " in out


@pytest.mark.parametrize("argument", ["--size=12x34", "--size=big", "--lang=fr"])
def test_render_usage_errors_exit_2(tmp_path: Path, argument: str) -> None:
    assert main(["render", str(write_bundle(tmp_path / "b")), "-o", str(tmp_path), argument]) == 2


def test_render_needs_no_display(tmp_path: Path) -> None:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "render", "-o", str(tmp_path), "--size", "640x360"],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("0*-en-640x360.png"))) == 10
