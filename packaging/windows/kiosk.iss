; Inno Setup script for the Windows installer of the exhibition kiosk.
;
; Build the one-folder app on Windows first (make installer, or:
;   py -m pip install .[package] && pyinstaller --noconfirm build_installer.spec)
; then compile this script with Inno Setup 6 (iscc packaging\windows\kiosk.iss).
; NOT TESTED on Windows: this project's machines run Linux. tests/test_windows_installer.py
; reads this script and renders the task (kiosk-task.xml) on Linux;
; tests/packaging/test_inno_setup.py compiles it and runs its Setup under Wine (32-bit);
; see docs/windows.md.
;
; Silent install for a kiosk account named "kiosk" (the account must exist):
;   kiosk-0.1.0-setup.exe /VERYSILENT /TASKS=startatlogin /KIOSKUSER=kiosk
; (/TASKS: https://jrsoftware.org/ishelp/topic_setupcmdline.htm; /KIOSKUSER is read with
; the {param:...} constant: https://jrsoftware.org/ishelp/topic_consts.htm)

#define AppName "Kiosk"
#define AppVersion "0.1.0"
; The Task Scheduler task that starts the kiosk for the kiosk account (kiosk-task.xml).
#define TaskName "Kiosk"

[Setup]
AppId={{6C1F2E0B-1A90-4E20-9B1A-7A3D5C0E1F20}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Kiosk team
DefaultDirName={autopf}\Kiosk
DefaultGroupName=Kiosk
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=kiosk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\kiosk.ico
UninstallDisplayIcon={app}\kiosk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
; Registering a task for another account, and writing Program Files, need an administrator.
PrivilegesRequired=admin

[Tasks]
Name: "startatlogin"; Description: "Start the kiosk when the kiosk account logs on (restarted if it crashes); the next page asks which account"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
; The one-folder build: kiosk.exe (no console) and kiosk-cli.exe (the same program with a
; console, for staff's commands in cmd: set-pin, validate, doctor, config...).
Source: "..\..\dist\kiosk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
; The task's template, used by [Code] at install time only.
Source: "kiosk-task.xml"; Flags: dontcopy

[Icons]
Name: "{group}\Kiosk"; Filename: "{app}\kiosk.exe"
Name: "{group}\Kiosk (preview window)"; Filename: "{app}\kiosk.exe"; Parameters: "--windowed"
; A console in the app's folder for staff's commands (kiosk-cli --help lists them). The
; folder is not put on PATH: only staff use these commands, now and then, and a PATH entry
; would reach every account of the machine, the kiosk account's too.
Name: "{group}\Kiosk command prompt (staff)"; Filename: "{cmd}"; Parameters: "/k kiosk-cli.exe --help"; WorkingDir: "{app}"
; The PIN for every account (%PROGRAMDATA%\kiosk\kiosk.toml) is an administrator's to set:
; right-click > More > Run as administrator. kiosk-cli says so when it is not. cmd /s /k
; keeps the window open to read the answer and takes the quoted command as it is
; (https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/cmd).
Name: "{group}\Set the staff PIN (run as administrator)"; Filename: "{cmd}"; Parameters: "/s /k """"{app}\kiosk-cli.exe"" set-pin --system"""; WorkingDir: "{app}"
Name: "{group}\Uninstall Kiosk"; Filename: "{uninstallexe}"

[UninstallRun]
; The task for the kiosk account goes first (nothing starts the kiosk again), then the kiosk.
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /TN ""{#TaskName}"" /F"; Flags: runhidden; RunOnceId: "DeleteKioskTask"
Filename: "{sys}\taskkill.exe"; Parameters: "/IM kiosk.exe /F"; Flags: runhidden; RunOnceId: "StopKiosk"

[Code]
var
  KioskUserPage: TInputQueryWizardPage;

function KioskUser(): String;
begin
  Result := Trim(KioskUserPage.Values[0]);
end;

{ The three characters XML escapes in element text (as Python's xml.sax.saxutils.escape). }
function XmlEscape(const S: String): String;
begin
  Result := S;
  StringChangeEx(Result, '&', '&amp;', True);
  StringChangeEx(Result, '<', '&lt;', True);
  StringChangeEx(Result, '>', '&gt;', True);
end;

{ A PowerShell single-quoted string: a quote inside is doubled. }
function PsQuote(const S: String): String;
begin
  Result := S;
  StringChangeEx(Result, '''', '''''', True);
  Result := '''' + Result + '''';
end;

procedure InitializeWizard();
var
  Account: String;
begin
  KioskUserPage := CreateInputQueryPage(wpSelectTasks,
    'Kiosk account', 'Which Windows account runs the kiosk?',
    'The kiosk starts when this account logs on, not when you (the administrator) do. ' +
    'Give the name of an existing account, e.g. kiosk, or DOMAIN\name; no password is ' +
    'needed or stored. Then click Next.');
  KioskUserPage.Add('&Account name:', False);
  { /KIOSKUSER=name on the command line, else the account given last time, else "kiosk". }
  Account := ExpandConstant('{param:KIOSKUSER|}');
  if Account = '' then
    Account := GetPreviousData('KioskUser', 'kiosk');
  KioskUserPage.Values[0] := Account;
end;

procedure RegisterPreviousData(PreviousDataKey: Integer);
begin
  SetPreviousData(PreviousDataKey, 'KioskUser', KioskUser());
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = KioskUserPage.ID) and not WizardIsTaskSelected('startatlogin');
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = KioskUserPage.ID) and ((KioskUser() = '') or (Pos('"', KioskUser()) > 0)) then
  begin
    MsgBox('Give the name of the Windows account the kiosk runs as, e.g. kiosk.', mbError, MB_OK);
    Result := False;
  end;
end;

{ Registers kiosk-task.xml for the kiosk account: a logon trigger for that account, run
  with its own interactive token (no password), "kiosk.exe --supervise", no 72-hour limit. }
procedure RegisterKioskTask();
var
  Lines: TArrayOfString;
  Utf8File, TaskFile, Command: String;
  I, ResultCode: Integer;
begin
  if KioskUser() = '' then
  begin
    Log('No kiosk account given (/KIOSKUSER=name): no start-up task registered');
    exit;
  end;
  ExtractTemporaryFile('kiosk-task.xml');
  if not LoadStringsFromFile(ExpandConstant('{tmp}\kiosk-task.xml'), Lines) then
    RaiseException('Cannot read the start-up task template');
  for I := 0 to GetArrayLength(Lines) - 1 do
  begin
    StringChangeEx(Lines[I], '@KIOSK_USER@', XmlEscape(KioskUser()), True);
    StringChangeEx(Lines[I], '@KIOSK_EXE@', XmlEscape(ExpandConstant('{app}\kiosk.exe')), True);
    StringChangeEx(Lines[I], '@KIOSK_DIR@', XmlEscape(ExpandConstant('{app}')), True);
  end;
  Utf8File := ExpandConstant('{tmp}\kiosk-task.utf8.xml');
  TaskFile := ExpandConstant('{tmp}\kiosk-task.utf16.xml');
  if not SaveStringsToUTF8File(Utf8File, Lines, False) then
    RaiseException('Cannot write ' + Utf8File);
  { The task as registered, in Setup's log (/LOG=file) for whoever checks an install. }
  for I := 0 to GetArrayLength(Lines) - 1 do
    Log('Start-up task| ' + Lines[I]);
  { schtasks reads task files in UTF-16 LE, which Inno Setup does not write: .NET's
    Encoding.Unicode is UTF-16 little endian, its GetPreamble the byte order mark
    (https://learn.microsoft.com/en-us/dotnet/api/system.text.unicodeencoding.getpreamble);
    ReadAllText reads the UTF-8 file by its byte order mark. }
  Command := '$e = [Text.Encoding]::Unicode; [IO.File]::WriteAllBytes(' + PsQuote(TaskFile) +
    ', [byte[]]($e.GetPreamble() + $e.GetBytes([IO.File]::ReadAllText(' + PsQuote(Utf8File) +
    '))))';
  if not Exec(ExpandConstant('{sys}\WindowsPowerShell\v1.0\powershell.exe'),
      '-NoProfile -NonInteractive -Command "' + Command + '"', '', SW_HIDE,
      ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) or not FileExists(TaskFile) then
  begin
    { The file is checked too: a PowerShell that exits 0 without writing it (Wine's
      powershell.exe is such a stub) must not pass for one that did. }
    Log('PowerShell exit code ' + IntToStr(ResultCode) + '; task file written: ' +
      IntToStr(Ord(FileExists(TaskFile))));
    SuppressibleMsgBox('Setup could not prepare the start-up task (PowerShell). Create it ' +
      'by hand: see docs\windows.md, "Start for the kiosk account".', mbError, MB_OK, IDOK);
    exit;
  end;
  { /F replaces the task of an earlier install (https://learn.microsoft.com/en-us/windows/win32/taskschd/schtasks). }
  if not Exec(ExpandConstant('{sys}\schtasks.exe'),
      '/Create /TN "{#TaskName}" /XML "' + TaskFile + '" /F', '', SW_HIDE,
      ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
    SuppressibleMsgBox('Setup could not register the start-up task for the account "' +
      KioskUser() + '" (schtasks exit code ' + IntToStr(ResultCode) + '). Does the ' +
      'account exist? See docs\windows.md, "Start for the kiosk account".',
      mbError, MB_OK, IDOK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    if WizardIsTaskSelected('startatlogin') then
      RegisterKioskTask()
    else
      { Unticked: no start-up, also none left from an earlier install. }
      Exec(ExpandConstant('{sys}\schtasks.exe'), '/Delete /TN "{#TaskName}" /F', '',
        SW_HIDE, ewWaitUntilTerminated, ResultCode);
  end;
end;
