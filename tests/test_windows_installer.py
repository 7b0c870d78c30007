"""The Windows installer, read on Linux: no Windows machine or Inno Setup compiler here.

kiosk.iss is read as the INI-like sections Inno Setup parses, and the start-up task is
rendered from kiosk-task.xml the way Setup's [Code] does (packaging/windows/task_xml.py)
and parsed from the bytes schtasks would be given. What schtasks and Task Scheduler then
do is not tested (docs/windows.md says so).
"""

from __future__ import annotations

import ast
import codecs
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from tests.project_scripts import load_script

TOP = Path(__file__).resolve().parents[1]
WINDOWS = TOP / "packaging" / "windows"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def task_xml() -> ModuleType:
    return load_script(WINDOWS / "task_xml.py")


def sections() -> dict[str, list[str]]:
    """kiosk.iss's lines by section, without comments, blank lines and preprocessor lines."""
    result: dict[str, list[str]] = {}
    current = ""
    for raw in (WINDOWS / "kiosk.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            result.setdefault(current, [])
        elif current == "Code":
            result[current].append(raw)
        elif line and not line.startswith((";", "#")):
            result.setdefault(current, []).append(line)
    return result


def entries(section: str) -> list[dict[str, str]]:
    """The ``Name: "value"; Other: value`` entries of a section, as dictionaries."""
    found = []
    for line in sections()[section]:
        fields = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        found.append({key: value.strip() for key, value in fields})
    return found


def code() -> str:
    return "\n".join(sections()["Code"])


def defines() -> dict[str, str]:
    text = (WINDOWS / "kiosk.iss").read_text(encoding="utf-8")
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))


def test_nothing_starts_the_kiosk_for_the_administrator_running_setup() -> None:
    text = (WINDOWS / "kiosk.iss").read_text(encoding="utf-8")
    assert "Registry" not in sections()
    assert not re.search(r"^\s*Root:\s*HKCU", text, flags=re.MULTILINE)
    assert "CurrentVersion\\Run" not in text
    assert "{userstartup}" not in text and "{commonstartup}" not in text


def test_setup_asks_for_the_kiosk_account_with_a_default_and_a_command_line_parameter() -> None:
    source = code()
    assert "CreateInputQueryPage(wpSelectTasks" in source
    assert "ExpandConstant('{param:KIOSKUSER|}')" in source
    assert "GetPreviousData('KioskUser', 'kiosk')" in source
    assert "SetPreviousData(PreviousDataKey, 'KioskUser'" in source
    # Asked only when the start-up task is ticked.
    assert "not WizardIsTaskSelected('startatlogin')" in source
    assert [task["Name"] for task in entries("Tasks")] == ['"startatlogin"']


def test_the_task_is_registered_for_the_kiosk_account_and_deleted_on_uninstall() -> None:
    source = code()
    task_name = defines()["TaskName"]
    assert '/Create /TN "{#TaskName}" /XML "' in source and "/F'" in source
    # The placeholders the template has are the ones [Code] fills, each XML-escaped.
    template = (WINDOWS / "kiosk-task.xml").read_text(encoding="ascii")
    placeholders = set(re.findall(r"@KIOSK_\w+@", template))
    assert placeholders == set(task_xml().PLACEHOLDERS)
    for placeholder in placeholders:
        assert re.search(rf"StringChangeEx\(Lines\[I\], '{placeholder}', XmlEscape\(", source)
    assert "$e = [Text.Encoding]::Unicode" in source and "$e.GetPreamble()" in source  # UTF-16 LE
    assert any(
        e.get("Source") == '"kiosk-task.xml"' and "dontcopy" in e["Flags"] for e in entries("Files")
    )
    uninstall = entries("UninstallRun")
    deletes = [e for e in uninstall if e["Filename"] == '"{sys}\\schtasks.exe"']
    assert deletes and deletes[0]["Parameters"] == '"/Delete /TN ""{#TaskName}"" /F"'
    assert uninstall.index(deletes[0]) == 0  # before the kiosk is stopped
    assert task_name == "Kiosk"


def test_the_console_program_is_installed_and_in_the_start_menu() -> None:
    files = entries("Files")
    assert any(
        e["Source"] == '"..\\..\\dist\\kiosk\\*"' and "recursesubdirs" in e["Flags"] for e in files
    )
    icons = {e["Name"]: e for e in entries("Icons")}
    pin = icons['"{group}\\Set the staff PIN (run as administrator)"']
    assert pin["Filename"] == '"{cmd}"'
    assert pin["Parameters"] == '"/s /k """"{app}\\kiosk-cli.exe"" set-pin --system"""'
    prompt = icons['"{group}\\Kiosk command prompt (staff)"']
    assert "kiosk-cli.exe" in prompt["Parameters"] and prompt["WorkingDir"] == '"{app}"'
    assert icons['"{group}\\Kiosk"']["Filename"] == '"{app}\\kiosk.exe"'


def test_the_spec_builds_the_console_program_on_windows_only() -> None:
    tree = ast.parse((TOP / "build_installer.spec").read_text(encoding="utf-8"))
    windows_only = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "sys.platform == 'win32'"
    ]
    assert len(windows_only) == 1
    calls = [n for n in ast.walk(windows_only[0]) if isinstance(n, ast.Call)]
    exe = next(c for c in calls if ast.unparse(c.func) == "EXE")
    keywords = {k.arg: ast.unparse(k.value) for k in exe.keywords}
    assert keywords["name"] == "'kiosk-cli'" and keywords["console"] == "True"
    collect = [
        c for c in ast.walk(tree) if isinstance(c, ast.Call) and ast.unparse(c.func) == "COLLECT"
    ]
    assert len(collect) == 1 and ast.unparse(collect[0].args[0]) == "*executables"


@pytest.mark.parametrize(
    ("user", "app_dir"),
    [
        ("kiosk", "C:\\Program Files\\Kiosk"),
        # Test content: a domain account and an ampersand in a folder name.
        ("MUSEUM\\Besucher-Jürgen", "D:\\Apps & Tools\\Kiosk\\"),
        # Test content: "--" may not stand in an XML comment, nor anywhere a value goes.
        ("kiosk--2", "C:\\Kiosk--2"),
    ],
)
def test_the_task_runs_the_supervised_kiosk_for_that_account_with_no_time_limit(
    user: str, app_dir: str
) -> None:
    data = task_xml().render(user, app_dir)
    assert data.startswith(codecs.BOM_UTF16_LE)  # what schtasks reads
    root = ET.fromstring(data.decode("utf-16"))
    assert root.tag == f"{{{NS['t']}}}Task" and root.get("version") == "1.2"
    folder = app_dir.rstrip("\\")

    def text(path: str) -> str | None:
        return root.findtext(path, namespaces=NS)

    assert text("t:Triggers/t:LogonTrigger/t:UserId") == user
    assert text("t:Triggers/t:LogonTrigger/t:Enabled") == "true"
    principal = root.find("t:Principals/t:Principal", NS)
    assert principal is not None
    assert principal.findtext("t:UserId", namespaces=NS) == user
    assert principal.findtext("t:LogonType", namespaces=NS) == "InteractiveToken"
    assert principal.findtext("t:RunLevel", namespaces=NS) == "LeastPrivilege"
    actions = root.find("t:Actions", NS)
    assert actions is not None and actions.get("Context") == principal.get("id")
    assert text("t:Actions/t:Exec/t:Command") == f"{folder}\\kiosk.exe"
    assert text("t:Actions/t:Exec/t:Arguments") == "--supervise"
    assert text("t:Actions/t:Exec/t:WorkingDirectory") == folder
    # Task Scheduler's defaults would stop the kiosk after 72 hours or on battery.
    assert text("t:Settings/t:ExecutionTimeLimit") == "PT0S"
    assert text("t:Settings/t:DisallowStartIfOnBatteries") == "false"
    assert text("t:Settings/t:StopIfGoingOnBatteries") == "false"
    assert root.find("t:Settings/t:RestartOnFailure", NS) is None  # the supervisor restarts
    assert "@KIOSK_" not in data.decode("utf-16")
