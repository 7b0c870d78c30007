"""The Ansible playbook in packaging/ansible: valid for Ansible and its linter, and the
settings file it writes is one the kiosk takes (PIN hash included)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import check_pin, hash_pin, read_file

PLAYBOOK = Path(__file__).parent.parent / "packaging" / "ansible"
BIN = Path(sys.executable).parent


def run(tmp_path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """An Ansible tool from the test environment, offline, its caches under ``tmp_path``."""
    environment = {
        **os.environ,
        "HOME": str(tmp_path),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
        "ANSIBLE_LINT_SKIP_SCHEMA_UPDATE": "1",
        "ANSIBLE_NOCOLOR": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=PLAYBOOK,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_playbook_passes_the_syntax_check(tmp_path: Path) -> None:
    done = run(
        tmp_path, "ansible-playbook", "--syntax-check", "-i", "inventory.example.ini", "site.yml"
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_playbook_passes_ansible_lint_at_the_production_profile(tmp_path: Path) -> None:
    done = run(tmp_path, "ansible-lint", "--offline", "--profile", "production", "site.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failure(s), 0 warning(s)" in done.stdout + done.stderr


def test_the_settings_the_role_writes_are_taken_by_the_kiosk(tmp_path: Path) -> None:
    stored = hash_pin("2468")
    variables = {
        "kiosk_bundle": "/srv/kiosk/exhibit",
        "kiosk_screen": 1,
        "kiosk_pin_hash": stored,
        "kiosk_settings": {"idle_seconds": 90, "windowed": False},
        "ansible_python_interpreter": sys.executable,
    }
    target = tmp_path / "kiosk.toml"
    template = PLAYBOOK / "roles" / "kiosk" / "templates" / "kiosk.toml.j2"
    done = run(
        tmp_path,
        "ansible",
        "localhost",
        "--connection=local",
        "--inventory=localhost,",
        "--module-name=ansible.builtin.template",
        f"--args=src={template} dest={target} mode=0600",
        f"--extra-vars={json.dumps(variables)}",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    values, problems = read_file(target)
    assert problems == []
    assert values["bundle"] == "/srv/kiosk/exhibit"
    assert (values["screen"], values["idle_seconds"], values["windowed"]) == (1, 90, False)
    assert check_pin("2468", values["pin_hash"])
    assert target.stat().st_mode & 0o077 == 0
