#!/usr/bin/env bash
# Builds dist/kiosk_<version>_<arch>.deb from the one-folder build in dist/kiosk, with
# dpkg-deb alone: the app under /opt/kiosk, `kiosk` on PATH, a desktop entry, an
# autostart entry for the kiosk user's login, and a systemd user unit (Restart=always).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/packaging/linux"
app="$top/dist/kiosk"
test -x "$app/kiosk" || { echo "build the app first: make installer" >&2; exit 1; }

version=$(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$app/kiosk" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/kiosk_${version}_${arch}"

install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/etc/xdg/autostart" "$root/usr/lib/systemd/user" "$root/usr/share/doc/kiosk" \
    "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$app" "$root/opt/kiosk"
ln -s /opt/kiosk/kiosk "$root/usr/bin/kiosk"
install -m 644 "$here/kiosk.desktop" "$root/usr/share/applications/kiosk.desktop"
install -m 644 "$here/kiosk-autostart.desktop" "$root/etc/xdg/autostart/kiosk.desktop"
install -m 644 "$here/kiosk.service" "$root/usr/lib/systemd/user/kiosk.service"
install -m 644 "$top/resources/icons/kiosk.png" "$root/usr/share/icons/hicolor/256x256/apps/kiosk.png"
install -m 644 "$top/resources/fonts/OFL.txt" "$root/usr/share/doc/kiosk/fonts-OFL.txt"
printf 'Exhibition kiosk. Licence: MIT. Bundled fonts: SIL Open Font License 1.1.\n' \
    > "$root/usr/share/doc/kiosk/copyright"

size=$(du -sk "$root/opt" | cut -f1)
# libpulse0: libQt6Multimedia links libpulse.so.0 (the frozen app leaves the sound
# server's client library to the system: build_installer.spec); libdrm2: FFmpeg's
# libavutil links libdrm.so.2. A sound server is only recommended: the kiosk plays
# films silently without one.
cat > "$root/DEBIAN/control" <<CONTROL
Package: kiosk
Version: $version
Architecture: $arch
Maintainer: Kiosk team <kiosk@localhost>
Installed-Size: $size
Depends: libegl1, libgl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1,
 libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,
 libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xkb1, libdbus-1-3, libx11-6,
 libxext6, libpulse0, libdrm2
Recommends: fonts-noto-core, fonts-noto-cjk, pipewire-pulse | pulseaudio
Section: misc
Priority: optional
Description: fullscreen touch kiosk for exhibitions
 Shows a content bundle fullscreen, resets itself after a quiet spell, and lets staff
 out only with a PIN. Run "kiosk set-pin" as the kiosk user, then log in again.
 .
 The recommended Noto fonts draw scripts the kiosk does not ship a face for: Chinese,
 Japanese, Korean, Devanagari, Thai and others.
 .
 Video and audio play through QtMultimedia and its FFmpeg, inside the package. Sound
 goes to a PulseAudio server (PipeWire's pipewire-pulse, or pulseaudio) in the kiosk
 user's session; without one, films play silently.
CONTROL

dpkg-deb --root-owner-group --build "$root" "$top/dist/" >/dev/null
echo "$top/dist/kiosk_${version}_${arch}.deb"
