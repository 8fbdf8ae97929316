<?php
/**
 * Installs (or upgrades) WordPress core in the local shop without WP-CLI:
 * wp_install() as wp-admin/install.php calls it, then site URL, pretty
 * permalinks with their .htaccess, and a working theme. Idempotent.
 *
 * Why not WP-CLI: `wp core install` / `wp core update-db` are wp-cli/core-command, which this machine's Composer
 * repository does not hold, and every other WP-CLI command (eval-file included) refuses to run before WordPress is
 * installed. Everything after this step goes through WP-CLI (bin/wp-cli/wp.sh); this script and lib/bootstrap.php,
 * which loads WordPress the way its installer does, are all that is left of the shop's own CLI.
 *
 * Usage: php bin/shop/install-wordpress.php   (run by bin/shop.sh start)
 *
 * @package FlashnodeConnector\Shop
 */

// WordPress may not be installed yet: load it the way its installer does.
require __DIR__ . '/lib/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/misc.php';
require_once ABSPATH . 'wp-admin/includes/file.php';

$site_url = 'https://127.0.0.1:' . shop_https_port();

if ( ! is_blog_installed() ) {
	$result = wp_install( 'Flashnode Test Shop', 'admin', 'admin@example.test', true, '', 'admin-password' );
	if ( empty( $result['user_id'] ) ) {
		shop_fail( 'wp_install() did not create the admin user' );
	}
	echo "installed WordPress {$GLOBALS['wp_version']}\n";
} elseif ( (int) get_option( 'db_version' ) !== (int) $GLOBALS['wp_db_version'] ) {
	// Core files were replaced by another version: migrate the database.
	wp_upgrade();
	echo "upgraded the WordPress database to {$GLOBALS['wp_version']}\n";
}

update_option( 'siteurl', $site_url );
update_option( 'home', $site_url );
update_option( 'blogdescription', 'Local development and test shop' );
update_option( 'admin_email_lifespan', time() + YEAR_IN_SECONDS * 10 ); // No "confirm admin email" screen.

shop_set_pretty_permalinks();
shop_ensure_working_theme();
shop_fix_ownership();

/**
 * Keep the active theme usable. Trees copied from site repositories may ship
 * an incomplete default theme (style.css only); then prefer another valid
 * installed theme, else the test stack's minimal theme.
 */
function shop_ensure_working_theme(): void {
	$current = wp_get_theme();
	if ( $current->exists() && ! $current->errors() ) {
		return;
	}
	$candidates = array_keys( wp_get_themes( array( 'errors' => false ) ) );
	if ( ! $candidates ) {
		shop_fail( 'no working theme in ' . get_theme_root() );
	}
	// Prefer a bundled default theme ("twenty…", newest first), then ours.
	rsort( $candidates );
	$twenty     = preg_grep( '/^twenty/', $candidates );
	$stylesheet = $twenty ? reset( $twenty ) : ( in_array( 'flashnode-test-theme', $candidates, true ) ? 'flashnode-test-theme' : reset( $candidates ) );
	switch_theme( $stylesheet );
	echo "theme '{$current->get_stylesheet()}' is not usable; switched to '$stylesheet'\n";
}
