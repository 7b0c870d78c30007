#!/usr/bin/env bash
# Runs packaging/ansible/site.yml for real on a throwaway Debian bookworm amd64 tree, then
# checks what it did there. Called by .ci/run once the .deb is built:
#   bash packaging/ansible/try_in_chroot.sh dist/kiosk_<version>_amd64.deb
# Three runs: a fresh machine; then one with a user settings file an earlier version of
# the role wrote (removed); then one that must change nothing. No run may warn but for
# the chroot itself. Then: the package installed, /etc/kiosk/kiosk.toml root:kiosk 0640
# with the PIN hash (checked against the PIN with the kiosk's own code), `kiosk config`
# and `kiosk doctor` as the kiosk user taking it, the user, their units, LightDM's login.
#
# How: Ansible has no chroot connection without the community.general collection (not
# in ansible-core, and Galaxy is out of CI's reach), so the tree is a machine of its own:
# Debian's ansible-core runs inside it with `ansible_connection=local`, through chroot,
# in a private mount namespace (nothing stays mounted) with no network at all (so
# nothing is fetched behind the test's back). The playbook and the .deb come in by bind
# mount and copy. This machine's own root is never the target.
#
# build/ansible/base (made once, idempotently; remade when the .deb's Depends change) is
# the tree: systemd, ansible-core and python3-apt installed, apt's package lists kept,
# and the .deb's dependencies and Syncthing downloaded (not installed) into apt's cache,
# so the role's apt tasks resolve and install them offline. Recommends are off in the
# tree (the .deb's recommended fonts and sound server would only make it bigger). systemd
# does not run there: `systemctl enable` works offline, `start` is ignored (a chroot).
# Each try works on an overlay over the tree that vanishes afterwards. Needs root,
# mmdebstrap, overlayfs. About 40 s with the tree made, 65 s when making it (500 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(realpath "${1:?usage: $0 KIOSK_DEB}")
top=$PWD/build/ansible
base=$top/base
mkdir -p "$top"

wanted="$(dpkg-deb -f "$deb" Depends) + syncthing, in a tree with systemd"
if [ ! -x "$base/usr/bin/ansible-playbook" ] || [ "$(cat "$top/base.depends" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$base" "$top/base.depends"
    cp "$deb" "$top/kiosk.deb"
    mmdebstrap --quiet --variant=apt --include=ansible-core,python3-apt,systemd --components=main \
        --skip=cleanup/apt \
        --customize-hook='echo "APT::Install-Recommends \"false\";" > "$1/etc/apt/apt.conf.d/90kiosk-test-no-recommends"' \
        --customize-hook="cp '$top/kiosk.deb' \"\$1/tmp/kiosk.deb\"" \
        --customize-hook='chroot "$1" apt-get install -qq --yes --download-only /tmp/kiosk.deb syncthing' \
        --customize-hook='rm "$1/tmp/kiosk.deb"' \
        bookworm "$base" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main"
    rm "$top/kiosk.deb"
    echo "$wanted" > "$top/base.depends"
fi

run=$(mktemp -d "$top/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
mkdir -p "$run/upper" "$run/work" "$run/root" "$run/in"
# The staff PIN of this test, hashed as `kiosk set-pin` does (the PIN itself is never
# written where Ansible reads).
pin=2468
pin_hash=$(printf '%s\n' "$pin" | .venv/bin/python -c \
    'import sys; from kiosk.config import hash_pin; print(hash_pin(sys.stdin.readline().strip()))')
cat > "$run/in/inventory.ini" <<'EOF'
[kiosks]
throwaway-tree ansible_connection=local ansible_python_interpreter=/usr/bin/python3
EOF
cat > "$run/in/vars.json" <<EOF
{"kiosk_deb": "/var/tmp/kiosk-under-test/kiosk.deb", "kiosk_pin_hash": "$pin_hash",
 "kiosk_lightdm_session": "kiosk", "kiosk_settings": {"idle_seconds": 90}}
EOF
echo "$pin_hash" > "$run/in/pin_hash"
cp "$deb" "$run/in/kiosk.deb"

# Inside the tree: the playbook twice (the second must change nothing), then the checks.
cat > "$run/in/inside.sh" <<'EOF'
set -euo pipefail
export HOME=/root LANG=C.UTF-8 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
cd /var/tmp/ansible
fail() { echo "after the playbook: $*" >&2; exit 1; }
play() {
    ansible-playbook -i /var/tmp/kiosk-under-test/inventory.ini \
        -e @/var/tmp/kiosk-under-test/vars.json site.yml | tee "/var/tmp/kiosk-under-test/$1.txt"
    # Warnings are for operators to act on; only the one a chroot itself causes is expected.
    warnings=$(grep -F '[WARNING]' "/var/tmp/kiosk-under-test/$1.txt" | grep -vF 'Target is a chroot' || true)
    [ -z "$warnings" ] || fail "the $1 run warned: $warnings"
    recap=$(grep -E '^throwaway-tree +:' "/var/tmp/kiosk-under-test/$1.txt")
}
# No network here: the tree's package lists count as just renewed (they are as new as
# the packages in its cache), so the role's apt task does not try to renew them.
touch /var/lib/apt/periodic/update-success-stamp
play first
# The kiosk user's own settings file as an earlier version of the role wrote it: the next
# run removes it (its PIN hash would win over the machine's).
mkdir /home/kiosk/.config/kiosk
printf '# Kiosk settings, written by Ansible\npin_hash = "scrypt$1$AA==$AA=="\n' \
    > /home/kiosk/.config/kiosk/kiosk.toml
chown -R kiosk:kiosk /home/kiosk/.config/kiosk
play second
[ ! -e /home/kiosk/.config/kiosk/kiosk.toml ] || fail "the old user settings file is still there"
play third
case "$recap" in
    *" changed=0 "*" failed=0 "*) ;;
    *) fail "the third run changed something (it must not): $recap" ;;
esac
dpkg-query -W -f='${Status}' kiosk | grep -q "install ok installed" || fail "kiosk is not installed"
id kiosk >/dev/null || fail "no kiosk user"
[ "$(stat -c '%U:%G %a' /etc/kiosk/kiosk.toml)" = "root:kiosk 640" ] \
    || fail "/etc/kiosk/kiosk.toml is $(stat -c '%U:%G %a' /etc/kiosk/kiosk.toml), not root:kiosk 640"
grep -qxF "pin_hash = \"$(cat /var/tmp/kiosk-under-test/pin_hash)\"" /etc/kiosk/kiosk.toml \
    || fail "/etc/kiosk/kiosk.toml lacks the PIN hash"
as_kiosk() { runuser -u kiosk -- env -i PATH=/usr/bin:/bin HOME=/home/kiosk LANG=C.UTF-8 "$@"; }
as_kiosk kiosk config > /var/tmp/kiosk-under-test/config.txt
cat /var/tmp/kiosk-under-test/config.txt
grep -qx 'pin_hash = set    # /etc/kiosk/kiosk.toml' /var/tmp/kiosk-under-test/config.txt \
    || fail "the kiosk user's kiosk does not take the PIN hash from /etc/kiosk/kiosk.toml"
grep -qx 'bundle = /srv/kiosk/exhibit    # /etc/kiosk/kiosk.toml' /var/tmp/kiosk-under-test/config.txt \
    || fail "the kiosk user's kiosk does not take the bundle from /etc/kiosk/kiosk.toml"
grep -qx 'idle_seconds = 90.0    # /etc/kiosk/kiosk.toml' /var/tmp/kiosk-under-test/config.txt \
    || fail "the kiosk user's kiosk does not take kiosk_settings from /etc/kiosk/kiosk.toml"
# What Syncthing would bring: the built-in bundle. Then kiosk doctor finds nothing wrong
# (no display here: its screen checks say so and pass).
cp -r /opt/kiosk/_internal/kiosk/resources/bundles/black-january/. /srv/kiosk/exhibit/
chown -R kiosk:kiosk /srv/kiosk/exhibit
as_kiosk kiosk doctor > /var/tmp/kiosk-under-test/doctor.txt \
    || { cat /var/tmp/kiosk-under-test/doctor.txt; fail "kiosk doctor, as the kiosk user, found a problem"; }
cat /var/tmp/kiosk-under-test/doctor.txt
grep -q '^ok       pin: a staff PIN is set (in /etc/kiosk/kiosk.toml)' /var/tmp/kiosk-under-test/doctor.txt \
    || fail "kiosk doctor, as the kiosk user, does not find the PIN in /etc/kiosk/kiosk.toml"
[ "$(stat -c '%U' /srv/kiosk/exhibit)" = kiosk ] || fail "/srv/kiosk/exhibit is not the kiosk user's"
[ "$(readlink /home/kiosk/.config/systemd/user/graphical-session.target.wants/kiosk.service)" \
    = /usr/lib/systemd/user/kiosk.service ] || fail "the kiosk's user unit is not enabled"
strangers=$(find /home/kiosk ! -user kiosk)
[ -z "$strangers" ] || fail "in the kiosk user's home, not the kiosk user's: $strangers"
[ -L /etc/systemd/system/multi-user.target.wants/syncthing@kiosk.service ] \
    || fail "syncthing@kiosk.service is not enabled"
grep -qx 'autologin-user=kiosk' /etc/lightdm/lightdm.conf.d/50-kiosk.conf || fail "no LightDM auto-login"
echo "Ansible in a Debian $(cat /etc/debian_version) tree: installed, configured, idempotent ($recap)"
EOF

unshare --mount --net --propagation private -- bash -euo pipefail -c '
    base=$1 run=$2
    root=$run/root
    mount -t overlay overlay -o "lowerdir=$base,upperdir=$run/upper,workdir=$run/work" "$root"
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mkdir -p "$root/var/tmp/ansible" "$root/var/tmp/kiosk-under-test"
    mount --bind -o ro "$3" "$root/var/tmp/ansible"
    mount --bind "$run/in" "$root/var/tmp/kiosk-under-test"
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin bash /var/tmp/kiosk-under-test/inside.sh
' try "$base" "$run" "$PWD/packaging/ansible"
# The hash in the machine's file is the test PIN's: the kiosk's own check accepts it.
.venv/bin/python -c '
import sys
from pathlib import Path
from kiosk.config import check_pin, read_file
values, problems = read_file(Path(sys.argv[1]))
assert not problems and check_pin(sys.argv[2], values["pin_hash"]), (problems, values)
' "$run/upper/etc/kiosk/kiosk.toml" "$pin"
echo "the PIN hash Ansible wrote accepts the test PIN"
