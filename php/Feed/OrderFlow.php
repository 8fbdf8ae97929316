<?php
/**
 * The order flow in numbers: last feed read, the feed's lag, orders stuck without acknowledgement.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * One place computing what the health diagnosis, the settings page's order-flow panel and the stuck-orders
 * notice show, so they never disagree. Costs a few indexed queries: call it from admin and REST requests only.
 */
final class OrderFlow {

	/** Threshold when the service reported no polling interval. */
	public const DEFAULT_THRESHOLD_MINUTES = 45;

	/** Stuck orders listed (all are counted). */
	private const LISTED = 20;

	/**
	 * Minutes after which an unacknowledged order in a transfer status counts as stuck: three polling intervals of
	 * the connected service, else 45.
	 */
	public static function threshold_minutes(): int {
		$service = ServiceInfo::get();
		$minutes = null === $service ? null : $service['polling_interval_minutes'];
		return null === $minutes ? self::DEFAULT_THRESHOLD_MINUTES : 3 * $minutes;
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
		$threshold = self::threshold_minutes();
		$stuck     = self::stuck( Acknowledgements::ANY_META, $threshold, $with_orders );
		$per       = array();
		foreach ( $consumers as $key_id => $consumer ) {
			if ( null !== $consumer['last_ack_gmt'] ) {
				$per[] = array(
					'key_id'       => $key_id,
					'consumer'     => $consumer['name'],
					'last_read'    => $consumer['last_read_gmt'],
					'last_ack'     => $consumer['last_ack_gmt'],
					'stuck_orders' => self::stuck( Acknowledgements::META_PREFIX . $key_id, $threshold, false )['count'],
				);
			}
		}
		return array(
			'last_read'             => $last_read,
			// Changes after the newest cursor any consumer has read; null until a consumer reads.
			'lag'                   => null === $newest ? null : Feed::count_after( $newest ),
			'threshold_minutes'     => $threshold,
			'transfer_statuses'     => Settings::all()['order_statuses'],
			'unacknowledged_orders' => $stuck['count'],
			'stuck_orders'          => $stuck['orders'],
			'consumers'             => $per,
		);
	}

	/**
	 * Orders in the transfer statuses, unchanged for longer than the threshold, without the given meta.
	 *
	 * @param string $meta_key    Acknowledgement meta (any consumer, or one).
	 * @param int    $minutes     Threshold.
	 * @param bool   $with_orders Whether to list them.
	 * @return array{count:int,orders:array<int,array<string,mixed>>}
	 */
	private static function stuck( string $meta_key, int $minutes, bool $with_orders ): array {
		$result = wc_get_orders(
			array(
				'type'          => 'shop_order',
				'status'        => Settings::all()['order_statuses'],
				'date_modified' => '<' . ( time() - $minutes * MINUTE_IN_SECONDS ),
				'meta_query'    => array( // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- the acknowledgement is order meta by design (CRUD).
					array(
						'key'     => $meta_key,
						'compare' => 'NOT EXISTS',
					),
				),
				'limit'         => $with_orders ? self::LISTED : 1,
				'orderby'       => 'date',
				'order'         => 'ASC',
				'paginate'      => true,
			)
		);
		$orders = array();
		foreach ( $with_orders && is_object( $result ) ? $result->orders : array() as $order ) {
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
			'count'  => is_object( $result ) ? (int) $result->total : 0,
			'orders' => $orders,
		);
	}
}
