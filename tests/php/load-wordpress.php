<?php
/**
 * Loads the local shop's real WordPress + WooCommerce (with the plugin installed from its zip) at global scope,
 * before PHPUnit starts: wp-settings.php relies on file-scope globals, which a PHPUnit bootstrap (included
 * inside a method) would turn into locals. bin/test-php.sh passes this file as auto_prepend_file.
 *
 * @package Flashnode\Connector\Tests
 */

// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited -- setting up the request a CLI run lacks.

require_once __DIR__ . '/ProblemCollector.php';

// FLASHNODE_SHOP_DIR: another shop than the repository's .shop/ (bin/test-compat.sh).
$flashnode_shop_json = ( getenv( 'FLASHNODE_SHOP_DIR' ) ? rtrim( (string) getenv( 'FLASHNODE_SHOP_DIR' ), '/' ) : dirname( __DIR__, 2 ) . '/.shop' ) . '/shop.json';
if ( ! is_readable( $flashnode_shop_json ) ) {
	fwrite( STDERR, "The local shop is not set up: run `npm start` (or `bash bin/shop.sh start`) first.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 1 );
}
$flashnode_shop = json_decode( (string) file_get_contents( $flashnode_shop_json ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions

// WordPress reads these to build URLs and decide on HTTPS, as it would for a request to the shop.
$flashnode_url             = (array) parse_url( $flashnode_shop['url'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
$_SERVER['HTTP_HOST']      = $flashnode_url['host'] . ( isset( $flashnode_url['port'] ) ? ':' . $flashnode_url['port'] : '' );
$_SERVER['SERVER_NAME']    = $flashnode_url['host'];
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['HTTPS']          = 'on';
$_SERVER['SERVER_PORT']    = (string) ( $flashnode_url['port'] ?? 443 );
$_SERVER['REMOTE_ADDR']    = '127.0.0.1';
$_SERVER['REQUEST_METHOD'] = 'GET';
// The shop is served by Apache; WordPress derives $is_apache (used by the .htaccess fix) from this.
$_SERVER['SERVER_SOFTWARE'] = 'Apache';

\Flashnode\Connector\Tests\ProblemCollector::start( $flashnode_shop['wordpressDir'] . '/wp-content/plugins/flashnode-connector/' );

require $flashnode_shop['wordpressDir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

