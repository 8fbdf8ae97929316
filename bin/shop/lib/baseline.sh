# shellcheck shell=bash
# The state every test starts from, made again by each `bash bin/shop.sh start`: our plugin installed from its zip,
# and whatever a test run changed for its own use undone. A run that is killed (Ctrl-C, a crash, a timeout) never
# reaches its specs' afterAll/finally, and what it left behind made every later run fail (a Legacy REST API plugin
# moved aside: "ENOTEMPTY" on the next move, "plugin could not be found" on every `wp plugin deactivate`). Sourced.

LEGACY_PLUGIN_DIR="${WP_PLUGINS}/woocommerce-legacy-rest-api"
# Where tests/e2e/legacy-api-install.spec.ts moves the installed plugin while it has WordPress install it again.
LEGACY_PLUGIN_BACKUP="${SHOP_DIR}/legacy-api-plugin-backup"

# repair_leftovers: files a test run writes or moves for its own use, put back before anything is installed
# (install_wordpress_files then fills in whatever is still missing from its source).
repair_leftovers() {
	local mu_dir="${SHOP_WP}/wp-content/mu-plugins" file
	if [[ -d ${LEGACY_PLUGIN_BACKUP} ]]; then
		log "restoring the Legacy REST API plugin an interrupted test run had moved to ${LEGACY_PLUGIN_BACKUP}"
		rm -rf "${LEGACY_PLUGIN_DIR}"
		mkdir -p "${WP_PLUGINS}"
		mv "${LEGACY_PLUGIN_BACKUP}" "${LEGACY_PLUGIN_DIR}"
	fi
	# The same spec's zip, which the test-only plugins_api filter would keep offering in place of WordPress.org.
	if [[ -e ${SHOP_WP}/wp-content/uploads/flashnode-test ]]; then
		log "removing a test run's leftover wp-content/uploads/flashnode-test/"
		rm -rf "${SHOP_WP}/wp-content/uploads/flashnode-test"
	fi
	# Must-use plugins a browser test wrote (writeMuPlugin() in tests/e2e/shop.ts starts each with this line) turn
	# WP-Cron off, block the REST API, translate WooCommerce, …; the bench's own (bench/lib/stack.ts) and its
	# SAVEQUERIES drop-in slow every request down. The bench installs its own again after it started the shop.
	for file in "${mu_dir}"/*.php "${SHOP_STATE}/wp-config-bench.php"; do
		[[ -f ${file} ]] || continue
		if [[ ${file} == "${mu_dir}/flashnode-bench.php" || ${file} == "${SHOP_STATE}/wp-config-bench.php" ]] ||
			sed -n 2p "${file}" | grep -qx '// Written by a browser test; removed when it ends\.'; then
			log "removing a test run's leftover ${file#"${SHOP_DIR}/"}"
			rm -f "${file}"
		fi
	done
}

# plugin_zip_path: dist/flashnode-connector.zip, built when missing.
plugin_zip_path() {
	local zip="${FLASHNODE_PLUGIN_ZIP:-${SHOP_REPO}/dist/flashnode-connector.zip}"
	if [[ -n ${FLASHNODE_PLUGIN_ZIP:-} ]]; then
		[[ -f ${zip} ]] || die "FLASHNODE_PLUGIN_ZIP=${zip} does not exist"
	elif [[ ! -f ${zip} ]]; then
		log "building the plugin zip (npm run plugin-zip)" >&2
		(
			cd "${SHOP_REPO}"
			bash bin/install-deps.sh node >&2
			npm run plugin-zip >&2
		) || die "npm run plugin-zip failed"
		[[ -f ${zip} ]] || die "npm run plugin-zip did not produce ${zip}"
	fi
	printf '%s\n' "${zip}"
}

# install_our_plugin: install the zip with `wp plugin install` (WordPress's Plugin_Upgrader, as wp-admin's
# upload) when it changed (sha256 stamp) or the plugin is gone. restore_baseline activates it.
install_our_plugin() {
	local zip sum stamp="${SHOP_STATE}/plugin-zip.sha256"
	zip="$(plugin_zip_path)"
	sum="$(sha256sum "${zip}" | cut -d' ' -f1)"
	PLUGIN_ZIP="${zip}"
	if [[ "$(cat "${stamp}" 2>/dev/null)" == "${sum}" && -f ${WP_PLUGINS}/${OUR_PLUGIN_FILE} ]]; then
		return 0
	fi
	log "installing ${zip} through WordPress's plugin upgrader (wp plugin install)"
	# Without loading the copy being replaced: one that fails to load (an interrupted earlier install, an old build)
	# would otherwise stop WP-CLI before it could replace it.
	shop_wp plugin install "${zip}" --force --quiet --skip-plugins=flashnode-connector
	printf '%s\n' "${sum}" >"${stamp}"
}

# restore_baseline: WooCommerce and our plugin active, the Legacy REST API plugin inactive, pretty permalinks with
# WordPress's own rewrite block (bin/shop/baseline.php). One WP-CLI run, as the activation alone cost before.
restore_baseline() {
	local repaired
	repaired="$(shop_wp eval-file "${SHOP_BIN}/baseline.php")" || die "restoring the shop's plugins and permalinks failed (bin/shop/baseline.php)"
	[[ -z ${repaired} ]] || printf '[shop] %s\n' "${repaired//$'\n'/$'\n'[shop] }"
}
