<?php
/**
 * The order change log: one small row per order change, read by the change feed.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * Owns the rows of {prefix}flashnode_changes: the one INSERT per change, and pruning (the table itself:
 * ChangeLogSchema).
 *
 * Why a table of its own rather than order meta or date windows: the auto-increment change_id (the feed's
 * `cursor`) gives every change a position, so a consumer resumes exactly where it stopped, whatever the clocks say and however long it was
 * away. Rows are tiny and have no foreign data, so the write on checkout is one short INSERT.
 *
 * Existing orders get one 'existing' row each when the table is created (one INSERT … SELECT), so `after=0`
 * backfills the whole shop through the same keyset paging. Pruning keeps each order's newest row, so that
 * backfill stays complete after old rows go: the table is bounded by (orders + changes of the retention period).
 */
final class ChangeLog {

	/** Events a row can carry. */
	public const EVENTS = array( 'existing', 'created', 'updated', 'status_changed', 'trashed', 'untrashed', 'deleted', 'refunded', 'resent' );


	/** Action Scheduler hook and group of the daily pruning. */
	public const PRUNE_HOOK = 'flashnode_connector_prune_changes';

	public const SCHEDULER_GROUP = 'flashnode-connector';

	/** Rows deleted per DELETE while pruning, so no statement locks the table for long. */
	private const PRUNE_BATCH = 1000;

	/**
	 * Whether this request wrote a change (Delivery\Dispatcher wakes the deliveries after admin and API requests).
	 *
	 * @var bool
	 */
	private static $written = false;

	/**
	 * Whether this request wrote a change.
	 */
	public static function written(): bool {
		return self::$written;
	}


	/**
	 * Records an order's change as the order storage holds it now: one INSERT … SELECT, so the row carries the
	 * status and modification time WooCommerce saved (what GET wc/v3/orders/<id> answers next), never a value
	 * of the PHP object that was saved. That object can be stale: on posts storage WooCommerce writes
	 * post_modified_gmt but leaves the object's date_modified at its previous value, and a second copy of an
	 * order loaded before a status change saves with the old status in memory while the database keeps the new
	 * one. Checkout drafts and other order types select nothing, so they write no row.
	 *
	 * Reading the storage's own row is the one place the plugin queries WooCommerce's order table by name (the
	 * seed is the other); WooCommerce 10.5 has no public function that returns the saved status and
	 * modification time without loading the whole order (four queries on HPOS).
	 *
	 * @param int         $order_id Order id.
	 * @param string      $event    One of EVENTS.
	 * @param string|null $status   A status to write instead of the stored one (untrash: WooCommerce fires the hook
	 *                              before it saves the restored status).
	 */
	public static function record_current( int $order_id, string $event, ?string $status = null ): void {
		global $wpdb;
		$table  = ChangeLogSchema::table();
		$drafts = ChangeLogSchema::DRAFT_STATUSES_SQL;
		$args   = array( $order_id, $event );
		if ( OrderStorage::hpos_enabled() ) {
			$source = OrderStorage::orders_table() . " WHERE id = %d AND type = 'shop_order' AND status NOT IN ({$drafts})";
			$column = array( 'status', 'date_updated_gmt' );
		} else {
			$source = "{$wpdb->posts} WHERE ID = %d AND post_type = 'shop_order' AND post_status NOT IN ({$drafts})";
			$column = array( 'post_status', 'post_modified_gmt' );
		}
		$status_sql = "IF({$column[0]} LIKE 'wc-%%', SUBSTRING({$column[0]}, 4), {$column[0]})";
		if ( null !== $status ) {
			$status_sql = '%s';
			$args[]     = substr( $status, 0, 32 );
		}
		$args[] = $order_id;
		self::write( "INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt) SELECT %d, %s, {$status_sql}, {$column[1]}, UTC_TIMESTAMP() FROM {$source}", $args );
	}

	/**
	 * Records one change: exactly one INSERT, no SELECT. created_gmt comes from the database clock, the one clock
	 * every web server of the shop shares, so the feed's "recent rows" window is consistent.
	 *
	 * @param int         $order_id     Order id.
	 * @param string      $event        One of EVENTS.
	 * @param string|null $status       Order status without "wc-", null when unknown (deleted).
	 * @param int|null    $modified_gmt Order's last modification (Unix time), null when unknown.
	 */
	public static function record( int $order_id, string $event, ?string $status, ?int $modified_gmt ): void {
		$table = ChangeLogSchema::table();
		// wpdb::prepare() turns null into '', so NULLs are written as literals instead of placeholders.
		$args = array( $order_id, $event );
		if ( null !== $status ) {
			$args[] = substr( $status, 0, 32 );
		}
		if ( null !== $modified_gmt ) {
			$args[] = gmdate( 'Y-m-d H:i:s', $modified_gmt );
		}
		$sql = "INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %s, "
			. ( null === $status ? 'NULL' : '%s' ) . ', ' . ( null === $modified_gmt ? 'NULL' : '%s' ) . ', UTC_TIMESTAMP())';
		self::write( $sql, $args );
	}

	/**
	 * Runs one INSERT. A failure (the table dropped, the disk full) is not silent: ChangeLogSchema::fail() logs it
	 * once and shows it in the readiness check; the order's own save is never interrupted.
	 *
	 * @param string       $sql  SQL with placeholders.
	 * @param array<mixed> $args Their values.
	 */
	private static function write( string $sql, array $args ): void {
		global $wpdb;
		$quiet = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- prepared here; the hot path of checkout, nothing to cache.
		$written = $wpdb->query( $wpdb->prepare( $sql, $args ) );
		$wpdb->suppress_errors( $quiet );
		if ( false === $written ) {
			ChangeLogSchema::fail( (string) $wpdb->last_error );
		} elseif ( $written > 0 ) {
			self::$written = true;
		}
	}

	/**
	 * Schedules the daily pruning once (Action Scheduler, group flashnode-connector).
	 */
	public static function schedule_pruning(): void {
		if ( ! function_exists( 'as_has_scheduled_action' ) || ! function_exists( 'as_schedule_recurring_action' ) ) {
			return;
		}
		if ( ! as_has_scheduled_action( self::PRUNE_HOOK, array(), self::SCHEDULER_GROUP ) ) {
			as_schedule_recurring_action( time() + HOUR_IN_SECONDS, DAY_IN_SECONDS, self::PRUNE_HOOK, array(), self::SCHEDULER_GROUP );
		}
	}

	/**
	 * Deletes rows older than the retention period (30 days unless filtered) except each order's newest row, so
	 * a backfill from after=0 still lists every order; an old newest row of a deleted order goes too.
	 *
	 * @return int Rows deleted.
	 */
	public static function prune(): int {
		global $wpdb;
		$days    = (int) apply_filters( 'flashnode_connector_change_retention_days', 30 );
		$cutoff  = gmdate( 'Y-m-d H:i:s', time() - max( 1, $days ) * DAY_IN_SECONDS );
		$table   = ChangeLogSchema::table();
		$head    = self::head();
		$deleted = 0;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only.
		do {
			// The newest row stays whatever its age: a consumer's cursor must never be ahead of the log.
			$ids   = array_map(
				'intval',
				$wpdb->get_col(
					$wpdb->prepare(
						"SELECT c.change_id FROM {$table} c WHERE c.created_gmt < %s AND c.change_id < %d
						AND ( c.event = 'deleted' OR EXISTS ( SELECT 1 FROM {$table} n WHERE n.order_id = c.order_id AND n.change_id > c.change_id ) )
						ORDER BY c.change_id LIMIT %d",
						$cutoff,
						$head,
						self::PRUNE_BATCH
					)
				)
			);
			$found = count( $ids );
			if ( $found > 0 ) {
				$in       = implode( ',', array_fill( 0, $found, '%d' ) );
				$deleted += (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE change_id IN ({$in})", $ids ) ); // phpcs:ignore WordPress.DB.PreparedSQLPlaceholders -- placeholders built here.
			}
		} while ( self::PRUNE_BATCH === $found );
		// phpcs:enable
		return $deleted;
	}

	/**
	 * The newest cursor (0 when empty).
	 */
	public static function head(): int {
		global $wpdb;
		return (int) $wpdb->get_var( 'SELECT MAX(change_id) FROM ' . ChangeLogSchema::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared
	}
}
