<?php
/**
 * The shop's connects and disconnects, newest first.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Shown in the connection panel, so an owner can tell which service was connected when, and whether it was told
 * about a disconnect. Names and hosts only: never a key, secret or URL path (those may carry one-time codes).
 */
final class History {

	/** Option (not autoloaded). */
	public const OPTION = 'flashnode_connector_connection_history';

	/** Older entries are dropped. */
	private const MAX_ENTRIES = 20;

	/**
	 * Adds an entry.
	 *
	 * @param string    $event        connected, reconnected (approved again: grants replaced) or disconnected.
	 * @param string    $service_name The service's name.
	 * @param string    $service_host Host of its hand-off address.
	 * @param string    $detail       The disconnect's reason, a code (owner_disconnected, plugin_uninstalled): the page
	 *                                says it in the reader's language.
	 * @param bool|null $notified     Whether the service was told of the disconnect; null for other events.
	 */
	public static function record( string $event, string $service_name, string $service_host, string $detail = '', ?bool $notified = null ): void {
		$entries = self::entries();
		array_unshift(
			$entries,
			array(
				'event'        => $event,
				'service_name' => $service_name,
				'service_host' => $service_host,
				'time_utc'     => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'detail'       => $detail,
				'notified'     => $notified,
			)
		);
		update_option( self::OPTION, array_slice( $entries, 0, self::MAX_ENTRIES ), false );
	}

	/**
	 * The entries, newest first; malformed ones are skipped.
	 *
	 * @return array<int,array{event:string,service_name:string,service_host:string,time_utc:string,detail:string,notified:?bool}>
	 */
	public static function entries(): array {
		$stored  = get_option( self::OPTION, array() );
		$entries = array();
		foreach ( is_array( $stored ) ? $stored : array() as $entry ) {
			if ( is_array( $entry ) && isset( $entry['event'], $entry['service_name'], $entry['service_host'], $entry['time_utc'] ) ) {
				$detail   = isset( $entry['detail'] ) ? (string) $entry['detail'] : '';
				$notified = isset( $entry['notified'] ) ? (bool) $entry['notified'] : null;
				// 0.4 wrote "owner_disconnected (service not notified)" as one English string.
				if ( ' (service not notified)' === substr( $detail, -23 ) ) {
					$detail   = substr( $detail, 0, -23 );
					$notified = false;
				}
				$entries[] = array(
					'event'        => (string) $entry['event'],
					'service_name' => (string) $entry['service_name'],
					'service_host' => (string) $entry['service_host'],
					'time_utc'     => (string) $entry['time_utc'],
					'detail'       => $detail,
					'notified'     => $notified,
				);
			}
		}
		return $entries;
	}
}
