# shellcheck shell=bash
# WordPress files, wp-config.php and the provisioning steps. Sourced.

WC_PLUGIN_FILE="woocommerce/woocommerce.php"
OUR_PLUGIN_FILE="flashnode-connector/flashnode-connector.php"
WP_PLUGINS="${SHOP_WP}/wp-content/plugins"
HPOS_WANTED=1
[[ ${FLASHNODE_HPOS:-1} == 0 ]] && HPOS_WANTED=0

# version_below A B: true when version A sorts before version B (sort -V).
version_below() {
	[[ $1 != "$2" && "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" == "$1" ]]
}

# tree_version KIND DIR: version of an unpacked WordPress/plugin tree.
tree_version() {
	case $1 in
		wordpress) wp_tree_version "$2" ;;
		woocommerce) plugin_version "$2/woocommerce.php" ;;
		legacy) plugin_version "$2/woocommerce-legacy-rest-api.php" ;;
	esac
}

# provide_tree KIND MARKER DEST: make DEST hold KIND from its source, unless
# the same version (or, for zips, the same zip) is already there. Sets
# TREE_VERSION and TREE_SOURCE. Returns 2 when no source could be found.
provide_tree() {
	local kind="$1" marker="$2" dest="$3" installed id staged
	installed="$(tree_version "${kind}" "${dest}")"
	resolve_source "${kind}"

	# Only a download is left but we have a copy: keep it and stay offline
	# (unless FLASHNODE_WP_VERSION asks for another WordPress version).
	if [[ -z ${SRC_PATH} && -n ${installed} ]] &&
		[[ ${kind} != wordpress || -z ${FLASHNODE_WP_VERSION:-} || ${FLASHNODE_WP_VERSION} == "${installed}" ]]; then
		TREE_VERSION="${installed}"
		TREE_SOURCE="$(cat "${SHOP_STATE}/${kind}.source" 2>/dev/null || echo "installed copy")"
		return 0
	fi
	id="$(source_id "${SRC_PATH:-${SRC_URL}}")"
	if [[ -n ${installed} && -d ${SRC_PATH} && "$(tree_version "${kind}" "${SRC_PATH}")" == "${installed}" ]] ||
		[[ -n ${installed} && "$(cat "${SHOP_STATE}/${kind}.id" 2>/dev/null)" == "${id}" ]]; then
		TREE_VERSION="${installed}"
		TREE_SOURCE="${SRC_LABEL}"
		write_state "${SHOP_STATE}/${kind}.source" "${TREE_SOURCE}"
		return 0
	fi

	staged="$(stage_tree "${kind}" "${marker}")" || return 2
	TREE_VERSION="$(tree_version "${kind}" "${staged}")"
	TREE_SOURCE="${SRC_LABEL}"
	if [[ ${TREE_VERSION} != "${installed}" ]]; then
		log "copying ${kind} ${TREE_VERSION} (${TREE_SOURCE})"
		replace_tree "${kind}" "${staged}" "${dest}" || die "copying ${staged} to ${dest} failed"
	fi
	write_state "${SHOP_STATE}/${kind}.id" "${id}"
	write_state "${SHOP_STATE}/${kind}.source" "${TREE_SOURCE}"
	rm -rf "${SHOP_DOWNLOADS:?}/${kind}" "${SHOP_DOWNLOADS:?}/${kind}.zip"
}

# replace_tree KIND SRC DEST: core keeps wp-content, wp-config.php and
# .htaccess; a plugin folder is replaced as a whole.
replace_tree() {
	local kind="$1" src="$2" dest="$3"
	if [[ ${kind} == wordpress ]]; then
		rm -rf "${dest}/wp-admin" "${dest}/wp-includes"
		copy_tree "${src}" "${dest}"
	else
		rm -rf "${dest}"
		copy_tree "${src}" "${dest}"
	fi
}

# install_wordpress_files: core, WooCommerce, the legacy REST API plugin
# (optional: tests activate it themselves), and the test stack.
install_wordpress_files() {
	local missing=()
	mkdir -p "${SHOP_STATE}" "${WP_PLUGINS}"

	provide_tree wordpress wp-load.php "${SHOP_WP}" || missing+=(WordPress)
	WP_VERSION="${TREE_VERSION:-}" WP_SOURCE="${TREE_SOURCE:-}"
	provide_tree woocommerce woocommerce.php "${WP_PLUGINS}/woocommerce" || missing+=(WooCommerce)
	WC_VERSION="${TREE_VERSION:-}" WC_SOURCE="${TREE_SOURCE:-}"
	if ((${#missing[@]})); then
		sources_missing_message "${missing[@]}" >&2
		exit 1
	fi
	LEGACY_VERSION="" LEGACY_SOURCE=""
	if version_below "${WC_VERSION}" 9.0; then
		# WooCommerce < 9.0 has the Legacy REST API built in; the separate plugin is for 9.0+ only.
		rm -rf "${WP_PLUGINS:?}/woocommerce-legacy-rest-api"
		log "WooCommerce ${WC_VERSION} has the Legacy REST API built in: not installing the separate plugin"
	elif provide_tree legacy woocommerce-legacy-rest-api.php "${WP_PLUGINS}/woocommerce-legacy-rest-api"; then
		LEGACY_VERSION="${TREE_VERSION}" LEGACY_SOURCE="${TREE_SOURCE}"
	else
		warn "WooCommerce Legacy REST API plugin not found (FLASHNODE_WC_LEGACY_API_SOURCE, ${SHOP_CACHE}/woocommerce-legacy-rest-api-<version>, ${WC_LEGACY_DOWNLOAD_URL}); tests that need it will fail"
	fi
	sync_test_stack
}

# sync_test_stack: test-only mu-plugins and the fallback theme from
# tests/stack/. Files we copied earlier but that are gone from tests/stack/
# are removed again (tracked in .shop/state/mu-plugins.list).
sync_test_stack() {
	local mu_dir="${SHOP_WP}/wp-content/mu-plugins" list="${SHOP_STATE}/mu-plugins.list" file name theme names
	mkdir -p "${mu_dir}"
	if [[ -f ${list} ]]; then
		while read -r name; do
			[[ -f ${SHOP_REPO}/tests/stack/mu-plugins/${name} ]] || rm -f "${mu_dir:?}/${name}"
		done <"${list}"
	fi
	names=""
	for file in "${SHOP_REPO}"/tests/stack/mu-plugins/*.php; do
		[[ -f ${file} ]] || continue
		install_if_changed "${file}" "${mu_dir}/$(basename "${file}")" || true
		names+="$(basename "${file}")"$'\n'
	done
	write_state "${list}" "${names%$'\n'}"
	for theme in "${SHOP_REPO}"/tests/stack/themes/*/; do
		[[ -d ${theme} ]] || continue
		name="$(basename "${theme}")"
		if ! diff -rq "${theme}" "${SHOP_WP}/wp-content/themes/${name}" >/dev/null 2>&1; then
			rm -rf "${SHOP_WP}/wp-content/themes/${name}"
			cp -r "${theme}" "${SHOP_WP}/wp-content/themes/${name}"
		fi
	done
}

# write_wp_config: regenerated on every start (ports or env may change) but
# only written when its content changes. Salts are made once and kept.
write_wp_config() {
	local salts="${SHOP_STATE}/salts.php" tmp="${SHOP_STATE}/wp-config.php.new" savequeries=""
	if [[ ! -s ${salts} ]]; then
		# shellcheck disable=SC2016 # PHP code, not shell
		php -r 'foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $k) { printf("define( %s, %s );\n", var_export($k, true), var_export(bin2hex(random_bytes(32)), true)); }' >"${salts}"
	fi
	if [[ ${FLASHNODE_SAVEQUERIES:-0} == 1 ]]; then
		savequeries="define( 'SAVEQUERIES', true );"
	fi
	cat >"${tmp}" <<-PHP
		<?php
		// Generated by bin/shop.sh for the local Flashnode test shop; rewritten on start.
		define( 'DB_NAME', '${DB_NAME}' );
		define( 'DB_USER', '${DB_USER}' );
		define( 'DB_PASSWORD', '${DB_PASSWORD}' );
		define( 'DB_HOST', '127.0.0.1:${DB_PORT}' );
		define( 'DB_CHARSET', 'utf8mb4' );
		define( 'DB_COLLATE', '' );

		$(cat "${salts}")

		\$table_prefix = 'wp_';

		define( 'WP_DEBUG', true );
		define( 'WP_DEBUG_LOG', '${SHOP_LOGS}/debug.log' );
		define( 'WP_DEBUG_DISPLAY', false );
		${savequeries}

		// Plugins are installed and deleted in place (also by the browser tests).
		define( 'FS_METHOD', 'direct' );
		// No calls to the internet (update checks would hang offline); the
		// site's own host and localhost stay reachable.
		define( 'WP_HTTP_BLOCK_EXTERNAL', true );
		define( 'AUTOMATIC_UPDATER_DISABLED', true );
		define( 'WP_AUTO_UPDATE_CORE', false );
		define( 'WP_ENVIRONMENT_TYPE', 'local' );

		// Read by tests/stack/mu-plugins/flashnode-test-stack.php.
		define( 'FLASHNODE_TEST_CA_BUNDLE', '${SHOP_TLS}/bundle.pem' );

		// npm run bench drops this file for its run only (from tests/stack/bench/wp-config-bench.php): it turns
		// SAVEQUERIES on for the requests the bench marks, before WordPress runs its first query.
		if ( is_readable( '${SHOP_STATE}/wp-config-bench.php' ) ) {
		    require '${SHOP_STATE}/wp-config-bench.php';
		}

		if ( ! defined( 'ABSPATH' ) ) {
		    define( 'ABSPATH', __DIR__ . '/' );
		}
		require_once ABSPATH . 'wp-settings.php';
	PHP
	if install_if_changed "${tmp}" "${SHOP_WP}/wp-config.php"; then
		log "wrote ${SHOP_WP}/wp-config.php"
	fi
	rm -f "${tmp}"
	# Apache's user must read it; nobody else needs to.
	if [[ -n ${WEB_USER} ]]; then
		chown "root:${WEB_USER}" "${SHOP_WP}/wp-config.php"
		chmod 640 "${SHOP_WP}/wp-config.php"
	fi
}

# provision_key: everything the database set-up depends on. When it matches
# the stamp of the last successful run, the PHP set-up steps are skipped.
provision_key() {
	printf 'wp=%s wc=%s hpos=%s url=%s\n' "${WP_VERSION}" "${WC_VERSION}" "${HPOS_WANTED}" "${SITE_URL}"
}

# database_has_wordpress: a cheap check that the stamp is not lying (e.g. a
# wiped data directory): WordPress's options table has our site URL.
database_has_wordpress() {
	local url
	url="$(mariadb_admin_sql -N -B -e "SELECT option_value FROM \`${DB_NAME}\`.wp_options WHERE option_name = 'home'" 2>/dev/null || true)"
	[[ ${url} == "${SITE_URL}" ]]
}

provision_wordpress() {
	local stamp="${SHOP_STATE}/provisioned"
	if [[ "$(cat "${stamp}" 2>/dev/null)" == "$(provision_key)" ]] && database_has_wordpress; then
		return 0
	fi
	rm -f "${stamp}"
	log "installing WordPress ${WP_VERSION} into the database"
	# Not WP-CLI: see that script's opening comment.
	php "${SHOP_BIN}/install-wordpress.php"
	# Activation runs WooCommerce's installer; its set-up needs a fresh process
	# in which WooCommerce is loaded from the start, like a normal request.
	shop_wp plugin activate "${WC_PLUGIN_FILE}" --quiet
	log "setting up WooCommerce ${WC_VERSION} (store, onboarding, order storage, sample data)"
	shop_wp eval-file "${SHOP_BIN}/setup-woocommerce.php" --user=admin >"${SHOP_STATE}/setup-woocommerce.json"
	provision_key >"${stamp}"
}
