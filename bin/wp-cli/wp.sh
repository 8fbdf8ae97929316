#!/usr/bin/env bash
# WP-CLI (Composer's copy, vendor/wp-cli/wp-cli) for the local shop: `bash bin/wp-cli/wp.sh option get home`.
# Everything the shop, the tests and the bench do to WordPress from the command line goes through here.
# Adds to WP-CLI's arguments:
#   --path   the shop's WordPress (FLASHNODE_SHOP_DIR, else .shop/);
#   --url    its HTTPS address (FLASHNODE_HTTPS_PORT, else the one in shop.json), so is_ssl() and the request's
#            host are what a visitor's request has;
#   --require bin/wp-cli/command-packages.php: `wp plugin`, `wp eval-file` and `wp cron`, from the cache (see
#            there), without which WooCommerce stops WP-CLI while loading.
# Exit code: WP-CLI's.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shop_dir="${FLASHNODE_SHOP_DIR:-${repo}/.shop}"
wp_dir="${shop_dir}/wordpress"
if [[ ! -f ${repo}/vendor/wp-cli/wp-cli/php/boot-fs.php ]]; then
	echo "WP-CLI is not installed: run \`bash bin/install-deps.sh composer\` (wp-cli/wp-cli is in require-dev)." >&2
	exit 3
fi
args=(--path="${wp_dir}" --require="${repo}/bin/wp-cli/command-packages.php")
port="${FLASHNODE_HTTPS_PORT:-}"
if [[ -z ${port} && -f ${shop_dir}/shop.json ]]; then
	port="$(sed -n 's/.*"url": *"https:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "${shop_dir}/shop.json" | head -n 1)"
fi
args+=(--url="https://127.0.0.1:${port:-8743}/")
# The local shop runs as whoever started it, root on CI machines: WP-CLI refuses root without this flag.
if [[ ${EUID} == 0 ]]; then
	args+=(--allow-root)
fi

# WP-CLI 2.11 bundles mustache 2.13, whose tokenizer is deprecated-noisy on PHP 8.1+ while WP-CLI renders a
# command's synopsis: before WordPress loads, error_reporting hides it; after (WordPress sets E_ALL with WP_DEBUG,
# so the plugin's notices still show) only that one line of mustache's own file is dropped from stderr.
status=0
php -d error_reporting=24575 "${repo}/vendor/wp-cli/wp-cli/php/boot-fs.php" "${args[@]}" "$@" \
	2> >(grep -v -E '^(PHP )?Deprecated: .* in .*/vendor/mustache/mustache/src/Mustache/[A-Za-z/]+\.php on line [0-9]+$' >&2) ||
	status=$?

# Run as root, WP-CLI leaves what it wrote (an installed plugin, .htaccess, log files) owned by root, and the shop's
# Apache (www-data) could no longer replace or delete it from wp-admin: hand it over, as bin/shop.sh does at start.
if [[ ${EUID} == 0 ]] && id www-data >/dev/null 2>&1; then
	for path in "${wp_dir}/wp-content" "${wp_dir}/.htaccess" "${shop_dir}/logs"; do
		[[ -e ${path} ]] || continue
		find "${path}" \( ! -user www-data -o ! -group www-data \) -exec chown www-data:www-data {} + || status=1
	done
fi
exit "${status}"
