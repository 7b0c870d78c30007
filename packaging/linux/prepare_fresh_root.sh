#!/usr/bin/env bash
# Prepares build/fresh/ for tests/operations/test_fresh_machine.py, which runs `make run`
# from a clean copy of the checkout on a Debian machine that lacks what a fresh desktop
# may lack (README, "Two commands on a fresh machine"):
# - build/fresh/bare: a minimal Debian bookworm amd64 tree with python3, make and the X11
#   client libraries every desktop has (libx11-6, libxcb1), and neither python3-venv nor
#   libxcb-cursor0 (checked below, not assumed: Recommends or the variant could pull them).
# - build/fresh/venv: the same tree with python3-venv installed (a copy made of hard
#   links, `cp -al`: dpkg replaces files by renaming, so bare keeps its own), from .debs
#   apt fetched while making bare, so this step needs no network. libxcb-cursor0 is
#   still missing there.
# Idempotent: what is there already is kept. Needs root and mmdebstrap.
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$PWD/build/fresh
bare=$top/bare
venv=$top/venv
mkdir -p "$top"

installed() {
    chroot "$1" dpkg-query -W -f='${Status}' "$2" 2>/dev/null | grep -q "ok installed"
}

if [ ! -x "$bare/usr/bin/make" ] || [ ! -d "$top/debs" ]; then
    rm -rf "$bare" "$venv" "$top/debs"
    # python3-venv and what it needs, downloaded (not installed) while apt's lists are
    # there, into /debs, then moved out of the tree.
    mmdebstrap --quiet --variant=apt --include=python3,make,libx11-6,libxcb1 --components=main \
        --customize-hook='mkdir -p "$1/debs/partial" && chroot "$1" apt-get install -qq --yes \
            --download-only -o Dir::Cache::archives=/debs python3-venv' \
        bookworm "$bare" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main"
    rm -rf "$bare/debs/partial" "$bare/debs/lock"
    mv "$bare/debs" "$top/debs"
fi
for package in python3-venv python3.11-venv libxcb-cursor0; do
    if installed "$bare" "$package"; then
        echo "$bare has $package: it must not (remove $top and run this again)" >&2
        exit 1
    fi
done

if [ ! -f "$venv/usr/lib/python3.11/ensurepip/__init__.py" ]; then
    rm -rf "$venv"
    cp -al "$bare" "$venv"
    cp -r "$top/debs" "$venv/debs"
    chroot "$venv" sh -c 'dpkg --install /debs/*.deb >/dev/null'
    rm -rf "$venv/debs"
fi
installed "$venv" python3-venv
if installed "$venv" libxcb-cursor0; then
    echo "$venv has libxcb-cursor0: it must not" >&2
    exit 1
fi
echo "Debian $(cat "$bare/etc/debian_version") trees without python3-venv and libxcb-cursor0 ready in $top ($(du -sh "$top" | cut -f1))"
