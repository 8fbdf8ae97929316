#!/usr/bin/env bash
# PHP tests against the real local shop. WordPress is loaded at global scope before PHPUnit starts
# (see tests/php/load-wordpress.php); the shop must be running (`npm start`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/install-deps.sh composer
mkdir -p artifacts
exec php -d auto_prepend_file="$PWD/tests/php/load-wordpress.php" -d display_errors=stderr \
	vendor/bin/phpunit -c phpunit.xml.dist --log-junit artifacts/phpunit.xml "$@"
