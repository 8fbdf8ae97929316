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
 * page shows them to owners whose shop sits behind a firewall or on a staging host. It may also give a
 * disconnect_url (told when the owner disconnects) and a reconnect_url (where the shop may hand over a new key of
 * the service's own user, OwnUser). Untrusted input: every field is checked, and nothing here grants access to
 * anything.
 */
final class ServiceInfo {

	/** Where 0.4 kept its single connection (Connections migrates it; uninstall deletes it). */
	public const LEGACY_OPTION = 'flashnode_connector_service';

	/** At most this many addresses are kept. */
	private const MAX_ADDRESSES = 20;

	/**
	 * The facts of a successful hand-off's answer, each checked; unknown or invalid ones are left out.
	 *
	 * @param string $body Response body (JSON or anything else).
	 * @return array{polling_interval_minutes:?int,ip_addresses:string[],disconnect_url:?string,reconnect_url:?string}
	 */
	public static function from_answer( string $body ): array {
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
		return array(
			'polling_interval_minutes' => $minutes,
			'ip_addresses'             => $addresses,
			// Told about a disconnect only at an address that passes the same checks as the hand-off's.
			'disconnect_url'           => self::url( $answer['disconnect_url'] ?? null ),
			// Where the shop may hand a new key later without the owner opening the service's link (OwnUser).
			'reconnect_url'            => self::url( $answer['reconnect_url'] ?? null ),
		);
	}

	/**
	 * An address the shop may POST to later: one that passes the same checks as the hand-off's, else null.
	 *
	 * @param mixed $given What the service sent.
	 */
	public static function url( $given ): ?string {
		return null !== $given && null === OutboundUrl::problem( $given ) ? (string) $given : null;
	}
}
