<?php
/**
 * The change log on the running shop's order storage: what is recorded, how pages are cut, what is pruned.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Integrator\PresentedKey;
use Flashnode\Connector\Shop\OrderStorage;

/**
 * Runs on HPOS in the default shop and on posts storage in `npm run test:compat`.
 */
final class ChangeLogTest extends FeedTestCase {

	/**
	 * Every kind of change through WooCommerce's CRUD gets exactly one row per save, with the status after it.
	 */
	public function test_each_order_change_is_recorded_once_per_save(): void {
		$head  = ChangeLog::head();
		$order = $this->order( 'pending' );
		$id    = $order->get_id();
		$this->assertSame( array( 'created:pending' ), self::events( $head, $id ) );

		$head = ChangeLog::head();
		$order->set_status( 'processing' );
		$order->save();
		// One row for the save (written when it completes, with the stored status). WooCommerce 7.8's
		// new-order email saves the order once more from a status hook, which is a save of its own: 'updated'.
		$events = self::events( $head, $id );
		$this->assertSame( 'status_changed:processing', $events[0] );
		$this->assertSame( array(), array_diff( array_slice( $events, 1 ), array( 'updated:processing' ) ), (string) wp_json_encode( $events ) );

		$head = ChangeLog::head();
		$order->set_billing_first_name( 'Ada' );
		$order->save();
		$this->assertSame( array( 'updated:processing' ), self::events( $head, $id ) );

		$head = ChangeLog::head();
		$order->update_status( 'completed' );
		$this->assertSame( array( 'status_changed:completed' ), self::events( $head, $id ) );

		$head   = ChangeLog::head();
		$refund = wc_create_refund(
			array(
				'order_id' => $id,
				'amount'   => 0,
				'reason'   => 'PHP test',
			)
		);
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund );
		$events = self::events( $head, $id );
		$this->assertContains( 'refunded:' . wc_get_order( $id )->get_status(), $events, 'A refund is its own event.' );
		$this->assertSame( array(), self::rows_after( $head, $refund->get_id() ), 'Refunds are not orders of their own in the log.' );

		$head = ChangeLog::head();
		wc_get_order( $id )->delete( false );
		// HPOS writes the trash meta after the status, and each meta change is a save of its own (a row each).
		$events = self::events( $head, $id );
		$this->assertSame( 'trashed:trash', end( $events ) );
		$this->assertSame( array(), array_diff( array_slice( $events, 0, -1 ), array( 'updated:trash' ) ), (string) wp_json_encode( $events ) );

		$head     = ChangeLog::head();
		$restored = wc_get_order( $id );
		// WooCommerce 7.8's orders have no untrash(); on posts storage wp-admin restores the post.
		$this->assertTrue( (bool) ( method_exists( $restored, 'untrash' ) ? $restored->untrash() : wp_untrash_post( $id ) ) );
		// HPOS fires woocommerce_untrash_order before it saves the restored status: that save is a row of its own,
		// so a consumer that read the order too early gets it again restored.
		$events = self::events( $head, $id );
		$status = wc_get_order( $id )->get_status();
		$this->assertSame( 'untrashed:' . $status, $events[0] ?? null );
		$this->assertSame( array(), array_diff( array_slice( $events, 1 ), array( 'updated:' . $status, 'status_changed:' . $status ) ), (string) wp_json_encode( $events ) );

		$head = ChangeLog::head();
		wc_get_order( $id )->delete( true );
		$this->assertSame( array( 'deleted:' ), self::events( $head, $id ) );
	}

	/**
	 * Trash, restore and delete from wp-admin's posts list (wp_trash_post and friends, no WooCommerce order
	 * hooks): recorded for orders on posts storage (npm run test:compat); on HPOS the posts table holds no orders,
	 * and trashing or deleting posts there records nothing (the CRUD test covers HPOS orders).
	 */
	public function test_posts_list_trash_and_delete_are_recorded_for_orders_only(): void {
		if ( OrderStorage::hpos_enabled() ) {
			$post = wp_insert_post(
				array(
					'post_title'  => 'Not an order',
					'post_status' => 'publish',
				)
			);
			$head = ChangeLog::head();
			wp_trash_post( $post );
			wp_untrash_post( $post );
			wp_delete_post( $post, true );
			$this->assertSame( array(), self::events( $head, $post ) );
			return;
		}
		$id   = $this->order()->get_id();
		$head = ChangeLog::head();
		wp_trash_post( $id );
		wp_untrash_post( $id );
		wp_delete_post( $id, true );
		$this->assertSame( array( 'trashed:trash', 'untrashed:processing', 'deleted:' ), self::events( $head, $id ) );
	}

	/**
	 * The install lock keeps two requests from installing at once, but a lock left by a request that died
	 * mid-install (a fatal error skips `finally`) must not keep the log from ever being installed.
	 */
	public function test_a_stale_install_lock_does_not_block_the_log_forever(): void {
		try {
			delete_option( ChangeLogSchema::OPTION );
			add_option( ChangeLogSchema::LOCK_OPTION, time(), '', false );
			ChangeLogSchema::maybe_install();
			$this->assertFalse( ChangeLogSchema::is_installed(), 'Another request holds a fresh lock: this one waits.' );

			update_option( ChangeLogSchema::LOCK_OPTION, time() - HOUR_IN_SECONDS, false );
			ChangeLogSchema::maybe_install();
			$this->assertTrue( ChangeLogSchema::is_installed(), 'A stale lock is taken over.' );
			$this->assertFalse( get_option( ChangeLogSchema::LOCK_OPTION ), 'The lock is released.' );
		} finally {
			delete_option( ChangeLogSchema::LOCK_OPTION );
			ChangeLogSchema::maybe_install();
		}
	}

	/**
	 * Writing an acknowledgement is not a change for the consumers.
	 */
	public function test_acknowledging_records_no_change(): void {
		$order = $this->order();
		$key   = $this->present_key();
		$head  = ChangeLog::head();
		Acknowledgements::acknowledge( array( $order->get_id() ), (array) PresentedKey::lookup( $key['consumer_key'] ), 'R-1' );
		$this->assertSame( array(), self::events( $head, $order->get_id() ) );
	}

	/**
	 * Keyset pages: every row exactly once, in order, however the page size cuts them.
	 */
	public function test_keyset_pages_deliver_every_change_once(): void {
		$head = Feed::safe_head();
		$ids  = array();
		for ( $i = 0; $i < 7; $i++ ) {
			$ids[] = $this->order()->get_id();
		}
		$seen   = array();
		$cursor = $head;
		do {
			$page = Feed::page( $cursor, 3 );
			foreach ( $page['changes'] as $change ) {
				$this->assertGreaterThan( $cursor, $change['cursor'] );
				$seen[] = $change['cursor'];
			}
			$this->assertGreaterThanOrEqual( $cursor, $page['next_cursor'] );
			$cursor = $page['next_cursor'];
		} while ( $page['has_more'] );
		$expected = array_column( self::rows_after( $head ), 'cursor' );
		$this->assertSame( $expected, $seen );
		$this->assertSame( $ids, array_values( array_unique( array_intersect( array_column( self::rows_after( $head ), 'order_id' ), $ids ) ) ) );
		$this->assertSame( ChangeLog::head(), $cursor, 'The last page ends at the head.' );
	}

	/**
	 * A missing cursor value that may still commit stops the page before it; once older than the gap timeout, it
	 * is passed (a rollback).
	 */
	public function test_a_recent_gap_holds_the_feed_back_until_it_is_old(): void {
		global $wpdb;
		$table = ChangeLogSchema::table();
		$order = $this->order();
		$head  = ChangeLog::head();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		// A writer took head+1 and has not committed; head+2 is visible.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP())", $head + 2, $order->get_id() ) );
		$this->assertSame( $head, Feed::safe_head() );
		$page = Feed::page( $head - 1, 10 );
		$this->assertSame( $head, $page['next_cursor'], 'The consumer is not moved past the gap.' );
		$this->assertNotContains( $head + 2, array_column( $page['changes'], 'cursor' ) );

		// The writer commits: both rows are served.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP())", $head + 1, $order->get_id() ) );
		$this->assertSame( $head + 2, Feed::safe_head() );

		// A gap whose next row is older than the timeout is a rollback, not a commit in flight.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL 2 MINUTE)", $head + 4, $order->get_id() ) );
		$this->assertSame( $head + 4, Feed::safe_head() );
		// Fill the hole so later tests see a contiguous log.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL 2 MINUTE)", $head + 3, $order->get_id() ) );
		// phpcs:enable
	}

	/**
	 * A gap below the consumer's cursor is behind it: it does not hold back the rows after the cursor.
	 */
	public function test_a_gap_below_the_cursor_does_not_hold_the_page_back(): void {
		global $wpdb;
		$table = ChangeLogSchema::table();
		$order = $this->order();
		$head  = ChangeLog::head();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		foreach ( array( 2, 3 ) as $step ) {
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP())", $head + $step, $order->get_id() ) );
		}
		$this->assertSame( $head, Feed::safe_head(), 'head+1 may still commit.' );
		$this->assertSame( $head + 3, Feed::safe_head( $head + 2 ) );
		$this->assertSame( array( $head + 3 ), array_column( Feed::page( $head + 2, 10 )['changes'], 'cursor' ) );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (change_id, order_id, event, status, modified_gmt, created_gmt) VALUES (%d, %d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP())", $head + 1, $order->get_id() ) );
		// phpcs:enable
	}

	/**
	 * A poll that finds nothing new costs one query, on a busy log too; a log with no row younger than the gap
	 * timeout (the usual case between orders) needs no gap walk before a page.
	 */
	public function test_an_empty_poll_costs_one_query(): void {
		global $wpdb;
		$this->order();
		$timeout = static function (): int {
			return 2;
		};
		add_filter( 'flashnode_connector_feed_gap_timeout', $timeout );
		try {
			$head = ChangeLog::head();
			$this->assertTrue( Feed::tip()['busy'], 'The order just saved is younger than the timeout.' );
			$before = $wpdb->num_queries;
			$page   = Feed::page( $head, 100 );
			$this->assertSame( array(), $page['changes'] );
			$this->assertSame( 1, $wpdb->num_queries - $before, 'Nothing above the cursor: no gap walk, no page query.' );
			$before = $wpdb->num_queries;
			$this->assertSame( array( $head ), array_column( Feed::page( $head - 1, 100 )['changes'], 'cursor' ) );
			$this->assertSame( 4, $wpdb->num_queries - $before, 'tip, the newest old row, the rows above the cursor, the page.' );
			sleep( 3 );
			$this->assertSame(
				array(
					'head' => $head,
					'busy' => false,
				),
				Feed::tip()
			);
			$before = $wpdb->num_queries;
			$page   = Feed::page( $head, 100 );
			$this->assertSame( 1, $wpdb->num_queries - $before );
			$this->assertSame(
				array(
					'changes'     => array(),
					'next_cursor' => $head,
					'has_more'    => false,
				),
				$page
			);
			$before = $wpdb->num_queries;
			$this->assertSame( array( $head ), array_column( Feed::page( $head - 1, 100 )['changes'], 'cursor' ) );
			$this->assertSame( 2, $wpdb->num_queries - $before, 'tip and the page.' );
		} finally {
			remove_filter( 'flashnode_connector_feed_gap_timeout', $timeout );
		}
	}

	/**
	 * The status filter returns matching rows only, but moves the cursor past the others.
	 */
	public function test_status_filter_still_advances_the_cursor(): void {
		$head      = Feed::safe_head();
		$pending   = $this->order( 'pending' )->get_id();
		$completed = $this->order( 'completed' )->get_id();
		$page      = Feed::page( $head, 100, array( 'completed' ) );
		$orders    = array_column( $page['changes'], 'order_id' );
		$this->assertContains( $completed, $orders );
		$this->assertNotContains( $pending, $orders );
		$this->assertSame( ChangeLog::head(), $page['next_cursor'] );
		$this->assertFalse( $page['has_more'] );
	}

	/**
	 * A since= date starts before the first row about an order modified at or after the date.
	 */
	public function test_since_starts_before_the_first_change_at_or_after_the_date(): void {
		$order = wc_get_order( $this->order()->get_id() );
		$rows  = self::rows_after( 0, $order->get_id() );
		// From its creation: its saves may straddle a second, so date_modified can be newer than its first row's.
		$start = Feed::cursor_before( $order->get_date_created()->getTimestamp() );
		$this->assertLessThan( $rows[0]['cursor'], $start );
		$this->assertSame( Feed::safe_head(), Feed::cursor_before( time() + DAY_IN_SECONDS ) );
	}

	/**
	 * Pruning removes old rows but keeps each order's newest one, so after=0 still lists every order.
	 */
	public function test_pruning_keeps_each_orders_newest_row(): void {
		global $wpdb;
		$table = ChangeLogSchema::table();
		$order = $this->order( 'pending' );
		$order->update_status( 'processing' );
		$rows = self::rows_after( 0, $order->get_id() );
		$this->assertGreaterThanOrEqual( 2, count( $rows ) );
		$newest = $rows[ count( $rows ) - 1 ]['cursor'];
		// The whole log up to the order's newest row ages, as it would in 40 days: cursor order is time order, so
		// the gaps pruning leaves have old rows after them and never hold the feed back (see Feed::safe_head()).
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET created_gmt = UTC_TIMESTAMP() - INTERVAL 40 DAY WHERE change_id <= %d", $newest ) );
		$this->assertGreaterThanOrEqual( 1, ChangeLog::prune() );
		$this->assertSame( array( $newest ), array_column( self::rows_after( 0, $order->get_id() ), 'cursor' ) );
		$this->assertSame( ChangeLog::head(), Feed::safe_head(), 'Pruning opens no gap the feed waits for.' );
	}
}
