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
. "$(dirname "$0")/apt-install.sh"

browser=${LAUNDERLENS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  say "no browser at $browser; installing chromium with apt-get"
  apt_install chromium chromium-driver
  browser=/usr/bin/chromium
fi
[ -x "$browser" ] || die "chromium is still missing at $browser"
say "using $("$browser" --version 2>/dev/null || echo "$browser")"
echo "$browser"
