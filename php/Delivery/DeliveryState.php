<?php
/**
 * Where a connection's deliveries stand, and what its last attempts did.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

defined( 'ABSPATH' ) || exit;

/**
 * Two options per connection, neither autoloaded: the small state the runner writes after every delivery (the
 * cursor: every change up to it was answered 2xx), and the log of the last attempts, written once per batch.
 * Apart from the connection record on purpose: approving, renaming or disconnecting writes the record, and a
 * running batch must not undo that (or be undone by it).
 */
final class DeliveryState {

	/** Option prefix of the state; the connection id follows. */
	public const STATE_PREFIX = 'flashnode_connector_delivery_';

	/** Option prefix of the log. */
	public const LOG_PREFIX = 'flashnode_connector_delivery_log_';

	/** Attempts kept in the log. */
	public const LOG_SIZE = 200;

	/**
	 * The state: cursor, failures of the head change, when it may be tried next, and since when it fails (Unix
	 * times).
	 *
	 * @param string $id Connection id.
	 * @return array{cursor:int,failures:int,next_attempt_at:int,failing_since:?int}
	 */
	public static function get( string $id ): array {
		wp_cache_delete( self::STATE_PREFIX . $id, 'options' );
		$stored = get_option( self::STATE_PREFIX . $id, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$since  = $stored['failing_since'] ?? null;
		return array(
			'cursor'          => max( 0, (int) ( $stored['cursor'] ?? 0 ) ),
			'failures'        => max( 0, (int) ( $stored['failures'] ?? 0 ) ),
			'next_attempt_at' => max( 0, (int) ( $stored['next_attempt_at'] ?? 0 ) ),
			'failing_since'   => is_int( $since ) ? $since : null,
		);
	}

	/**
	 * Whether a connection has a delivery state at all (it delivers).
	 *
	 * @param string $id Connection id.
	 */
	public static function exists( string $id ): bool {
		return false !== get_option( self::STATE_PREFIX . $id, false );
	}

	/**
	 * Saves the state.
	 *
	 * @param string              $id    Connection id.
	 * @param array<string,mixed> $state From get(), changed.
	 */
	public static function save( string $id, array $state ): void {
		update_option( self::STATE_PREFIX . $id, $state, false );
	}

	/**
	 * The last attempts, newest first.
	 *
	 * @param string $id Connection id.
	 * @return array<int,array<string,mixed>>
	 */
	public static function log( string $id ): array {
		wp_cache_delete( self::LOG_PREFIX . $id, 'options' );
		$log = get_option( self::LOG_PREFIX . $id, array() );
		return is_array( $log ) ? array_values( array_filter( $log, 'is_array' ) ) : array();
	}

	/**
	 * Adds attempts (oldest first, as they happened) and keeps the newest LOG_SIZE.
	 *
	 * @param string                         $id       Connection id.
	 * @param array<int,array<string,mixed>> $attempts Attempts to add.
	 */
	public static function append( string $id, array $attempts ): void {
		if ( array() === $attempts ) {
			return;
		}
		$log = array_merge( array_reverse( $attempts ), self::log( $id ) );
		update_option( self::LOG_PREFIX . $id, array_slice( $log, 0, self::LOG_SIZE ), false );
	}

	/**
	 * Forgets everything about a connection's deliveries (Disconnect, uninstall).
	 *
	 * @param string $id Connection id.
	 */
	public static function forget( string $id ): void {
		delete_option( self::STATE_PREFIX . $id );
		delete_option( self::LOG_PREFIX . $id );
	}
}
