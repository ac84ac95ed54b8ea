#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests, and print its path.
#
#   export LAUNDERLENS_CHROMIUM=$(scripts/chromium.sh | tail -n1)
#
# Installs the `chromium` and `chromium-driver` packages with apt-get when the browser is
# missing. The tests drive this browser through Playwright; no tool downloads a browser of
# its own. Progress goes to stderr; stdout is the browser's path.
set -euo pipefail

say() { printf 'chromium: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

browser=${LAUNDERLENS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  say "no browser at $browser; installing chromium with apt-get"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install the chromium package"
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >&2 || say "apt-get update failed; trying the cached lists"
  "${sudo[@]}" apt-get install -y -q chromium chromium-driver >&2
  browser=/usr/bin/chromium
fi
[ -x "$browser" ] || die "chromium is still missing at $browser"
say "using $("$browser" --version 2>/dev/null || echo "$browser")"
echo "$browser"
