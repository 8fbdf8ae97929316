#!/usr/bin/env bash
# WP-CLI (Composer's copy, vendor/wp-cli/wp-cli) for the local shop: `bash bin/wp-cli/wp.sh option get home`.
# Adds --path of the shop's WordPress (FLASHNODE_SHOP_DIR, else .shop/) and --require of
# bin/wp-cli/extension-command.php, without which WooCommerce stops WP-CLI while loading (see that file).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shop_dir="${FLASHNODE_SHOP_DIR:-${repo}/.shop}"
if [[ ! -f ${repo}/vendor/wp-cli/wp-cli/php/boot-fs.php ]]; then
	echo "WP-CLI is not installed: run \`composer install\` (wp-cli/wp-cli is in require-dev)." >&2
	exit 3
fi
args=(--path="${shop_dir}/wordpress" --require="${repo}/bin/wp-cli/extension-command.php")
# The local shop runs as whoever started it, root on CI machines: WP-CLI refuses root without this flag.
if [[ $(id -u) == 0 ]]; then
	args+=(--allow-root)
fi
# WP-CLI 2.11 bundles mustache 2.13, whose tokenizer is deprecated-noisy on PHP 8.1+ before WordPress loads;
# WordPress sets its own error_reporting (E_ALL with WP_DEBUG) once loaded, so the plugin's notices still show.
exec php -d error_reporting=24575 "${repo}/vendor/wp-cli/wp-cli/php/boot-fs.php" "${args[@]}" "$@"
