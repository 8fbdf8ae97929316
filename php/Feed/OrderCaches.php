<?php
/**
 * Loads what WooCommerce's REST representation of a page of orders reads, in a few queries for the whole page.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Why: wc_get_orders() reads the orders themselves in one go, but on HPOS nothing loads their items, item meta
 * and refunds ahead, so WC_REST_Orders_Controller::prepare_object_for_response() reads them order by order and
 * item by item (about eight queries per order; 6–30 ms each on a busy shop). WooCommerce's posts-storage query
 * primes items and refunds itself (WC_Order_Data_Store_CPT::prime_caches_for_orders(), which HPOS lacks); this
 * fills the same caches, under the same keys, with one query each for the page:
 *
 * - items: 'order-items-<order id>' (group 'orders') and 'item-<item id>' (group 'order-items'), as
 *   Abstract_WC_Order_Data_Store_CPT::read_items() caches them;
 * - item meta: WordPress's meta cache (update_meta_cache()) and WooCommerce's raw meta cache with meta ids
 *   (WC_Data::prime_raw_meta_data_cache(), which WC_Data::read_meta_data() reads);
 * - refunds: the key WC_Order::get_refunds() caches them under;
 * - the "needs processing" transient WooCommerce's controller reads per order, with wp_prime_option_caches();
 * - the orders' posts (HPOS: the placeholders), which the answer's links read for a capability check.
 *
 * A cache already filled is left as it is; a key WooCommerce renames in a later version only means that read
 * happens per order again, never a wrong answer.
 */
final class OrderCaches {

	/**
	 * Fills the caches for these orders.
	 *
	 * @param \WC_Order[] $orders Orders just loaded by wc_get_orders().
	 */
	public static function prime( array $orders ): void {
		$ids = array();
		foreach ( $orders as $order ) {
			if ( false === wp_cache_get( 'order-items-' . $order->get_id(), 'orders' ) ) {
				$ids[] = $order->get_id();
			}
		}
		if ( array() !== $ids ) {
			self::prime_items( $ids );
		}
		self::prime_item_meta( $orders );
		self::prime_refunds( $orders );
		// The REST links of each answer check edit_post on the order's id, which reads its post (on HPOS the
		// placeholder that reserves the id): one query for all instead of one per order.
		_prime_post_caches(
			array_map(
				static function ( \WC_Order $order ): int {
					return $order->get_id();
				},
				$orders
			),
			false,
			false
		);
		if ( function_exists( 'wp_prime_option_caches' ) && ! wp_using_ext_object_cache() ) {
			$names = array();
			foreach ( $orders as $order ) {
				$names[] = '_transient_wc_order_' . $order->get_id() . '_needs_processing';
				$names[] = '_transient_timeout_wc_order_' . $order->get_id() . '_needs_processing';
			}
			wp_prime_option_caches( $names );
		}
	}

	/**
	 * Items of orders whose items are not cached.
	 *
	 * @param int[] $ids Order ids.
	 */
	private static function prime_items( array $ids ): void {
		global $wpdb;
		$in = implode( ',', array_map( 'intval', $ids ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- integers only; this fills the cache.
		$items    = $wpdb->get_results( "SELECT order_item_type, order_item_id, order_id, order_item_name FROM {$wpdb->prefix}woocommerce_order_items WHERE order_id IN ({$in}) ORDER BY order_item_id" );
		$by_order = array_fill_keys( $ids, array() );
		foreach ( $items as $item ) {
			$by_order[ (int) $item->order_id ][] = $item;
			wp_cache_set( 'item-' . $item->order_item_id, $item, 'order-items' );
		}
		foreach ( $by_order as $order_id => $order_items ) {
			wp_cache_set( 'order-items-' . $order_id, $order_items, 'orders' );
		}
	}

	/**
	 * Meta of the orders' items whose meta is not cached: also where WooCommerce loaded the items itself, since
	 * WooCommerce 7.x's posts store primes the items of a query but not their meta (one query per item).
	 *
	 * @param \WC_Order[] $orders Orders whose items are cached.
	 */
	private static function prime_item_meta( array $orders ): void {
		global $wpdb;
		$item_ids = array();
		foreach ( $orders as $order ) {
			$items = wp_cache_get( 'order-items-' . $order->get_id(), 'orders' );
			foreach ( is_array( $items ) ? $items : array() as $item ) {
				$item_id = (int) $item->order_item_id;
				if ( false === wp_cache_get( \WC_Data::generate_meta_cache_key( $item_id, 'order-items' ), 'order-items' ) ) {
					$item_ids[] = $item_id;
				}
			}
		}
		if ( array() === $item_ids ) {
			return;
		}
		$item_in = implode( ',', $item_ids );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- integers only; this fills the cache.
		$rows = $wpdb->get_results( "SELECT order_item_id, meta_id, meta_key, meta_value FROM {$wpdb->prefix}woocommerce_order_itemmeta WHERE order_item_id IN ({$item_in}) ORDER BY meta_id" );
		$raw  = array_fill_keys( $item_ids, array() );
		// The same rows also fill WordPress's meta cache, as update_meta_cache( 'order_item', … ) would with a
		// second query of its own (key => list of values, group order_item_meta; items without meta get none).
		$wp_meta = array_fill_keys( $item_ids, array() );
		foreach ( $rows as $row ) {
			$wp_meta[ (int) $row->order_item_id ][ $row->meta_key ][] = $row->meta_value;
			$raw[ (int) $row->order_item_id ][]                       = (object) array(
				'meta_id'    => $row->meta_id,
				'meta_key'   => $row->meta_key, // phpcs:ignore WordPress.DB.SlowDBQuery -- a cached row, not a query.
				'meta_value' => $row->meta_value, // phpcs:ignore WordPress.DB.SlowDBQuery -- a cached row, not a query.
			);
		}
		wp_cache_add_multiple( $wp_meta, 'order_item_meta' );
		\WC_Data::prime_raw_meta_data_cache( $raw, 'order-items' );
	}

	/**
	 * Refunds of orders whose refunds are not cached, in one query.
	 *
	 * @param \WC_Order[] $orders Orders.
	 */
	private static function prime_refunds( array $orders ): void {
		$keys = array();
		foreach ( $orders as $order ) {
			$key = \WC_Cache_Helper::get_cache_prefix( 'orders' ) . 'refunds' . $order->get_id();
			if ( false === wp_cache_get( $key, 'orders' ) ) {
				$keys[ $order->get_id() ] = $key;
			}
		}
		if ( array() === $keys ) {
			return;
		}
		$refunds   = wc_get_orders(
			array(
				'type'            => 'shop_order_refund',
				'post_parent__in' => array_keys( $keys ),
				'limit'           => -1,
			)
		);
		$by_parent = array_fill_keys( array_keys( $keys ), array() );
		foreach ( is_array( $refunds ) ? $refunds : array() as $refund ) {
			if ( $refund instanceof \WC_Order_Refund && isset( $by_parent[ $refund->get_parent_id() ] ) ) {
				$by_parent[ $refund->get_parent_id() ][] = $refund;
			}
		}
		foreach ( $keys as $order_id => $key ) {
			wp_cache_set( $key, $by_parent[ $order_id ], 'orders' );
		}
	}
}
