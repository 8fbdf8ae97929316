<?php
/**
 * WooCommerce API-key authentication for the integrator routes (wc-flashnode/v1).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Http\NoStore;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce authenticates the key (the namespace starts with "wc-") and, in rest_pre_dispatch, refuses a key
 * lacking the permission the HTTP method needs (GET read, POST/DELETE write); a wrong secret or signature it
 * refuses before any route runs. This class is the one place that turns those refusals into the routes' own
 * stable codes (one hook before dispatch, one after), names the key that got through (each consumer is a key),
 * and marks every answer of the namespace no-store. The routes declare what they need with guard(); the words
 * of every refusal are in KeyRefusals.
 */
final class KeyAuthentication {

	/** The key permissions that grant each need. */
	private const GRANTED_BY = array(
		'read'  => array( 'read', 'read_write' ),
		'write' => array( 'write', 'read_write' ),
	);

	/**
	 * The guarded routes, by lower-case path (WordPress matches routes regardless of case, so /CHANGES reaches the
	 * feed): error code prefix, the permission needed, and what to do with each answer afterwards.
	 *
	 * @var array<string,array{prefix:string,needs:string,after:?callable}>
	 */
	private static $routes = array();

	/**
	 * Hooks the two filters once; a route calls this with what it needs. Called on rest_api_init.
	 *
	 * @param string        $route  Path, e.g. /wc-flashnode/v1/changes.
	 * @param string        $prefix Error code prefix, e.g. flashnode_feed.
	 * @param string        $needs  'read' or 'write'.
	 * @param callable|null $after  Called with each answer of the route, once it is final (the health log).
	 */
	public static function guard( string $route, string $prefix, string $needs, ?callable $after = null ): void {
		self::$routes[ strtolower( $route ) ] = array(
			'prefix' => $prefix,
			'needs'  => $needs,
			'after'  => $after,
		);
		if ( ! has_filter( 'rest_pre_dispatch', array( self::class, 'before_dispatch' ) ) ) {
			add_filter( 'rest_pre_dispatch', array( self::class, 'before_dispatch' ), 11, 3 );
			add_filter( 'rest_post_dispatch', array( self::class, 'after_dispatch' ), 60, 3 );
		}
	}

	/**
	 * WooCommerce recognises its API by "/wp-json/wc-" in the URL; on Plain permalinks the route travels in
	 * ?rest_route= instead, so tell WooCommerce to authenticate those requests too. Hooked by the bootstrap
	 * file itself: WordPress may determine the current user before plugins_loaded.
	 *
	 * @param bool $is_api_request WooCommerce's own decision.
	 */
	public static function authenticate_plain_permalink_requests( $is_api_request ): bool {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing decision only.
		$route = isset( $_GET['rest_route'] ) && is_string( $_GET['rest_route'] ) ? sanitize_text_field( wp_unslash( $_GET['rest_route'] ) ) : '';
		return (bool) $is_api_request || 0 === strpos( $route, '/' . IntegratorController::REST_NAMESPACE . '/' );
	}

	/**
	 * The key a keyed route accepts, or the refusal to answer. A logged-in browser session without a key is
	 * refused: the feed and acknowledgements belong to a consumer, and a cookie names none.
	 *
	 * @param string $prefix Error code prefix.
	 * @param string $needs  'read' or 'write'.
	 * @return array<string,mixed>|\WP_Error Key row (PresentedKey::lookup()).
	 */
	public static function key( string $prefix, string $needs ) {
		$presented = PresentedKey::from_request();
		if ( null === $presented ) {
			return KeyRefusals::key_required( $prefix );
		}
		$key = self::authenticated( $presented );
		if ( null === $key ) {
			return KeyRefusals::invalid_key( $prefix );
		}
		if ( ! wc_rest_check_post_permissions( 'shop_order', 'read' ) ) {
			return KeyRefusals::user_cannot_read_orders( $prefix );
		}
		// WooCommerce refuses such keys already (before_dispatch()); checked again so no other path can skip it.
		return self::grants( $key, $needs ) ? $key : KeyRefusals::lacks_permission( $prefix );
	}

	/**
	 * The row of the presented key if WooCommerce authenticated the request with it (a key sent in clear over
	 * plain HTTP, which WooCommerce ignores, leaves the request anonymous), else null.
	 *
	 * @param array{consumer_key:string,via:string} $presented PresentedKey::from_request().
	 * @return array<string,mixed>|null
	 */
	public static function authenticated( array $presented ): ?array {
		$key = PresentedKey::lookup( $presented['consumer_key'] );
		return null === $key || 0 === get_current_user_id() || get_current_user_id() !== $key['user_id'] ? null : $key;
	}

	/**
	 * WooCommerce's refusal of an accepted key that lacks the permission of the HTTP method, in the route's words.
	 * A woocommerce_rest_authentication_error at this point means the key and its secret or signature were
	 * accepted (a failed authentication never gets this far); decided from the key's row, never from WooCommerce's
	 * message, which is translated on shops in other languages, nor from the current user, whom a logged-in cookie
	 * can set whatever the key.
	 *
	 * @param mixed            $result  Response so far (WooCommerce's error, if any).
	 * @param \WP_REST_Server  $server  Server.
	 * @param \WP_REST_Request $request Request.
	 * @return mixed
	 */
	public static function before_dispatch( $result, $server, $request ) {
		if ( ! $result instanceof \WP_Error || 'woocommerce_rest_authentication_error' !== $result->get_error_code() || ! $request instanceof \WP_REST_Request ) {
			return $result;
		}
		$route = self::$routes[ strtolower( $request->get_route() ) ] ?? null;
		if ( null === $route ) {
			return $result;
		}
		if ( ! self::serves_method( $server, $request ) ) {
			// WooCommerce judges the key by the HTTP method alone before WordPress looks for a handler, so POST
			// /changes with a read-only key was refused as if reading were the problem. No handler serves that
			// method, so nothing would run: without WooCommerce's refusal WordPress answers its own 404
			// rest_no_route, as it does for a key with every permission.
			return null;
		}
		$presented = PresentedKey::from_request();
		$key       = null === $presented ? null : PresentedKey::lookup( $presented['consumer_key'] );
		if ( null === $key || self::grants( $key, $route['needs'] ) ) {
			return $result;
		}
		return KeyRefusals::lacks_permission( $route['prefix'] );
	}

	/**
	 * Every answer under wc-flashnode/v1, errors and the namespace index included, must never be served from a
	 * cache: a stale feed page or health "ok" is worse than none. WooCommerce's own refusal of a presented key
	 * (wrong secret or signature, incomplete OAuth request), which WordPress answers before any route runs, gets
	 * the route's stable code instead; then the route sees its final answer (see guard()).
	 *
	 * @param mixed            $response Response about to be sent.
	 * @param \WP_REST_Server  $server   Server.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public static function after_dispatch( $response, $server, $request ) {
		if ( ! $response instanceof \WP_REST_Response || ! $request instanceof \WP_REST_Request ) {
			return $response;
		}
		$path   = strtolower( $request->get_route() );
		$prefix = '/' . IntegratorController::REST_NAMESPACE;
		// The index's route comes without the trailing slash (/wc-flashnode/v1).
		if ( $prefix === $path || 0 === strpos( $path, $prefix . '/' ) ) {
			NoStore::mark( $response );
		}
		$route = self::$routes[ $path ] ?? null;
		if ( null === $route ) {
			return $response;
		}
		$data = $response->get_data();
		$code = $response->is_error() && is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : '';
		if ( in_array( $code, PresentedKey::WOOCOMMERCE_REFUSALS, true ) ) {
			$error = KeyRefusals::refused_by_woocommerce( $route['prefix'], $code );
			$response->set_data(
				array(
					'code'    => $error->get_error_code(),
					'message' => $error->get_error_message(),
					'data'    => array( 'status' => 401 ),
				)
			);
			$response->set_status( 401 );
		}
		if ( null !== $route['after'] ) {
			call_user_func( $route['after'], $response );
		}
		return $response;
	}

	/**
	 * Whether the key's permissions grant a need.
	 *
	 * @param array<string,mixed> $key   Key row.
	 * @param string              $needs 'read' or 'write'.
	 */
	private static function grants( array $key, string $needs ): bool {
		return in_array( $key['permissions'], self::GRANTED_BY[ $needs ] ?? array(), true );
	}

	/**
	 * Whether a registered handler of the request's route takes its method, as WP_REST_Server decides it (HEAD is
	 * served by a GET handler).
	 *
	 * @param mixed            $server  Server.
	 * @param \WP_REST_Request $request Request.
	 */
	private static function serves_method( $server, \WP_REST_Request $request ): bool {
		if ( ! $server instanceof \WP_REST_Server ) {
			return true;
		}
		$method = $request->get_method();
		foreach ( $server->get_routes( IntegratorController::REST_NAMESPACE ) as $route => $handlers ) {
			if ( ! preg_match( '@^' . $route . '$@i', $request->get_route() ) ) {
				continue;
			}
			foreach ( $handlers as $handler ) {
				if ( ! empty( $handler['methods'][ $method ] ) || ( 'HEAD' === $method && ! empty( $handler['methods']['GET'] ) ) ) {
					return true;
				}
			}
		}
		return false;
	}
}
