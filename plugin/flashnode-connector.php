<?php
/**
 * Plugin Name:          Flashnode Connector for WooCommerce
 * Description:          Connects a WooCommerce shop to Flashnode and similar order-integration services: readiness checks, API keys, webhooks and a health endpoint, without a manual set-up guide.
 * Version:              0.4.0
 * Author:               Flashnode
 * License:              GPL-2.0-or-later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:          flashnode-connector
 * Domain Path:          /languages
 * Requires at least:    6.1
 * Requires PHP:         7.4
 * Requires Plugins:     woocommerce
 * WC requires at least: 7.8
 * WC tested up to:      10.5
 *
 * @package Flashnode\Connector
 */

defined( 'ABSPATH' ) || exit;

define( 'FLASHNODE_CONNECTOR_VERSION', '0.4.0' );
define( 'FLASHNODE_CONNECTOR_FILE', __FILE__ );
define( 'FLASHNODE_CONNECTOR_MIN_WC_VERSION', '7.8' );

// PSR-4: Flashnode\Connector\Foo\Bar lives in php/Foo/Bar.php. Small enough not to need Composer at runtime.
spl_autoload_register(
	static function ( $class_name ) {
		$prefix = 'Flashnode\\Connector\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$file = __DIR__ . '/php/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

// Declared before WooCommerce initialises, as WooCommerce requires; the plugin reads orders only through WooCommerce's CRUD/REST APIs.
add_action(
	'before_woocommerce_init',
	static function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', FLASHNODE_CONNECTOR_FILE, true );
		}
	}
);

// WordPress may authenticate the request before plugins_loaded; WooCommerce asks this then (inert without WooCommerce).
// Only ?rest_route= requests need it, so other requests (storefront pages) do not load the key authentication's class.
if ( isset( $_GET['rest_route'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing decision only.
	add_filter( 'woocommerce_rest_is_request_to_rest_api', array( \Flashnode\Connector\Integrator\KeyAuthentication::class, 'authenticate_plain_permalink_requests' ) );
}

// The order change log's table (see php/Feed/ChangeLog.php); without WooCommerce it is created on the first
// request that has WooCommerce, so that existing orders are seeded from the right storage.
register_activation_hook(
	__FILE__,
	static function () {
		if ( \Flashnode\Connector\Requirements::are_met() ) {
			\Flashnode\Connector\Feed\ChangeLogSchema::install();
		}
	}
);

// WooCommerce loads on plugins_loaded too; by priority 20 it has defined its class and version.
add_action(
	'plugins_loaded',
	static function () {
		if ( ! \Flashnode\Connector\Requirements::are_met() ) {
			// WordPress < 6.5 ignores "Requires Plugins", so say plainly why nothing else is loaded.
			add_action( 'admin_notices', array( \Flashnode\Connector\Requirements::class, 'print_notice' ) );
			return;
		}
		( new \Flashnode\Connector\Plugin() )->register();
	},
	20
);
