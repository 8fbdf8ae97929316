<?php
/**
 * The order flow in numbers: last feed read, the feed's lag, orders stuck without acknowledgement.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * One place computing what the health diagnosis, the settings page's order-flow panel and the stuck-orders
 * notice show, so they never disagree. Costs a few indexed queries: call it from admin and REST requests only.
 */
final class OrderFlow {

	/** Threshold when the service reported no polling interval. */
	public const DEFAULT_THRESHOLD_MINUTES = 45;

	/** Transient caching the stuck-orders count for the admin notice; acknowledgements clear it. */
	public const CACHE_TRANSIENT = 'flashnode_connector_stuck_orders';

	/** Stuck orders listed (all are counted). */
	private const LISTED = 20;

	/**
	 * Minutes after which an unacknowledged order in a transfer status counts as stuck: three polling intervals of
	 * the connected services (the longest one reported), else 45.
	 *
	 * @param array<int,array<string,mixed>>|null $connections Connections::all(), when the caller has it.
	 */
	public static function threshold_minutes( ?array $connections = null ): int {
		$minutes = 0;
		foreach ( $connections ?? Connections::all() as $connection ) {
			$minutes = max( $minutes, (int) $connection['polling_interval_minutes'] );
		}
		return 0 === $minutes ? self::DEFAULT_THRESHOLD_MINUTES : 3 * $minutes;
	}

	/**
	 * The numbers.
	 *
	 * @param bool $with_orders Whether to list the stuck orders (id, number, status, modified, edit link).
	 * @return array<string,mixed>
	 */
	public static function numbers( bool $with_orders = true ): array {
		$consumers = Consumers::all();
		$last_read = null;
		$newest    = null;
		foreach ( $consumers as $key_id => $consumer ) {
			if ( null !== $consumer['last_read_gmt'] && ( null === $last_read || $consumer['last_read_gmt'] > $last_read['at_gmt'] ) ) {
				$last_read = array(
					'key_id'   => $key_id,
					'consumer' => $consumer['name'],
					'at_gmt'   => $consumer['last_read_gmt'],
					'cursor'   => $consumer['last_read_cursor'],
				);
			}
			if ( null !== $consumer['last_read_cursor'] ) {
				$newest = max( (int) $newest, $consumer['last_read_cursor'] );
			}
		}
		$connections = Connections::all();
		$threshold   = self::threshold_minutes( $connections );
		// Not transferred anywhere: in a status some consumer transfers, acknowledged by none.
		$statuses = TransferStatuses::any( array_keys( $consumers ), $connections );
		$stuck    = self::stuck( Acknowledgements::ANY_META, $statuses, $threshold, $with_orders );
		$per      = array();
		foreach ( $consumers as $key_id => $consumer ) {
			if ( null !== $consumer['last_ack_gmt'] ) {
				// Each consumer's own: the statuses of its connection (or the shop-wide ones), its acknowledgements.
				$own   = TransferStatuses::for_key( $key_id, $connections );
				$per[] = array(
					'key_id'            => $key_id,
					'consumer'          => $consumer['name'],
					'last_read'         => $consumer['last_read_gmt'],
					'last_ack'          => $consumer['last_ack_gmt'],
					'transfer_statuses' => $own,
					'stuck_orders'      => self::stuck( Acknowledgements::META_PREFIX . $key_id, $own, $threshold, false )['count'],
				);
			}
		}
		return array(
			'last_read'             => $last_read,
			// Changes after the newest cursor any consumer has read; null until a consumer reads.
			'lag'                   => null === $newest ? null : Feed::count_after( $newest ),
			'threshold_minutes'     => $threshold,
			'transfer_statuses'     => $statuses,
			'unacknowledged_orders' => $stuck['count'],
			'stuck_orders'          => $stuck['orders'],
			'consumers'             => $per,
			// Changes that committed after the feed had passed their cursor, recorded again (see LateChanges).
			'late_changes'          => count( LateChanges::recent() ),
		);
	}

	/**
	 * Orders in the transfer statuses, unchanged for longer than the threshold, without the given meta.
	 *
	 * @param string   $meta_key    Acknowledgement meta (any consumer, or one).
	 * @param string[] $statuses    Transfer statuses.
	 * @param int      $minutes     Threshold.
	 * @param bool     $with_orders Whether to list them.
	 * @return array{count:int,orders:array<int,array<string,mixed>>}
	 */
	private static function stuck( string $meta_key, array $statuses, int $minutes, bool $with_orders ): array {
		if ( array() === $statuses ) {
			return array(
				'count'  => 0,
				'orders' => array(),
			); // No status to transfer: wc_get_orders() would take an empty list as "any status".
		}
		$result = self::orders_without_meta(
			array(
				'type'          => 'shop_order',
				'status'        => $statuses,
				'date_modified' => '<' . ( time() - $minutes * MINUTE_IN_SECONDS ),
				'limit'         => $with_orders ? self::LISTED : 1,
				'orderby'       => 'date',
				'order'         => 'ASC',
				'paginate'      => true,
			),
			$meta_key
		);
		// paginate => true answers an object with the page's orders and the total.
		$page   = $result instanceof \stdClass ? get_object_vars( $result ) : array();
		$orders = array();
		foreach ( $with_orders && isset( $page['orders'] ) && is_array( $page['orders'] ) ? $page['orders'] : array() as $order ) {
			if ( $order instanceof \WC_Order ) {
				$modified = $order->get_date_modified();
				$orders[] = array(
					'id'           => $order->get_id(),
					'number'       => (string) $order->get_order_number(),
					'status'       => $order->get_status(),
					'modified_gmt' => $modified ? gmdate( 'Y-m-d\TH:i:s\Z', $modified->getTimestamp() ) : null,
					'edit_url'     => $order->get_edit_order_url(),
				);
			}
		}
		return array(
			'count'  => isset( $page['total'] ) ? (int) $page['total'] : 0,
			'orders' => $orders,
		);
	}

	/**
	 * Orders without a meta key, through wc_get_orders(). HPOS takes a meta_query; WooCommerce's posts data store
	 * drops the meta_query query var before 8.x (WC_Data_Store_WP::get_wp_query_args() skips it), so on posts
	 * storage the condition is handed to WP_Query through WooCommerce's own filter, for this call only.
	 *
	 * @param array<string,mixed> $args     wc_get_orders() arguments.
	 * @param string              $meta_key Meta key that must be absent.
	 * @return mixed What wc_get_orders() returns.
	 */
	public static function orders_without_meta( array $args, string $meta_key ) {
		$condition = array(
			'key'     => $meta_key,
			'compare' => 'NOT EXISTS',
		);
		if ( OrderStorage::hpos_enabled() ) {
			$args['meta_query'] = array( $condition ); // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- acknowledgements are order meta by design (CRUD).
			return wc_get_orders( $args );
		}
		$add = static function ( $wp_query_args ) use ( $condition ) {
			if ( is_array( $wp_query_args ) ) {
				$wp_query_args['meta_query']   = isset( $wp_query_args['meta_query'] ) && is_array( $wp_query_args['meta_query'] ) ? $wp_query_args['meta_query'] : array(); // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query
				$wp_query_args['meta_query'][] = $condition;
			}
			return $wp_query_args;
		};
		add_filter( 'woocommerce_order_data_store_cpt_get_orders_query', $add );
		try {
			return wc_get_orders( $args );
		} finally {
			remove_filter( 'woocommerce_order_data_store_cpt_get_orders_query', $add );
		}
	}
}
