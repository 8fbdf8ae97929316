<?php
/**
 * Loads the local shop's WordPress for bin/shop/install-wordpress.php, the way its installer does (WP_INSTALLING):
 * WordPress may not be installed yet, which is why that step cannot be WP-CLI (see there). Everything else runs
 * through WP-CLI (bin/wp-cli/wp.sh).
 *
 * Require this file from the TOP LEVEL of a script (never from inside a
 * function): wp-config.php and wp-settings.php create global variables such
 * as $table_prefix, which only work when WordPress is loaded in global scope.
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.GlobalVariablesOverride, WordPress.PHP.DevelopmentFunctions

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

require_once __DIR__ . '/functions.php';

shop_fake_http_request();
register_shutdown_function( 'shop_report_fatal_error' );

// WordPress's "critical error" page is HTML for browsers; we report fatal
// errors on stderr instead (shop_report_fatal_error).
define( 'WP_DISABLE_FATAL_ERROR_HANDLER', true );
define( 'WP_INSTALLING', true );

if ( ! is_file( shop_wp_dir() . '/wp-load.php' ) ) {
	shop_fail( 'no WordPress in ' . shop_wp_dir() . ' (run: bash bin/shop.sh start)' );
}

// Errors before wp-config.php's WP_DEBUG_LOG takes over land in php-errors.log
// (as they do under Apache), not in the CLI's default (stderr/syslog).
// phpcs:disable WordPress.PHP.IniSet, WordPress.PHP.DiscouragedPHPFunctions.runtime_configuration_error_reporting
ini_set( 'log_errors', '1' );
ini_set( 'error_log', dirname( shop_wp_dir() ) . '/logs/php-errors.log' );
error_reporting( E_ALL );
// phpcs:enable

require_once shop_wp_dir() . '/wp-load.php';

add_filter( 'wp_die_handler', 'shop_wp_die_handler_name' );
add_filter( 'wp_die_ajax_handler', 'shop_wp_die_handler_name' );
add_filter( 'wp_die_json_handler', 'shop_wp_die_handler_name' );
