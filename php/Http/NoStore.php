<?php
/**
 * Cache-Control: no-store for answers that must never be kept by a cache.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * The one place that keeps answers carrying a secret (a new key, a webhook secret) and every health answer out
 * of caches. A header on the response alone does not survive: WP_REST_Server::serve_request() sends
 * wp_get_nocache_headers() to logged-in users after the response's own headers, replacing its Cache-Control
 * (WordPress 6.1.4–6.1.x even after the rest_pre_serve_request filter; on 6.1 the value lacks no-store). So the
 * response gets the header (enough when WordPress sends no nocache headers, e.g. anonymous health calls), and
 * the nocache_headers filter — applied exactly where WordPress builds the replacement, on every version — adds
 * no-store to it.
 */
final class NoStore {

	/**
	 * Whether this PHP request produced an answer that must not be stored. Per request on purpose: embedded or
	 * batched sub-requests end up in the same HTTP answer.
	 *
	 * @var bool
	 */
	private static $pending = false;

	/**
	 * Hooks the filter. Called once, on rest_api_init.
	 */
	public static function register(): void {
		if ( ! has_filter( 'nocache_headers', array( self::class, 'into_nocache_headers' ) ) ) {
			add_filter( 'nocache_headers', array( self::class, 'into_nocache_headers' ), PHP_INT_MAX );
		}
	}

	/**
	 * Marks a response as one that no cache may keep.
	 *
	 * @param \WP_REST_Response $response The answer.
	 * @return \WP_REST_Response The same answer.
	 */
	public static function mark( \WP_REST_Response $response ): \WP_REST_Response {
		self::$pending = true;
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Adds no-store to the Cache-Control WordPress is about to send instead of the response's own.
	 *
	 * @param mixed $headers Header names and values (nocache_headers filter).
	 * @return mixed
	 */
	public static function into_nocache_headers( $headers ) {
		if ( ! self::$pending || ! is_array( $headers ) ) {
			return $headers;
		}
		$current = isset( $headers['Cache-Control'] ) && is_string( $headers['Cache-Control'] ) ? $headers['Cache-Control'] : '';
		if ( ! preg_match( '/(^|[\s,])no-store($|[\s,])/i', $current ) ) {
			$headers['Cache-Control'] = '' === trim( $current ) ? 'no-store' : $current . ', no-store';
		}
		return $headers;
	}
}
