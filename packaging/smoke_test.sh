#!/usr/bin/env bash
# Smoke-tests a frozen kiosk (dist/kiosk/kiosk, or the command given) the way staff and
# curators use it, in a clean environment: no PYTHONPATH, no venv, no display. Any
# unexpected output on stderr fails the test.
set -euo pipefail
kiosk=${1:-dist/kiosk/kiosk}
bundle=${2:-$(dirname "$kiosk")/_internal/kiosk/resources/bundles/black-january}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # run ARGS...: the command with a clean environment; stderr must stay empty
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$kiosk" "$@" 2>"$work/stderr"
    if [ -s "$work/stderr" ]; then
        echo "unexpected stderr from kiosk $*:" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
}

# Every collected library and plugin finds what it links (with no LD_LIBRARY_PATH: what
# is not in the folder must come from the system, from the .deb's Depends), including
# plugins no command below loads (Wayland, the FFmpeg media plugin's hardware stubs).
internal=$(dirname "$kiosk")/_internal
missing=$(cd "$internal" && find . "../$(basename "$kiosk")" -type f \( -name "*.so" -o -name "*.so.*" \
    -o -name "$(basename "$kiosk")" \) -exec env -u LD_LIBRARY_PATH ldd {} \; 2>&1 | grep "not found" || true)
if [ -n "$missing" ]; then
    echo "smoke test: libraries not found:" >&2
    echo "$missing" | sort -u >&2
    exit 1
fi

run --version | grep -q "^kiosk "
run validate "$bundle" | grep -q "^OK: Black January"
run pack "$bundle" -o "$work/packed.kiosk" >/dev/null
run validate "$work/packed.kiosk" | grep -q "^OK: Black January"
run describe | grep -q "Black January"
run render -o "$work/render" --size 640x360 --lang en >/dev/null
test -s "$work/render/001-opening-en-640x360.png"
run render --pdf "$work/sheet.pdf" --size 640x360 --lang en >/dev/null
head -c 5 "$work/sheet.pdf" | grep -q "^%PDF-"
# The media probe the loader runs as a child (kiosk.media.probe): the frozen app's
# QtMultimedia and FFmpeg open a film and decode its frame. Its chatter is its own.
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -f lavfi -i testsrc2=size=64x48:rate=10:duration=1 -c:v libx264 \
        -pix_fmt yuv420p "$work/film.mp4"
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
        "$kiosk" probe-media "$work/film.mp4" --at 0 2>/dev/null | grep -q '"video_decoded": true'
fi
echo 2468 | run set-pin --pin-stdin >/dev/null
run config | grep -q "pin_hash = set"

# Video and audio: the frozen QtMultimedia and its FFmpeg open, decode a picture and a
# moment of sound of a 2-second clip (H.264 and AAC in MP4, made here by the ffmpeg
# command, which .ci/run installs), in the hidden child command the loader runs.
# QtMultimedia's own notices on stderr (no sound server, no GPU here) are allowed; they
# are shown when the check fails.
command -v ffmpeg >/dev/null || { echo "smoke test: needs the ffmpeg command" >&2; exit 1; }
ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=30 -f lavfi -i sine=frequency=440 \
    -t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$work/clip.mp4"
# The answer names no problem (null or no key) and says both were decoded.
if ! env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
    "$kiosk" probe-media "$work/clip.mp4" >"$work/probe.out" 2>"$work/probe.err" \
    || grep -Eq '"problem": *"' "$work/probe.out" \
    || ! grep -Eq '"video_decoded": *true' "$work/probe.out" \
    || ! grep -Eq '"audio_decoded": *true' "$work/probe.out"; then
    echo "smoke test: kiosk probe-media did not play the clip:" >&2
    cat "$work/probe.out" "$work/probe.err" >&2
    exit 1
fi

# The kiosk itself, offscreen, until SIGTERM (as systemd stops it); twice: the second
# start shows the first frame the first one kept, until its window has painted.
log="$work/home/.local/state/kiosk/log/kiosk.log"
for expected in "first frame kept for the next start" "first frame of the last start is on screen"; do
    before=$(stat -c %s "$log" 2>/dev/null || echo 0)
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        "$kiosk" >"$work/kiosk.out" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        tail -c +"$((before + 1))" "$log" 2>/dev/null | grep -qs "the window painted its first frame" && break
        sleep 0.1
    done
    sleep 1
    if ! tail -c +"$((before + 1))" "$log" | grep -q "$expected"; then
        echo "smoke test: no '$expected' in the log" >&2
        cat "$log" "$work/kiosk.out" >&2
        exit 1
    fi
    kill -TERM "$pid"
    wait "$pid"
done
echo "smoke test passed: $kiosk"
