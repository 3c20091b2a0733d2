#!/usr/bin/env bash
# Sets up a fresh clone: npm packages (native ones built locally), then the build that `bin/sightline.js` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build --silent
