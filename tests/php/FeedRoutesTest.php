<?php
/**
 * GET /changes and POST /acks dispatched inside the real shop: parameters, answers, acknowledgements.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\OrderListColumn;
use Flashnode\Connector\Admin\OrderTransferBox;
use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Feed\OrderFlow;

/**
 * Key authentication over real HTTP (read vs write permission, WooCommerce's refusals) is in
 * tests/e2e/change-feed.spec.ts; here the key is presented as WooCommerce would have accepted it.
 */
final class FeedRoutesTest extends FeedTestCase {

	/**
	 * Without a key, or with only a logged-in session, the feed refuses with a stable code.
	 */
	public function test_feed_needs_a_key(): void {
		$this->assertRestError( 401, 'flashnode_feed_key_required', $this->feed_call( 'GET', '/changes', array( 'after' => 0 ) ) );
		$this->assertRestError( 401, 'flashnode_acks_key_required', $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( 1 ) ) ) );
	}

	/**
	 * Each bad parameter gets its own 400 code.
	 */
	public function test_bad_parameters_get_their_own_codes(): void {
		$this->present_key( 'read' );
		$cases = array(
			'flashnode_feed_cursor_required' => array(),
			'flashnode_feed_bad_cursor'      => array( 'after' => '-1' ),
			'flashnode_feed_bad_since'       => array( 'since' => 'yesterday' ),
			'flashnode_feed_bad_limit'       => array(
				'after' => '0',
				'limit' => '501',
			),
			'flashnode_feed_bad_statuses'    => array(
				'after'    => '0',
				'statuses' => 'processing,nonsense',
			),
			'flashnode_feed_bad_include'     => array(
				'after'   => '0',
				'include' => 'customers',
			),
			'flashnode_feed_cursor_ahead'    => array( 'after' => (string) ( ChangeLog::head() + 1000 ) ),
		);
		foreach ( $cases as $code => $params ) {
			$this->assertRestError( 400, $code, $this->feed_call( 'GET', '/changes', $params ), $code );
		}
		$both = $this->feed_call(
			'GET',
			'/changes',
			array(
				'after' => '0',
				'since' => '2026-01-01',
			)
		);
		$this->assertRestError( 400, 'flashnode_feed_cursor_required', $both );
	}

	/**
	 * The answer's shape; include=orders carries each order exactly as GET /wc/v3/orders/<id> represents it.
	 */
	public function test_feed_answer_and_included_orders(): void {
		$head  = Feed::safe_head();
		$order = $this->order();
		$order->set_billing_first_name( 'Grace' );
		$order->save();
		$this->present_key( 'read' );
		$data = $this->assertRestSuccess(
			200,
			$this->feed_call(
				'GET',
				'/changes',
				array(
					'after'   => $head,
					'limit'   => 10,
					'include' => 'orders',
				)
			)
		);
		$this->assertSame( array( 'changes', 'next_cursor', 'has_more', 'server_time_gmt' ), array_keys( $data ) );
		$mine = array_values(
			array_filter(
				$data['changes'],
				static function ( array $change ) use ( $order ): bool {
					return $change['order_id'] === $order->get_id();
				}
			)
		);
		$this->assertSame( array( 'created', 'updated' ), array_column( $mine, 'event' ) );
		$this->assertSame( array( 'cursor', 'order_id', 'event', 'status', 'modified_gmt', 'order' ), array_keys( $mine[1] ) );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $mine[1]['modified_gmt'] );

		$v3 = rest_do_request( new \WP_REST_Request( 'GET', '/wc/v3/orders/' . $order->get_id() ) );
		$this->assertSame( 200, $v3->get_status() );
		$expected = $v3->get_data();
		$embedded = $mine[1]['order'];
		unset( $embedded['_links'] );
		$this->assertSame( wp_json_encode( $expected ), wp_json_encode( $embedded ) );
		$this->assertSame( 'Grace', $embedded['billing']['first_name'] );
	}

	/**
	 * Acknowledgements: meta and note through CRUD, idempotent per consumer, a second consumer keeps its own
	 * record; unknown ids are listed, not fatal.
	 */
	public function test_acks_mark_orders_once_per_consumer(): void {
		$order = $this->order();
		$id    = $order->get_id();
		$erp   = $this->present_key( 'read_write', 'ERP' );
		$first = $this->assertRestSuccess(
			200,
			$this->feed_call(
				'POST',
				'/acks',
				array(
					'order_ids' => array( $id, 99999999 ),
					'reference' => 'SO-1001',
				)
			)
		);
		$this->assertSame( array( 1, 0, array( 99999999 ) ), array( $first['acknowledged'], $first['unchanged'], $first['not_found'] ) );
		$again = $this->assertRestSuccess(
			200,
			$this->feed_call(
				'POST',
				'/acks',
				array(
					'order_ids' => array( $id ),
					'reference' => 'SO-1001',
				)
			)
		);
		$this->assertSame( array( 0, 1 ), array( $again['acknowledged'], $again['unchanged'] ) );

		$this->present_key( 'write', 'Invoices' );
		$this->assertSame( 1, $this->assertRestSuccess( 200, $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( (string) $id ) ) ) )['acknowledged'] );

		$order     = wc_get_order( $id );
		$transfers = Acknowledgements::of( $order );
		$this->assertCount( 2, $transfers );
		$this->assertSame( 'SO-1001', $transfers[ $erp['key_id'] ]['reference'] );
		$this->assertSame( self::MARKER . ' ERP', $transfers[ $erp['key_id'] ]['consumer'] );
		$this->assertNotSame( '', $order->get_meta( Acknowledgements::ANY_META ) );
		$notes = array_map(
			static function ( $note ): string {
				return $note->content;
			},
			wc_get_order_notes( array( 'order_id' => $id ) )
		);
		$this->assertSame( 1, count( array_keys( $notes, 'Transferred to ' . self::MARKER . ' ERP (ref SO-1001).', true ) ), 'One note, not two.' );
		$this->assertContains( 'Transferred to ' . self::MARKER . ' Invoices.', $notes );
	}

	/**
	 * Bad acknowledgement bodies and keys without write permission.
	 */
	public function test_acks_refuse_bad_input_and_read_only_keys(): void {
		$this->present_key( 'read_write' );
		$bad = array(
			'flashnode_acks_bad_order_ids' => array( 'order_ids' => array() ),
			'flashnode_acks_bad_reference' => array(
				'order_ids' => array( 1 ),
				'reference' => "<b>x</b>\n",
			),
		);
		foreach ( $bad as $code => $body ) {
			$this->assertRestError( 400, $code, $this->feed_call( 'POST', '/acks', $body ), $code );
		}
		$this->assertRestError( 400, 'flashnode_acks_bad_order_ids', $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( 1.5 ) ) ) );
		$this->assertRestError( 400, 'flashnode_acks_bad_order_ids', $this->feed_call( 'POST', '/acks', array( 'order_ids' => range( 1, 501 ) ) ) );
		$this->present_key( 'read' );
		$this->assertRestError( 403, 'flashnode_acks_key_cannot_write', $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( 1 ) ) ) );
	}

	/**
	 * The orders list shows a badge per consumer or "Not transferred", its filter asks for the missing meta,
	 * and the edit screen's box lists the transfers.
	 */
	public function test_orders_list_column_filter_and_edit_box(): void {
		$order = $this->order();
		$list  = new OrderListColumn();
		$this->assertStringContainsString(
			'Not transferred',
			$this->output_of(
				function () use ( $list, $order ) {
					$list->render( OrderListColumn::COLUMN, $order );
				}
			)
		);
		$this->present_key( 'read_write', 'ERP' );
		$this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $order->get_id() ) ) );
		$order = wc_get_order( $order->get_id() );
		$html  = $this->output_of(
			function () use ( $list, $order ) {
				$list->render( OrderListColumn::COLUMN, $order->get_id() );
			}
		);
		$this->assertStringContainsString( 'flashnode-transfer--done', $html );
		$this->assertStringContainsString( self::MARKER . ' ERP', $html );
		$this->assertStringContainsString(
			self::MARKER . ' ERP',
			$this->output_of(
				function () use ( $order ) {
					( new OrderTransferBox() )->render( $order );
				}
			)
		);

		$_GET[ OrderListColumn::PARAM ] = 'none';
		$args                           = $list->filter_hpos_query( array( 'status' => 'any' ) );
		unset( $_GET[ OrderListColumn::PARAM ] );
		$this->assertSame(
			array(
				array(
					'key'     => Acknowledgements::ANY_META,
					'compare' => 'NOT EXISTS',
				),
			),
			$args['meta_query']
		);
		$ids = wc_get_orders(
			array_merge(
				$args,
				array(
					'return' => 'ids',
					'limit'  => -1,
					'type'   => 'shop_order',
				)
			)
		);
		$this->assertNotContains( $order->get_id(), $ids );
		$this->assertContains(
			$this->order()->get_id(),
			wc_get_orders(
				array_merge(
					$args,
					array(
						'return' => 'ids',
						'limit'  => -1,
						'type'   => 'shop_order',
					)
				)
			)
		);
	}

	/**
	 * The order-flow numbers: last read, lag, unacknowledged orders after the threshold.
	 */
	public function test_order_flow_numbers(): void {
		delete_option( Consumers::OPTION ); // Only this test's reader (restored afterwards).
		$stale = $this->order();
		$stale->set_date_modified( time() - 2 * HOUR_IN_SECONDS );
		$stale->save();
		$this->present_key( 'read', 'Reader' );
		$read = $this->assertRestSuccess( 200, $this->feed_call( 'GET', '/changes', array( 'after' => (string) Feed::safe_head() ) ) );
		$this->order();
		$flow = OrderFlow::numbers();
		$this->assertSame( self::MARKER . ' Reader', $flow['last_read']['consumer'] );
		$this->assertSame( $read['next_cursor'], $flow['last_read']['cursor'] );
		$this->assertSame( 1, $flow['lag'] );
		$this->assertSame( 45, $flow['threshold_minutes'] );
		$this->assertContains( $stale->get_id(), array_column( $flow['stuck_orders'], 'id' ) );
		$this->assertGreaterThanOrEqual( 1, $flow['unacknowledged_orders'] );
	}
}
