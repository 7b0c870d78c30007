"""The Ansible playbook in packaging/ansible: valid for Ansible and its linter, and the
machine's settings file it writes (/etc/kiosk/kiosk.toml) is one the kiosk takes, PIN
hash and tables (opening hours) included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kiosk.config import check_pin, effective, hash_pin, read_file

PLAYBOOK = Path(__file__).parent.parent / "packaging" / "ansible"
ROLE = PLAYBOOK / "roles" / "kiosk"
#: Settings beyond the role's own variables, as an inventory would give them (test values).
SAMPLE_SETTINGS = {
    "idle_seconds": 90,
    "windowed": False,
    "opening_hours": {"mon-fri": "09:00-18:00", "sat": "10:00-13:00, 14:00-17:00"},
    "closed_on": ["2026-12-25"],
    "open_on": {"2026-12-31": "10:00-14:00"},
    "night_dim_hours": None,
}
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
        "kiosk_settings": SAMPLE_SETTINGS,
        "ansible_python_interpreter": sys.executable,
    }
    target = tmp_path / "kiosk.toml"
    template = ROLE / "templates" / "kiosk.toml.j2"
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
    assert values["opening_hours"] == SAMPLE_SETTINGS["opening_hours"]
    assert check_pin("2468", values["pin_hash"])


#: Renders the role's kiosk.toml.j2 with Jinja2 as Ansible's template module does (its
#: options, Ansible's own filters), the variables as JSON on stdin. In a child process:
#: importing ansible beside PySide's import hook (conftest) fails.
RENDER = """
import json, sys, jinja2
from ansible.plugins.filter.core import FilterModule
environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(sys.argv[1]), undefined=jinja2.StrictUndefined,
    trim_blocks=True, keep_trailing_newline=True, autoescape=False,
)
environment.filters.update(FilterModule().filters())
sys.stdout.write(environment.get_template("kiosk.toml.j2").render(json.load(sys.stdin)))
"""


def render_settings(variables: dict[str, object]) -> str:
    """The role's kiosk.toml.j2 rendered with the role's defaults under ``variables``."""
    defaults = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(ROLE / "templates")],
        input=json.dumps({**defaults, **variables}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_machine_settings_with_the_role_defaults_are_taken_by_the_kiosk(
    tmp_path: Path,
) -> None:
    stored = hash_pin("13579")
    system = tmp_path / "etc" / "kiosk.toml"
    system.parent.mkdir()
    system.write_text(
        render_settings({"kiosk_pin_hash": stored, "kiosk_settings": SAMPLE_SETTINGS}),
        encoding="utf-8",
    )
    current = effective(tmp_path / "no-user-file.toml", system=system)
    assert current.problems == []
    settings = current.settings
    assert settings.bundle == Path("/srv/kiosk/exhibit")  # the role's default
    assert (settings.screen, settings.idle_seconds, settings.windowed) == (0, 90, False)
    assert settings.opening_hours == SAMPLE_SETTINGS["opening_hours"]
    assert [str(day) for day in settings.closed_on] == ["2026-12-25"]
    assert {str(day): hours for day, hours in settings.open_on.items()} == {
        "2026-12-31": "10:00-14:00"
    }
    assert settings.night_dim_hours is None
    assert check_pin("13579", settings.pin_hash)
    assert not check_pin("24680", settings.pin_hash)
    for name in ("bundle", "screen", "pin_hash", "opening_hours", "open_on"):
        assert current.origins[name] == str(system), name


def test_a_bundle_path_with_quotes_and_accents_stays_one_toml_string(tmp_path: Path) -> None:
    bundle = '/srv/kiosk/Ausstellung "Zeit" \\ été'
    system = tmp_path / "kiosk.toml"
    system.write_text(
        render_settings({"kiosk_bundle": bundle, "kiosk_pin_hash": hash_pin("2468")}),
        encoding="utf-8",
    )
    current = effective(tmp_path / "no-user-file.toml", system=system)
    assert current.problems == []
    assert current.settings.bundle == Path(bundle)


def test_the_role_writes_the_machine_file_for_the_kiosk_user_to_read_only() -> None:
    tasks = yaml.safe_load((ROLE / "tasks" / "main.yml").read_text(encoding="utf-8"))
    templates = [task for task in tasks if "ansible.builtin.template" in task]
    written = {task["ansible.builtin.template"]["src"]: task for task in templates}
    settings = written["kiosk.toml.j2"]["ansible.builtin.template"]
    assert settings["dest"] == "/etc/kiosk/kiosk.toml"
    assert (settings["owner"], settings["group"], settings["mode"]) == (
        "root",
        "{{ kiosk_user }}",
        "0640",
    )
    # No task writes the kiosk user's own settings file any more.
    assert ".config/kiosk/kiosk.toml" not in (ROLE / "tasks" / "main.yml").read_text(
        encoding="utf-8"
    )


def test_characters_beyond_the_basic_plane_stay_valid_toml(tmp_path: Path) -> None:
    # JSON writes them as a pair of surrogate escapes (\ud842\udfb7), which TOML refuses:
    # the whole setting was ignored.
    bundle = "/srv/kiosk/𠮷野家展"  # test content: a name with a CJK Extension B character
    system = tmp_path / "kiosk.toml"
    system.write_text(
        render_settings(
            {
                "kiosk_bundle": bundle,
                "kiosk_pin_hash": hash_pin("2468"),
                "kiosk_settings": {"opening_hours": {"mon": "09:00-17:00"}, "idle_seconds": 90},
            }
        ),
        encoding="utf-8",
    )
    current = effective(tmp_path / "no-user-file.toml", system=system)
    assert current.problems == []
    assert current.settings.bundle == Path(bundle)
