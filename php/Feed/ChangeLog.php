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
 * Owns the table {prefix}flashnode_changes: its schema, the one INSERT per change, and pruning.
 *
 * Why a table of its own rather than order meta or date windows: the auto-increment `cursor` gives every change
 * a position, so a consumer resumes exactly where it stopped, whatever the clocks say and however long it was
 * away. Rows are tiny and have no foreign data, so the write on checkout is one short INSERT.
 *
 * Existing orders get one 'existing' row each when the table is created (one INSERT … SELECT), so `after=0`
 * backfills the whole shop through the same keyset paging. Pruning keeps each order's newest row, so that
 * backfill stays complete after old rows go: the table is bounded by (orders + changes of the retention period).
 */
final class ChangeLog {

	/** Bumped whenever the table definition changes; dbDelta then runs again. */
	public const SCHEMA_VERSION = '1';

	/** Autoloaded option holding the installed schema version: one array lookup per request to check it. */
	public const SCHEMA_OPTION = 'flashnode_connector_changes_schema';

	/** Held while one request installs the table (the time it was taken). */
	public const LOCK_OPTION = 'flashnode_connector_changes_schema_lock';

	/** A lock older than this was left by a request that died mid-install (a fatal error skips `finally`). */
	private const STALE_LOCK_SECONDS = 600;

	/** Events a row can carry. */
	public const EVENTS = array( 'existing', 'created', 'updated', 'status_changed', 'trashed', 'untrashed', 'deleted', 'refunded' );

	/** Action Scheduler hook and group of the daily pruning. */
	public const PRUNE_HOOK = 'flashnode_connector_prune_changes';

	public const SCHEDULER_GROUP = 'flashnode-connector';

	/** Rows deleted per DELETE while pruning, so no statement locks the table for long. */
	private const PRUNE_BATCH = 1000;

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'flashnode_changes';
	}

	/**
	 * Whether the table of the current schema exists (autoloaded option, so no query).
	 */
	public static function is_installed(): bool {
		return self::SCHEMA_VERSION === get_option( self::SCHEMA_OPTION );
	}

	/**
	 * Creates or upgrades the table when the stored schema version differs. Safe to call on any request: it costs
	 * one option lookup when nothing is to do, and a lock option keeps two concurrent requests from seeding twice.
	 */
	public static function maybe_install(): void {
		if ( self::is_installed() ) {
			return;
		}
		if ( ! add_option( self::LOCK_OPTION, time(), '', false ) ) {
			// Another request installs now, unless its lock is stale: then the table would never be created.
			if ( (int) get_option( self::LOCK_OPTION ) > time() - self::STALE_LOCK_SECONDS ) {
				return;
			}
			update_option( self::LOCK_OPTION, time(), false );
		}
		try {
			self::install();
		} finally {
			delete_option( self::LOCK_OPTION );
		}
	}

	/**
	 * Runs dbDelta, then seeds existing orders when the table was created now. Called on activation too.
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$existed = $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		// dbDelta's format: two spaces after PRIMARY KEY, one index per line.
		dbDelta(
			"CREATE TABLE {$table} (
  `cursor` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  order_id bigint(20) unsigned NOT NULL,
  event varchar(16) NOT NULL,
  status varchar(32) DEFAULT NULL,
  modified_gmt datetime DEFAULT NULL,
  created_gmt datetime NOT NULL,
  PRIMARY KEY  (`cursor`),
  KEY order_id (order_id),
  KEY created_gmt (created_gmt),
  KEY modified_gmt (modified_gmt)
) {$wpdb->get_charset_collate()};"
		);
		if ( ! $existed ) {
			self::seed();
		}
		update_option( self::SCHEMA_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * One 'existing' row per order already in the shop, in id order, in one statement. created_gmt is the
	 * order's own last modification, so such rows are old at once (never "in doubt" for the feed, see Feed) and
	 * pruned like any old row once the order changes again.
	 */
	private static function seed(): void {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names only.
		if ( OrderStorage::hpos_enabled() ) {
			$wpdb->query(
				"INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt)
				SELECT id, 'existing', IF(status LIKE 'wc-%', SUBSTRING(status, 4), status), date_updated_gmt, COALESCE(date_updated_gmt, date_created_gmt, UTC_TIMESTAMP())
				FROM {$wpdb->prefix}wc_orders WHERE type = 'shop_order' AND status NOT IN ('auto-draft') ORDER BY id"
			);
		} else {
			$wpdb->query(
				"INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt)
				SELECT ID, 'existing', IF(post_status LIKE 'wc-%', SUBSTRING(post_status, 4), post_status), post_modified_gmt, post_modified_gmt
				FROM {$wpdb->posts} WHERE post_type = 'shop_order' AND post_status NOT IN ('auto-draft') ORDER BY ID"
			);
		}
		// A multi-row INSERT … SELECT reserves auto-increment values in batches and may leave unused ones after the
		// last seeded row; the feed would take that gap for a commit in flight and wait for it (see Feed). Resetting
		// the counter makes the next change follow the seed directly (InnoDB never sets it below MAX + 1).
		$wpdb->query( "ALTER TABLE {$table} AUTO_INCREMENT = 1" );
		// phpcs:enable
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
		global $wpdb;
		$table = self::table();
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
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- prepared here; the hot path of checkout, nothing to cache.
		$wpdb->query( $wpdb->prepare( $sql, $args ) );
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
		$table   = self::table();
		$head    = self::head();
		$deleted = 0;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only.
		do {
			// The newest row stays whatever its age: a consumer's cursor must never be ahead of the log.
			$cursors = array_map(
				'intval',
				$wpdb->get_col(
					$wpdb->prepare(
						"SELECT c.`cursor` FROM {$table} c WHERE c.created_gmt < %s AND c.`cursor` < %d
						AND ( c.event = 'deleted' OR EXISTS ( SELECT 1 FROM {$table} n WHERE n.order_id = c.order_id AND n.`cursor` > c.`cursor` ) )
						ORDER BY c.`cursor` LIMIT %d",
						$cutoff,
						$head,
						self::PRUNE_BATCH
					)
				)
			);
			$found   = count( $cursors );
			if ( $found > 0 ) {
				$in       = implode( ',', array_fill( 0, $found, '%d' ) );
				$deleted += (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE `cursor` IN ({$in})", $cursors ) ); // phpcs:ignore WordPress.DB.PreparedSQLPlaceholders -- placeholders built here.
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
		return (int) $wpdb->get_var( 'SELECT MAX(`cursor`) FROM ' . self::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared
	}
}
