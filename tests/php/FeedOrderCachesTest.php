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
			// Keys out of alphabetical order, one twice: meta-id order and the database's key order differ.
			foreach ( array( 'zz_cache_test', 'aa_cache_test', 'mm_cache_test', 'aa_cache_test' ) as $n => $key ) {
				$order->add_meta_data( $key, "value {$n}" );
			}
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
	 * A page costs fewer queries than WooCommerce's own list of the same orders: the items' meta is read once for
	 * the page, and what WooCommerce offers no public bulk read for (each order's items list, its refunds, its own
	 * meta as a single-order read lists it) costs at most three queries per order.
	 */
	public function test_a_page_costs_fewer_queries_than_woocommerces_list(): void {
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
		$woo   = self::queries_of(
			static function () use ( $ids ) {
				$request = new \WP_REST_Request( 'GET', '/wc/v3/orders' );
				$request->set_query_params(
					array(
						'include'  => $ids,
						'per_page' => 8,
					)
				);
				rest_do_request( $request );
			}
		);
		$this->assertGreaterThan( 5, $two );
		// WordPress before 6.4 has no wp_prime_option_caches(): there WooCommerce's "needs processing" transient
		// costs its two option reads per order (value and timeout).
		$per_order = 3 + ( function_exists( 'wp_prime_option_caches' ) ? 0 : 2 );
		$this->assertLessThanOrEqual( $two + 2 + 6 * $per_order, $eight, "2 orders: {$two} queries; 8 orders: {$eight}" );
		$this->assertLessThan( $woo, $eight, "8 orders: {$eight} queries; WooCommerce's wc/v3 list of them: {$woo}" );
	}

	/**
	 * Issue 22: caches are filled through public WordPress and WooCommerce functions only, never under
	 * WooCommerce's own cache keys or through its Internal classes, which a WooCommerce update may change.
	 */
	public function test_caches_are_filled_through_public_functions_only(): void {
		$source = (string) file_get_contents( dirname( __DIR__, 2 ) . '/php/Feed/OrderCaches.php' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the repository's own source.
		foreach ( array( 'wp_cache_set', 'wp_cache_add', 'wp_cache_replace', 'Internal\\', 'order-items-', "'refunds'", 'WC_Cache_Helper' ) as $private ) {
			$this->assertStringNotContainsString( $private, $source );
		}
	}
}
