#!/usr/bin/env bash
# Installs what the browser tests of the answer page need (tests/web/):
# Debian's chromium and chromium-driver (via apt, when missing) and axe-core (npm, into
# tests/web/node_modules). Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -f tests/web/node_modules/axe-core/axe.min.js ]; then
  (cd tests/web && npm install --no-audit --no-fund --silent)
fi
echo "chromium: $(chromium --version 2>/dev/null || echo ontbreekt)"
echo "axe-core: $(node -p "require('./tests/web/node_modules/axe-core/package.json').version")"
