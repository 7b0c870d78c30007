; Inno Setup script for the Windows installer of the exhibition kiosk.
;
; Build the one-folder app on Windows first (make installer, or:
;   py -m pip install .[package] && pyinstaller --noconfirm build_installer.spec)
; then compile this script with Inno Setup 6 (iscc packaging\windows\kiosk.iss).
; NOT TESTED: this project's machines run Linux; see README, "For staff".

#define AppName "Kiosk"
#define AppVersion "0.1.0"

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
PrivilegesRequired=admin

[Tasks]
Name: "startatlogin"; Description: "Start the kiosk when this user logs in (restarted if it crashes)"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
Source: "..\..\dist\kiosk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Kiosk"; Filename: "{app}\kiosk.exe"
Name: "{group}\Kiosk (preview window)"; Filename: "{app}\kiosk.exe"; Parameters: "--windowed"
Name: "{group}\Uninstall Kiosk"; Filename: "{uninstallexe}"

[Registry]
; Start at login through the supervisor, which restarts the kiosk after a crash.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "Kiosk"; ValueData: """{app}\kiosk.exe"" --supervise"; Flags: uninsdeletevalue; Tasks: startatlogin

[UninstallRun]
Filename: "{sys}\taskkill.exe"; Parameters: "/IM kiosk.exe /F"; Flags: runhidden; RunOnceId: "StopKiosk"
