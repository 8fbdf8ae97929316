<?php
/**
 * Deleting the plugin removes the change log and the acknowledgements, unless the owner keeps the connection.
 * Deleted for real through WordPress's delete_plugins() in another process, then put back and reactivated
 * (as tests/php/UninstallTest.php does).
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Settings;

/**
 * The table and the order meta (on the shop's storage) go by default and stay with "keep".
 */
final class ChangeFeedUninstallTest extends FeedTestCase {

	use DeletesThePlugin;

	/**
	 * Puts the plugin back and reactivates it (its activation creates the log again), then cleans up.
	 */
	protected function tearDown(): void {
		$this->restore_plugin();
		parent::tearDown();
		$this->assertTrue( ChangeLogSchema::is_installed(), 'Reactivating the plugin created the change log again.' );
	}

	/**
	 * Default: the table, every order's transfer meta and the log's options go.
	 */
	public function test_uninstall_drops_the_log_and_the_order_meta(): void {
		Settings::update( array( 'keep_connection_on_uninstall' => false ) );
		$order_id = $this->acknowledged_order();

		$this->delete_plugin();

		$this->assertFalse( self::table_exists() );
		$this->assertSame( array(), self::transfer_meta( $order_id ) );
		$this->assertFalse( get_option( ChangeLogSchema::OPTION ) );
		$this->assertFalse( get_option( Consumers::OPTION ) );
	}

	/**
	 * "Keep the connection": the log and the marks stay, so a reinstalled plugin continues where it was.
	 */
	public function test_uninstall_keeps_the_log_and_the_order_meta_when_asked(): void {
		Settings::update( array( 'keep_connection_on_uninstall' => true ) );
		$order_id = $this->acknowledged_order();
		$head     = ChangeLog::head();

		$this->delete_plugin();

		$this->assertTrue( self::table_exists() );
		$this->assertSame( $head, ChangeLog::head() );
		$this->assertContains( Acknowledgements::ANY_META, self::transfer_meta( $order_id ) );
	}

	/**
	 * An order acknowledged by a consumer through the route.
	 */
	private function acknowledged_order(): int {
		$order_id = $this->order()->get_id();
		$this->present_key( 'read_write' );
		$this->assertSame( 1, $this->assertRestSuccess( 200, $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $order_id ) ) ) )['acknowledged'] );
		$this->assertContains( Acknowledgements::ANY_META, self::transfer_meta( $order_id ) );
		return $order_id;
	}

	/**
	 * Transfer meta keys of an order, read from the database (HPOS meta table, else postmeta).
	 *
	 * @param int $order_id Order.
	 * @return string[]
	 */
	private static function transfer_meta( int $order_id ): array {
		global $wpdb;
		$like = $wpdb->esc_like( Acknowledgements::META_STEM ) . '%';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$keys = \Flashnode\Connector\Shop\OrderStorage::hpos_enabled()
			? $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->prefix}wc_orders_meta WHERE order_id = %d AND meta_key LIKE %s", $order_id, $like ) )
			: $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->postmeta} WHERE post_id = %d AND meta_key LIKE %s", $order_id, $like ) );
		// phpcs:enable
		return array_map( 'strval', $keys );
	}

	/**
	 * Whether the log's table exists.
	 */
	private static function table_exists(): bool {
		global $wpdb;
		return ChangeLogSchema::table() === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( ChangeLogSchema::table() ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}
}
