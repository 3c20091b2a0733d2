#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: npm packages (native ones built locally).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
