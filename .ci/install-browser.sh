#!/bin/sh
# Installs Debian's chromium for the report's real-browser test (tests/pipeline/report/browser.test.ts),
# driven by playwright-core (`npx playwright install` cannot download in this environment).
# Idempotent: does nothing when /usr/bin/chromium already exists.
set -eu
if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
