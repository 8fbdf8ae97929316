<?php
/**
 * GET flashnode/v1/order-flow: the settings page's "Order flow" panel.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\Feed;

/**
 * The route answers OrderFlow's numbers to shop managers (visitors and customers: AdminRoutesAccessTest), and an
 * acknowledgement through POST wc-flashnode/v1/acks takes a stuck order off the list.
 */
final class OrderFlowRoutesTest extends FeedTestCase {

	/** The fields the panel reads. */
	private const FIELDS = array( 'last_read', 'lag', 'threshold_minutes', 'transfer_statuses', 'unacknowledged_orders', 'stuck_orders', 'consumers', 'late_changes' );

	/**
	 * Nothing read yet: no last read, no lag, the default threshold.
	 */
	public function test_answer_before_any_read(): void {
		delete_option( Consumers::OPTION );
		$flow = $this->assertRestSuccess( 200, $this->call( 'GET', '/order-flow' ) );
		$this->assertSame( self::FIELDS, array_keys( $flow ) );
		$this->assertNull( $flow['last_read'] );
		$this->assertNull( $flow['lag'] );
		$this->assertSame( 45, $flow['threshold_minutes'] );
		$this->assertSame( array(), $flow['consumers'] );
		$this->assertIsInt( $flow['unacknowledged_orders'] );
	}

	/**
	 * A stale order is listed with its edit link; once the service acknowledges it, it is gone, and the service
	 * is listed with its own count.
	 */
	public function test_stuck_order_listed_until_acknowledged(): void {
		delete_option( Consumers::OPTION );
		$stale = $this->order();
		$this->make_stale( $stale->get_id() );
		$this->present_key( 'read_write', 'ERP' );
		$this->assertRestSuccess( 200, $this->feed_call( 'GET', '/changes', array( 'after' => (string) Feed::safe_head() ) ) );
		wp_set_current_user( $this->admin_id );

		$flow   = $this->assertRestSuccess( 200, $this->call( 'GET', '/order-flow' ) );
		$listed = array_column( $flow['stuck_orders'], null, 'id' );
		$this->assertArrayHasKey( $stale->get_id(), $listed );
		$this->assertSame( $stale->get_edit_order_url(), $listed[ $stale->get_id() ]['edit_url'] );
		$this->assertSame( 'processing', $listed[ $stale->get_id() ]['status'] );
		$this->assertSame( self::MARKER . ' ERP', $flow['last_read']['consumer'] );
		$this->assertIsInt( $flow['lag'] );
		$before = $flow['unacknowledged_orders'];

		$this->assertRestSuccess( 200, $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $stale->get_id() ) ) ) );
		wp_set_current_user( $this->admin_id );
		$flow = $this->assertRestSuccess( 200, $this->call( 'GET', '/order-flow' ) );
		$this->assertNotContains( $stale->get_id(), array_column( $flow['stuck_orders'], 'id' ) );
		$this->assertSame( $before - 1, $flow['unacknowledged_orders'] );
		$this->assertCount( 1, $flow['consumers'] );
		$this->assertSame( self::MARKER . ' ERP', $flow['consumers'][0]['consumer'] );
	}
}
