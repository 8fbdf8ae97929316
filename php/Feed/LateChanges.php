<?php
/**
 * Finds changes that committed after the feed had passed their cursor, and records them again.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * The feed passes a missing cursor value once the row after it is older than the gap timeout (see Feed): by then it
 * was almost always a rollback. A transaction that held its row for longer commits it below cursors that consumers
 * have already read, and nobody would ever read it. So a gap the feed may have passed is never forgotten at once:
 * check() (Action Scheduler, every few minutes) notes the missing values below the newest old row, and when one of
 * them later holds a row, records that order again as a new 'updated' change (its current state, at the head of
 * the log), so every consumer gets it, and counts it: order-flow numbers, the health diagnosis and the readiness
 * check "Change log" (Site Health) show the late changes of the last week.
 *
 * A gap is watched for a day (a transaction held longer than that is not a real case); at most MAX_OPEN are
 * watched, the newest kept.
 */
final class LateChanges {

	/** The watch: {checked_to, open: {change_id: first seen}, late: [{order_id, change_id, at}]}. Not autoloaded. */
	public const OPTION = 'flashnode_connector_late_changes';

	/** Action Scheduler hook of the check. */
	public const HOOK = 'flashnode_connector_check_late_changes';

	/** How often the check runs. */
	private const INTERVAL = 5 * MINUTE_IN_SECONDS;

	/** How long a gap is watched. */
	private const WATCH = DAY_IN_SECONDS;

	/** How long a late change is counted. */
	private const REPORTED = WEEK_IN_SECONDS;

	private const MAX_OPEN = 1000;

	/** Larger gaps are not watched (see watch_new_gaps()). */
	private const MAX_GAP = 100;

	/** Rows examined per check for new gaps. */
	private const SCAN = 5000;

	/**
	 * Schedules the check once (Action Scheduler, group flashnode-connector), beside the pruning.
	 */
	public static function schedule(): void {
		if ( ! function_exists( 'as_has_scheduled_action' ) || ! function_exists( 'as_schedule_recurring_action' ) ) {
			return;
		}
		if ( ! as_has_scheduled_action( self::HOOK, array(), ChangeLog::SCHEDULER_GROUP ) ) {
			as_schedule_recurring_action( time() + self::INTERVAL, self::INTERVAL, self::HOOK, array(), ChangeLog::SCHEDULER_GROUP );
		}
	}

	/**
	 * One round: gaps that filled are recorded again; new gaps below the newest old row are watched.
	 *
	 * @return int Late changes found in this round.
	 */
	public static function check(): int {
		$state = self::state();
		$now   = time();
		$found = self::filled( array_map( 'intval', array_keys( $state['open'] ) ) );
		foreach ( $found as $change_id => $order_id ) {
			ChangeLog::record_current( $order_id, 'updated' );
			unset( $state['open'][ $change_id ] );
			$state['late'][] = array(
				'order_id'  => $order_id,
				'change_id' => $change_id,
				'at'        => $now,
			);
		}
		$state['open'] = array_filter(
			$state['open'],
			static function ( $seen ) use ( $now ): bool {
				return (int) $seen > $now - self::WATCH;
			}
		);
		$state['late'] = array_values(
			array_filter(
				$state['late'],
				static function ( array $late ) use ( $now ): bool {
					return (int) $late['at'] > $now - self::REPORTED;
				}
			)
		);
		$state         = self::watch_new_gaps( $state, $now );
		update_option( self::OPTION, $state, false );
		return count( $found );
	}

	/**
	 * Late changes of the last week, newest last.
	 *
	 * @return array<int,array{order_id:int,change_id:int,at:int}>
	 */
	public static function recent(): array {
		$now = time();
		return array_values(
			array_filter(
				self::state()['late'],
				static function ( array $late ) use ( $now ): bool {
					return $late['at'] > $now - self::REPORTED;
				}
			)
		);
	}

	/**
	 * The stored watch, normalised.
	 *
	 * @return array{checked_to:int,open:array<int,int>,late:array<int,array{order_id:int,change_id:int,at:int}>}
	 */
	private static function state(): array {
		$stored = get_option( self::OPTION );
		$stored = is_array( $stored ) ? $stored : array();
		$late   = array();
		foreach ( is_array( $stored['late'] ?? null ) ? $stored['late'] : array() as $entry ) {
			if ( is_array( $entry ) ) {
				$late[] = array(
					'order_id'  => (int) ( $entry['order_id'] ?? 0 ),
					'change_id' => (int) ( $entry['change_id'] ?? 0 ),
					'at'        => (int) ( $entry['at'] ?? 0 ),
				);
			}
		}
		return array(
			// A first run starts at the head: what happened before the watch began is not known.
			'checked_to' => isset( $stored['checked_to'] ) ? (int) $stored['checked_to'] : ChangeLog::head(),
			'open'       => array_map( 'intval', is_array( $stored['open'] ?? null ) ? $stored['open'] : array() ),
			'late'       => $late,
		);
	}

	/**
	 * Which watched cursor values now hold a row.
	 *
	 * @param int[] $ids Watched values.
	 * @return array<int,int> change_id => order_id.
	 */
	private static function filled( array $ids ): array {
		global $wpdb;
		if ( array() === $ids ) {
			return array();
		}
		$table = ChangeLogSchema::table();
		$in    = implode( ',', array_fill( 0, count( $ids ), '%d' ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders -- placeholders built here; live data.
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT change_id, order_id FROM {$table} WHERE change_id IN ({$in})", $ids ), ARRAY_A );
		$found = array();
		foreach ( $rows as $row ) {
			$found[ (int) $row['change_id'] ] = (int) $row['order_id'];
		}
		return $found;
	}

	/**
	 * Walks the rows after checked_to up to the first one younger than the gap timeout (the feed still waits for
	 * gaps before that one) and watches every missing value on the way.
	 *
	 * @param array{checked_to:int,open:array<int,int>,late:array<int,mixed>} $state Watch.
	 * @param int                                                             $now   Unix time.
	 * @return array{checked_to:int,open:array<int,int>,late:array<int,mixed>}
	 */
	private static function watch_new_gaps( array $state, int $now ): array {
		global $wpdb;
		$table = ChangeLogSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- live data, never cached.
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only.
				"SELECT change_id, created_gmt >= UTC_TIMESTAMP() - INTERVAL %d SECOND AS recent, @@auto_increment_increment AS step FROM {$table} WHERE change_id > %d ORDER BY change_id LIMIT %d",
				Feed::gap_timeout(),
				$state['checked_to'],
				self::SCAN
			),
			ARRAY_A
		);
		$last = $state['checked_to'];
		foreach ( $rows as $row ) {
			if ( '1' === (string) $row['recent'] ) {
				break;
			}
			$id   = (int) $row['change_id'];
			$step = max( 1, (int) $row['step'] );
			// A jump of more than MAX_GAP values is a counter moved by hand or a restore, not rows in flight.
			$open = $last > 0 && ( $id - $last ) / $step <= self::MAX_GAP;
			for ( $missing = $last + $step; $open && $missing < $id; $missing += $step ) {
				$state['open'][ $missing ] = $now;
			}
			$last = $id;
		}
		$state['checked_to'] = $last;
		if ( count( $state['open'] ) > self::MAX_OPEN ) {
			ksort( $state['open'] );
			$state['open'] = array_slice( $state['open'], -self::MAX_OPEN, null, true );
		}
		return $state;
	}
}
