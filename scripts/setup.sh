#!/usr/bin/env bash
# Sets up a fresh clone: npm packages (native ones built locally), then the build that `bin/sightline.js` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
# the inspector's end-to-end tests drive Debian's Chromium through playwright-core (no browser download)
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install it (apt-get install chromium) for the inspector's e2e tests" >&2
  fi
fi
npm run build --silent
