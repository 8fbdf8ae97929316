<?php
/**
 * WooCommerce's wc/v1–v4 routes on the plugin's own REST requests: registered only when something asks for them.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Since 9.2 WooCommerce registers its ~100 wc/v1–v4 controllers only on requests to those namespaces, except on
 * requests to a namespace it does not know, such as wc-flashnode/v1: there it registers all of them, because the
 * request might call into them with rest_do_request(). That made a feed poll that finds nothing cost more than
 * the same empty poll through wc/v3/orders (about 20 ms of route registration per request here). The plugin's
 * routes never dispatch into those namespaces (include=orders builds orders with WC_REST_Orders_Controller
 * directly, and asks for wc/v3 with load() because WordPress looks up each order's self link), so on its
 * requests the namespaces are set aside through WooCommerce's public filter and registered, by WooCommerce's own
 * Server, at the moment a request (an internal one from other code included) targets one of them. Not covered:
 * WordPress's batch route matches its sub-requests without rest_pre_dispatch, so an internal /batch/v1 call into
 * wc/v3 made during one of the plugin's requests would not find them. The same idea as WooCommerce's
 * RestApiUtil::lazy_load_namespace() (10.3+), which it applies to wc-analytics only.
 */
final class WooRoutesOnDemand {

	/**
	 * Namespaces set aside, name => controllers, until a request targets them.
	 *
	 * @var array<string,mixed>
	 */
	private static $deferred = array();

	/**
	 * The namespace WooCommerce's Server registers now, or null while namespaces are being set aside.
	 *
	 * @var string|null
	 */
	private static $loading = null;

	/**
	 * For the filter woocommerce_rest_api_get_rest_namespaces (Plugin hooks it at PHP_INT_MAX, after extensions
	 * that add namespaces of their own; WooCommerce applies it on rest_api_init, REST requests only). The
	 * namespaces WooCommerce registers now: none on requests to $own_namespace (they wait in $deferred), only the
	 * one being loaded on demand, and all of them on every other request.
	 *
	 * @param mixed  $namespaces    Namespace => controller classes.
	 * @param string $own_namespace The plugin's namespace, e.g. 'wc-flashnode/v1'.
	 * @return mixed
	 */
	public static function namespaces( $namespaces, string $own_namespace ) {
		if ( ! is_array( $namespaces ) ) {
			return $namespaces;
		}
		if ( null !== self::$loading ) {
			return array_intersect_key( $namespaces, array( self::$loading => true ) );
		}
		// A new server is being built (one per HTTP request; more only in tests): forget what an earlier one left.
		self::$deferred = array();
		remove_filter( 'rest_pre_dispatch', array( self::class, 'load_when_targeted' ), 0 );
		if ( ! self::is_request_to( $own_namespace ) || ! is_callable( array( '\Automattic\WooCommerce\RestApi\Server', 'instance' ) ) ) {
			return $namespaces;
		}
		self::$deferred = $namespaces;
		add_filter( 'rest_pre_dispatch', array( self::class, 'load_when_targeted' ), 0, 3 );
		return array();
	}

	/**
	 * Registers a set-aside namespace when a request targets it, or all of them when the request's route belongs to
	 * no namespace the server has (a controller listed under one key may register routes in a namespace of its
	 * own, and the index '/' lists everything). Priority 0: before rest_handle_options_request() (10), which needs
	 * the routes.
	 *
	 * @param mixed            $result  Response so far.
	 * @param \WP_REST_Server  $server  Server.
	 * @param \WP_REST_Request $request Request.
	 * @return mixed
	 */
	public static function load_when_targeted( $result, $server, $request ) {
		if ( ! $request instanceof \WP_REST_Request || ! $server instanceof \WP_REST_Server ) {
			return $result;
		}
		// WordPress matches routes without regard to case.
		$route = strtolower( trailingslashit( ltrim( $request->get_route(), '/' ) ) );
		foreach ( array_keys( self::$deferred ) as $name ) {
			if ( 0 === strpos( $route, strtolower( trailingslashit( (string) $name ) ) ) ) {
				self::load( (string) $name );
			}
		}
		foreach ( $server->get_namespaces() as $known ) {
			if ( 0 === strpos( $route, strtolower( trailingslashit( $known ) ) ) ) {
				return $result;
			}
		}
		foreach ( array_keys( self::$deferred ) as $name ) {
			self::load( (string) $name );
		}
		return $result;
	}

	/**
	 * Registers one set-aside namespace now, through WooCommerce's own Server (nothing when it is not set aside).
	 * For code that looks routes up without dispatching: WordPress's link target hints (the _links.self of an
	 * order built by WC_REST_Orders_Controller match /wc/v3/orders/<id> against the server's routes).
	 *
	 * @param string $name Namespace, e.g. 'wc/v3'.
	 */
	public static function load( string $name ): void {
		if ( ! array_key_exists( $name, self::$deferred ) ) {
			return;
		}
		unset( self::$deferred[ $name ] );
		self::$loading = $name;
		try {
			$woo_server = \Automattic\WooCommerce\RestApi\Server::instance();
			if ( is_callable( array( $woo_server, 'register_rest_routes' ) ) ) {
				$woo_server->register_rest_routes();
			}
		} finally {
			self::$loading = null;
		}
	}

	/**
	 * Whether this HTTP request is for a namespace (WordPress has parsed the request by rest_api_init).
	 *
	 * @param string $route_namespace E.g. 'wc-flashnode/v1'.
	 */
	private static function is_request_to( string $route_namespace ): bool {
		$route = isset( $GLOBALS['wp'] ) && $GLOBALS['wp'] instanceof \WP ? (string) ( $GLOBALS['wp']->query_vars['rest_route'] ?? '' ) : '';
		return 0 === strpos( trailingslashit( ltrim( $route, '/' ) ), trailingslashit( $route_namespace ) );
	}
}
