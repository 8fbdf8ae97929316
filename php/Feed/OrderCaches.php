<?php
/**
 * Loads ahead, for a whole page of orders, what WooCommerce's REST representation would read item by item.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Why: wc_get_orders() reads the orders themselves in one go, but on HPOS nothing loads their items' meta ahead,
 * so WC_REST_Orders_Controller::prepare_object_for_response() reads it item by item (two queries per item: the
 * raw meta with ids, and WordPress's meta cache for the item's properties). Only public functions fill caches
 * here, so a WooCommerce update cannot leave a wrong entry behind:
 *
 * - item meta, for all items of the page in one read: WC_Data::prime_raw_meta_data_cache() (WooCommerce's public
 *   primer of the meta-with-ids cache that WC_Data::read_meta_data() reads) and update_meta_cache( 'order_item' );
 * - the orders' posts (HPOS: the placeholders), which the answer's links read for a capability check:
 *   _prime_post_caches(), public since WordPress 6.1;
 * - the "needs processing" transient WooCommerce's controller reads per order: wp_prime_option_caches() (6.4+).
 *
 * Left to WooCommerce, one query per order each, because it offers no public way to load them for many orders
 * (checked in WooCommerce 10.5.2): the items list (Abstract_WC_Order_Data_Store_CPT::read_items() caches it under
 * a key of its own; the posts store's bulk primer prime_order_item_caches_for_orders() is protected and HPOS has
 * none) and the refunds (WC_Order::get_refunds() caches them under a key of its own; the bulk primer is private
 * to the posts store). Each order's own meta is read again as GET wc/v3/orders/<id> reads it (see meta_as_read()).
 */
final class OrderCaches {

	/**
	 * Fills the caches for these orders, and reads each order's meta as a single-order read does.
	 *
	 * @param \WC_Order[] $orders Orders just loaded by wc_get_orders().
	 */
	public static function prime( array $orders ): void {
		$ids = array_map(
			static function ( \WC_Order $order ): int {
				return $order->get_id();
			},
			$orders
		);
		if ( array() === $ids ) {
			return;
		}
		self::meta_as_read( $orders );
		self::prime_item_meta( $ids );
		// The REST links of each answer check edit_post on the order's id, which reads its post (on HPOS the
		// placeholder that reserves the id): one query for all instead of one per order.
		_prime_post_caches( $ids, false, false );
		if ( function_exists( 'wp_prime_option_caches' ) && ! wp_using_ext_object_cache() ) {
			$names = array();
			foreach ( $ids as $id ) {
				$names[] = '_transient_wc_order_' . $id . '_needs_processing';
				$names[] = '_transient_timeout_wc_order_' . $id . '_needs_processing';
			}
			wp_prime_option_caches( $names );
		}
	}

	/**
	 * Each order's meta_data in the order GET wc/v3/orders/<id> lists it. Why: a read of many orders lists each
	 * order's meta in whatever order the database returns the rows of the whole page (HPOS's
	 * CustomMetaDataStore::get_meta_data_for_object_ids() has no ORDER BY; the posts store's primer orders by post
	 * only), and for more than about 50 orders MariaDB scans the table, giving meta-id order, while the single
	 * order's read walks the (order, key, value) index, giving key order. Reading each order's meta again through
	 * WooCommerce's own single-object read (WC_Data::read_meta_data( true ), the same statement for the same
	 * order) gives what wc/v3 gives, on either storage and whatever the database decides; one small query per order.
	 *
	 * @param \WC_Order[] $orders Orders.
	 */
	private static function meta_as_read( array $orders ): void {
		foreach ( $orders as $order ) {
			$order->read_meta_data( true );
		}
	}

	/**
	 * The meta of every item of these orders, in one read: as WooCommerce's per-item read lists it (by meta id) and
	 * for WordPress's meta cache. Items without meta get an empty list, so they are not read again one by one.
	 *
	 * @param int[] $order_ids Order ids.
	 */
	private static function prime_item_meta( array $order_ids ): void {
		global $wpdb;
		$in = implode( ',', array_map( 'intval', $order_ids ) );
		// A read only: WooCommerce has no public function that lists the items of many orders (see above).
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- integers only; a read that fills caches.
		$rows = $wpdb->get_results( "SELECT i.order_item_id, m.meta_id, m.meta_key, m.meta_value FROM {$wpdb->prefix}woocommerce_order_items i LEFT JOIN {$wpdb->prefix}woocommerce_order_itemmeta m ON m.order_item_id = i.order_item_id WHERE i.order_id IN ({$in}) ORDER BY i.order_item_id, m.meta_id" );
		$raw  = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$item_id         = (int) $row->order_item_id;
			$raw[ $item_id ] = $raw[ $item_id ] ?? array();
			if ( null !== $row->meta_id ) {
				$raw[ $item_id ][] = (object) array(
					'meta_id'    => $row->meta_id,
					'meta_key'   => $row->meta_key, // phpcs:ignore WordPress.DB.SlowDBQuery -- a cached row, not a query.
					'meta_value' => $row->meta_value, // phpcs:ignore WordPress.DB.SlowDBQuery -- a cached row, not a query.
				);
			}
		}
		if ( array() === $raw ) {
			return;
		}
		\WC_Data::prime_raw_meta_data_cache( $raw, 'order-items' );
		// The items' properties (product id, quantity, totals…) are read with get_metadata(), from WordPress's
		// meta cache: its own public loader, one more query, as WooCommerce's posts store does it.
		update_meta_cache( 'order_item', array_keys( $raw ) );
	}
}
