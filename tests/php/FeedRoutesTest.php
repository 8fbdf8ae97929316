<?php
/**
 * GET /changes and POST /acks dispatched inside the real shop: parameters, answers, acknowledgements.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\OrderListColumn;
use Flashnode\Connector\Admin\OrderTransferBox;
use Flashnode\Connector\Admin\StuckOrdersNotice;
use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Feed\OrderRepresentation;
use Flashnode\Connector\Integrator\FeedController;
use Flashnode\Connector\Shop\OrderStorage;

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
	 * The key is looked up once per request, although WordPress asks the permission callback again for the same
	 * request when it builds the Allow header; a new request is judged anew.
	 */
	public function test_the_key_is_judged_once_per_request(): void {
		global $wpdb;
		$this->present_key( 'read' );
		$route   = new FeedController();
		$request = new \WP_REST_Request( 'GET', '/wc-flashnode/v1/changes' );
		$this->assertTrue( $route->permission( $request ) );
		$before = $wpdb->num_queries;
		$this->assertTrue( $route->permission( $request ) );
		$this->assertSame( $before, $wpdb->num_queries );
		unset( $_SERVER['PHP_AUTH_USER'] );
		$this->assertRestError( 401, 'flashnode_feed_key_required', rest_convert_error_to_response( $route->permission( new \WP_REST_Request( 'GET', '/wc-flashnode/v1/changes' ) ) ) );
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
	 * A since= date or time that does not exist is refused; strtotime() would roll it over to another day.
	 */
	public function test_since_that_does_not_exist_is_refused(): void {
		$this->present_key( 'read' );
		foreach ( array( '2026-02-30', '2026-04-31', '2026-00-10', '0000-00-00', '2026-01-01T24:30:00Z', '2026-01-01T12:00:60Z', '2026-01-01 12:99' ) as $since ) {
			$this->assertRestError( 400, 'flashnode_feed_bad_since', $this->feed_call( 'GET', '/changes', array( 'since' => $since ) ), $since );
		}
		foreach ( array( '2024-02-29', '2026-01-31T23:59:59Z', '2026-01-31 12:00', '2026-01-31T12:00:00.5+02:00' ) as $since ) {
			$this->assertSame( 200, $this->feed_call( 'GET', '/changes', array( 'since' => $since ) )->get_status(), $since );
		}
	}

	/**
	 * The answer's shape; include=orders carries each order exactly as GET /wc/v3/orders/<id> represents it.
	 */
	public function test_feed_answer_and_included_orders(): void {
		$head  = Feed::safe_head();
		$order = $this->order();
		$order->set_billing_first_name( 'Grace' );
		$order->save();
		$data = $this->page_with_orders( $head );
		$this->assertSame( array( 'changes', 'next_cursor', 'has_more', 'server_time_gmt' ), array_keys( $data ) );
		$mine = array_values(
			array_filter(
				$data['changes'],
				static function ( array $change ) use ( $order ): bool {
					return $change['order_id'] === $order->get_id();
				}
			)
		);
		// One row per save; WooCommerce 7.8's new-order email adds a save of its own.
		$last = $mine[ count( $mine ) - 1 ];
		$this->assertSame( array( 'created', 'updated' ), array( $mine[0]['event'], $last['event'] ) );
		$this->assertSame( array( 'cursor', 'order_id', 'event', 'status', 'modified_gmt', 'order' ), array_keys( $last ) );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $last['modified_gmt'] );

		$v3 = rest_do_request( new \WP_REST_Request( 'GET', '/wc/v3/orders/' . $order->get_id() ) );
		$this->assertSame( 200, $v3->get_status() );
		$expected = $v3->get_data();
		$embedded = $last['order'];
		unset( $embedded['_links'] );
		$this->assertSame( wp_json_encode( $expected ), wp_json_encode( $embedded ) );
		$this->assertSame( 'Grace', $embedded['billing']['first_name'] );
	}

	/**
	 * The feed's include=orders carries the orders the changes are about, also when the shop has newer orders: the page of an
	 * older change gets that order, not the newest one (HPOS's order query ignores an 'include' argument and
	 * answered the newest orders; only shops with more orders than one page showed it).
	 */
	public function test_included_orders_are_those_of_the_changes(): void {
		global $wpdb;
		$older = $this->order();
		$this->order();
		$newest = $this->order();
		$first  = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT MIN(change_id) FROM ' . ChangeLogSchema::table() . ' WHERE order_id = %d', $older->get_id() ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- table name only.
		$data   = $this->page_with_orders( $first - 1, 1 );
		$this->assertSame( $older->get_id(), $data['changes'][0]['order_id'] );
		$this->assertSame( $older->get_id(), $data['changes'][0]['order']['id'] );
		$both = OrderRepresentation::for_ids( array( $newest->get_id(), $older->get_id(), $older->get_id() ) );
		$this->assertEqualsCanonicalizing( array( $older->get_id(), $newest->get_id() ), array_keys( $both ) );
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

		$open = $this->order()->get_id();
		$ids  = $this->filtered_ids( $list );
		$this->assertNotContains( $order->get_id(), $ids );
		$this->assertContains( $open, $ids );
	}

	/**
	 * Ids the orders list shows with "Not transferred" chosen, through the list's own query on this storage.
	 *
	 * @param OrderListColumn $list The column and filter.
	 * @return int[]
	 */
	private function filtered_ids( OrderListColumn $list ): array {
		$_GET[ OrderListColumn::PARAM ] = 'none';
		try {
			if ( OrderStorage::hpos_enabled() ) {
				$args = $list->filter_hpos_query( array( 'type' => 'shop_order' ) );
				$this->assertSame(
					array(
						array(
							'key'     => Acknowledgements::ANY_META,
							'compare' => 'NOT EXISTS',
						),
					),
					$args['meta_query']
				);
				return array_map(
					'intval',
					wc_get_orders(
						$args + array(
							'return' => 'ids',
							'limit'  => -1,
						)
					)
				);
			}
			// wp-admin's posts list: the main query of edit.php?post_type=shop_order.
			$main                    = $GLOBALS['wp_the_query'];
			$query                   = new \WP_Query();
			$GLOBALS['wp_the_query'] = $query; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			add_action( 'pre_get_posts', array( $list, 'filter_posts_query' ) );
			$ids = $query->query(
				array(
					'post_type'      => 'shop_order',
					'post_status'    => 'any',
					'fields'         => 'ids',
					'posts_per_page' => -1,
				)
			);
			remove_action( 'pre_get_posts', array( $list, 'filter_posts_query' ) );
			$GLOBALS['wp_the_query'] = $main; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			return array_map( 'intval', $ids );
		} finally {
			unset( $_GET[ OrderListColumn::PARAM ] );
		}
	}

	/**
	 * The order-flow numbers: last read, lag, unacknowledged orders after the threshold.
	 */
	public function test_order_flow_numbers(): void {
		delete_option( Consumers::OPTION ); // Only this test's reader (restored afterwards).
		$stale = $this->order();
		$this->make_stale( $stale->get_id() );
		$this->present_key( 'read', 'Reader' );
		$read = $this->assertRestSuccess( 200, $this->feed_call( 'GET', '/changes', array( 'after' => (string) Feed::safe_head() ) ) );
		$this->order();
		$lag  = count( self::rows_after( $read['next_cursor'] ) );
		$flow = OrderFlow::numbers();
		$this->assertSame( self::MARKER . ' Reader', $flow['last_read']['consumer'] );
		$this->assertSame( $read['next_cursor'], $flow['last_read']['cursor'] );
		$this->assertGreaterThanOrEqual( 1, $lag );
		$this->assertSame( $lag, $flow['lag'] );
		$this->assertSame( 45, $flow['threshold_minutes'] );
		$this->assertContains( $stale->get_id(), array_column( $flow['stuck_orders'], 'id' ) );
		$this->assertGreaterThanOrEqual( 1, $flow['unacknowledged_orders'] );
	}

	/**
	 * The admin notice appears once a service acknowledges orders and one is stuck, and links to the filter.
	 */
	public function test_stuck_orders_notice(): void {
		delete_option( Consumers::OPTION );
		delete_transient( OrderFlow::CACHE_TRANSIENT );
		$stale = $this->order();
		$this->make_stale( $stale->get_id() );
		$notice = new StuckOrdersNotice();
		$this->assertSame( '', $this->output_of( array( $notice, 'render' ) ), 'No service acknowledges orders: no notice.' );

		$this->present_key( 'read_write', 'ERP' );
		$this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $this->order()->get_id() ) ) );
		wp_set_current_user( $this->admin_id );
		$html = $this->output_of( array( $notice, 'render' ) );
		delete_transient( OrderFlow::CACHE_TRANSIENT );
		$this->assertStringContainsString( 'flashnode-stuck-orders', $html );
		$this->assertStringContainsString( 'flashnode_transfer=none', $html );
	}

	/**
	 * A page of changes after a cursor with their orders, read with a read-only key.
	 *
	 * @param int $after Cursor.
	 * @param int $limit Page size.
	 * @return array<string,mixed>
	 */
	private function page_with_orders( int $after, int $limit = 10 ): array {
		$this->present_key( 'read' );
		return $this->assertRestSuccess(
			200,
			$this->feed_call(
				'GET',
				'/changes',
				array(
					'after'   => $after,
					'limit'   => $limit,
					'include' => 'orders',
				)
			)
		);
	}
}
