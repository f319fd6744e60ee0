#!/usr/bin/env bash
# Makes sure headless Chromium is installed and can take a screenshot, for the tests that look at the fan chart
# as a person would (Sim.Tests/Output/FanChartPictureFacts). Installs only when it is missing (Debian package).
#
#   bash .ci/render-check.sh      check (and install); exit status says whether Chromium works
#   source .ci/render-check.sh    the same, then exports SIM_TEST_CHROMIUM so those tests are required, not skipped
#
# Written to be sourced from .ci/run: no `set -e`, no traps, no exit (it returns), nothing left in the caller's
# shell but SIM_TEST_CHROMIUM.

sim_render_check() {
  local chromium=/usr/bin/chromium tmp
  if [ ! -x "$chromium" ]; then
    echo "render-check: installing chromium (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  fi

  tmp=$(mktemp -d) || return 1
  printf '%s\n' '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><title>probe</title><rect width="200" height="100" fill="#6baed6"/></svg>' >"$tmp/probe.svg"
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --screenshot="$tmp/probe.png" \
    --window-size=200,100 "file://$tmp/probe.svg" >"$tmp/log" 2>&1
  if [ ! -s "$tmp/probe.png" ]; then
    echo "render-check: chromium wrote no screenshot:" >&2
    cat "$tmp/log" >&2
    rm -rf "$tmp"
    return 1
  fi

  rm -rf "$tmp"
  echo "render-check: $("$chromium" --version 2>/dev/null) can screenshot an SVG"
  export SIM_TEST_CHROMIUM="$chromium"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  sim_render_check
  exit $?
else
  sim_render_check || return 1
fi
