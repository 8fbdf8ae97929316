<?php
/**
 * Reads pages of the change log that no later commit can invalidate.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Why a "safe head" and not simply MAX(cursor): InnoDB hands out auto-increment values when a row is inserted,
 * not when it commits. A writer inside a transaction may hold cursor 41 while cursor 42 is already committed and
 * visible; a reader that served 42 and moved its cursor past it would never see 41. So the feed serves rows only
 * up to the last cursor before the first gap that may still fill: a gap counts as "in doubt" while the row after
 * it is younger than the gap timeout (60 s by default, filter flashnode_connector_feed_gap_timeout); after that
 * the missing value was a rollback or a failed insert and is passed.
 *
 * Chosen over a fixed settle delay (serve only rows older than N seconds) because that delays every change by N
 * while protecting only against transactions shorter than N; the gap check delays nothing in the usual case and
 * waits exactly as long as a gap is open. Its bound is the same: a transaction holding a row uncommitted for
 * longer than the timeout can be overtaken. The recorder writes outside long transactions (one autocommit
 * INSERT), so that needs a writer that wraps a whole order save in a transaction lasting over a minute.
 * With auto_increment_increment > 1 (Galera clusters) gaps are normal; each then delays the feed by the timeout.
 */
final class Feed {

	/** Largest page. */
	public const MAX_LIMIT = 500;

	/** At most this many recent rows are examined for gaps; beyond them the head is where the scan ended. */
	private const RECENT_SCAN = 5000;

	/**
	 * The highest cursor that no commit still in flight can come before. Walks the rows above the newest old row
	 * (a few seconds of writes); a missing value is in doubt only when the row after it is recent, so gaps left
	 * by pruning or by rollbacks long ago are passed. Gaps at or below the consumer's cursor are behind it (a
	 * next_cursor served earlier, a since= start, or a value the consumer chose), so the walk starts at that
	 * cursor when it is higher.
	 *
	 * @param int $after The consumer's cursor.
	 */
	public static function safe_head( int $after = 0 ): int {
		global $wpdb;
		$table   = ChangeLogSchema::table();
		$timeout = self::gap_timeout();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only; live data, never cached.
		$base = (int) $wpdb->get_var( $wpdb->prepare( "SELECT change_id FROM {$table} WHERE created_gmt < UTC_TIMESTAMP() - INTERVAL %d SECOND ORDER BY created_gmt DESC, change_id DESC LIMIT 1", $timeout ) );
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT change_id, created_gmt >= UTC_TIMESTAMP() - INTERVAL %d SECOND AS recent, @@auto_increment_increment AS step FROM {$table} WHERE change_id > %d ORDER BY change_id LIMIT %d",
				$timeout,
				max( $base, $after ),
				self::RECENT_SCAN
			),
			ARRAY_A
		);
		// phpcs:enable
		$last = max( $base, $after );
		foreach ( $rows as $row ) {
			$cursor = (int) $row['change_id'];
			// The very first rows of a new log have nothing below them to compare with.
			if ( 0 !== $last && $cursor !== $last + max( 1, (int) $row['step'] ) && '1' === (string) $row['recent'] ) {
				return $last;
			}
			$last = $cursor;
		}
		return $last;
	}

	/**
	 * The newest cursor, and whether any row is younger than the gap timeout. One statement that both indexes
	 * answer without reading a row (MAX of the primary key and of created_gmt). When no row is that young, no gap
	 * can be in doubt and the newest cursor is the safe head: a poll of an idle log, the usual case, costs this
	 * one query.
	 *
	 * @return array{head:int,busy:bool}
	 */
	public static function tip(): array {
		global $wpdb;
		$table = ChangeLogSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only; live data, never cached.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT MAX(change_id) AS head, MAX(created_gmt) >= UTC_TIMESTAMP() - INTERVAL %d SECOND AS busy FROM {$table}", self::gap_timeout() ), ARRAY_A );
		return array(
			'head' => (int) ( $row['head'] ?? 0 ),
			'busy' => '1' === (string) ( $row['busy'] ?? '' ),
		);
	}

	/**
	 * One page after a cursor, in cursor order (keyset paging: the position is a cursor value, never an offset,
	 * so rows written or pruned meanwhile cannot shift the page).
	 *
	 * @param int                            $after    Last cursor the consumer has.
	 * @param int                            $limit    1..MAX_LIMIT.
	 * @param string[]                       $statuses Only rows with these statuses (plus deletions, whose status is unknown); all when empty.
	 * @param array{head:int,busy:bool}|null $tip What tip() answered in this request, if it was asked already.
	 * @return array{changes:array<int,array{cursor:int,order_id:int,event:string,status:?string,modified_gmt:?string}>,next_cursor:int,has_more:bool}
	 */
	public static function page( int $after, int $limit, array $statuses = array(), ?array $tip = null ): array {
		global $wpdb;
		$tip = $tip ?? self::tip();
		// No row above the cursor: nothing to check for gaps either. Else the gap walk, only while the log is busy.
		$head = $after >= $tip['head'] ? $tip['head'] : ( $tip['busy'] ? self::safe_head( $after ) : $tip['head'] );
		if ( $after >= $head ) {
			// Nothing the consumer may read yet: an empty poll needs no page query.
			return array(
				'changes'     => array(),
				'next_cursor' => $after,
				'has_more'    => false,
			);
		}
		$table = ChangeLogSchema::table();
		$where = '';
		if ( array() !== $statuses ) {
			$where = ' AND ( status IS NULL OR status IN (' . implode( ',', array_fill( 0, count( $statuses ), '%s' ) ) . ') )';
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders -- placeholders built above; live data.
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT change_id, order_id, event, status, modified_gmt FROM {$table} WHERE change_id > %d AND change_id <= %d{$where} ORDER BY change_id LIMIT %d",
				array_merge( array( $after, $head ), $statuses, array( $limit + 1 ) )
			),
			ARRAY_A
		);
		// phpcs:enable
		$has_more = count( $rows ) > $limit;
		$rows     = array_slice( $rows, 0, $limit );
		$changes  = array();
		foreach ( $rows as $row ) {
			$changes[] = array(
				'cursor'       => (int) $row['change_id'],
				'order_id'     => (int) $row['order_id'],
				'event'        => (string) $row['event'],
				'status'       => null === $row['status'] ? null : (string) $row['status'],
				'modified_gmt' => null === $row['modified_gmt'] ? null : str_replace( ' ', 'T', (string) $row['modified_gmt'] ) . 'Z',
			);
		}
		// A short page has examined everything up to the safe head, filtered rows included: continue from there.
		$next = $has_more ? $changes[ count( $changes ) - 1 ]['cursor'] : max( $after, $head );
		return array(
			'changes'     => $changes,
			'next_cursor' => $next,
			'has_more'    => $has_more,
		);
	}

	/**
	 * The cursor to start from for "changes since a date": just before the first row about an order modified at or
	 * after it. Rows after that one may concern older modifications too; delivering more is harmless, fewer is not.
	 *
	 * @param int $since Unix time.
	 */
	public static function cursor_before( int $since ): int {
		global $wpdb;
		$table = ChangeLogSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name only.
		$first = $wpdb->get_var( $wpdb->prepare( "SELECT MIN(change_id) FROM {$table} WHERE modified_gmt >= %s", gmdate( 'Y-m-d H:i:s', $since ) ) );
		// Never past the safe head: a change still committing below the first match may concern such an order too.
		return null === $first ? self::safe_head() : min( (int) $first - 1, self::safe_head() );
	}

	/**
	 * Seconds after which a missing cursor value counts as a rollback, not a commit in flight (see the class).
	 */
	public static function gap_timeout(): int {
		return max( 1, (int) apply_filters( 'flashnode_connector_feed_gap_timeout', 60 ) );
	}

	/**
	 * Changes after a cursor that are not read yet (the consumer's lag), counted up to the newest row.
	 *
	 * @param int $after Cursor.
	 */
	public static function count_after( int $after ): int {
		global $wpdb;
		$table = ChangeLogSchema::table();
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE change_id > %d", $after ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}
}
