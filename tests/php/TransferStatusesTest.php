<?php
/**
 * Per-connection transfer statuses: two services on one shop, an ERP transferring paid ("processing") orders and
 * an invoicing app the completed ones; each one's stuck orders and health diagnosis follow its own statuses.
 *
 * The services are simulated at the outbound boundary only; connections, keys, orders and acknowledgements are
 * the real shop's.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Feed\TransferStatuses;
use Flashnode\Connector\Health\Diagnosis;
use Flashnode\Connector\Integrator\PresentedKey;
use Flashnode\Connector\Settings;

/**
 * A connection's own statuses decide its orders to transfer; without its own, and for keys made by hand, the
 * shop-wide setting does.
 */
final class TransferStatusesTest extends FeedTestCase {

	/**
	 * Approves a service's link; the hand-off it received.
	 *
	 * @param string $name     Service name.
	 * @param string $callback Callback URL (its host names the connection).
	 * @param string $statuses The link's order_statuses.
	 * @return array<string,mixed>
	 */
	private function approve( string $name, string $callback, string $statuses ): array {
		wp_set_current_user( $this->admin_id );
		$this->assertRestSuccess(
			201,
			$this->call(
				'POST',
				'/connection/approve',
				array(
					'request_id'     => $this->request_id(),
					'service_name'   => self::MARKER . ' ' . $name,
					'callback_url'   => $callback,
					'return_url'     => 'https://203.0.113.12/back',
					'order_statuses' => $statuses,
				)
			)
		);
		return json_decode( (string) end( $this->outbound )['args']['body'], true );
	}

	/**
	 * Acknowledges orders with a service's key, as the service does.
	 *
	 * @param array<string,mixed> $handoff The service's hand-off.
	 * @param int[]               $ids     Orders.
	 */
	private function ack( array $handoff, array $ids ): void {
		$_SERVER['PHP_AUTH_USER'] = $handoff['consumer_key'];
		wp_set_current_user( (int) $handoff['user_id'] );
		$this->assertRestSuccess( 200, $this->feed_call( 'POST', '/acks', array( 'order_ids' => $ids ) ) );
		unset( $_SERVER['PHP_AUTH_USER'] );
		wp_set_current_user( $this->admin_id );
	}

	/**
	 * The order flow's numbers, and each consumer's by key.
	 *
	 * @return array{0:array<string,mixed>,1:array<int,array<string,mixed>>}
	 */
	private static function flow(): array {
		$flow = OrderFlow::numbers();
		return array( $flow, array_column( $flow['consumers'], null, 'key_id' ) );
	}

	/**
	 * The whole story, in the real shop.
	 */
	public function test_each_connection_transfers_its_own_statuses(): void {
		delete_option( Connections::OPTION );
		delete_option( Consumers::OPTION );
		Settings::update( array( 'order_statuses' => array( 'processing' ) ) );
		$this->answer_outbound( self::http_response( 200 ) );
		// The shop's only connection sets the shop-wide statuses and follows them; a second one keeps its own.
		$erp     = $this->approve( 'ERP', 'https://203.0.113.10/connect', 'processing' );
		$invoice = $this->approve( 'Invoicing', 'https://203.0.113.20/connect', 'completed' );
		$this->assertSame( array(), Connections::for_host( '203.0.113.10' )['order_statuses'] );
		$this->assertSame( array( 'completed' ), Connections::for_host( '203.0.113.20' )['order_statuses'] );
		$this->assertSame( array( 'processing' ), Settings::all()['order_statuses'], 'The second service did not change them.' );
		$this->assertSame( array( 'processing' ), TransferStatuses::for_key( (int) $erp['key_id'] ) );
		$this->assertSame( array( 'completed' ), TransferStatuses::for_key( (int) $invoice['key_id'] ) );

		$paid = $this->order( 'processing' );
		$done = $this->order( 'completed' );
		$seed = $this->order( 'on-hold' );
		$this->make_stale( $paid->get_id() );
		$this->make_stale( $done->get_id() );
		// Both are consumers once they acknowledged something.
		$this->ack( $erp, array( $seed->get_id() ) );
		$this->ack( $invoice, array( $seed->get_id() ) );

		list( $flow, $per ) = self::flow();
		$this->assertSame( array( 'processing' ), $per[ $erp['key_id'] ]['transfer_statuses'] );
		$this->assertSame( array( 'completed' ), $per[ $invoice['key_id'] ]['transfer_statuses'] );
		$this->assertEqualsCanonicalizing( array( 'processing', 'completed' ), $flow['transfer_statuses'] );
		$stuck = array_column( $flow['stuck_orders'], 'id' );
		$this->assertContains( $paid->get_id(), $stuck );
		$this->assertContains( $done->get_id(), $stuck, 'Completed orders are to transfer: the invoicing app takes them.' );
		$erp_stuck     = $per[ $erp['key_id'] ]['stuck_orders'];
		$invoice_stuck = $per[ $invoice['key_id'] ]['stuck_orders'];

		// The invoicing app acknowledges the paid order: not its status, so neither count changes.
		$this->ack( $invoice, array( $paid->get_id() ) );
		list( $flow, $per ) = self::flow();
		$this->assertSame( array( $erp_stuck, $invoice_stuck ), array( $per[ $erp['key_id'] ]['stuck_orders'], $per[ $invoice['key_id'] ]['stuck_orders'] ) );
		$this->assertNotContains( $paid->get_id(), array_column( $flow['stuck_orders'], 'id' ), 'Transferred somewhere.' );
		// The ERP's acknowledgement of it does, and only the ERP's; the same for the invoice app's completed order.
		$this->ack( $erp, array( $paid->get_id() ) );
		$this->ack( $invoice, array( $done->get_id() ) );
		list( , $per ) = self::flow();
		$this->assertSame( array( $erp_stuck - 1, $invoice_stuck - 1 ), array( $per[ $erp['key_id'] ]['stuck_orders'], $per[ $invoice['key_id'] ]['stuck_orders'] ) );

		// The health diagnosis tells each service its own.
		$diagnosis = static function ( array $handoff ): array {
			return Diagnosis::build( (array) PresentedKey::lookup( $handoff['consumer_key'] ), PresentedKey::VIA_BASIC_AUTH )['transfer']['order_statuses'];
		};
		$this->assertSame( array( 'processing' ), $diagnosis( $erp ) );
		$this->assertSame( array( 'completed' ), $diagnosis( $invoice ) );

		// The owner changes the shop-wide setting: the ERP (no statuses of its own) and keys made by hand follow.
		Settings::update( array( 'order_statuses' => array( 'on-hold' ) ) );
		$manual = $this->present_key( 'read_write', 'by hand' );
		$this->assertSame( array( 'on-hold' ), $diagnosis( $erp ) );
		$this->assertSame( array( 'completed' ), $diagnosis( $invoice ) );
		$this->assertSame( array( 'on-hold' ), TransferStatuses::for_key( $manual['key_id'] ) );
		$this->assertEqualsCanonicalizing( array( 'on-hold', 'completed' ), TransferStatuses::any( array( $manual['key_id'] ) ) );
	}

	/**
	 * Without connections, and while every connection has its own statuses and no key made by hand reads the
	 * feed, the shop-wide setting decides only as long as something follows it.
	 */
	public function test_the_shop_wide_statuses_count_while_something_follows_them(): void {
		Settings::update( array( 'order_statuses' => array( 'processing' ) ) );
		$this->assertSame( array( 'processing' ), TransferStatuses::any( array(), array() ) );
		$own = array(
			array(
				'key_ids'        => array( 7 ),
				'order_statuses' => array( 'completed' ),
			),
		);
		$this->assertSame( array( 'completed' ), TransferStatuses::any( array( 7 ), $own ) );
		$this->assertSame( array( 'processing', 'completed' ), TransferStatuses::any( array( 7, 8 ), $own ), 'Key 8 was made by hand.' );
		$own[] = array(
			'key_ids'        => array( 9 ),
			'order_statuses' => array(),
		);
		$this->assertSame( array( 'processing', 'completed' ), TransferStatuses::any( array( 7 ), $own ) );
	}
}
