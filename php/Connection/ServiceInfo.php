<?php
/**
 * What the integration service told the shop when it connected.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

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
	 * @param string $service_host Host of the callback URL.
	 * @param string $body         Response body (JSON or anything else).
	 */
	public static function remember( string $service_host, string $body ): void {
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
		update_option(
			self::OPTION,
			array(
				'service_host'             => $service_host,
				'connected_at_utc'         => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'polling_interval_minutes' => $minutes,
				'ip_addresses'             => $addresses,
			),
			false
		);
	}

	/**
	 * The last connection, or null when the shop never connected through the plugin.
	 *
	 * @return array{service_host:string,connected_at_utc:string,polling_interval_minutes:?int,ip_addresses:string[]}|null
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
		);
	}
}
