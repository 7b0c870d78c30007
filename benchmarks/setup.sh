#!/usr/bin/env bash
# What the benchmarks need besides the project: an X server, xdotool, xwd, Debian's
# Chromium, and reveal.js from npm (into benchmarks/.cache, not committed).
set -euo pipefail
cd "$(dirname "$0")"
need=()
for program in Xvfb:xvfb xdotool:xdotool xwd:x11-apps chromium:chromium; do
    command -v "${program%%:*}" >/dev/null || need+=("${program##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
if [ ! -d .cache/node_modules/reveal.js ]; then
    mkdir -p .cache
    (cd .cache && npm install --silent --no-audit --no-fund reveal.js@5)
fi
