#!/usr/bin/env bash
# `npm test`: every tier, in the order a failure is cheapest to find. Installs what a fresh clone lacks
# (Debian packages via bin/shop.sh, node_modules, Composer dev tools), starts the local shop with the
# plugin installed from the freshly built zip, and fails if any tier fails or cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

timings=()
tier() {
	local name="$1"
	shift
	local started=$SECONDS
	echo
	echo "==> ${name}"
	"$@"
	timings+=("$(printf '%-28s %4ds' "${name}" $((SECONDS - started)))")
}

# Fresh results only: the closing summary must not count an earlier run.
rm -rf artifacts
mkdir -p artifacts
tier "install: Debian, npm, composer" bash bin/install-deps.sh debian node composer
tier "lint: eslint" npm run --silent lint:js
tier "lint: tsc --noEmit" npm run --silent lint:types
tier "lint: phpcs + phpstan" npm run --silent lint:php
tier "build + plugin zip" npm run --silent plugin-zip
tier "unit: jest" npm run --silent test:unit -- --ci --json --outputFile=artifacts/jest-results.json
tier "shop: start" bash bin/shop.sh start
tier "php: phpunit (real shop)" npm run --silent test:php
tier "e2e: playwright" npm run --silent test:e2e

echo
echo "Tier timings:"
printf '  %s\n' "${timings[@]}"
node bin/test-summary.mjs
