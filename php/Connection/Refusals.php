<?php
/**
 * What WooCommerce refused the connected services, and which scope would have allowed it.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * A service whose scopes are too narrow gets WooCommerce's own 401/403, and its developers may not tell the owner.
 * So the refusals of a service user's requests to WooCommerce's REST API (wc/…) and to our routes are kept (and
 * those of the Legacy API, wc-api/v3, which is not WP REST: Integrator\LegacyRefusals), the last few per
 * connection, with the scope that would allow the call, for the connection's card ("QA ERP was refused: needs
 * products:write"). Only refused requests of service users write anything.
 */
final class Refusals {

	/** Option: connection id => newest-first refusals (not autoloaded). */
	public const OPTION = 'flashnode_connector_refusals';

	/** Kept per connection. */
	private const KEPT = 10;

	/**
	 * Watches the answers of REST requests (called on rest_api_init).
	 */
	public static function register(): void {
		add_filter( 'rest_post_dispatch', array( self::class, 'watch' ), 99, 3 );
	}

	/**
	 * Notes a refused request of a service user.
	 *
	 * @param \WP_HTTP_Response|mixed $response The answer.
	 * @param \WP_REST_Server         $server   Server.
	 * @param \WP_REST_Request        $request  Request.
	 * @return \WP_HTTP_Response|mixed The answer, unchanged.
	 */
	public static function watch( $response, $server, $request ) {
		if ( ! $response instanceof \WP_HTTP_Response || ! in_array( $response->get_status(), array( 401, 403 ), true ) || ! $request instanceof \WP_REST_Request ) {
			return $response;
		}
		$route = (string) $request->get_route();
		if ( 0 !== strpos( $route, '/wc/' ) && 0 !== strpos( $route, '/wc-flashnode/' ) ) {
			return $response;
		}
		$connection = self::of_current_user();
		if ( null !== $connection ) {
			$data = $response->get_data();
			self::note( $connection['id'], $request->get_method(), $route, is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : '' );
		}
		return $response;
	}

	/**
	 * The connection whose service user the current user is, or null (the owner, a customer, a key made by hand).
	 *
	 * @return array<string,mixed>|null
	 */
	public static function of_current_user(): ?array {
		$user = wp_get_current_user();
		if ( ! ServiceUser::is_service_user( $user ) ) {
			return null;
		}
		foreach ( Connections::all() as $connection ) {
			if ( $connection['user_id'] === (int) $user->ID ) {
				return $connection;
			}
		}
		return null;
	}

	/**
	 * Keeps a refusal of a connection's request, with the scope that would allow it.
	 *
	 * @param string $id     Connection id.
	 * @param string $method HTTP method.
	 * @param string $route  Route, e.g. /wc/v3/products/12 or /wc-api/v3/products/12.
	 * @param string $code   The refusal's error code.
	 */
	public static function note( string $id, string $method, string $route, string $code ): void {
		self::record(
			$id,
			array(
				'at_utc' => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'method' => strtoupper( $method ),
				'route'  => $route,
				'code'   => $code,
				'needs'  => self::scope_for( $method, $route ),
			)
		);
	}

	/**
	 * A connection's refusals, newest first.
	 *
	 * @param string $id Connection id.
	 * @return array<int,array{at_utc:string,method:string,route:string,code:string,needs:?string}>
	 */
	public static function of( string $id ): array {
		$all = get_option( self::OPTION, array() );
		return is_array( $all ) && isset( $all[ $id ] ) && is_array( $all[ $id ] ) ? array_values( $all[ $id ] ) : array();
	}

	/**
	 * Forgets a connection's refusals (it was disconnected).
	 *
	 * @param string $id Connection id.
	 */
	public static function forget( string $id ): void {
		$all = get_option( self::OPTION, array() );
		if ( is_array( $all ) && isset( $all[ $id ] ) ) {
			unset( $all[ $id ] );
			update_option( self::OPTION, $all, false );
		}
	}

	/**
	 * The scope that allows a call, or null when none does (settings, payment methods, webhooks…).
	 *
	 * @param string $method HTTP method.
	 * @param string $route  REST route.
	 */
	public static function scope_for( string $method, string $route ): ?string {
		$read = in_array( strtoupper( $method ), array( 'GET', 'HEAD' ), true );
		if ( preg_match( '#^/wc/v\d+/orders(/|$)|^/wc-api/v\d/orders(/|$)|^/wc-flashnode/#', $route ) ) {
			return 'DELETE' === strtoupper( $method ) ? null : ( $read || 0 === strpos( $route, '/wc-flashnode/v1/changes' ) ? Scopes::ORDERS_READ : Scopes::ORDERS_WRITE );
		}
		if ( preg_match( '#^/(wc/v\d+|wc-api/v\d)/products(/|$)#', $route ) ) {
			return 'DELETE' === strtoupper( $method ) ? null : ( $read ? 'products:read' : 'products:write' );
		}
		if ( preg_match( '#^/(wc/v\d+|wc-api/v\d)/customers(/|$)#', $route ) ) {
			return $read ? 'customers:read' : null;
		}
		return null;
	}

	/**
	 * Keeps a refusal.
	 *
	 * @param string              $id      Connection id.
	 * @param array<string,mixed> $refusal The refusal.
	 */
	private static function record( string $id, array $refusal ): void {
		$all        = get_option( self::OPTION, array() );
		$all        = is_array( $all ) ? $all : array();
		$all[ $id ] = array_slice( array_merge( array( $refusal ), self::of( $id ) ), 0, self::KEPT );
		update_option( self::OPTION, $all, false );
	}
}
