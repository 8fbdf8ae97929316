<?php
/**
 * The Legacy API's (wc-api/v3) refusals of a connection's requests, for its card.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Refusals;
use Flashnode\Connector\Connection\ServiceUser;

defined( 'ABSPATH' ) || exit;

/**
 * The Legacy API (WooCommerce core up to 8.x, then the WooCommerce Legacy REST API plugin) is not WP REST, so
 * rest_post_dispatch never sees it. Its server hands every answer to the filter woocommerce_api_serve_request just
 * before printing it; a refusal arrives there as {"errors":[{"code":…,"message":…}]} without its status, so
 * refusals are known by their codes, which are the same in every version (kept in Connection\Refusals; here, beside
 * PresentedKey, because a key-permission refusal is told by the key the request presents):
 *
 * - woocommerce_api_user_cannot_… (401): the key's user lacks the capability — the service user, set as current;
 * - woocommerce_api_authentication_error (401) with a key whose permission does not cover the method (a read key
 *   writing); then no user is set, so the presented key names the connection. The same code for a wrong secret
 *   is not noted: the key's permissions would have allowed the method.
 */
final class LegacyRefusals {

	/** Codes of a capability refusal start with this. */
	private const USER_CANNOT = 'woocommerce_api_user_cannot_';

	/** The refusal of a key (wrong secret, or no permission for the method). */
	private const KEY_REFUSED = 'woocommerce_api_authentication_error';

	/**
	 * Notes a refused request of a connection.
	 *
	 * @param mixed $served Whether something else served the answer (returned unchanged).
	 * @param mixed $result The answer: an error is {"errors":[{code,message}]}.
	 * @param mixed $server WC_API_Server (path and method of the request).
	 * @return mixed
	 */
	public static function watch( $served, $result, $server ) {
		$code = self::refusal_code( $result );
		if ( null === $code || ! is_object( $server ) || ! isset( $server->path, $server->method ) ) {
			return $served;
		}
		$method     = strtoupper( (string) $server->method );
		$connection = self::KEY_REFUSED === $code ? self::of_refused_key( $method ) : Refusals::of_current_user();
		if ( null !== $connection ) {
			$version = absint( get_query_var( 'wc-api-version' ) );
			Refusals::note( $connection['id'], $method, '/wc-api/v' . ( $version > 0 ? $version : 3 ) . (string) $server->path, $code );
		}
		return $served;
	}

	/**
	 * The answer's refusal code, or null when it is not a refusal.
	 *
	 * @param mixed $result The answer.
	 */
	private static function refusal_code( $result ): ?string {
		if ( ! is_array( $result ) || ! isset( $result['errors'] ) || ! is_array( $result['errors'] ) ) {
			return null;
		}
		foreach ( $result['errors'] as $error ) {
			$code = is_array( $error ) && isset( $error['code'] ) && is_string( $error['code'] ) ? $error['code'] : '';
			if ( self::KEY_REFUSED === $code || 0 === strpos( $code, self::USER_CANNOT ) ) {
				return $code;
			}
		}
		return null;
	}

	/**
	 * The connection of the presented key, when the key's permission does not cover the method and its user is
	 * the connection's service user; null otherwise.
	 *
	 * @param string $method HTTP method.
	 * @return array<string,mixed>|null
	 */
	private static function of_refused_key( string $method ): ?array {
		$presented = PresentedKey::from_request();
		$key       = null === $presented ? null : PresentedKey::lookup( $presented['consumer_key'] );
		if ( null === $key ) {
			return null;
		}
		$needs = in_array( $method, array( 'GET', 'HEAD' ), true ) ? 'read' : 'write';
		if ( in_array( $key['permissions'], array( $needs, 'read_write' ), true ) ) {
			return null;
		}
		$connection = Connections::for_key( $key['key_id'] );
		return null !== $connection && $connection['user_id'] === $key['user_id'] && ServiceUser::is_service_user( $key['user_id'] ) ? $connection : null;
	}
}
