#!/usr/bin/env bash
# Builds dist/kiosk_<version>_<arch>.deb from the one-folder build in dist/kiosk, with
# dpkg-deb alone: the app under /opt/kiosk, `kiosk` on PATH, a desktop entry, an
# autostart entry for the kiosk user's login, and a systemd user unit (Restart=always);
# a "Kiosk" session for display managers (kiosk-session: the kiosk alone on the screen),
# maintainer scripts that stop the kiosk on removal and restart it after an upgrade, and
# lintian's overrides (lintian.overrides: each with its reason).
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
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/libexec/kiosk" \
    "$root/usr/share/xsessions" "$root/usr/share/wayland-sessions" \
    "$root/usr/share/lintian/overrides"
cp -a "$app" "$root/opt/kiosk"
ln -s /opt/kiosk/kiosk "$root/usr/bin/kiosk"
install -m 644 "$here/kiosk.desktop" "$root/usr/share/applications/kiosk.desktop"
install -m 644 "$here/kiosk-autostart.desktop" "$root/etc/xdg/autostart/kiosk.desktop"
install -m 755 "$here/kiosk-autostart" "$root/usr/libexec/kiosk/kiosk-autostart"
install -m 755 "$here/kiosk-session" "$root/usr/bin/kiosk-session"
install -m 644 "$here/kiosk-session.desktop" "$root/usr/share/xsessions/kiosk.desktop"
install -m 644 "$here/kiosk-wayland-session.desktop" "$root/usr/share/wayland-sessions/kiosk-wayland.desktop"
install -m 644 "$here/lintian.overrides" "$root/usr/share/lintian/overrides/kiosk"
install -m 755 "$here/maintainer/prerm" "$here/maintainer/postinst" "$root/DEBIAN/"
# Files under /etc are the administrator's: an upgrade keeps their changes, a removal
# keeps the file (a purge deletes it).
printf '/etc/xdg/autostart/kiosk.desktop\n' > "$root/DEBIAN/conffiles"
install -m 644 "$here/kiosk.service" "$root/usr/lib/systemd/user/kiosk.service"
install -m 644 "$top/resources/icons/kiosk.png" "$root/usr/share/icons/hicolor/256x256/apps/kiosk.png"
install -m 644 "$top/resources/fonts/OFL.txt" "$root/usr/share/doc/kiosk/fonts-OFL.txt"
# The year of the project's first commit (the build year outside a git checkout).
since=$(git -C "$top" log --reverse --format=%ad --date=format:%Y 2>/dev/null | sed -n 1p || true)
years=${since:-$(date +%Y)}
[ "$years" = "$(date +%Y)" ] || years="$years-$(date +%Y)"
printf 'Exhibition kiosk.\nCopyright %s the kiosk team.\nLicence: MIT. Bundled fonts: SIL Open Font License 1.1.\n' \
    "$years" > "$root/usr/share/doc/kiosk/copyright"
# A native package's changelog: this build's version, and where the history is.
printf 'kiosk (%s) unstable; urgency=medium\n\n  * Built from the kiosk repository; its git log is the history.\n\n -- Kiosk team <kiosk@localhost>  %s\n' \
    "$version" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n \
    > "$root/usr/share/doc/kiosk/changelog.gz"
# Shared libraries are read, not run: PyInstaller leaves them executable (0755).
find "$root/opt/kiosk" -type f -name '*.so*' -exec chmod 644 {} +
# Library search paths (RUNPATH/RPATH) that point outside the package: the build's Python
# (pyenv) links its libpython and extension modules with its own lib folder, which does
# not exist on a kiosk. The frozen app finds every library in /opt/kiosk/_internal first,
# so only $ORIGIN-relative entries (PySide6, shiboken6 and Qt's plugins need theirs) stay.
command -v patchelf >/dev/null || { echo "patchelf is missing: apt-get install patchelf" >&2; exit 1; }
while IFS= read -r -d '' library; do
    search=$(patchelf --print-rpath "$library" 2>/dev/null) || continue
    [ -n "$search" ] || continue
    kept=$(tr ':' '\n' <<<"$search" | grep '^\$ORIGIN' | paste -sd: || true)
    [ "$kept" = "$search" ] && continue
    if [ -z "$kept" ]; then
        patchelf --remove-rpath "$library"
    elif readelf -d "$library" | grep -q '(RPATH)'; then
        patchelf --force-rpath --set-rpath "$kept" "$library"  # an RPATH stays one
    else
        patchelf --set-rpath "$kept" "$library"
    fi
done < <(find "$root/opt/kiosk" -type f \( -name '*.so*' -o -name kiosk \) -print0)
outside=$(find "$root/opt/kiosk" -type f \( -name '*.so*' -o -name kiosk \) -print0 \
    | while IFS= read -r -d '' library; do
        patchelf --print-rpath "$library" 2>/dev/null | tr ':' '\n' | grep -v -e '^\$ORIGIN' -e '^$' \
            | sed "s|^|${library#"$root"}: |" || true
    done)
[ -z "$outside" ] || { printf 'library search paths outside the package remain:\n%s\n' "$outside" >&2; exit 1; }
# The newest glibc symbol version any collected library or the bootloader needs (the
# build machine's glibc): the oldest glibc the package runs on.
glibc=$(find "$root/opt/kiosk" -type f \( -name '*.so*' -o -name kiosk \) -exec objdump -T {} + 2>/dev/null \
    | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1)
test -n "$glibc" || { echo "found no GLIBC_ symbol version (objdump, from binutils?)" >&2; exit 1; }

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
Depends: libc6 (>= $glibc), libegl1, libgl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xkb1, libdbus-1-3, libx11-6, libxext6, libpulse0, libdrm2
Recommends: fonts-noto-core, fonts-noto-cjk, pipewire-pulse | pulseaudio, x11-xserver-utils
Suggests: cage, xwayland
Section: misc
Priority: optional
Description: fullscreen touch kiosk for exhibitions
 Shows a content bundle fullscreen, resets itself after a quiet spell, and lets
 staff out only with a PIN. Run "kiosk set-pin" as the kiosk user, then log in
 again (the "Kiosk" session shows the kiosk alone, with no desktop).
 .
 The recommended Noto fonts draw scripts the kiosk does not ship a face for:
 Chinese, Japanese, Korean, Devanagari, Thai and others.
 .
 Video and audio play through QtMultimedia and its FFmpeg, inside the package.
 Sound goes to a PulseAudio server (PipeWire's pipewire-pulse, or pulseaudio) in
 the kiosk user's session; without one, films play silently.
CONTROL

dpkg-deb --root-owner-group --build "$root" "$top/dist/" >/dev/null
echo "$top/dist/kiosk_${version}_${arch}.deb"
