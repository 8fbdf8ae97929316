<?php
/**
 * API-key authentication for the feed and acknowledgement routes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Http\NoStore;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce authenticates the key (the wc- namespace) and refuses keys lacking read (GET) or write (POST)
 * permission before the route runs; this class names the key that got through (each consumer is a key) and
 * turns WooCommerce's refusals into the routes' own stable codes. A logged-in browser session without a key is
 * refused: the feed and acknowledgements belong to a consumer, and a cookie names none.
 */
final class KeyGate {

	/** Route prefix of the integrator routes, health included. */
	private const PREFIX = '/' . HealthController::REST_NAMESPACE . '/';

	/** Error code prefix of each key route, by its path after PREFIX (FeedController, AckController). */
	private const CODE_PREFIXES = array(
		'changes' => 'flashnode_feed',
		'acks'    => 'flashnode_acks',
	);

	/**
	 * Hooks the refusal translations and Cache-Control: no-store on every answer of the namespace.
	 */
	public static function register(): void {
		add_filter( 'rest_pre_dispatch', array( self::class, 'explain_permission_refusal' ), 11, 3 );
		add_filter( 'rest_post_dispatch', array( self::class, 'explain_authentication_failure' ), 59, 3 );
		add_filter( 'rest_post_dispatch', array( self::class, 'no_store' ), 60, 3 );
	}

	/**
	 * The key of this request, or the error to answer.
	 *
	 * @param string $prefix Error code prefix: 'flashnode_feed' or 'flashnode_acks'.
	 * @return array<string,mixed>|\WP_Error Key row (PresentedKey::lookup()).
	 */
	public static function key( string $prefix ) {
		$presented = PresentedKey::from_request();
		if ( null === $presented ) {
			return new \WP_Error(
				$prefix . '_key_required',
				__( 'A WooCommerce API key is required: send the consumer key and secret with HTTP Basic Auth over HTTPS, or sign the request with OAuth 1.0a.', 'flashnode-connector' ),
				array( 'status' => 401 )
			);
		}
		$key = PresentedKey::lookup( $presented['consumer_key'] );
		if ( null === $key || 0 === get_current_user_id() || get_current_user_id() !== $key['user_id'] ) {
			return self::invalid_key( $prefix );
		}
		if ( ! wc_rest_check_post_permissions( 'shop_order', 'read' ) ) {
			return new \WP_Error(
				$prefix . '_user_cannot_read_orders',
				__( 'The user this API key belongs to may not read orders. Create the key for a shop manager or administrator.', 'flashnode-connector' ),
				array( 'status' => 403 )
			);
		}
		return $key;
	}

	/**
	 * WooCommerce's "key lacks read/write permission" refusal, for the feed and acks, with a stable code. As in
	 * HealthController: a WooCommerce authentication error at this point means the key itself was accepted.
	 *
	 * @param mixed            $result  Response so far.
	 * @param \WP_REST_Server  $server  Server.
	 * @param \WP_REST_Request $request Request.
	 * @return mixed
	 */
	public static function explain_permission_refusal( $result, $server, $request ) {
		if ( ! $result instanceof \WP_Error || 'woocommerce_rest_authentication_error' !== $result->get_error_code() || ! $request instanceof \WP_REST_Request ) {
			return $result;
		}
		$prefix = self::code_prefix( $request );
		if ( null === $prefix ) {
			return $result;
		}
		if ( ! self::serves_method( $server, $request ) ) {
			// WooCommerce judges the key by the HTTP method alone (GET needs read, POST/DELETE write) before
			// WordPress looks for a handler, so POST /changes with a read-only key was refused as if reading were
			// the problem. No handler serves that method, so nothing would run: without WooCommerce's refusal
			// WordPress answers its own 404 rest_no_route, as it does for a key with every permission.
			return null;
		}
		if ( 'flashnode_feed' === $prefix ) {
			return new \WP_Error( 'flashnode_feed_key_cannot_read', __( 'This API key lacks read permission. Use a key with Read or Read/Write permissions.', 'flashnode-connector' ), array( 'status' => 403 ) );
		}
		return new \WP_Error( 'flashnode_acks_key_cannot_write', __( 'Acknowledgements need an API key with Write or Read/Write permissions.', 'flashnode-connector' ), array( 'status' => 403 ) );
	}

	/**
	 * The error code prefix of a key route this request targets, or null. WordPress matches routes without regard
	 * to case (/wc-flashnode/v1/CHANGES reaches the feed), so this does too.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	private static function code_prefix( \WP_REST_Request $request ): ?string {
		$route = strtolower( $request->get_route() );
		return 0 === strpos( $route, self::PREFIX ) ? ( self::CODE_PREFIXES[ substr( $route, strlen( self::PREFIX ) ) ] ?? null ) : null;
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
		foreach ( $server->get_routes( HealthController::REST_NAMESPACE ) as $route => $handlers ) {
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

	/**
	 * WooCommerce's own refusal of a known key with a wrong secret or signature (or an incomplete OAuth request),
	 * which WordPress answers before any route runs, for the feed and acks with their own stable code. Unknown key
	 * and wrong secret get the same answer, so it reveals nothing about which keys exist. At this point a
	 * woocommerce_rest_authentication_error is an authentication failure: a key lacking permission was turned into
	 * the route's 403 in rest_pre_dispatch (explain_permission_refusal()).
	 *
	 * @param mixed            $response Response about to be sent.
	 * @param \WP_REST_Server  $server   Server.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public static function explain_authentication_failure( $response, $server, $request ) {
		if ( ! $response instanceof \WP_REST_Response || ! $request instanceof \WP_REST_Request || ! $response->is_error() ) {
			return $response;
		}
		$prefix = self::code_prefix( $request );
		$data   = $response->get_data();
		$code   = is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : '';
		if ( null === $prefix || ! in_array( $code, PresentedKey::WOOCOMMERCE_REFUSALS, true ) ) {
			return $response;
		}
		$error = self::invalid_key( $prefix );
		$response->set_data(
			array(
				'code'    => $error->get_error_code(),
				'message' => $error->get_error_message(),
				'data'    => array( 'status' => 401 ),
			)
		);
		$response->set_status( 401 );
		return $response;
	}

	/**
	 * The refusal of an unknown key, a wrong secret or signature, or a key sent in clear.
	 *
	 * @param string $prefix Error code prefix.
	 */
	private static function invalid_key( string $prefix ): \WP_Error {
		return new \WP_Error(
			$prefix . '_invalid_key',
			__( 'Unknown API key or wrong secret, or a key sent in clear over plain HTTP (use HTTPS or OAuth 1.0a).', 'flashnode-connector' ),
			array( 'status' => 401 )
		);
	}

	/**
	 * Every answer under wc-flashnode/v1, errors included, must never be served from a cache: a stale feed page
	 * or health "ok" is worse than none. That includes the namespace's index, whose route WordPress hands on
	 * without the trailing slash (/wc-flashnode/v1), and any spelling of the path WordPress matches regardless
	 * of case.
	 *
	 * @param mixed            $response Response.
	 * @param \WP_REST_Server  $server   Server.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public static function no_store( $response, $server, $request ) {
		$route = $request instanceof \WP_REST_Request ? strtolower( $request->get_route() ) : '';
		if ( $response instanceof \WP_REST_Response && ( rtrim( self::PREFIX, '/' ) === $route || 0 === strpos( $route, self::PREFIX ) ) ) {
			NoStore::mark( $response );
		}
		return $response;
	}
}
