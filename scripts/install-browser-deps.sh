#!/usr/bin/env bash
# Install what tests/test_browser.py needs: Debian's chromium (only if /usr/bin/chromium is
# missing) and playwright-core + axe-core from npm into ./node_modules. It never downloads a
# browser through Playwright. Safe to run again.
#
#   scripts/install-browser-deps.sh
#
# If chromium cannot be installed (no root, no apt-get, no network to the Debian mirror) the
# script says so and carries on: the browser tests then skip with that reason. An npm failure
# stops the script with exit code 1.
set -u

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium: found $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null | head -n 1))"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: NOT installed - apt-get is not available here. Install Debian's chromium" >&2
    echo "          by hand (or set CHROMIUM=/path/to/chromium); browser tests will be skipped." >&2
  elif [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    echo "chromium: NOT installed - need root (or passwordless sudo) for apt-get install chromium;" >&2
    echo "          browser tests will be skipped." >&2
  else
    echo "chromium: installing with apt-get ..."
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q \
       && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; then
      echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null | head -n 1))"
    else
      echo "chromium: NOT installed - apt-get install chromium failed (see above);" >&2
      echo "          browser tests will be skipped." >&2
    fi
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm: not found - install Node.js 20+ and npm, then run this script again." >&2
  exit 1
fi
cd "$ROOT" || exit 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # playwright-core never downloads one; belt and braces
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "npm ci failed" >&2; exit 1; }
else
  npm install --no-audit --no-fund || { echo "npm install failed" >&2; exit 1; }
fi
echo "node_modules: playwright-core $(node -p 'require("playwright-core/package.json").version')," \
     "axe-core $(node -p 'require("axe-core/package.json").version')"
