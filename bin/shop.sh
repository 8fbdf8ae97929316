#!/usr/bin/env bash
# Local development/test shop: WordPress + WooCommerce + this plugin on the
# shop's own Apache (HTTPS with a local CA) and MariaDB, all under .shop/.
#
#   bash bin/shop.sh packages install the Debian packages the shop needs (root)
#   bash bin/shop.sh start    set up what is missing and start (idempotent)
#   bash bin/shop.sh stop     stop our Apache and MariaDB (only those)
#   bash bin/shop.sh status   are they running?
#   bash bin/shop.sh reset    stop and delete .shop/ entirely
#   bash bin/shop.sh php-handler fpm|mod_php
#                             serve PHP through PHP-FPM + mod_proxy_fcgi (where
#                             hosts lose the Authorization header) or mod_php;
#                             `start` always goes back to mod_php
#
# Environment: FLASHNODE_HTTP_PORT (8780), FLASHNODE_HTTPS_PORT (8743),
# FLASHNODE_DB_PORT (8706), FLASHNODE_WP_SOURCE, FLASHNODE_WP_VERSION,
# FLASHNODE_WC_SOURCE, FLASHNODE_WC_LEGACY_API_SOURCE, FLASHNODE_PLUGIN_ZIP,
# FLASHNODE_HPOS (1; 0 = posts storage), FLASHNODE_SAVEQUERIES (0),
# FLASHNODE_SHOP_DIR (.shop: where everything of the shop lives).
# WordPress from the command line: WP-CLI, bash bin/wp-cli/wp.sh <command> (see there).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SHOP_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")/shop/lib" && pwd)"
# shellcheck source=shop/lib/common.sh
source "${SHOP_LIB}/common.sh"
# shellcheck source=shop/lib/packages.sh
source "${SHOP_LIB}/packages.sh"
# shellcheck source=shop/lib/tls.sh
source "${SHOP_LIB}/tls.sh"
# shellcheck source=shop/lib/mariadb.sh
source "${SHOP_LIB}/mariadb.sh"
# shellcheck source=shop/lib/php-fpm.sh
source "${SHOP_LIB}/php-fpm.sh"
# shellcheck source=shop/lib/apache.sh
source "${SHOP_LIB}/apache.sh"
# shellcheck source=shop/lib/sources.sh
source "${SHOP_LIB}/sources.sh"
# shellcheck source=shop/lib/wordpress.sh
source "${SHOP_LIB}/wordpress.sh"
# shellcheck source=shop/lib/baseline.sh
source "${SHOP_LIB}/baseline.sh"

# lock: one start/stop/reset at a time (tests and a developer may race).
lock() {
	mkdir -p "${SHOP_DIR}"
	exec 9>"${SHOP_DIR}/.lock"
	flock -w 600 9 || die "another bin/shop.sh is still running (${SHOP_DIR}/.lock)"
}

cmd_start() {
	local started=${SECONDS}
	ensure_packages
	# WP-CLI (Composer's require-dev) installs the plugins and runs the set-up below.
	bash "${SHOP_REPO}/bin/install-deps.sh" composer
	lock
	stop_system_services
	mkdir -p "${SHOP_STATE}" "${SHOP_LOGS}"
	touch "${SHOP_LOGS}/php-errors.log" "${SHOP_LOGS}/debug.log"

	# What an interrupted test run moved or wrote, put back before the sources fill in what is still missing.
	repair_leftovers
	# Files first: a missing WordPress/WooCommerce stops us before any server starts.
	install_wordpress_files
	ensure_tls
	ensure_ca_bundle
	mariadb_start
	mariadb_ensure_database
	write_wp_config
	# Before Apache starts: its PHP children write the logs and wp-content.
	fix_ownership
	# A test that switched to PHP-FPM and died must not leave the shop that way.
	echo mod_php >"${PHP_HANDLER_STATE}"
	fpm_stop
	apache_start

	provision_wordpress
	install_our_plugin
	restore_baseline
	fix_ownership
	write_shop_json
	print_summary
	log "ready in $((SECONDS - started)) s"
}

cmd_stop() {
	lock
	apache_stop
	fpm_stop
	mariadb_stop
	log "stopped"
}

cmd_status() {
	local state=0
	if apache_running; then
		log "apache:  running (pid $(cat "${APACHE_PID}")) ${SITE_URL} ${HTTP_URL}"
	else
		log "apache:  stopped"
		state=3
	fi
	if mariadb_running; then
		log "mariadb: running (pid $(cat "${DB_PID}")) 127.0.0.1:${DB_PORT} ${DB_SOCKET}"
	else
		log "mariadb: stopped"
		state=3
	fi
	return "${state}"
}

# cmd_php_handler fpm|mod_php: switch how Apache runs PHP, on the running shop.
cmd_php_handler() {
	local handler="${1:-}"
	[[ ${handler} == fpm || ${handler} == mod_php ]] || die "usage: bash bin/shop.sh php-handler fpm|mod_php"
	lock
	apache_running || die "the shop is not running: bash bin/shop.sh start"
	echo "${handler}" >"${PHP_HANDLER_STATE}"
	if [[ ${handler} == fpm ]]; then fpm_start; fi
	apache_start
	if [[ ${handler} == mod_php ]]; then fpm_stop; fi
	log "PHP handler: ${handler}"
}

cmd_reset() {
	lock
	apache_stop
	fpm_stop
	mariadb_stop
	log "deleting ${SHOP_DIR}"
	rm -rf "${SHOP_DIR}"
}

# write_shop_json: what tests and tools need to reach the shop.
write_shop_json() {
	SHOP_JSON_URL="${SITE_URL}" SHOP_JSON_HTTP_URL="${HTTP_URL}" SHOP_JSON_CA="${SHOP_TLS}/ca.pem" \
		SHOP_JSON_WP_VERSION="${WP_VERSION}" SHOP_JSON_WP_SOURCE="${WP_SOURCE}" \
		SHOP_JSON_WC_VERSION="${WC_VERSION}" SHOP_JSON_WC_SOURCE="${WC_SOURCE}" \
		SHOP_JSON_WP_DIR="${SHOP_WP}" SHOP_JSON_LOGS="${SHOP_LOGS}" SHOP_JSON_SOCKET="${DB_SOCKET}" \
		SHOP_JSON_ZIP="${PLUGIN_ZIP}" SHOP_JSON_LEGACY="${LEGACY_VERSION}" SHOP_JSON_LEGACY_SOURCE="${LEGACY_SOURCE}" \
		php "${SHOP_BIN}/lib/shop-json.php" "${SHOP_DIR}/shop.json" "${SHOP_STATE}/setup-woocommerce.json"
}

print_summary() {
	local legacy="not installed"
	[[ -z ${LEGACY_VERSION} ]] || legacy="${LEGACY_VERSION}  from ${LEGACY_SOURCE}   (installed, not active: tests activate it)"
	cat <<-TEXT

		  Flashnode test shop is running
		  Site:        ${SITE_URL}/   (plain HTTP: ${HTTP_URL}/)
		  Admin:       ${SITE_URL}/wp-admin/
		  Login:       admin / admin-password
		  CA file:     ${SHOP_TLS}/ca.pem   (curl --cacert, NODE_EXTRA_CA_CERTS)
		  WordPress:   ${WP_VERSION}  from ${WP_SOURCE}
		  WooCommerce: ${WC_VERSION}  from ${WC_SOURCE}
		  Legacy API:  ${legacy}
		  Plugin zip:  ${PLUGIN_ZIP}
		  Logs:        ${SHOP_LOGS}/ (php-errors.log, debug.log, apache-error.log)
		  Details:     ${SHOP_DIR}/shop.json
		  CLI:         bash bin/wp-cli/wp.sh <command>   (WP-CLI 2.11 + entity-command from Composer; from the cache:
		               $(php "${SHOP_REPO}/bin/wp-cli/command-packages.php" | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }'))

	TEXT
}

main() {
	case "${1:-}" in
		packages)
			ensure_packages
			log "Debian packages: all present"
			;;
		start) cmd_start ;;
		stop) cmd_stop ;;
		status) cmd_status ;;
		reset) cmd_reset ;;
		php-handler) cmd_php_handler "${2:-}" ;;
		*)
			printf 'usage: bash bin/shop.sh start|stop|status|reset|packages|php-handler fpm|mod_php\n' >&2
			exit 2
			;;
	esac
}

main "$@"
