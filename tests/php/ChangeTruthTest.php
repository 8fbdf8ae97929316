<?php
/**
 * The change log's rows against WooCommerce's own order state (issue "The feed loses updates on posts storage").
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Feed\LateChanges;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Readiness\Checks\ChangeLogCheck;
use Flashnode\Connector\Readiness\Fixes\ChangeLogFix;
use Flashnode\Connector\Readiness\LoopbackProbe;

/**
 * Runs on HPOS in the default shop and on posts storage in `npm run test:compat`: ground truth is what
 * wc_get_order() reads back from the storage, never the object that was saved.
 */
final class ChangeTruthTest extends FeedTestCase {

	/**
	 * The newest row of an order: [status, modified_gmt as Y-m-d H:i:s, event].
	 *
	 * @param int $order_id Order.
	 * @return array{0:?string,1:?string,2:string}
	 */
	private static function last_row( int $order_id ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- table name only.
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT status, modified_gmt, event FROM ' . ChangeLogSchema::table() . ' WHERE order_id = %d ORDER BY change_id DESC LIMIT 1', $order_id ), ARRAY_N );
		return array( $row[0] ?? null, $row[1] ?? null, (string) ( $row[2] ?? '' ) );
	}

	/**
	 * What WooCommerce holds now: [status, date_modified as Y-m-d H:i:s UTC].
	 *
	 * @param int $order_id Order.
	 * @return array{0:string,1:string}
	 */
	private static function saved( int $order_id ): array {
		$order = wc_get_order( $order_id );
		return array( $order->get_status(), gmdate( 'Y-m-d H:i:s', $order->get_date_modified()->getTimestamp() ) );
	}

	/**
	 * The issue's repro: a change one second or more after the last one carries the new date_modified (on posts
	 * storage the saved object keeps its previous one), and a second copy of the order loaded before a status
	 * change does not put its old status into the log when it saves something else.
	 */
	public function test_each_row_is_the_saved_state_not_the_saved_object(): void {
		$id = $this->order( 'processing' )->get_id();
		sleep( 2 );
		$order = wc_get_order( $id );
		$order->set_customer_note( 'A note two seconds later' );
		$order->save();
		$this->assertSame( self::saved( $id ), array_slice( self::last_row( $id ), 0, 2 ), 'The row carries date_modified as saved.' );

		$stale = wc_get_order( $id );
		$fresh = wc_get_order( $id );
		sleep( 1 );
		$fresh->set_status( 'completed' );
		$fresh->save();
		$stale->set_billing_first_name( 'Stale' );
		$stale->save();
		$this->assertSame( 'completed', self::saved( $id )[0], 'WooCommerce kept the new status.' );
		$this->assertSame( self::saved( $id ), array_slice( self::last_row( $id ), 0, 2 ), 'The stale copy\'s save is recorded with the stored status.' );
	}

	/**
	 * A checkout draft is not an order yet: its saves write nothing; the save that makes it an order is 'created'.
	 */
	public function test_a_checkout_draft_is_recorded_once_it_becomes_an_order(): void {
		$head  = ChangeLog::head();
		$order = $this->order( 'checkout-draft' );
		$order->set_billing_first_name( 'Draft' );
		$order->save();
		$this->assertSame( array(), self::events( $head, $order->get_id() ) );
		$order->set_status( 'pending' );
		$order->save();
		// WooCommerce's own handlers of the new order may save it once more: a save of its own, 'updated'.
		$events = self::events( $head, $order->get_id() );
		$this->assertSame( 'created:pending', $events[0] ?? null );
		$this->assertSame( array(), array_diff( array_slice( $events, 1 ), array( 'updated:pending' ) ), (string) wp_json_encode( $events ) );
	}

	/**
	 * An acknowledgement writes its meta and note without saving the order: date_modified stays.
	 */
	public function test_an_acknowledgement_leaves_date_modified(): void {
		$id     = $this->order( 'processing' )->get_id();
		$before = self::saved( $id );
		$head   = ChangeLog::head();
		sleep( 1 );
		$key    = $this->present_key( 'read_write', 'Truth test ERP' );
		$result = Acknowledgements::acknowledge( array( $id ), $key, 'ERP-7' );
		$this->assertSame( array( $id => Acknowledgements::ACKNOWLEDGED ), $result );
		$this->assertSame( $before, self::saved( $id ) );
		$this->assertSame( array(), self::events( $head, $id ), 'No row: nothing changed for the consumers.' );
		$this->assertArrayHasKey( (int) $key['key_id'], Acknowledgements::of( wc_get_order( $id ) ), 'The acknowledgement is stored.' );
	}

	/**
	 * A change whose transaction stays open past the gap timeout is passed by the feed; once it commits, the late
	 * check records the order again at the head of the log, and the order-flow numbers count it.
	 */
	public function test_a_change_committed_after_the_gap_timeout_comes_again(): void {
		delete_option( LateChanges::OPTION );
		LateChanges::check();
		$late  = $this->order( 'processing' )->get_id();
		$other = $this->order( 'processing' )->get_id();
		$held  = new \wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$held->query( 'START TRANSACTION' );
		$held->query( $held->prepare( 'INSERT INTO ' . ChangeLogSchema::table() . " (order_id, event, status, modified_gmt, created_gmt) VALUES (%d, 'updated', 'processing', UTC_TIMESTAMP(), UTC_TIMESTAMP())", $late ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$gap = (int) $held->insert_id;
		ChangeLog::record_current( $other, 'updated' );
		$after = ChangeLog::head();
		$this->assertGreaterThan( $gap, $after, 'The open transaction holds a cursor below the newest row.' );
		$timeout = static function (): int {
			return 1;
		};
		add_filter( 'flashnode_connector_feed_gap_timeout', $timeout );
		try {
			sleep( 2 );
			$page = Feed::page( $gap - 1, 100 );
			$this->assertSame( $after, $page['next_cursor'], 'Past the timeout, the feed serves past the gap.' );
			$this->assertSame( 0, LateChanges::check(), 'Nothing late yet: the gap is watched.' );
			$held->query( 'COMMIT' );
			$this->assertSame( 1, LateChanges::check() );
			$again = Feed::page( $after, 100 )['changes'];
			$this->assertSame( array( array( $late, 'updated' ) ), array_map( null, array_column( $again, 'order_id' ), array_column( $again, 'event' ) ) );
			$this->assertSame( 1, OrderFlow::numbers( false )['late_changes'] );
			$check = ( new ChangeLogCheck() )->run( new LoopbackProbe() )->to_array();
			$this->assertSame( 'warning', $check['status'] );
			$this->assertSame( 1, $check['details']['late_changes'] );
		} finally {
			remove_filter( 'flashnode_connector_feed_gap_timeout', $timeout );
			$held->query( 'ROLLBACK' );
			$held->close();
			// The late row stays: deleting it would open a gap that holds the feed back for the next tests.
			delete_option( LateChanges::OPTION );
		}
	}

	/**
	 * Schema 2 renames the old key column `cursor` in place: every row, and so every consumer's position, stays.
	 */
	public function test_the_cursor_column_is_renamed_in_place(): void {
		global $wpdb;
		$table = ChangeLogSchema::table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange -- our own table.
		$count = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" );
		$head  = ChangeLog::head();
		$wpdb->query( "ALTER TABLE {$table} CHANGE COLUMN change_id `cursor` bigint(20) unsigned NOT NULL AUTO_INCREMENT" );
		update_option( ChangeLogSchema::OPTION, '1', true );
		ChangeLogSchema::maybe_install();
		$this->assertTrue( ChangeLogSchema::is_installed() );
		$this->assertSame( array( $count, $head ), array( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ), ChangeLog::head() ) );
		$this->assertNull( $wpdb->get_var( "SHOW COLUMNS FROM {$table} LIKE 'cursor'" ) );
		// phpcs:enable
	}

	/**
	 * A missing table is never silent: the failed write is remembered, the check fails with its fix, and the fix
	 * creates the table again (with every order listed once).
	 */
	public function test_a_missing_table_fails_the_check_until_it_is_created_again(): void {
		global $wpdb;
		$table = ChangeLogSchema::table();
		$aside = $table . '_aside';
		$id    = $this->order( 'processing' )->get_id();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange -- our own table, put back below.
		$wpdb->query( "RENAME TABLE {$table} TO {$aside}" );
		try {
			$order = wc_get_order( $id );
			$order->set_customer_note( 'Saved while the table is gone' );
			$order->save();
			$this->assertNotNull( ChangeLogSchema::failure(), 'The failed write is remembered.' );
			$this->assertFalse( ChangeLogSchema::is_installed(), 'The log is no longer marked installed.' );
			$check = ( new ChangeLogCheck() )->run( new LoopbackProbe() )->to_array();
			$this->assertSame( array( 'error', 'change_log' ), array( $check['status'], $check['fix_id'] ) );
			$this->assertNull( ( new ChangeLogFix() )->apply() );
			$this->assertTrue( ChangeLogSchema::is_installed() );
			$this->assertNull( ChangeLogSchema::failure() );
			$this->assertSame( 'existing', self::last_row( $id )[2], 'The new table lists the order that changed meanwhile.' );
			$this->assertSame( 'ok', ( new ChangeLogCheck() )->run( new LoopbackProbe() )->to_array()['status'] );
		} finally {
			$wpdb->query( "DROP TABLE IF EXISTS {$table}" );
			$wpdb->query( "RENAME TABLE {$aside} TO {$table}" );
			delete_option( ChangeLogSchema::ERROR_OPTION );
			update_option( ChangeLogSchema::OPTION, ChangeLogSchema::VERSION, true );
		}
		// phpcs:enable
	}
}
