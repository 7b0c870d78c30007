#!/usr/bin/env bash
# The installed kiosk's Wayland session, for real: `kiosk-session --wayland` under cage
# (Debian's 0.1.4, wlroots' headless backend and pixman renderer: no screen, no GPU), as
# an ordinary user (cage refuses root). Run by .ci/run after `dpkg -i` of the .deb, as
# root; it runs the session as nobody. Passes when the kiosk, started by the launcher's
# supervisor inside cage with QT_QPA_PLATFORM=wayland, paints its first frame.
#
# Not checked: what reaches the screen. Headless cage 0.1.4 composes a stale first buffer
# (a fullscreen red Qt window shows as 640x480 of red on a black 1280x720 output; Qt's
# side of the protocol, traced, is right), so a screenshot (grim) proves nothing here.
set -euo pipefail
NOBODY=65534
home=$(mktemp -d)
chown "$NOBODY:$NOBODY" "$home"
install -d -m 0700 -o "$NOBODY" -g "$NOBODY" "$home/runtime"
# The kiosk command the launcher starts: the installed one, after noting what it was given.
cat > "$home/kiosk" <<EOF
#!/bin/sh
echo "QT_QPA_PLATFORM=\$QT_QPA_PLATFORM WAYLAND_DISPLAY=\$WAYLAND_DISPLAY" >> "$home/seen"
exec /usr/bin/kiosk "\$@"
EOF
chmod 0755 "$home/kiosk"
printf 'log_dir = "%s/logs"\n' "$home" > "$home/kiosk.toml"
chown "$NOBODY:$NOBODY" "$home/kiosk.toml"

setsid env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$home" KIOSK_CONFIG="$home/kiosk.toml" \
    KIOSK_SESSION_KIOSK="$home/kiosk" XDG_RUNTIME_DIR="$home/runtime" \
    WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
    setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups \
    /usr/bin/kiosk-session --wayland > "$home/session.txt" 2>&1 &
session=$!

stop() {
    kill -TERM -- "-$session" 2>/dev/null || true
    # cage 0.1.4 aborts on SIGTERM (an assertion in wl_display_terminate): not ours.
    { wait "$session"; } 2>/dev/null || true
    for _ in $(seq 60); do
        kill -0 -- "-$session" 2>/dev/null || return 0
        sleep 1
    done
    kill -KILL -- "-$session" 2>/dev/null || true
}
fail() {
    echo "Wayland session: $*" >&2
    echo "--- the launcher and cage said:" >&2
    cat "$home/session.txt" >&2 || true
    echo "--- the kiosk's log:" >&2
    tail -n 30 "$home/logs/kiosk.log" >&2 || true
    stop
    exit 1
}

for _ in $(seq 90); do
    grep -qs "painted its first frame" "$home/logs/kiosk.log" && break
    kill -0 "$session" 2>/dev/null || fail "the session ended before the kiosk painted"
    sleep 1
done
grep -qs "painted its first frame" "$home/logs/kiosk.log" || fail "no first frame in 90 s"
[ -S "$home/runtime/wayland-0" ] || fail "cage's socket is missing"
[ "$(head -n 1 "$home/seen")" = "QT_QPA_PLATFORM=wayland WAYLAND_DISPLAY=wayland-0" ] \
    || fail "the kiosk was not started for Wayland: $(cat "$home/seen")"
[ -f "$home/logs/supervisor.log" ] || fail "the kiosk did not run under its supervisor"
stop
kill -0 -- "-$session" 2>/dev/null && fail "the session outlived SIGTERM"
rm -rf "$home"
echo "Wayland session: the installed kiosk painted its first frame under cage, as nobody"
