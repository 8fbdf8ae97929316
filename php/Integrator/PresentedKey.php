<?php
/**
 * The WooCommerce API key a request presents.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the consumer key the way WooCommerce's WC_REST_Authentication does and looks up the key's row.
 * WooCommerce has already verified the secret or signature by then; this only tells the integrator which key
 * arrived, how, and what it may do. Never reads or returns the secret.
 */
final class PresentedKey {

	public const VIA_QUERY_STRING = 'query_string';
	public const VIA_BASIC_AUTH   = 'basic_auth';
	public const VIA_OAUTH1       = 'oauth1';

	/**
	 * The codes of WooCommerce's refusals of a presented key (wrong secret or signature, incomplete OAuth request),
	 * which WordPress answers before any route runs; the plugin's routes answer them in their own words.
	 */
	public const WOOCOMMERCE_REFUSALS = array( 'woocommerce_rest_authentication_error', 'woocommerce_rest_authentication_missing_parameter' );

	/**
	 * The consumer key in the request and how it came, or null when the request carries none. In WooCommerce's
	 * order: over HTTPS the query string, then Basic Auth, then OAuth 1.0a; over plain HTTP WooCommerce tries
	 * OAuth 1.0a only, so a signed request wins there and keys sent the other ways are reported as ignored.
	 *
	 * @return array{consumer_key:string,via:string}|null
	 */
	public static function from_request(): ?array {
		$oauth = self::oauth_consumer_key();
		if ( ! is_ssl() && null !== $oauth ) {
			return array(
				'consumer_key' => $oauth,
				'via'          => self::VIA_OAUTH1,
			);
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- API key authentication, not a form.
		if ( ! empty( $_GET['consumer_key'] ) && is_string( $_GET['consumer_key'] ) ) {
			return array(
				'consumer_key' => sanitize_text_field( wp_unslash( $_GET['consumer_key'] ) ),
				'via'          => self::VIA_QUERY_STRING,
			);
		}
		// phpcs:enable
		if ( ! empty( $_SERVER['PHP_AUTH_USER'] ) ) {
			return array(
				'consumer_key' => sanitize_text_field( wp_unslash( $_SERVER['PHP_AUTH_USER'] ) ),
				'via'          => self::VIA_BASIC_AUTH,
			);
		}
		return null === $oauth ? null : array(
			'consumer_key' => $oauth,
			'via'          => self::VIA_OAUTH1,
		);
	}

	/**
	 * The oauth_consumer_key of an OAuth 1.0a request, from where WooCommerce takes it: GET, POST, or an
	 * "Authorization: OAuth …" header (which wins). Null when there is none.
	 */
	private static function oauth_consumer_key(): ?string {
		// phpcs:disable WordPress.Security.NonceVerification, WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- API key authentication, not a form; sanitized below.
		$sent = isset( $_GET['oauth_consumer_key'] ) ? wp_unslash( $_GET['oauth_consumer_key'] ) : null;
		if ( isset( $_POST['oauth_consumer_key'] ) ) {
			$sent = wp_unslash( $_POST['oauth_consumer_key'] ); // POST wins, as in WooCommerce's array_merge( $_GET, $_POST ).
		}
		// phpcs:enable
		$key    = is_string( $sent ) ? $sent : null;
		$header = self::authorization_header();
		// WooCommerce's own pattern (WC_REST_Authentication::parse_header()): quoted or bare, URL-encoded.
		if ( 'OAuth ' === substr( $header, 0, 6 ) && preg_match( '/oauth_consumer_key=(:?"([^"]*)"|([^,]*))/', $header, $match ) ) {
			$quoted = $match[2] ?? '';
			$key    = urldecode( '' === $quoted ? ( $match[3] ?? '' ) : $quoted );
		}
		return null !== $key && '' !== $key ? sanitize_text_field( $key ) : null;
	}

	/**
	 * The URL WooCommerce puts into an OAuth 1.0a signature base string for this request (as in
	 * WC_REST_Authentication::check_oauth_signature()): the request path on the home URL, with the scheme the
	 * request arrived with but the home URL's host and port. Told to integrators whose signature does not match.
	 */
	public static function oauth_signed_url(): string {
		$uri  = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only its path is used, escaped below.
		$path = (string) wp_parse_url( $uri, PHP_URL_PATH );
		$base = get_home_url( null, '/', 'relative' );
		if ( substr( $path, 0, strlen( $base ) ) === $base ) {
			$path = substr( $path, strlen( $base ) );
		}
		return esc_url_raw( get_home_url( null, $path, is_ssl() ? 'https' : 'http' ) );
	}

	/**
	 * The Authorization header as WooCommerce reads it: the server variable, else getallheaders().
	 */
	private static function authorization_header(): string {
		if ( ! empty( $_SERVER['HTTP_AUTHORIZATION'] ) && is_string( $_SERVER['HTTP_AUTHORIZATION'] ) ) {
			return trim( wp_unslash( $_SERVER['HTTP_AUTHORIZATION'] ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only parsed.
		}
		if ( function_exists( 'getallheaders' ) ) {
			foreach ( (array) getallheaders() as $name => $value ) {
				if ( 'authorization' === strtolower( (string) $name ) && is_string( $value ) ) {
					return trim( $value );
				}
			}
		}
		return '';
	}

	/**
	 * The key row for a consumer key, without the secret, or null if unknown.
	 *
	 * @param string $consumer_key The consumer key as sent (ck_…).
	 * @return array{key_id:int,user_id:int,description:string,permissions:string,truncated_key:string,last_access:?string}|null
	 */
	public static function lookup( string $consumer_key ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- WooCommerce's own key table has no API for this.
			$wpdb->prepare(
				"SELECT key_id, user_id, description, permissions, truncated_key, last_access FROM {$wpdb->prefix}woocommerce_api_keys WHERE consumer_key = %s",
				wc_api_hash( $consumer_key )
			),
			ARRAY_A
		);
		if ( ! is_array( $row ) ) {
			return null;
		}
		return array(
			'key_id'        => (int) $row['key_id'],
			'user_id'       => (int) $row['user_id'],
			'description'   => (string) $row['description'],
			'permissions'   => (string) $row['permissions'],
			'truncated_key' => (string) $row['truncated_key'],
			'last_access'   => null === $row['last_access'] ? null : (string) $row['last_access'],
		);
	}
}
