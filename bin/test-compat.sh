#!/usr/bin/env bash
# `npm run test:compat`: the PHP tier, the shop owner's path (tests/e2e/owner-path.spec.ts) and the page in each
# shipped language (tests/e2e/i18n.spec.ts) on the oldest
# supported pair — Debian's WordPress 6.1 (package `wordpress`, /usr/share/wordpress) and WooCommerce 7.8 — in
# a second shop of its own (.shop-compat/, ports 9880/9843/9806), so the main shop (.shop/) is never touched.
# Not part of `npm test`. The shop is stopped at the end unless FLASHNODE_COMPAT_KEEP=1.
#
# Environment:
#   FLASHNODE_COMPAT_WP_SOURCE  WordPress 6.1 tree or zip (default /usr/share/wordpress)
#   FLASHNODE_COMPAT_WC_SOURCE  WooCommerce 7.8 tree or zip (default: the cache folder woocommerce-7.8.0/)
#   FLASHNODE_COMPAT_SHOP_DIR   the compat shop's folder (default .shop-compat/ in the repository)
#   FLASHNODE_COMPAT_HTTP_PORT / _HTTPS_PORT / _DB_PORT   (9880 / 9843 / 9806)
#   FLASHNODE_COMPAT_HPOS       order storage (default 0: posts, WooCommerce 7.8's default for new shops)
#   FLASHNODE_COMPAT_KEEP=1     leave the compat shop running afterwards
# Arguments after `--` go to Playwright (e.g. `npm run test:compat -- --grep connect`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

cache="${XDG_CACHE_HOME:-$HOME/.cache}/flashnode-connector"
wp_source="${FLASHNODE_COMPAT_WP_SOURCE:-/usr/share/wordpress}"
wc_source="${FLASHNODE_COMPAT_WC_SOURCE:-${cache}/woocommerce-7.8.0}"

fail() {
	printf '[test:compat] ERROR: %s\n' "$*" >&2
	exit 1
}

# Debian's package is the default WordPress source: install it when this run may (root with apt-get), as
# bin/shop.sh installs its own packages; a new machine starts without it.
if [[ -z ${FLASHNODE_COMPAT_WP_SOURCE:-} && ! -e ${wp_source} && ${EUID} -eq 0 ]] && command -v apt-get >/dev/null; then
	printf '[test:compat] installing Debian package wordpress (WordPress 6.1)\n'
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wordpress >/dev/null
fi

# The two sources must exist and be the versions this run is about.
[[ -e ${wc_source} ]] || fail "WooCommerce 7.8 is not available: set FLASHNODE_COMPAT_WC_SOURCE to a clean built WooCommerce 7.8.x (zip or directory), or put its tree in ${cache}/woocommerce-7.8.0/"
[[ -e ${wp_source} ]] || fail "WordPress 6.1 is not available at ${wp_source}: install Debian's package (apt-get install wordpress) or set FLASHNODE_COMPAT_WP_SOURCE to a WordPress 6.1.x zip or directory"
if [[ -d ${wc_source} ]]; then
	[[ -f ${wc_source}/woocommerce.php && -d ${wc_source}/vendor && -d ${wc_source}/assets ]] ||
		fail "${wc_source} is not a built WooCommerce tree (woocommerce.php, vendor/ and assets/ expected)"
	wc_version="$(sed -n 's/^[ \t\/*#@]*Version:[ \t]*\([^ \t\r]*\).*/\1/p' "${wc_source}/woocommerce.php" | head -n 1)"
	[[ ${wc_version} == 7.8* ]] || fail "${wc_source} holds WooCommerce ${wc_version:-?}, not 7.8.x"
fi
if [[ -d ${wp_source} ]]; then
	wp_version="$(sed -n "s/^\$wp_version = '\([^']*\)';.*/\1/p" "${wp_source}/wp-includes/version.php" 2>/dev/null)"
	[[ ${wp_version} == 6.1* ]] || fail "${wp_source} holds WordPress ${wp_version:-?}, not 6.1.x"
fi

# Everything below (bin/shop.sh, the PHP tests, Playwright, WP-CLI through bin/wp-cli/wp.sh) reads these.
export FLASHNODE_SHOP_DIR="${FLASHNODE_COMPAT_SHOP_DIR:-${PWD}/.shop-compat}"
export FLASHNODE_HTTP_PORT="${FLASHNODE_COMPAT_HTTP_PORT:-9880}"
export FLASHNODE_HTTPS_PORT="${FLASHNODE_COMPAT_HTTPS_PORT:-9843}"
export FLASHNODE_DB_PORT="${FLASHNODE_COMPAT_DB_PORT:-9806}"
export FLASHNODE_HPOS="${FLASHNODE_COMPAT_HPOS:-0}"
export FLASHNODE_WP_SOURCE="${wp_source}"
export FLASHNODE_WC_SOURCE="${wc_source}"
export FLASHNODE_WP_DIR="${FLASHNODE_SHOP_DIR}/wordpress"
unset FLASHNODE_WP_VERSION FLASHNODE_WC_LEGACY_API_SOURCE

timings=()
status=0
step() {
	local name="$1" started=$SECONDS
	shift
	echo
	echo "==> ${name}"
	if "$@"; then
		timings+=("$(printf '%-36s %4ds  ok' "${name}" $((SECONDS - started)))")
	else
		timings+=("$(printf '%-36s %4ds  FAILED' "${name}" $((SECONDS - started)))")
		status=1
	fi
}
# shellcheck disable=SC2317 # run by the EXIT trap
stop_shop() {
	if [[ ${FLASHNODE_COMPAT_KEEP:-0} != 1 ]]; then
		bash bin/shop.sh stop || true
	fi
}
trap stop_shop EXIT

bash bin/install-deps.sh node composer
npm run --silent plugin-zip
step "shop: start (WP 6.1 + WC 7.8)" bash bin/shop.sh start
((status == 0)) || fail "the compat shop did not start (logs: ${FLASHNODE_SHOP_DIR}/logs/)"
step "php: phpunit" bash bin/test-php.sh
# The owner's path (set-up through the page), then the change feed end to end on posts storage: the feed and
# acknowledgements, the order-flow panel, and the reference puller; and the page in each shipped language.
compat_specs=(
	tests/e2e/owner-path.spec.ts
	tests/e2e/change-feed.spec.ts
	tests/e2e/feed-truth.spec.ts
	tests/e2e/order-flow.spec.ts
	tests/e2e/puller.spec.ts
	tests/e2e/i18n.spec.ts
)
step "e2e: owner's path, change feed, languages" bash bin/test-e2e.sh "${compat_specs[@]}" --output artifacts/compat/e2e "$@"

echo
# shellcheck disable=SC2016 # PHP code, not shell
versions="$(php -r '$s = json_decode((string) @file_get_contents(getenv("FLASHNODE_SHOP_DIR") . "/shop.json"), true); echo "WordPress ", $s["wpVersion"] ?? "?", " + WooCommerce ", $s["wcVersion"] ?? "?";')"
echo "Compatibility run on ${versions}:"
printf '  %s\n' "${timings[@]}"
exit "${status}"
