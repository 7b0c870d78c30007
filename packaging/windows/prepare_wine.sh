#!/usr/bin/env bash
# Prepares build/inno/ for tests/packaging/test_inno_setup.py, which compiles kiosk.iss
# with the real Inno Setup compiler and runs the Setup it makes, under Wine, on Linux.
#
# - build/inno/node_modules/innosetup: the npm package innosetup (pinned below), which
#   ships Inno Setup's ISCC.exe, Setup.e32... (its own wrapper just runs `wine ISCC.exe`).
# - build/inno/root32: a Debian bookworm i386 tree with wine32. ISCC.exe and every Setup
#   are 32-bit programs; Debian's 64-bit-only wine cannot run them, and installing
#   wine32:i386 on the host needs the i386 architecture added to the whole system with
#   every Multi-Arch library at the very version the host has (which fails as soon as a
#   mirror's i386 index lags the amd64 one). The test runs wine inside this tree (chroot,
#   in a private mount namespace: root only).
# - build/inno/prefix: a Wine prefix made once by wineboot, copied by each test.
# Idempotent: what is there already is kept. Needs root, mmdebstrap and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
INNOSETUP_VERSION=6.4.1
top=$PWD/build/inno
mkdir -p "$top"

if [ ! -f "$top/node_modules/innosetup/bin/ISCC.exe" ] \
    || [ "$(node -p "require('$top/node_modules/innosetup/package.json').version")" != "$INNOSETUP_VERSION" ]; then
    npm install --silent --no-audit --no-fund --prefix "$top" "innosetup@$INNOSETUP_VERSION"
fi

root=$top/root32
if [ ! -x "$root/usr/lib/wine/wine" ] && [ ! -x "$root/usr/bin/wine" ]; then
    rm -rf "$root"
    mmdebstrap --quiet --arch=i386 --variant=apt --include=wine32,wine --components=main \
        bookworm "$root" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main"
fi
mkdir -p "$root/work" "$root/inno" "$root/tmp/.X11-unix"

# wine in the tree: the host's /proc and /dev, the compiler at /inno, the tests' folder
# at /work (Z:\work). Mounts made in a private namespace vanish with it.
in_root() {
    unshare --mount --propagation private -- sh -c '
        mount --bind /proc "$0/proc" && mount --bind /dev "$0/dev" &&
        exec chroot "$0" env -i PATH=/usr/bin:/bin HOME=/root WINEDEBUG=-all \
            WINEDLLOVERRIDES="mscoree,mshtml=" WINEPREFIX=/work/prefix "$@"' "$root" "$@"
}
if [ ! -f "$top/prefix/system.reg" ]; then
    rm -rf "$top/prefix" "$root/work/prefix"
    TIMEFORMAT="wineboot, a new prefix: %R s"
    time in_root sh -c 'wineboot --init && wineserver --wait'
    mv "$root/work/prefix" "$top/prefix"
fi
echo "Inno Setup $INNOSETUP_VERSION and wine32 $(chroot "$root" dpkg-query -W -f='${Version}' wine32) ready in $top"
