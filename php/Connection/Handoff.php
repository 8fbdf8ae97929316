<?php
/**
 * "Connect to Flashnode": hands a new API key to the integration service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Keys\NewKey;

defined( 'ABSPATH' ) || exit;

/**
 * Replaces e-mailing secrets to support. Same contract as WooCommerce's /wc-auth/v1/authorize callback: one
 * JSON POST over HTTPS with the key; the service must answer 200, otherwise the key is deleted again, so a
 * failed attempt never leaves a working key behind. The body is never logged.
 */
final class Handoff {

	/** Seconds to wait for the service. */
	private const TIMEOUT = 20;

	/** The service's answer is read up to this size (a larger one is cut, and its facts are then ignored). */
	private const MAX_RESPONSE_BYTES = 65536;

	/**
	 * Creates a key for the owner and delivers it to the callback URL (already validated by OutboundUrl).
	 *
	 * @param string $callback_url Connection URL the service gave the owner.
	 * @param NewKey $new          The key to create and hand over.
	 * @return array{key_id:int,truncated_key:string,permissions:string,service_host:string}|\WP_Error
	 */
	public static function connect( string $callback_url, NewKey $new ) {
		$key = $new->create();
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		$response = wp_safe_remote_post(
			$callback_url,
			array(
				'timeout'             => self::TIMEOUT,
				'redirection'         => 0, // A redirect could carry the secrets to another host.
				// Only a small JSON answer (service facts) is read; a service cannot make the shop buffer more.
				'limit_response_size' => self::MAX_RESPONSE_BYTES,
				'headers'             => array(
					'Content-Type' => 'application/json',
					'User-Agent'   => 'FlashnodeConnector/' . FLASHNODE_CONNECTOR_VERSION . '; ' . home_url( '/' ),
				),
				'body'                => (string) wp_json_encode(
					array(
						'site_url'        => home_url(), // No trailing slash: integrators append /wp-json/… to it.
						'consumer_key'    => $key['consumer_key'],
						'consumer_secret' => $key['consumer_secret'],
						'key_permissions' => $key['permissions'],
						'key_id'          => $key['key_id'],
						'user_id'         => $key['user_id'],
						'plugin_version'  => FLASHNODE_CONNECTOR_VERSION,
					)
				),
			)
		);
		$host     = (string) wp_parse_url( $callback_url, PHP_URL_HOST );
		$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		if ( 200 !== $code ) {
			ApiKeys::revoke( $key['key_id'] );
			return new \WP_Error(
				'flashnode_handoff_failed',
				is_wp_error( $response )
					/* translators: 1: host name of the service, 2: error message from WordPress's HTTP client. */
					? sprintf( __( 'Could not reach %1$s (%2$s). No key was left behind; try again, or check the address with the integration service.', 'flashnode-connector' ), $host, $response->get_error_message() )
					/* translators: 1: host name of the service, 2: HTTP status code it answered. */
					: sprintf( __( '%1$s did not accept the connection (HTTP %2$d). The new key was deleted again. The connection link may have expired: ask the integration service for a new one.', 'flashnode-connector' ), $host, $code ),
				array( 'status' => 424 )
			);
		}
		ServiceInfo::remember( $host, (string) wp_remote_retrieve_body( $response ) );
		return array(
			'key_id'        => $key['key_id'],
			'truncated_key' => $key['truncated_key'],
			'permissions'   => $key['permissions'],
			'service_host'  => $host,
		);
	}
}
