<?php
/**
 * The connections: one record per connected service, owning every grant made for it.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * A record holds the service (name, host, what it said about itself), its own user and scopes, and the ids of its
 * keys and webhooks: every grant belongs to exactly one connection, so Disconnect, approving again and uninstalling
 * revoke exactly what the service was given. A service is known by its callback host. Keys and webhooks made by
 * hand on the page belong to no record: the page shows them as the "Manual" connection.
 *
 * Stored in one option (not autoloaded; a shop has a handful of services). 0.4 kept a single connection in
 * ServiceInfo::LEGACY_OPTION; it becomes a record the first time the records are read, with scopes null ("acts as
 * the owner who approved"), which the page marks broader than needed.
 */
final class Connections {

	/** Option holding the records, by id. */
	public const OPTION = 'flashnode_connector_connections';

	/**
	 * How the plugin delivers a connection's order changes (Delivery\Message builds them): WooCommerce's own
	 * webhook requests, or the feed's change object with the order. The first is the default.
	 */
	public const DELIVERY_FORMATS = array( 'woocommerce', 'flashnode' );

	/**
	 * Every connection, newest first.
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public static function all(): array {
		self::migrate();
		$records = get_option( self::OPTION, array() );
		// Reversed first: within one second, the record saved last comes first (usort keeps ties in order).
		$records = is_array( $records ) ? array_reverse( array_values( array_filter( array_map( array( self::class, 'normalise' ), $records ) ) ) ) : array();
		usort(
			$records,
			static function ( array $a, array $b ): int {
				return strcmp( (string) $b['connected_at_utc'], (string) $a['connected_at_utc'] );
			}
		);
		return $records;
	}

	/**
	 * One connection by id, or null.
	 *
	 * @param string $id Connection id.
	 * @return array<string,mixed>|null
	 */
	public static function get( string $id ): ?array {
		foreach ( self::all() as $record ) {
			if ( $record['id'] === $id ) {
				return $record;
			}
		}
		return null;
	}

	/**
	 * The connection of a service, by its callback host, or null.
	 *
	 * @param string $host Host of the callback URL.
	 * @return array<string,mixed>|null
	 */
	public static function for_host( string $host ): ?array {
		return self::get( self::id_for( $host ) );
	}

	/**
	 * The connection a key belongs to, or null (a key made by hand).
	 *
	 * @param int $key_id Key id.
	 * @return array<string,mixed>|null
	 */
	public static function for_key( int $key_id ): ?array {
		foreach ( self::all() as $record ) {
			if ( in_array( $key_id, $record['key_ids'], true ) ) {
				return $record;
			}
		}
		return null;
	}

	/**
	 * The id of a service's record: its callback host, as a slug.
	 *
	 * @param string $host Host.
	 */
	public static function id_for( string $host ): string {
		return sanitize_title( $host );
	}

	/**
	 * Saves a record (replacing the one with its id).
	 *
	 * @param array<string,mixed> $record Record; normalise() decides what is kept.
	 */
	public static function save( array $record ): void {
		$record = self::normalise( $record );
		if ( null === $record ) {
			return;
		}
		$records                  = self::stored();
		$records[ $record['id'] ] = $record;
		update_option( self::OPTION, $records, false );
	}

	/**
	 * Forgets a record (after its grants were revoked).
	 *
	 * @param string $id Connection id.
	 */
	public static function forget( string $id ): void {
		$records = self::stored();
		unset( $records[ $id ] );
		update_option( self::OPTION, $records, false );
	}

	/**
	 * Whether a connection acts with more rights than scopes: a 0.4 record (no scopes), or one whose user exists and
	 * is not a service user (an administrator). A deleted user is no right at all: its keys show that problem.
	 *
	 * @param array<string,mixed> $record A record.
	 */
	public static function broader_than_needed( array $record ): bool {
		$user = get_userdata( (int) $record['user_id'] );
		return null === $record['scopes'] || ( $user instanceof \WP_User && ! ServiceUser::is_service_user( $user ) );
	}

	/**
	 * The key ids of every connection (the page's "Manual" connection holds the plugin's other keys).
	 *
	 * @return int[]
	 */
	public static function key_ids(): array {
		$ids = array();
		foreach ( self::all() as $record ) {
			$ids = array_merge( $ids, $record['key_ids'] );
		}
		return $ids;
	}

	/**
	 * The stored records by id, unchecked.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	private static function stored(): array {
		self::migrate();
		$records = get_option( self::OPTION, array() );
		return is_array( $records ) ? $records : array();
	}

	/**
	 * A record with every field checked (a hand-edited option cannot break the plugin); null without a host.
	 *
	 * @param mixed $record Stored record.
	 * @return array<string,mixed>|null
	 */
	private static function normalise( $record ): ?array {
		if ( ! is_array( $record ) || ! isset( $record['service_host'] ) || ! is_string( $record['service_host'] ) || '' === $record['service_host'] ) {
			return null;
		}
		$ints    = static function ( $list ): array {
			return is_array( $list ) ? array_values( array_unique( array_map( 'intval', $list ) ) ) : array();
		};
		$strings = static function ( $list ): array {
			return is_array( $list ) ? array_values( array_filter( $list, 'is_string' ) ) : array();
		};
		$minutes = $record['polling_interval_minutes'] ?? null;
		return array(
			'id'                       => self::id_for( $record['service_host'] ),
			'service_name'             => is_string( $record['service_name'] ?? null ) ? $record['service_name'] : $record['service_host'],
			'service_host'             => $record['service_host'],
			'connected_at_utc'         => is_string( $record['connected_at_utc'] ?? null ) ? $record['connected_at_utc'] : '',
			'user_id'                  => (int) ( $record['user_id'] ?? 0 ),
			// null: a 0.4 connection, whose key acts as the owner who approved it.
			'scopes'                   => isset( $record['scopes'] ) && is_array( $record['scopes'] ) ? array_values( array_intersect( $strings( $record['scopes'] ), Scopes::ids() ) ) : null,
			'key_ids'                  => $ints( $record['key_ids'] ?? array() ),
			'webhook_ids'              => $ints( $record['webhook_ids'] ?? array() ),
			// Its own transfer statuses; empty: it follows the shop-wide setting (Feed\TransferStatuses).
			'order_statuses'           => $strings( $record['order_statuses'] ?? array() ),
			'polling_interval_minutes' => is_int( $minutes ) ? $minutes : null,
			'ip_addresses'             => $strings( $record['ip_addresses'] ?? array() ),
			'disconnect_url'           => is_string( $record['disconnect_url'] ?? null ) ? $record['disconnect_url'] : null,
			// null: the plugin does not deliver its order changes (no order webhooks); else Delivery\Message::FORMATS.
			'delivery_format'          => in_array( $record['delivery_format'] ?? null, self::DELIVERY_FORMATS, true ) ? $record['delivery_format'] : null,
			// Where a new key may be handed over without the service's link (ServiceInfo; 0.4 records lack it).
			'reconnect_url'            => is_string( $record['reconnect_url'] ?? null ) ? $record['reconnect_url'] : null,
		);
	}

	/**
	 * Moves 0.4's single connection into a record, once.
	 */
	private static function migrate(): void {
		$legacy = get_option( ServiceInfo::LEGACY_OPTION );
		if ( ! is_array( $legacy ) ) {
			return;
		}
		$key_id  = (int) ( $legacy['key_id'] ?? 0 );
		$records = get_option( self::OPTION, array() );
		$records = is_array( $records ) ? $records : array();
		$record  = self::normalise(
			array_merge(
				$legacy,
				array(
					'user_id'        => self::key_owner( $key_id ),
					'scopes'         => null,
					'key_ids'        => $key_id > 0 ? array( $key_id ) : array(),
					'order_statuses' => array(),
				)
			)
		);
		if ( null !== $record && ! isset( $records[ $record['id'] ] ) ) {
			$records[ $record['id'] ] = $record;
			update_option( self::OPTION, $records, false );
		}
		// Only once the record is stored: an interrupted request migrates again, and nothing is lost.
		delete_option( ServiceInfo::LEGACY_OPTION );
	}

	/**
	 * The user a key acts as (0 when the key is gone).
	 *
	 * @param int $key_id Key id.
	 */
	private static function key_owner( int $key_id ): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one read of WooCommerce's key table, which has no API.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT user_id FROM {$wpdb->prefix}woocommerce_api_keys WHERE key_id = %d", $key_id ) );
	}
}
