#!/usr/bin/env bash
# PHP lint: WordPress Coding Standards + PHP 7.4 compatibility (phpcs, see phpcs.xml.dist) and PHPStan
# against WordPress/WooCommerce stubs (see phpstan.neon.dist).
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/install-deps.sh composer
vendor/bin/phpcs -q
vendor/bin/phpstan analyse --no-progress --memory-limit=1G
