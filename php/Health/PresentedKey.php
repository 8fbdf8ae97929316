<?php
/**
 * The WooCommerce API key a request presents.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the consumer key the way WooCommerce does (query string first, then Basic Auth) and looks up the
 * key's row. WooCommerce has already verified the secret by then; this only tells the integrator which key
 * arrived and what it may do. Never reads or returns the secret.
 */
final class PresentedKey {

	/**
	 * The consumer key in the request and how it came, or null when the request carries none.
	 *
	 * @return array{consumer_key:string,via:string}|null
	 */
	public static function from_request(): ?array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- API key authentication, not a form.
		if ( ! empty( $_GET['consumer_key'] ) && is_string( $_GET['consumer_key'] ) ) {
			return array(
				'consumer_key' => sanitize_text_field( wp_unslash( $_GET['consumer_key'] ) ),
				'via'          => 'query_string',
			);
		}
		// phpcs:enable
		if ( ! empty( $_SERVER['PHP_AUTH_USER'] ) ) {
			return array(
				'consumer_key' => sanitize_text_field( wp_unslash( $_SERVER['PHP_AUTH_USER'] ) ),
				'via'          => 'basic_auth',
			);
		}
		return null;
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
