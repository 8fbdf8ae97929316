<?php
/**
 * Plugin Name: Flashnode test plugins_api (local shop only)
 * Description: Test-only. Copied into wp-content/mu-plugins by bin/shop.sh; never part of the plugin zip.
 *
 * Lets the Legacy REST API fix's install path run offline: while a browser test has put the plugin's zip at
 * wp-content/uploads/flashnode-test/woocommerce-legacy-rest-api.zip, plugins_api() answers for that slug with a
 * download link to that file on this shop, as WordPress.org would with its own. Plugin_Upgrader then downloads,
 * unpacks and installs it for real. Without the file, WordPress.org is asked as usual.
 *
 * @package FlashnodeConnector\TestStack
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'plugins_api',
	static function ( $result, $action, $args ) {
		$relative = 'uploads/flashnode-test/woocommerce-legacy-rest-api.zip';
		if ( 'plugin_information' !== $action || ! is_object( $args ) || 'woocommerce-legacy-rest-api' !== ( $args->slug ?? '' ) || ! is_file( WP_CONTENT_DIR . '/' . $relative ) ) {
			return $result;
		}
		return (object) array(
			'name'          => 'WooCommerce Legacy REST API',
			'slug'          => 'woocommerce-legacy-rest-api',
			'version'       => '1.0.1',
			'download_link' => content_url( $relative ),
		);
	},
	10,
	3
);
