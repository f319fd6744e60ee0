#!/usr/bin/env bash
# Makes sure headless Chromium is installed and can take a screenshot, for the tests that look at the fan chart
# as a person would (Sim.Tests/Output/FanChartPictureFacts). Idempotent; installs only when it is missing.
# After it succeeds, set SIM_TEST_CHROMIUM=/usr/bin/chromium so that those tests are required, not skipped.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  echo "render-check: installing chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/probe.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><title>probe</title><rect width="200" height="100" fill="#6baed6"/></svg>
SVG
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --screenshot="$tmp/probe.png" \
  --window-size=200,100 "file://$tmp/probe.svg" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
if [ ! -s "$tmp/probe.png" ]; then
  echo "render-check: chromium ran but wrote no screenshot" >&2
  cat "$tmp/log" >&2
  exit 1
fi
echo "render-check: $("$CHROMIUM" --version 2>/dev/null || echo chromium) can screenshot an SVG"
