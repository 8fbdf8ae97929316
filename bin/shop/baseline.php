<?php
/**
 * The plugins and permalinks every test starts from, made again on each `bash bin/shop.sh start`: WooCommerce and
 * Flashnode Connector active, the WooCommerce Legacy REST API plugin installed but inactive (the specs that need it
 * activate it and deactivate it again), pretty permalinks with WordPress's own rewrite block in .htaccess. A test run
 * that was killed leaves its own changes (owner-path.spec.ts deactivates WooCommerce and deletes the plugin,
 * readiness.spec.ts switches to plain permalinks, htaccess-fix.spec.ts strips the Authorization rewrite, the legacy
 * specs activate the Legacy plugin). Prints one line per repair, nothing when the shop was as it should be.
 *
 * Usage: bash bin/wp-cli/wp.sh eval-file bin/shop/baseline.php   (run by bin/shop.sh start)
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.AlternativeFunctions

require_once __DIR__ . '/lib/functions.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
// flush_rewrite_rules( true ) writes .htaccess only when these are loaded (save_mod_rewrite_rules(), get_home_path()).
require_once ABSPATH . 'wp-admin/includes/misc.php';
require_once ABSPATH . 'wp-admin/includes/file.php';

// WooCommerce first: the plugin's activation expects it loaded.
foreach ( array( 'woocommerce/woocommerce.php', 'flashnode-connector/flashnode-connector.php' ) as $shop_plugin ) {
	if ( is_plugin_active( $shop_plugin ) ) {
		continue;
	}
	// What `wp plugin activate` runs, activation hook (WooCommerce's installer) included.
	$shop_result = activate_plugin( $shop_plugin );
	if ( is_wp_error( $shop_result ) ) {
		shop_fail( "could not activate {$shop_plugin}: " . $shop_result->get_error_message() );
	}
	echo "activated {$shop_plugin}\n";
}

// The push fault test's compressed retry schedule (tests/stack/mu-plugins/flashnode-test-fast-retries.php) is on
// only while that test runs.
if ( false !== get_option( 'flashnode_test_fast_retries', false ) ) {
	delete_option( 'flashnode_test_fast_retries' );
	echo "turned off a test run's fast delivery retries (option flashnode_test_fast_retries)\n";
}

$shop_legacy = 'woocommerce-legacy-rest-api/woocommerce-legacy-rest-api.php';
if ( is_plugin_active( $shop_legacy ) ) {
	deactivate_plugins( $shop_legacy );
	echo "deactivated {$shop_legacy} (installed, inactive until a test activates it)\n";
}

$shop_htaccess = ABSPATH . '.htaccess';
if ( '/%postname%/' !== get_option( 'permalink_structure' ) || ! is_file( $shop_htaccess )
	|| false === strpos( (string) file_get_contents( $shop_htaccess ), 'E=HTTP_AUTHORIZATION' ) ) {
	shop_set_pretty_permalinks();
	echo "set pretty permalinks (/%postname%/) and WordPress's rewrite rules in .htaccess\n";
}
