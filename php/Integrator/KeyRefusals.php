<?php
/**
 * The words of every refusal of an API key on the integrator routes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

defined( 'ABSPATH' ) || exit;

/**
 * Each refusal once, for every route: the code is the route's prefix (flashnode_health, flashnode_feed,
 * flashnode_acks) with the reason after it. The health route, which integrators call first while setting up,
 * says more about what to do; its 401s and the feed's 401/403s are part of the contract (README) and stay as
 * they are. Unknown key and wrong secret always get the same answer, so it reveals nothing about which keys exist.
 */
final class KeyRefusals {

	/** Prefix of the health route's codes. */
	public const HEALTH = 'flashnode_health';

	/** Prefix of the change feed's codes. */
	public const FEED = 'flashnode_feed';

	/** Prefix of the acknowledgements' codes. */
	public const ACKS = 'flashnode_acks';

	/** Prefix of the codes of PUT /connection (a service reporting its reconnect_url). */
	public const CONNECTION = 'flashnode_connection';

	/**
	 * No key arrived at a route that needs one.
	 *
	 * @param string $prefix Error code prefix.
	 */
	public static function key_required( string $prefix ): \WP_Error {
		return new \WP_Error(
			$prefix . '_key_required',
			__( 'A WooCommerce API key is required: send the consumer key and secret with HTTP Basic Auth over HTTPS, or sign the request with OAuth 1.0a.', 'flashnode-connector' ),
			array( 'status' => 401 )
		);
	}

	/**
	 * An unknown key, a wrong secret or signature, or (feed and acks) a key sent in clear over plain HTTP.
	 *
	 * @param string $prefix Error code prefix.
	 */
	public static function invalid_key( string $prefix ): \WP_Error {
		return new \WP_Error(
			$prefix . '_invalid_key',
			self::HEALTH === $prefix
				? __( 'Unknown API key or wrong secret. Check that you copied both completely; if the key was revoked, ask the shop owner for a new one.', 'flashnode-connector' )
				: __( 'Unknown API key or wrong secret, or a key sent in clear over plain HTTP (use HTTPS or OAuth 1.0a).', 'flashnode-connector' ),
			array( 'status' => 401 )
		);
	}

	/**
	 * The key lacks the permission the route needs: read (health, feed) or write (acks, connection). The health
	 * route answers 401 (its answers to keys that do not work are all 401), the others 403.
	 *
	 * @param string $prefix Error code prefix.
	 */
	public static function lacks_permission( string $prefix ): \WP_Error {
		if ( self::ACKS === $prefix ) {
			return new \WP_Error( $prefix . '_key_cannot_write', __( 'Acknowledgements need an API key with Write or Read/Write permissions.', 'flashnode-connector' ), array( 'status' => 403 ) );
		}
		if ( self::CONNECTION === $prefix ) {
			return new \WP_Error( $prefix . '_key_cannot_write', __( 'Reporting the connection\'s reconnect_url needs its API key with Write or Read/Write permissions.', 'flashnode-connector' ), array( 'status' => 403 ) );
		}
		$health = self::HEALTH === $prefix;
		return new \WP_Error(
			$prefix . '_key_cannot_read',
			$health
				? __( 'This API key lacks read permission. Create a key with Read or Read/Write permissions in WooCommerce > Settings > Flashnode.', 'flashnode-connector' )
				: __( 'This API key lacks read permission. Use a key with Read or Read/Write permissions.', 'flashnode-connector' ),
			array( 'status' => $health ? 401 : 403 )
		);
	}

	/**
	 * The key's user may not read orders.
	 *
	 * @param string $prefix Error code prefix.
	 */
	public static function user_cannot_read_orders( string $prefix ): \WP_Error {
		return new \WP_Error(
			$prefix . '_user_cannot_read_orders',
			__( 'The user this API key belongs to may not read orders. Create the key for a shop manager or administrator.', 'flashnode-connector' ),
			array( 'status' => 403 )
		);
	}

	/**
	 * What WooCommerce's refusal of a presented key means (wrong secret or signature, incomplete OAuth request).
	 * Decided from the request, never from WooCommerce's message, which is translated on shops in other
	 * languages. The health route tells OAuth 1.0a callers what WooCommerce signs and checks.
	 *
	 * @param string $prefix           Error code prefix.
	 * @param string $woocommerce_code WooCommerce's error code.
	 */
	public static function refused_by_woocommerce( string $prefix, string $woocommerce_code ): \WP_Error {
		if ( self::HEALTH !== $prefix ) {
			return self::invalid_key( $prefix );
		}
		if ( 'woocommerce_rest_authentication_missing_parameter' === $woocommerce_code ) {
			return new \WP_Error(
				'flashnode_health_oauth_incomplete',
				__( 'Incomplete OAuth 1.0a request: send oauth_consumer_key, oauth_timestamp, oauth_nonce, oauth_signature and oauth_signature_method (HMAC-SHA1 or HMAC-SHA256).', 'flashnode-connector' ),
				array( 'status' => 401 )
			);
		}
		$presented = PresentedKey::from_request();
		if ( null === $presented || PresentedKey::VIA_OAUTH1 !== $presented['via'] ) {
			return self::invalid_key( $prefix );
		}
		return new \WP_Error(
			'flashnode_health_invalid_key',
			sprintf(
				/* translators: 1: URL WooCommerce signs, 2: the shop's time in UTC. */
				__( 'Unknown API key, or the OAuth 1.0a signature was refused. WooCommerce signs %1$s (the shop\'s home URL with this request\'s scheme) with all query parameters; the timestamp must be within 15 minutes of the shop\'s clock (%2$s) and each nonce used once.', 'flashnode-connector' ),
				PresentedKey::oauth_signed_url(),
				gmdate( 'Y-m-d\TH:i:s\Z' )
			),
			array( 'status' => 401 )
		);
	}
}
