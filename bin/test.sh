#!/usr/bin/env bash
# `npm test`: every tier, in the order a failure is cheapest to find. Installs what a fresh clone lacks
# (Debian packages via bin/shop.sh, node_modules, Composer dev tools), starts the local shop with the
# plugin installed from the freshly built zip, and fails if any tier fails or cannot run.
#
# A failing tier does not end the run: the later tiers still run unless they need what failed (the shop needs the
# zip, the PHP and browser tiers need the shop), so one run shows every failure. Whatever happens, it ends with the
# time of each tier and the closing `N passed, N failed, N skipped` line (bin/test-summary.mjs); the exit code is
# non-zero when any tier failed or did not run.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

timings=()
failed=()
current="" current_started=0
# tier NAME NEEDS COMMAND...: run COMMAND unless a tier named in NEEDS ("a|b", or "" for none) failed.
tier() {
	local name="$1" needs="$2" started=$SECONDS need
	shift 2
	echo
	echo "==> ${name}"
	for need in "${failed[@]}"; do
		if [[ -n ${needs} && "|${needs}|" == *"|${need}|"* ]]; then
			echo "not run: it needs \"${need}\", which failed"
			timings+=("$(printf '%-32s    -   not run (%s failed)' "${name}" "${need}")")
			failed+=("${name}")
			return
		fi
	done
	current="${name}"
	current_started=${started}
	if "$@"; then
		timings+=("$(printf '%-32s %4ds  ok' "${name}" $((SECONDS - started)))")
	else
		timings+=("$(printf '%-32s %4ds  FAILED' "${name}" $((SECONDS - started)))")
		failed+=("${name}")
	fi
	current=""
}

# The closing lines, also when a tier failed or the run is interrupted (Ctrl-C, a killed tier).
summary() {
	local status=$? counted=0
	trap - EXIT INT TERM
	if [[ -n ${current} ]]; then
		timings+=("$(printf '%-32s %4ds  interrupted' "${current}" $((SECONDS - current_started)))")
		failed+=("${current}")
	fi
	echo
	echo "Tier timings:"
	((${#timings[@]} == 0)) || printf '  %s\n' "${timings[@]}"
	node bin/test-summary.mjs || counted=1
	if ((${#failed[@]})); then
		printf 'Failed or not run: %s\n' "$(printf '%s, ' "${failed[@]}" | sed 's/, $//')"
		((status != 0)) || status=1
	fi
	((counted == 0 || status != 0)) || status=1
	exit "${status}"
}
trap summary EXIT
trap 'exit 130' INT TERM

# Fresh results only: the closing summary must not count an earlier run.
rm -rf artifacts
mkdir -p artifacts
install="install: Debian, npm, composer"
zip="build + plugin zip"
shop="shop: start"
tier "${install}" "" bash bin/install-deps.sh debian node composer
tier "lint: eslint" "${install}" npm run --silent lint:js
tier "lint: tsc --noEmit" "${install}" npm run --silent lint:types
tier "lint: phpcs + phpstan" "${install}" npm run --silent lint:php
tier "${zip}" "${install}" npm run --silent plugin-zip
tier "unit: jest" "${install}" npm run --silent test:unit -- --ci --json --outputFile=artifacts/jest-results.json
tier "${shop}" "${install}|${zip}" bash bin/shop.sh start
tier "php: phpunit (real shop)" "${shop}" npm run --silent test:php
tier "e2e: playwright" "${shop}" npm run --silent test:e2e
