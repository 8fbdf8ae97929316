<?php
/**
 * Orders as WooCommerce's REST API v3 represents them, for include=orders.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Built by WooCommerce's own WC_REST_Orders_Controller (prepare_object_for_response), so an integration that
 * already parses GET /wc/v3/orders/<id> reads the same fields, extensions' additions included, in the same order
 * (meta_data too, see OrderCaches::meta_as_read()). The orders are loaded with one wc_get_orders() call and their
 * items' meta with one query for the page (OrderCaches); items, refunds and each order's meta are read per order,
 * through WooCommerce's own reads.
 */
final class OrderRepresentation {

	/**
	 * The representation of each order that still exists, keyed by id. Deleted orders are absent.
	 *
	 * @param int[] $ids Order ids (repeats allowed).
	 * @return array<int,array<string,mixed>>
	 */
	public static function for_ids( array $ids ): array {
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( array() === $ids || ! class_exists( \WC_REST_Orders_Controller::class ) ) {
			return array();
		}
		$statuses = array_merge( array_keys( wc_get_order_statuses() ), array( 'trash', 'wc-checkout-draft', 'checkout-draft' ) );
		// 'post__in' on both storages: WP_Query's own argument on posts storage, and HPOS's OrdersTableQuery maps
		// it to its 'id' argument. Neither knows 'include': HPOS ignores it silently, and the query then answers
		// the newest orders instead of these (as many as asked for), which a small shop does not show.
		$orders = wc_get_orders(
			array(
				'post__in' => $ids,
				'type'     => 'shop_order',
				'status'   => array_values( array_unique( $statuses ) ),
				'limit'    => count( $ids ),
			)
		);
		$orders = array_values(
			array_filter(
				is_array( $orders ) ? $orders : array(),
				static function ( $order ): bool {
					return $order instanceof \WC_Order;
				}
			)
		);
		OrderCaches::prime( $orders );
		$controller = new \WC_REST_Orders_Controller();
		$request    = new \WP_REST_Request( 'GET', '/wc/v3/orders' );
		$request->set_param( 'context', 'view' );
		$out = array();
		foreach ( $orders as $order ) {
			$response                = $controller->prepare_object_for_response( $order, $request );
			$out[ $order->get_id() ] = $response instanceof \WP_REST_Response ? (array) $controller->prepare_response_for_collection( $response ) : null;
		}
		return array_filter( $out );
	}
}
