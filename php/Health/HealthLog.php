<?php
/**
 * The last calls to the health endpoint.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Bounded log (the last 50 calls) so the shop owner sees when the integration server last reached the shop.
 * Stored in one option that is not autoloaded; holds no credentials. Repeated anonymous calls are logged once a
 * minute, and anonymous calls take at most half of the log (see record()).
 */
final class HealthLog {

	public const OPTION = 'flashnode_connector_health_log';

	public const MAX_ENTRIES = 50;

	/**
	 * An anonymous call that repeats one already logged within this many seconds is not logged again.
	 */
	public const ANONYMOUS_REPEAT_SECONDS = 60;

	/**
	 * At most this many entries of the log are anonymous calls: the rest is kept for calls with a valid key.
	 */
	public const MAX_ANONYMOUS_ENTRIES = 25;

	/**
	 * Records a call.
	 *
	 * @param bool   $authenticated Whether a valid API key came with it.
	 * @param int    $status        HTTP status of the answer.
	 * @param string $outcome       'ok' or the error code.
	 */
	public static function record( bool $authenticated, int $status, string $outcome ): void {
		$entries = self::entries();
		$entry   = array(
			'time'          => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'ip'            => self::remote_ip(),
			'authenticated' => $authenticated,
			'status'        => $status,
			'outcome'       => $outcome,
		);
		if ( ! $authenticated && self::is_recent_repeat( $entry, $entries ) ) {
			return;
		}
		array_unshift( $entries, $entry );
		$entries = array_slice( self::without_oldest_anonymous_beyond_cap( $entries ), 0, self::MAX_ENTRIES );
		if ( ! self::overwrite( $entries ) ) {
			update_option( self::OPTION, $entries, false );
		}
	}

	/**
	 * Anyone can call the health endpoint without a key. Logging every such call would let a burst of them cost a
	 * database write each and push the integration server's own calls out of the 50-entry log, so an anonymous
	 * call is skipped when an anonymous call from the same address with the same answer was logged less than
	 * ANONYMOUS_REPEAT_SECONDS ago. Calls with a valid key are always logged.
	 *
	 * @param array<string,mixed>            $entry   The call to log.
	 * @param array<int,array<string,mixed>> $entries The log, newest first.
	 */
	private static function is_recent_repeat( array $entry, array $entries ): bool {
		$now = time();
		foreach ( $entries as $logged ) {
			$logged_at = strtotime( (string) ( $logged['time'] ?? '' ) );
			if ( false === $logged_at || $now - $logged_at >= self::ANONYMOUS_REPEAT_SECONDS ) {
				return false; // Newest first: everything after this one is older still.
			}
			if ( empty( $logged['authenticated'] ) && ( $logged['ip'] ?? null ) === $entry['ip'] && ( $logged['status'] ?? null ) === $entry['status'] && ( $logged['outcome'] ?? null ) === $entry['outcome'] ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Drops the oldest anonymous entries beyond MAX_ANONYMOUS_ENTRIES, so that calls from other addresses (or
	 * with other answers) cannot push the integration server's calls with a key out of the log either.
	 *
	 * @param array<int,array<string,mixed>> $entries The log, newest first.
	 * @return array<int,array<string,mixed>>
	 */
	private static function without_oldest_anonymous_beyond_cap( array $entries ): array {
		$anonymous_seen = 0;
		$kept           = array();
		foreach ( $entries as $logged ) {
			if ( empty( $logged['authenticated'] ) && ++$anonymous_seen > self::MAX_ANONYMOUS_ENTRIES ) {
				continue;
			}
			$kept[] = $logged;
		}
		return $kept;
	}

	/**
	 * Replaces the stored log with one UPDATE, the health call's own database write. update_option() would
	 * first ask the database for the options table's column character sets (SHOW FULL COLUMNS, once per
	 * request, which `npm run bench` measured at about a third of the log's database time per call) in order to
	 * strip characters the columns cannot hold. The entries are ASCII by construction (time, IP, boolean,
	 * status, error code), and for a value that is not, wpdb::query() runs that check itself.
	 *
	 * @param array<int,array<string,mixed>> $entries The log to store.
	 * @return bool False when the option row does not exist yet (first call), is autoloaded or nothing
	 *              changed: then update_option() takes over, which also creates the row, not autoloaded.
	 */
	private static function overwrite( array $entries ): bool {
		global $wpdb;
		if ( isset( wp_load_alloptions()[ self::OPTION ] ) ) {
			// Autoloaded by someone else: its cache lives in 'alloptions', which update_option() maintains (and
			// turns autoloading off again).
			return false;
		}
		$value = maybe_serialize( $entries );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- update_option() without its per-request charset query; the cache is updated below.
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s", $value, self::OPTION ) );
		if ( ! $updated ) {
			return false;
		}
		// What update_option() caches for an option that is not autoloaded, so get_option() and persistent
		// object caches see the new log.
		wp_cache_set( self::OPTION, $value, 'options' );
		return true;
	}

	/**
	 * Newest first.
	 *
	 * @return array<int,array<string,mixed>> Entries: time, ip, authenticated, status, outcome.
	 */
	public static function entries(): array {
		$entries = get_option( self::OPTION, array() );
		return is_array( $entries ) ? array_values( array_filter( $entries, 'is_array' ) ) : array();
	}

	/**
	 * The connecting address as the web server saw it. Forwarded-for headers are not trusted: anyone can send them.
	 */
	private static function remote_ip(): string {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? filter_var( wp_unslash( $_SERVER['REMOTE_ADDR'] ), FILTER_VALIDATE_IP ) : false; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validated as an IP.
		return false === $ip ? '' : (string) $ip;
	}
}
