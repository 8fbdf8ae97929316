<?php
/**
 * "Send to <service> again": an order goes out once more, through the change log.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Feed\ChangeLog;

defined( 'ABSPATH' ) || exit;

/**
 * Resending is a change like any other: a `resent` row in the log, carrying the order's current status. So it is
 * delivered in order after the order's earlier changes, retried like them, and feed consumers see it too (a
 * service that pulls gets the order again on its next read). The connections that receive deliveries are woken
 * at once rather than at the next tick.
 */
final class Resend {

	/**
	 * Records a `resent` change for each order that exists and is not a draft.
	 *
	 * @param int[]       $order_ids  Order ids.
	 * @param string|null $connection Connection to wake; null: every connection that receives deliveries.
	 * @return int[] The ids that got a change.
	 */
	public static function orders( array $order_ids, ?string $connection = null ): array {
		$before = ChangeLog::head();
		$done   = array();
		foreach ( array_unique( array_map( 'intval', $order_ids ) ) as $order_id ) {
			$order = $order_id > 0 ? wc_get_order( $order_id ) : false;
			if ( ! $order instanceof \WC_Order || 'shop_order' !== $order->get_type() ) {
				continue;
			}
			$head = ChangeLog::head();
			ChangeLog::record_current( $order_id, 'resent' );
			if ( ChangeLog::head() > $head ) {
				$done[] = $order_id;
			}
		}
		if ( ChangeLog::head() > $before ) {
			foreach ( Dispatcher::delivering() as $record ) {
				if ( null === $connection || $record['id'] === $connection ) {
					Dispatcher::queue( (string) $record['id'] );
				}
			}
		}
		return $done;
	}
}
