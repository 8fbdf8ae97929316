<?php
/**
 * The feed's include=orders builds a page of orders in a fixed number of queries, with answers identical to WooCommerce's own.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\OrderRepresentation;

/**
 * Orders with line items, item meta and a refund, read from cold caches (wp_cache_flush()) as a new request
 * reads them.
 */
final class FeedOrderCachesTest extends FeedTestCase {

	/**
	 * Product bought in the test's orders.
	 *
	 * @var \WC_Product_Simple
	 */
	private $product;

	/**
	 * A product to buy.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->product = new \WC_Product_Simple();
		$this->product->set_props(
			array(
				'name'          => 'Flashnode cache test product',
				'regular_price' => '12.50',
				'status'        => 'publish',
			)
		);
		$this->product->save();
	}

	/**
	 * Deletes the product.
	 */
	protected function tearDown(): void {
		parent::tearDown();
		$this->product->delete( true );
	}

	/**
	 * Orders with two line items each; the first also has a partial refund.
	 *
	 * @param int $count How many.
	 * @return int[] Their ids.
	 */
	private function orders_with_items( int $count ): array {
		$ids = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$order = $this->order();
			$order->add_product( $this->product, 1 + $i );
			$order->add_product( $this->product, 1, array( 'name' => 'Second line' ) );
			$order->calculate_totals();
			$order->save();
			if ( 0 === $i ) {
				wc_create_refund(
					array(
						'order_id' => $order->get_id(),
						'amount'   => '5.00',
						'reason'   => 'Cache test',
					)
				);
			}
			$ids[] = $order->get_id();
		}
		return $ids;
	}

	/**
	 * Database queries of one call, from cold caches.
	 *
	 * @param callable $call The call.
	 */
	private static function queries_of( callable $call ): int {
		wp_cache_flush();
		$count   = 0;
		$counter = static function ( $sql ) use ( &$count ) {
			++$count;
			return $sql;
		};
		add_filter( 'query', $counter );
		try {
			$call();
		} finally {
			remove_filter( 'query', $counter );
		}
		return $count;
	}

	/**
	 * Each order of the page is exactly what GET /wc/v3/orders/<id> answers (items, meta, refunds included), also
	 * when its items and refunds come from the primed caches.
	 */
	public function test_primed_orders_equal_woocommerces_answers(): void {
		$ids      = $this->orders_with_items( 3 );
		$expected = array();
		foreach ( $ids as $id ) {
			wp_cache_flush();
			$answer = rest_do_request( new \WP_REST_Request( 'GET', '/wc/v3/orders/' . $id ) );
			$this->assertSame( 200, $answer->get_status() );
			$expected[ $id ] = $answer->get_data();
		}
		$this->assertCount( 1, $expected[ $ids[0] ]['refunds'], 'The first order has its refund.' );
		$this->assertCount( 2, $expected[ $ids[1] ]['line_items'] );

		wp_cache_flush();
		$page = OrderRepresentation::for_ids( $ids );
		$this->assertEqualsCanonicalizing( $ids, array_keys( $page ) );
		foreach ( $ids as $id ) {
			unset( $page[ $id ]['_links'] );
			$this->assertSame( wp_json_encode( $expected[ $id ] ), wp_json_encode( $page[ $id ] ), "order {$id}" );
		}
	}

	/**
	 * Eight orders cost about as many queries as two: orders, items, item meta, refunds and the orders' posts are
	 * read once for the page (about eight queries per order before, read one by one).
	 */
	public function test_a_page_costs_queries_per_page_not_per_order(): void {
		$ids = $this->orders_with_items( 8 );
		// Once before counting: WooCommerce stores a "needs processing" transient per order when first asked.
		OrderRepresentation::for_ids( $ids );
		$two   = self::queries_of(
			static function () use ( $ids ) {
				OrderRepresentation::for_ids( array_slice( $ids, 0, 2 ) );
			}
		);
		$eight = self::queries_of(
			static function () use ( $ids ) {
				OrderRepresentation::for_ids( $ids );
			}
		);
		$this->assertGreaterThan( 5, $two );
		// WordPress before 6.4 has no wp_prime_option_caches(): there WooCommerce's "needs processing" transient
		// still costs its two option reads per order (value and timeout), and nothing else does.
		$per_order = function_exists( 'wp_prime_option_caches' ) ? 0 : 2;
		$this->assertLessThanOrEqual( $two + 2 + 6 * $per_order, $eight, "2 orders: {$two} queries; 8 orders: {$eight}" );
	}
}
