<?php
/**
 * The change log's table: created, upgraded and verified.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * The table is marked installed (an autoloaded option, so the check costs no query) only after it was verified to
 * exist with the current columns: a failed CREATE TABLE must never leave the recorder writing to a missing table.
 * A failure is remembered (non-autoloaded option) for the readiness check "Change log" and logged once; the
 * next attempt waits RETRY_SECONDS, so a database user without CREATE rights does not run dbDelta on every request.
 *
 * Schema 2 renamed the primary key `cursor` (a reserved word in MySQL and MariaDB, so every hand-written query
 * needed backticks) to change_id, in place: the values, the auto-increment counter and so every consumer's
 * position are kept. The feed's JSON field is still called `cursor`.
 */
final class ChangeLogSchema {

	/**
	 * Statuses of orders that are not orders yet (a checkout in progress, an admin's unsaved new order), as SQL:
	 * they get no row until they become orders. Both spellings, as storages and versions differ.
	 */
	public const DRAFT_STATUSES_SQL = "'checkout-draft','wc-checkout-draft','auto-draft','draft'";

	/** Bumped whenever the table definition changes; install() then runs again. */
	public const VERSION = '2';

	/** Autoloaded option holding the installed schema version. */
	public const OPTION = 'flashnode_connector_changes_schema';

	/** Held while one request installs the table (the time it was taken). */
	public const LOCK_OPTION = 'flashnode_connector_changes_schema_lock';

	/** The last failure: {at: Unix time, error: database message}. Not autoloaded. */
	public const ERROR_OPTION = 'flashnode_connector_changes_error';

	/** A lock older than this was left by a request that died mid-install (a fatal error skips `finally`). */
	private const STALE_LOCK_SECONDS = 600;

	/** After a failed install, requests wait this long before trying again on their own. */
	private const RETRY_SECONDS = 600;

	/**
	 * The table's name. Defined here, by the table's owner, so that the log's reads and writes (ChangeLog) use the
	 * schema and not the other way round.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'flashnode_changes';
	}

	/**
	 * Whether the table of the current schema exists (autoloaded option, so no query).
	 */
	public static function is_installed(): bool {
		return self::VERSION === get_option( self::OPTION );
	}

	/**
	 * Creates or upgrades the table when the stored schema version differs. Costs one option lookup when nothing
	 * is to do; a lock option keeps two concurrent requests from seeding twice.
	 */
	public static function maybe_install(): void {
		if ( self::is_installed() ) {
			return;
		}
		$failure = self::failure();
		if ( null !== $failure && $failure['at'] > time() - self::RETRY_SECONDS ) {
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
	 * Renames the old key column, runs dbDelta, seeds existing orders when the table was created now, and marks the
	 * schema installed only when the table is really there. Called on activation and by the readiness fix too.
	 *
	 * @return bool Whether the table exists with the current columns.
	 */
	public static function install(): bool {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$existed = self::table_exists();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange -- our own table.
		if ( $existed && $wpdb->get_var( "SHOW COLUMNS FROM {$table} LIKE 'cursor'" ) ) {
			// dbDelta cannot rename: it would add an empty column beside the old one.
			$wpdb->query( "ALTER TABLE {$table} CHANGE COLUMN `cursor` change_id bigint(20) unsigned NOT NULL AUTO_INCREMENT" );
		}
		// phpcs:enable
		// dbDelta's format: two spaces after PRIMARY KEY, one index per line.
		dbDelta(
			"CREATE TABLE {$table} (
  change_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  order_id bigint(20) unsigned NOT NULL,
  event varchar(16) NOT NULL,
  status varchar(32) DEFAULT NULL,
  modified_gmt datetime DEFAULT NULL,
  created_gmt datetime NOT NULL,
  PRIMARY KEY  (change_id),
  KEY order_id (order_id),
  KEY created_gmt (created_gmt),
  KEY modified_gmt (modified_gmt)
) {$wpdb->get_charset_collate()};"
		);
		if ( ! self::verified() ) {
			self::fail( '' !== $wpdb->last_error ? $wpdb->last_error : 'The table was not created.' );
			return false;
		}
		if ( ! $existed ) {
			self::seed();
		}
		delete_option( self::ERROR_OPTION );
		update_option( self::OPTION, self::VERSION, true );
		return true;
	}

	/**
	 * The recorder could not write a row: remember it for the readiness check and log it once. When the table is
	 * gone, the schema is marked missing, so a later request creates it again (and seeds the orders it lacks).
	 *
	 * @param string $error The database's message.
	 */
	public static function fail( string $error ): void {
		$first = null === self::failure();
		update_option(
			self::ERROR_OPTION,
			array(
				'at'    => time(),
				'error' => substr( $error, 0, 500 ),
			),
			false
		);
		if ( $first ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- once per incident: an order change was not recorded.
			error_log( 'Flashnode Connector: the change log cannot be written: ' . $error );
		}
		if ( ! self::table_exists() ) {
			delete_option( self::OPTION );
		}
	}

	/**
	 * The last failure, if one is remembered.
	 *
	 * @return array{at:int,error:string}|null
	 */
	public static function failure(): ?array {
		$failure = get_option( self::ERROR_OPTION );
		if ( ! is_array( $failure ) ) {
			return null;
		}
		return array(
			'at'    => (int) ( $failure['at'] ?? 0 ),
			'error' => (string) ( $failure['error'] ?? '' ),
		);
	}

	/**
	 * Whether the table exists.
	 */
	public static function table_exists(): bool {
		global $wpdb;
		$table = self::table();
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * Whether the table exists with the current key column.
	 */
	private static function verified(): bool {
		global $wpdb;
		$table = self::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only.
		return self::table_exists() && null !== $wpdb->get_var( "SHOW COLUMNS FROM {$table} LIKE 'change_id'" );
	}

	/**
	 * One 'existing' row per order already in the shop (checkout drafts are not orders yet), in id order, in one
	 * statement. created_gmt is the order's own last modification, so such rows are old at once (never "in doubt"
	 * for the feed, see Feed) and pruned like any old row once the order changes again.
	 */
	private static function seed(): void {
		global $wpdb;
		$table  = self::table();
		$drafts = self::DRAFT_STATUSES_SQL;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names only.
		if ( OrderStorage::hpos_enabled() ) {
			$orders = OrderStorage::orders_table();
			$wpdb->query(
				"INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt)
				SELECT id, 'existing', IF(status LIKE 'wc-%', SUBSTRING(status, 4), status), date_updated_gmt, COALESCE(date_updated_gmt, date_created_gmt, UTC_TIMESTAMP())
				FROM {$orders} WHERE type = 'shop_order' AND status NOT IN ({$drafts}) ORDER BY id"
			);
		} else {
			$wpdb->query(
				"INSERT INTO {$table} (order_id, event, status, modified_gmt, created_gmt)
				SELECT ID, 'existing', IF(post_status LIKE 'wc-%', SUBSTRING(post_status, 4), post_status), post_modified_gmt, post_modified_gmt
				FROM {$wpdb->posts} WHERE post_type = 'shop_order' AND post_status NOT IN ({$drafts}) ORDER BY ID"
			);
		}
		// A multi-row INSERT … SELECT reserves auto-increment values in batches and may leave unused ones after the
		// last seeded row; the feed would take that gap for a commit in flight and wait for it (see Feed). Resetting
		// the counter makes the next change follow the seed directly (InnoDB never sets it below MAX + 1).
		$wpdb->query( "ALTER TABLE {$table} AUTO_INCREMENT = 1" );
		// phpcs:enable
	}
}
