#!/usr/bin/env bash
# Install Debian's chromium for the review-page browser tests (tests/test_review.py).
# Idempotent: does nothing when /usr/bin/chromium already exists. Needs root (or sudo).
# The tests drive this binary through Playwright; `playwright install` is never used.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
    echo "install_browser: $CHROMIUM already present"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_browser: need root to apt-get install chromium (browser tests will be skipped)" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
"$CHROMIUM" --version
