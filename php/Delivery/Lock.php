<?php
/**
 * One runner per connection at a time.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

defined( 'ABSPATH' ) || exit;

/**
 * A named database lock (GET_LOCK, MySQL and MariaDB alike): of two runners only one gets it, it writes nothing,
 * and the database releases it when the runner's connection ends, so a runner killed by a fatal error or a time
 * limit never leaves a connection locked. (add_option() is no lock: WordPress writes it with ON DUPLICATE KEY
 * UPDATE, so a second runner "adds" it too.)
 */
final class Lock {

	/**
	 * Takes the lock without waiting, or says it is held.
	 *
	 * @param string $id Connection id.
	 */
	public static function acquire( string $id ): bool {
		global $wpdb;
		return '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 0)', self::name( $id ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a lock, not data.
	}

	/**
	 * Takes the lock, waiting up to some seconds for a runner that holds it.
	 *
	 * @param string $id      Connection id.
	 * @param int    $seconds At most this long.
	 */
	public static function wait( string $id, int $seconds ): bool {
		global $wpdb;
		return '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', self::name( $id ), $seconds ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a lock, not data.
	}

	/**
	 * Releases the lock.
	 *
	 * @param string $id Connection id.
	 */
	public static function release( string $id ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', self::name( $id ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a lock, not data.
	}

	/**
	 * The lock's name: unique per database, site and connection (locks are server-wide; 64 characters at most).
	 *
	 * @param string $id Connection id.
	 */
	private static function name( string $id ): string {
		global $wpdb;
		return 'flashnode_' . md5( DB_NAME . '|' . $wpdb->prefix . '|' . $id );
	}
}
