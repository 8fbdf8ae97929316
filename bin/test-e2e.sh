#!/usr/bin/env bash
# Browser tests in Debian's Chromium against the local shop (`npm start` must have run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || {
	echo "Chromium is missing: run 'bash bin/shop.sh packages' (as root) or 'apt-get install chromium'." >&2
	exit 1
}
exec npx playwright test "$@"
