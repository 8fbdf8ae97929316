#!/usr/bin/env bash
# Installs what a fresh clone lacks. Used by `npm start` and `npm test`.
#   bash bin/install-deps.sh node       node_modules (locked versions)
#   bash bin/install-deps.sh composer   Composer dev tools (PHPUnit, phpcs + WPCS, PHPStan, WP-CLI), and the WP-CLI command
#                                       packages kept in the cache, downloaded when missing (bin/wp-cli/fetch-packages.sh)
#   bash bin/install-deps.sh debian     Debian packages of the local shop (see bin/shop/lib/packages.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

for part in "$@"; do
	case "${part}" in
		node)
			# When node_modules is missing or older than the lock file. `npm install` rather than `npm ci`: it
			# installs the locked versions too, but tolerates registries that lack other platforms' optional
			# binaries (this machine's lacks unrs-resolver's non-Linux builds, so `npm ci` calls the lock out of sync).
			if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
				npm install --no-audit --no-fund
			fi
			;;
		composer)
			if [ ! -x vendor/bin/phpunit ] || [ ! -f vendor/wp-cli/wp-cli/php/boot-fs.php ] || [ composer.json -nt vendor/autoload.php ]; then
				composer install --no-interaction --no-progress
			fi
			# Not from Composer (its repository here lacks them): the WP-CLI command packages' release archives,
			# downloaded into the cache when missing; offline, it names each one still missing and how to get it.
			bash bin/wp-cli/fetch-packages.sh >/dev/null
			;;
		debian) bash bin/shop.sh packages ;;
		*)
			echo "usage: bash bin/install-deps.sh node|composer|debian ..." >&2
			exit 2
			;;
	esac
done
