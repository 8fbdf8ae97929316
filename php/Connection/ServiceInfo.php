<?php
/**
 * What the integration service told the shop when it connected.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Http\OutboundUrl;

defined( 'ABSPATH' ) || exit;

/**
 * The connected service may answer the hand-off with its polling interval and the addresses it calls from; the
 * page shows them to owners whose shop sits behind a firewall or on a staging host. Untrusted input: every
 * field is checked, and nothing here grants access to anything.
 */
final class ServiceInfo {

	/** Option (not autoloaded). */
	public const OPTION = 'flashnode_connector_service';

	/** At most this many addresses are kept. */
	private const MAX_ADDRESSES = 20;

	/**
	 * Stores what a successful hand-off answered.
	 *
	 * @param string              $service_host Host of the callback URL.
	 * @param string              $body         Response body (JSON or anything else).
	 * @param array<string,mixed> $connection   What the connection created: service_name, key_id, webhook_ids.
	 */
	public static function remember( string $service_host, string $body, array $connection = array() ): void {
		$answer    = json_decode( $body, true );
		$answer    = is_array( $answer ) ? $answer : array();
		$minutes   = isset( $answer['polling_interval_minutes'] ) && is_int( $answer['polling_interval_minutes'] ) && $answer['polling_interval_minutes'] >= 1 && $answer['polling_interval_minutes'] <= 1440
			? $answer['polling_interval_minutes']
			: null;
		$addresses = array();
		if ( isset( $answer['ip_addresses'] ) && is_array( $answer['ip_addresses'] ) ) {
			foreach ( array_slice( $answer['ip_addresses'], 0, self::MAX_ADDRESSES ) as $address ) {
				if ( is_string( $address ) && false !== filter_var( $address, FILTER_VALIDATE_IP ) ) {
					$addresses[] = $address;
				}
			}
		}
		// Told about a disconnect only at an address that passes the same checks as the hand-off's.
		$disconnect_url = isset( $answer['disconnect_url'] ) && null === OutboundUrl::problem( $answer['disconnect_url'] ) ? (string) $answer['disconnect_url'] : null;
		update_option(
			self::OPTION,
			array(
				'service_host'             => $service_host,
				'connected_at_utc'         => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'polling_interval_minutes' => $minutes,
				'ip_addresses'             => $addresses,
				'service_name'             => (string) ( $connection['service_name'] ?? $service_host ),
				'key_id'                   => (int) ( $connection['key_id'] ?? 0 ),
				'webhook_ids'              => array_map( 'intval', (array) ( $connection['webhook_ids'] ?? array() ) ),
				'disconnect_url'           => $disconnect_url,
			),
			false
		);
	}

	/**
	 * The last connection, or null when the shop never connected through the plugin.
	 *
	 * @return array{service_host:string,connected_at_utc:string,polling_interval_minutes:?int,ip_addresses:string[],service_name:string,key_id:int,webhook_ids:int[],disconnect_url:?string}|null
	 */
	public static function get(): ?array {
		$info = get_option( self::OPTION );
		if ( ! is_array( $info ) || ! isset( $info['service_host'], $info['connected_at_utc'] ) ) {
			return null;
		}
		return array(
			'service_host'             => (string) $info['service_host'],
			'connected_at_utc'         => (string) $info['connected_at_utc'],
			'polling_interval_minutes' => isset( $info['polling_interval_minutes'] ) && is_int( $info['polling_interval_minutes'] ) ? $info['polling_interval_minutes'] : null,
			'ip_addresses'             => isset( $info['ip_addresses'] ) && is_array( $info['ip_addresses'] ) ? array_values( array_filter( $info['ip_addresses'], 'is_string' ) ) : array(),
			'service_name'             => isset( $info['service_name'] ) && is_string( $info['service_name'] ) ? $info['service_name'] : (string) $info['service_host'],
			'key_id'                   => isset( $info['key_id'] ) ? (int) $info['key_id'] : 0,
			'webhook_ids'              => isset( $info['webhook_ids'] ) && is_array( $info['webhook_ids'] ) ? array_map( 'intval', $info['webhook_ids'] ) : array(),
			'disconnect_url'           => isset( $info['disconnect_url'] ) && is_string( $info['disconnect_url'] ) ? $info['disconnect_url'] : null,
		);
	}

	/**
	 * Forgets the connection (after a disconnect).
	 */
	public static function forget(): void {
		delete_option( self::OPTION );
	}
}
